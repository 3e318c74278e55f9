package main

import (
	"sort"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
)

// unreachedFindings counts the open findings the redaction policy would
// mask or remove but pack cannot: a value found in the text of an HTML
// page, a PDF or an Office document (pack masks only plain text files, at
// the finding's offsets), or in the metadata of a format it cannot rewrite.
// They stay open in the bundle, and pack says so once for each kind rather
// than once for each finding.
type unreachedFindings map[string]*unreached

type unreached struct {
	kind, action string
	count        int
	first        *detectors.Finding
	mediaType    string
}

// unreachedFinding is one finding of a file and the action pack could not
// carry out on it.
type unreachedFinding struct {
	f      *detectors.Finding
	action string
}

// add counts a kept file's unreached findings; an excluded file's do not
// reach the bundle, so they are not counted.
func (u unreachedFindings) add(missed []unreachedFinding, mediaType string) {
	for _, m := range missed {
		key := m.f.Kind + "\x00" + m.action
		x := u[key]
		if x == nil {
			x = &unreached{kind: m.f.Kind, action: m.action, first: m.f, mediaType: mediaType}
			u[key] = x
		}
		x.count++
	}
}

// warn gives b one note for each kind, in the order of the kinds' names.
func (u unreachedFindings) warn(b *bundleInputs) {
	keys := make([]string, 0, len(u))
	for k := range u {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		x := u[k]
		noun := manifest.Plural(x.count, "finding")
		b.warn("%d %s %s left open (first: %s, %s, finding %s): the redaction policy says %s, which pack cannot do there; "+
			"leave such files out with exclude, or accept the kind with keep",
			x.count, x.kind, noun, manifest.DisplayPath(x.first.Path), x.mediaType, x.first.ID, x.action)
	}
}

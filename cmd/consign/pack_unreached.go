package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
)

// unreachedFindings counts the open findings the redaction policy would
// mask or remove but pack cannot: a value found in the text of a PDF
// (pack masks text files and the text of Office and RTF documents, EPUB
// books and web pages, at the finding's offsets), or in the metadata of a
// format it cannot rewrite
// (manifest.RedactionInFile decides, for scan's verdict too). They stay
// open in the bundle, and pack says so once for each kind rather than once
// for each finding.
type unreachedFindings map[string]*unreached

type unreached struct {
	kind      string
	actions   []string // the actions pack could not carry out, sorted
	policyKey string   // the consign.yaml redaction key they came from; "" for the detectors' suggestions
	count     int
	first     *detectors.Finding
	mediaType string
}

// unreachedFinding is one finding of a file, the action pack could not
// carry out on it, and the redaction policy key that asked for it ("" when
// the action is the detector's suggestion).
type unreachedFinding struct {
	f         *detectors.Finding
	action    string
	policyKey string
}

// add counts a kept file's unreached findings; an excluded file's do not
// reach the bundle, so they are not counted.
func (u unreachedFindings) add(missed []unreachedFinding, mediaType string) {
	for _, m := range missed {
		x := u[m.f.Kind]
		if x == nil {
			// The policy resolves by kind: every finding of a kind gets
			// the same key, or none when the policy does not name it.
			x = &unreached{kind: m.f.Kind, policyKey: m.policyKey, first: m.f, mediaType: mediaType}
			u[m.f.Kind] = x
		}
		if i, found := slices.BinarySearch(x.actions, m.action); !found {
			x.actions = slices.Insert(x.actions, i, m.action)
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
		b.warn("%d %s %s left open (first: %s, %s, finding %s): %s, which pack cannot do there; "+
			"leave such files out with exclude, or accept the kind with keep",
			x.count, x.kind, noun, manifest.DisplayPath(x.first.Path), x.mediaType, x.first.ID, x.says())
	}
}

// says tells where the actions came from: a key of consign.yaml's
// redaction policy, or the detectors' suggestions for a kind the policy
// does not name.
func (x *unreached) says() string {
	actions := strings.Join(x.actions, " and ")
	switch x.policyKey {
	case "":
		return fmt.Sprintf("consign.yaml's redaction policy does not name %s, and the detectors that found it suggest %s", x.kind, actions)
	case "default":
		return fmt.Sprintf("consign.yaml's redaction policy says %s by default", actions)
	}
	return fmt.Sprintf("consign.yaml's redaction policy says %s for %s", actions, x.policyKey)
}

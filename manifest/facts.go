package manifest

import (
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// BundleFacts are what pack knows about the bundle it is writing that the
// records do not say. The generators read nothing else, so the same facts
// and records give the same bytes.
type BundleFacts struct {
	// Created is when the bundle was made: SOURCE_DATE_EPOCH when set.
	Created time.Time
	// ConsignVersion is the version of consign writing the bundle.
	ConsignVersion string
	// Files are the bundle files written before the metadata documents,
	// with bundle-relative paths: metadata/files.jsonl (required),
	// metadata/findings.jsonl, and the payload under data/.
	Files []BundleFile
	// Applied maps a finding id to the redaction pack applied to it in the
	// payload: mask, remove or exclude.
	Applied map[string]string
	// Excluded are the files pack left out of the payload, with the reason.
	Excluded []ExcludedFile

	// gathered keeps gather's totals for the next document: the documents
	// of one bundle describe the same profile, records and facts, and the
	// totals over every finding cost as much as writing a small document.
	// pack writes the documents concurrently: mu guards it.
	gathered *gathered
	mu       sync.Mutex
}

// gathered is gather's result and the inputs it was made from.
type gathered struct {
	p       *Profile
	recs    []*pipeline.Record
	applied int
	stats   *stats
}

// sameRecords reports whether a and b are the same slice.
func sameRecords(a, b []*pipeline.Record) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// BundleFile is one file in the bundle and its digest.
type BundleFile struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// ExcludedFile is a source file pack left out, and why.
type ExcludedFile struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
	// Findings are the file's findings: they stay on the redaction
	// checklist and in the RAI counts as excluded, although the file's
	// record leaves files.jsonl.
	Findings []detectors.Finding `json:"-"`
}

// Bundle paths of the metadata documents.
const (
	FilesJSONL    = "metadata/files.jsonl"
	FindingsJSONL = "metadata/findings.jsonl"
)

// ErrIncompleteProfile is returned by the generators when the profile has
// no catalog identifier: every document names the catalog by it.
var ErrIncompleteProfile = errors.New("consign.yaml is incomplete for a bundle")

// Missing lists the consign.yaml keys a bundle should have that p leaves
// empty: a creator, a title, the identifier and at least one permitted
// use. The generators need only the identifier; they write "not named",
// "untitled" and "no use offered" for the rest, so pack decides whether
// to warn or refuse.
func (p *Profile) Missing() []string {
	var out []string
	if p.Creator.Name == "" && p.Creator.Organisation == "" {
		out = append(out, "creator.name")
	}
	if p.Catalog.Title == "" {
		out = append(out, "catalog.title")
	}
	if p.Catalog.ExternalIdentifier == "" {
		out = append(out, "catalog.external_identifier")
	}
	if len(p.Licence.Uses) == 0 {
		out = append(out, "licence.uses")
	}
	return out
}

func checkComplete(p *Profile) error {
	if p.Catalog.ExternalIdentifier == "" {
		return fmt.Errorf("%w: set catalog.external_identifier", ErrIncompleteProfile)
	}
	return nil
}

// Finding statuses in the redaction checklist.
const (
	StatusOpen     = "open"     // nothing done yet: the creator must decide
	StatusApplied  = "applied"  // the bundle carries the redaction
	StatusAccepted = "accepted" // the policy keeps it as is
	StatusIgnored  = "ignored"  // the creator's ignore list dismissed it
)

// stats are the totals over a bundle's records that every document uses.
type stats struct {
	files, errors int
	bytes         int64
	byKind        map[string]int
	mediaTypes    map[string]map[string]int // kind -> media type -> files
	languages     map[string]int            // primary language -> files
	dateSources   map[string]int
	first, last   string // YYYY-MM-DD
	findings      []checkItem
	byFinding     map[string]int // finding kind -> count
	byStatus      map[string]int
	byAction      map[string]int
}

// checkItem is one finding with what the bundle does about it.
type checkItem struct {
	f      *detectors.Finding
	action string
	status string
}

// gather returns the totals the documents use, counted once for the
// documents of one bundle.
func gather(p *Profile, recs []*pipeline.Record, facts *BundleFacts) *stats {
	facts.mu.Lock()
	defer facts.mu.Unlock()
	if g := facts.gathered; g != nil && g.p == p && sameRecords(g.recs, recs) && g.applied == len(facts.Applied) {
		return g.stats
	}
	s := countRecords(p, recs, facts)
	facts.gathered = &gathered{p: p, recs: recs, applied: len(facts.Applied), stats: s}
	return s
}

// Gather counts what the documents describing one bundle share (kinds,
// dates, languages, the redaction checklist), as each document would on
// its own; they then take the counts made. A caller that has a core to
// spare before it writes them can so have the counting done there.
func Gather(p *Profile, recs []*pipeline.Record, facts *BundleFacts) {
	gather(p, recs, facts)
}

// countRecords makes the totals gather returns.
func countRecords(p *Profile, recs []*pipeline.Record, facts *BundleFacts) *stats {
	n := 0
	for _, r := range recs {
		n += len(r.Findings)
	}
	for _, x := range facts.Excluded {
		n += len(x.Findings)
	}
	s := &stats{
		byKind: map[string]int{}, mediaTypes: map[string]map[string]int{},
		languages: map[string]int{}, dateSources: map[string]int{},
		byFinding: map[string]int{}, byStatus: map[string]int{}, byAction: map[string]int{},
		findings: make([]checkItem, 0, n), // one allocation, not a doubling past tens of thousands
	}
	for _, r := range recs {
		s.files++
		s.bytes += r.Size
		kind := r.Kind
		if kind == "" {
			kind = "other"
		}
		s.byKind[kind]++
		if r.MediaType != "" {
			if s.mediaTypes[kind] == nil {
				s.mediaTypes[kind] = map[string]int{}
			}
			s.mediaTypes[kind][r.MediaType]++
		}
		if len(r.Languages) > 0 {
			s.languages[r.Languages[0].Code]++
		}
		if r.Error != "" {
			s.errors++
		}
		if d := r.ContentDate; d != nil && isDay(d.Value) {
			day := d.Value[:10]
			s.dateSources[dateSourceClass(d.Source)]++
			if s.first == "" || day < s.first {
				s.first = day
			}
			if day > s.last {
				s.last = day
			}
		}
		s.countFindings(p, r.Findings, facts)
	}
	for _, x := range facts.Excluded {
		s.countFindings(p, x.Findings, facts)
	}
	if len(facts.Excluded) > 0 {
		// Back in path order, each file's findings still side by side:
		// the records came sorted by path, the excluded files after them.
		sort.SliceStable(s.findings, func(i, j int) bool { return s.findings[i].f.Path < s.findings[j].f.Path })
	}
	return s
}

// countFindings puts fs on the checklist, with what the bundle does about
// each.
func (s *stats) countFindings(p *Profile, fs []detectors.Finding, facts *BundleFacts) {
	for i := range fs {
		f := &fs[i]
		item := checkItem{f: f, action: p.RedactionAction(f.Kind, f.Action)}
		switch applied := facts.Applied[f.ID]; {
		case f.Status == StatusIgnored:
			item.status = StatusIgnored
		case applied != "":
			item.action, item.status = applied, StatusApplied
		case item.action == RedactKeep:
			item.status = StatusAccepted
		default:
			item.status = StatusOpen
		}
		s.findings = append(s.findings, item)
		s.byFinding[f.Kind]++
		s.byStatus[item.status]++
		if item.status == StatusApplied {
			s.byAction[item.action]++
		}
	}
}

// isDay reports whether v starts with a YYYY-MM-DD date.
func isDay(v string) bool {
	if len(v) < 10 {
		return false
	}
	_, err := time.Parse("2006-01-02", v[:10])
	return err == nil
}

// sortedKeys returns m's keys in byte order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// primaryLanguages returns the languages that lead at least one file, most
// files first.
func (s *stats) primaryLanguages() []string {
	langs := sortedKeys(s.languages)
	sort.SliceStable(langs, func(i, j int) bool { return s.languages[langs[i]] > s.languages[langs[j]] })
	return langs
}

// file returns the bundle file at path, if pack listed it.
func (f *BundleFacts) file(path string) (BundleFile, bool) {
	for _, bf := range f.Files {
		if bf.Path == path {
			return bf, true
		}
	}
	return BundleFile{}, false
}

// created is the creation time in UTC, to the second.
func (f *BundleFacts) created() string {
	return f.Created.UTC().Format(time.RFC3339)
}

// catalogVersion is the edition, 1.0.0 when consign.yaml does not say.
func catalogVersion(p *Profile) string {
	if p.Catalog.Version != "" {
		return p.Catalog.Version
	}
	return "1.0.0"
}

// issuer is who offers the catalog: the creator's name, else the
// organisation.
func issuer(p *Profile) string {
	switch {
	case p.Creator.Name != "":
		return p.Creator.Name
	case p.Creator.Organisation != "":
		return p.Creator.Organisation
	}
	return "the creator (not named in consign.yaml)"
}

// title is the catalog's title, or says there is none.
func title(p *Profile) string {
	if p.Catalog.Title != "" {
		return p.Catalog.Title
	}
	return "Untitled catalog by " + issuer(p)
}

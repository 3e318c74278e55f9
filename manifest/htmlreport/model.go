package htmlreport

import (
	"sort"
	"strings"
	"time"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
)

// MaxRows caps the rows of the redaction checklist and of the exclusion
// list: the page stays printable, and memory stays flat however many
// findings a catalog has. The rest are counted in a closing note.
const MaxRows = 500

// Source says what the page describes.
type Source struct {
	// Name is the folder or bundle as the user gave it.
	Name string
	// Bundle is true for a bundle made by consign pack.
	Bundle bool
	// Signed is true when the bundle carries its signed provenance
	// statement (provenance/bag.intoto.jsonl): every file in it is then
	// covered by provenance.
	Signed bool
	// Created is when the bundle was made; zero for a folder.
	Created time.Time
}

// Builder gathers the page's model from records given one at a time, in
// path order, keeping counts and capped lists only.
type Builder struct {
	profile *manifest.Profile
	src     Source

	files, unreadable int
	bytes             int64
	byKind            map[string]int
	byYear            map[string]int
	byLang            map[string]int
	newest            string
	parts             partCounts

	rows     []Row
	rowsMore int
	moreOpen int
	byStatus map[string]int

	excluded     []Exclusion
	excludedMore int
}

// NewBuilder starts a model for the catalog p describes.
func NewBuilder(p *manifest.Profile, src Source) *Builder {
	if p == nil {
		p = &manifest.Profile{}
	}
	return &Builder{
		profile: p, src: src,
		byKind: map[string]int{}, byYear: map[string]int{}, byLang: map[string]int{},
		byStatus: map[string]int{},
	}
}

// Row is one finding of the redaction checklist.
type Row struct {
	Path, Where, Kind, Category, Severity, Excerpt, Action, Status, Note string
}

// Exclusion is a file to leave out of a sale, and why.
type Exclusion struct {
	Path, Reason string
}

// Add counts one record and its findings (rec.Findings).
func (b *Builder) Add(rec *pipeline.Record) {
	b.files++
	b.bytes += rec.Size
	kind := rec.Kind
	if kind == "" {
		kind = "other"
	}
	b.byKind[kind]++
	if rec.Error != "" {
		b.unreadable++
	}
	if d := rec.ContentDate; d != nil && len(d.Value) >= 10 {
		if year := d.Value[:4]; isDigits(year) {
			b.byYear[year]++
		}
		if d.Value[:10] > b.newest {
			b.newest = d.Value[:10]
		}
	}
	if len(rec.Languages) > 0 {
		b.byLang[rec.Languages[0].Code]++
	}
	file := b.parts.add(rec, b.src.Signed)
	exclude := ""
	for i := range rec.Findings {
		f := &rec.Findings[i]
		status, action := b.resolve(f)
		b.addRow(f, status, action)
		if status != manifest.StatusOpen || f.Kind == detectors.KindSelf {
			continue
		}
		file.openFinding(f)
		if action == manifest.RedactExclude && exclude == "" {
			exclude = f.Kind + " finding: the redaction policy excludes the file"
		}
	}
	b.parts.close(file)
	if exclude == "" {
		exclude = recordExclusion(rec)
	}
	if exclude != "" {
		b.Exclude(rec.Path, exclude)
	}
}

// AddFindings puts findings on the checklist whose file has no record,
// such as those of files pack left out of a bundle.
func (b *Builder) AddFindings(fs []detectors.Finding) {
	for i := range fs {
		status, action := b.resolve(&fs[i])
		b.addRow(&fs[i], status, action)
	}
}

// Exclude lists a file to leave out, with the reason.
func (b *Builder) Exclude(path, reason string) {
	if len(b.excluded) >= MaxRows {
		b.excludedMore++
		return
	}
	b.excluded = append(b.excluded, Exclusion{Path: path, Reason: reason})
}

// resolve gives a finding's checklist status and action as the bundle's
// content profile does: ignored by the creator, applied by pack, accepted
// by a "keep" policy, or open.
func (b *Builder) resolve(f *detectors.Finding) (status, action string) {
	action = b.profile.RedactionAction(f.Kind, f.Action)
	switch {
	case f.Status == detectors.StatusIgnored:
		return manifest.StatusIgnored, action
	case f.Redaction != "":
		return manifest.StatusApplied, f.Redaction
	case action == manifest.RedactKeep:
		return manifest.StatusAccepted, action
	}
	return manifest.StatusOpen, action
}

func (b *Builder) addRow(f *detectors.Finding, status, action string) {
	b.byStatus[status]++
	if len(b.rows) >= MaxRows {
		b.rowsMore++
		if status == manifest.StatusOpen {
			b.moreOpen++
		}
		return
	}
	note := f.Reason
	if f.Kind == detectors.KindSelf {
		note = "the creator's own details"
	}
	b.rows = append(b.rows, Row{
		Path: f.Path, Where: where(f.Location), Kind: f.Kind, Category: f.Category,
		Severity: f.Severity, Excerpt: f.Excerpt, Action: action, Status: status, Note: note,
	})
}

// where names a finding's place in its file: the metadata field, or the
// line and column, or the part of a container.
func where(l detectors.Location) string {
	var parts []string
	if l.Field != "" {
		parts = append(parts, l.Field)
	}
	if l.Part != "" {
		parts = append(parts, l.Part)
	}
	if l.Line > 0 {
		parts = append(parts, "line "+itoa(l.Line))
	}
	if len(parts) == 0 {
		return l.In
	}
	return strings.Join(parts, ", ")
}

// recordExclusion is why a record's own signals rule the file out of a
// sale for AI training, or "".
func recordExclusion(rec *pipeline.Record) string {
	if rec.Error != "" {
		return "could not be fully read: " + rec.Error
	}
	if r := rec.Rights; r != nil {
		switch {
		case noTraining(r):
			return "marked not for AI training (" + trainingSignal(r) + ")"
		case r.Owner == detectors.OwnerThirdParty:
			return "its rights statement names someone else: " + r.Copyright
		}
	}
	return ""
}

// noTraining reports whether a file's metadata reserves it from text and
// data mining or AI training.
func noTraining(r *detectors.Rights) bool {
	return strings.HasPrefix(r.DataMining, "DMI-PROHIBITED") || (r.TDMReservation != nil && *r.TDMReservation == 1)
}

func trainingSignal(r *detectors.Rights) string {
	if r.DataMining != "" {
		return "data mining: " + r.DataMining
	}
	return "TDM reservation"
}

// counts returns m as name/value pairs, largest first, then by name.
func counts(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for k, v := range m {
		out = append(out, Count{Name: k, N: v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// Count is a name and how many.
type Count struct {
	Name string
	N    int
}

func isDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

package htmlreport

import (
	"math"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// Weights of the readiness score's parts; they add up to 100. Clean rights
// and personal data weigh most: a buyer cannot train on a file with either
// problem, while a missing date or language only lowers its value.
const (
	WeightDated      = 20
	WeightLanguage   = 15
	WeightPII        = 25
	WeightRights     = 25
	WeightProvenance = 15
)

// Score is the marketplace-readiness score: the weighted sum of five
// shares, 0 to 100.
type Score struct {
	Total int
	Parts []Part
}

// Part is one share of the score.
type Part struct {
	Name       string
	Definition string
	Weight     int
	Have, Of   int
	// Percent is Have/Of as a whole percentage; a part that applies to no
	// file of a catalog counts as complete, and an empty catalog scores 0.
	Percent int
	// Points is what the part adds to the total, with one decimal.
	Points string
}

// partCounts are the tallies the score is computed from.
type partCounts struct {
	files, dated, textual, withLang, piiClear, rightsClear, proven int
}

// fileState is what one file contributes while its findings are read.
type fileState struct {
	pii, rights, proven bool
}

// add counts what a record says by itself and returns its state for the
// findings to update.
func (p *partCounts) add(rec *pipeline.Record, signed bool) *fileState {
	p.files++
	if d := rec.ContentDate; d != nil && d.Source != "mtime" {
		p.dated++
	}
	if rec.Kind == "text" || rec.Kind == "document" {
		p.textual++
		if len(rec.Languages) > 0 {
			p.withLang++
		}
	}
	st := &fileState{proven: signed}
	if r := rec.Rights; r != nil {
		st.rights = noTraining(r) || r.Owner == detectors.OwnerThirdParty
		st.proven = st.proven || r.C2PA
	}
	for i := range rec.Findings {
		// The creator's own name in the file's metadata records authorship.
		f := &rec.Findings[i]
		if f.Kind == detectors.KindSelf && f.Location.In == detectors.InMetadata {
			st.proven = true
		}
	}
	return st
}

// openFinding marks the file by an open finding that is not the creator's
// own details.
func (s *fileState) openFinding(f *detectors.Finding) {
	switch f.Category {
	case detectors.CategoryPII, detectors.CategorySecret:
		s.pii = true
	case detectors.CategoryRights, detectors.CategoryThirdParty:
		if detectors.AtLeast(f.Severity, detectors.SeverityLow) {
			s.rights = true
		}
	}
}

func (p *partCounts) close(s *fileState) {
	if !s.pii {
		p.piiClear++
	}
	if !s.rights {
		p.rightsClear++
	}
	if s.proven {
		p.proven++
	}
}

// score turns the tallies into the score and its parts.
func (p *partCounts) score() Score {
	parts := []Part{
		{Name: "Reliable content date", Weight: WeightDated, Have: p.dated, Of: p.files,
			Definition: "files whose content date comes from the file itself (embedded metadata, front matter or file name), not from the file system's modification time"},
		{Name: "Language", Weight: WeightLanguage, Have: p.withLang, Of: p.textual,
			Definition: "text and document files with a detected language"},
		{Name: "Clear of open personal data", Weight: WeightPII, Have: p.piiClear, Of: p.files,
			Definition: "files with no open personal-data or secret finding (the creator's own details, ignored, accepted and redacted findings do not count)"},
		{Name: "Clear of rights problems", Weight: WeightRights, Have: p.rightsClear, Of: p.files,
			Definition: "files not marked \"no AI training\" (IPTC data mining, TDM reservation), not owned by someone else, and with no open rights or third-party finding of low severity or above"},
		{Name: "Provenance", Weight: WeightProvenance, Have: p.proven, Of: p.files,
			Definition: "files covered by the bundle's signed provenance statement, carrying C2PA content credentials, or naming the creator in their metadata"},
	}
	var total float64
	for i := range parts {
		share := 0.0
		switch {
		case parts[i].Of > 0:
			share = float64(parts[i].Have) / float64(parts[i].Of)
		case p.files > 0:
			share = 1 // the part applies to none of the files
		}
		points := share * float64(parts[i].Weight)
		total += points
		parts[i].Percent = int(math.Floor(share*100 + 0.5))
		parts[i].Points = formatTenths(points)
	}
	return Score{Total: int(math.Floor(total + 0.5)), Parts: parts}
}

// formatTenths writes v with one decimal, without locale or float noise.
func formatTenths(v float64) string {
	t := int(math.Floor(v*10 + 0.5))
	return itoa(t/10) + "." + itoa(t%10)
}

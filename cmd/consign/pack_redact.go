package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/manifest/bagit"
	"github.com/consignhq/consign/manifest/redact"
	"github.com/consignhq/consign/pipeline"
	"github.com/consignhq/consign/pipeline/catalog"
	"github.com/consignhq/consign/pipeline/extract"
)

// Redactions pack applies, as findings.jsonl's "redaction" says.
const (
	redactedMasked   = "mask"
	redactedRemoved  = "remove"
	redactedExcluded = "exclude"
)

// filePlan is what pack does to one file before it goes into the payload.
type filePlan struct {
	exclude string // why the file is left out; empty to keep it
	strip   redact.Strip
	ranges  []redact.Range
	applied map[string]string // finding id -> redaction, until planRedactions gives it to the findings
}

// planRedactions applies consign.yaml's redaction policy to every open
// finding: the file is left out, its metadata fields are removed, or the
// values in its text are masked. A finding whose action pack cannot carry
// out in this file stays open, and pack says so. Findings get their
// "redaction", so the bundle's findings.jsonl says what was done to each.
func planRedactions(b *bundleInputs) map[string]*filePlan {
	plans := map[string]*filePlan{}
	unreached := unreachedFindings{}
	defer unreached.warn(b)
	findings := findingIndexes(b.Records, b.Findings)
	for r, rec := range b.Records {
		at := findings(r)
		if len(at) == 0 {
			continue // nothing to redact: most files of a large folder
		}
		plan := &filePlan{applied: map[string]string{}}
		var missed []unreachedFinding
		for _, i := range at {
			f := &b.Findings[i]
			if f.Status != detectors.StatusOpen {
				continue
			}
			action, policyKey := b.Profile.RedactionRule(f.Kind, f.Action)
			switch action {
			case manifest.RedactExclude:
				if plan.exclude == "" {
					plan.exclude = fmt.Sprintf("%s finding %s: the redaction policy excludes the file", f.Kind, f.ID)
				}
			case manifest.RedactRemove, manifest.RedactMask:
				// Both keep the value out of the copy: a metadata field is
				// stripped and a text range masked, whichever the policy
				// names, since only one of them fits a given finding.
				how, ok := manifest.RedactionInFile(f, rec.MediaType)
				switch {
				case !ok:
					missed = append(missed, unreachedFinding{f, action, policyKey})
				case how.Mask:
					plan.ranges = append(plan.ranges, redact.Range{Start: f.Location.Start, End: f.Location.End})
					plan.applied[f.ID] = redactedMasked
				case len(how.Strip.Text) > 0:
					if plan.strip.Text == nil {
						plan.strip.Text = map[string][]redact.Range{}
					}
					for part, rs := range how.Strip.Text {
						plan.strip.Text[part] = append(plan.strip.Text[part], rs...)
					}
					plan.applied[f.ID] = redactedMasked
				default:
					plan.strip.GPS = plan.strip.GPS || how.Strip.GPS
					plan.strip.Serials = plan.strip.Serials || how.Strip.Serials
					plan.strip.Owner = plan.strip.Owner || how.Strip.Owner
					for _, field := range how.Strip.Fields {
						if !slices.Contains(plan.strip.Fields, field) {
							plan.strip.Fields = append(plan.strip.Fields, field)
						}
					}
					plan.applied[f.ID] = redactedRemoved
				}
			}
		}
		if plan.exclude == "" {
			unreached.add(missed, rec.MediaType)
		} else {
			for _, i := range at {
				plan.applied[b.Findings[i].ID] = redactedExcluded
			}
		}
		if plan.exclude != "" || len(plan.applied) > 0 {
			plans[rec.Path] = plan
			for _, i := range at {
				b.Findings[i].Redaction = plan.applied[b.Findings[i].ID]
			}
		}
		// The findings say it now; a map for each file with findings
		// would stay until the bundle is written.
		plan.applied = nil
	}
	return plans
}

// findingIndexes gives, for the record at index r of records, the
// indexes in all of its findings. A scan gives the findings in the order
// of its records, sorted by path, so a walk along both finds each
// record's findings side by side; when that walk leaves findings behind
// (a symbolic link's, left out of records, or findings in another
// order), they are gathered by path.
func findingIndexes(records []*pipeline.Record, all []detectors.Finding) func(r int) []int {
	spans := make([][2]int, len(records))
	j := 0
	for r, rec := range records {
		start := j
		for j < len(all) && all[j].Path == rec.Path {
			j++
		}
		spans[r] = [2]int{start, j}
	}
	if j == len(all) {
		var at []int
		return func(r int) []int {
			at = at[:0]
			for i := spans[r][0]; i < spans[r][1]; i++ {
				at = append(at, i)
			}
			return at
		}
	}
	byPath := map[string][]int{}
	for i, f := range all {
		byPath[f.Path] = append(byPath[f.Path], i)
	}
	return func(r int) []int { return byPath[records[r].Path] }
}

// policyAtPack says, by finding id, what a pack of records would do to
// their open findings by the profile's redaction policy: the redaction
// planRedactions can carry out, or "keep" for a kind the policy accepts.
// status shows it, so that a finding pack will handle is not mistaken for
// one that blocks it.
func policyAtPack(profile *manifest.Profile, records []*pipeline.Record) map[string]string {
	if profile == nil {
		profile = &manifest.Profile{}
	}
	b := &bundleInputs{Profile: profile, Records: records}
	n := 0
	for _, rec := range records {
		n += len(rec.Findings)
	}
	// One copy of every finding, made to size: grown by appending, the
	// copies were most of status's own CPU on a large folder.
	b.Findings = make([]detectors.Finding, 0, n)
	for _, rec := range records {
		b.Findings = append(b.Findings, rec.Findings...)
	}
	planRedactions(b)
	out := map[string]string{}
	for _, f := range b.Findings {
		switch {
		case f.Status != detectors.StatusOpen || f.Kind == detectors.KindSelf:
		case f.Redaction != "":
			out[f.ID] = f.Redaction
		case profile.RedactionAction(f.Kind, f.Action) == manifest.RedactKeep:
			out[f.ID] = manifest.RedactKeep
		}
	}
	return out
}

// redactCopy is the payload writer for files with a plan: it leaves
// excluded files out and writes redacted copies of the others. The
// original is never touched; the record then describes the copy, and
// keeps the original's digest in "redaction".
func redactCopy(ctx context.Context, bag *bagit.Writer, b *bundleInputs, rec *pipeline.Record) (bool, error) {
	plan := b.Plans[rec.Path]
	switch {
	case plan == nil:
		return false, nil
	case plan.exclude != "":
		return true, nil
	}
	if reused, err := reuseCopy(bag, b, rec, plan); reused || err != nil {
		return true, err
	}
	src, err := os.Open(filepath.Join(b.Root, filepath.FromSlash(rec.Path)))
	if err != nil {
		return true, fmt.Errorf("open for redaction: %w", err)
	}
	defer src.Close()
	if b.Trusted {
		// Shards were made by another process, maybe long ago: their
		// offsets and findings are of the file as it was read then.
		if sum, err := fileSHA256(src); err != nil {
			return true, fmt.Errorf("read for redaction: %w", err)
		} else if sum != rec.SHA256 {
			return true, fmt.Errorf("%s is not the file the scan shards describe: scan again", manifest.DisplayPath(rec.Path))
		}
	}
	pr, pw := io.Pipe()
	var report redact.Report
	go func() {
		var err error
		if len(plan.ranges) > 0 && plan.strip.Empty() {
			report, err = redact.Text(pw, src, plan.ranges)
		} else {
			// A track file's positions go with its field, and its text is
			// masked in the same pass.
			report, err = redact.Metadata(pw, src, rec.Size, rec.MediaType, plan.strip, plan.ranges...)
		}
		if err != nil {
			err = &redactError{err}
		}
		pw.CloseWithError(err)
	}()
	if err := bag.AddFile(rec.Path, pr); err != nil {
		pr.CloseWithError(err)
		if re := (*redactError)(nil); errors.As(err, &re) {
			// The file itself is at fault (a damaged JPEG segment): say
			// so and what the creator can do, not how the write failed.
			return true, usagef("it cannot be redacted safely (%v), and it is not shipped unredacted: "+
				"repair it, or leave it out with --exclude %q or consign.yaml's exclude:", re.err, rec.Path)
		}
		return true, fmt.Errorf("redact: %w", err)
	}
	sums, err := bag.Sums(rec.Path)
	if err != nil {
		return true, fmt.Errorf("redact: %w", err)
	}
	b.redacted(rec, plan, copyRecipe(rec, plan), report, nil, sums, nil)
	return true, nil
}

// fileSHA256 is the hex SHA-256 of all of f, read without moving its
// offset.
func fileSHA256(f *os.File) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, math.MaxInt64)); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// redacted makes rec describe its redacted copy, made by recipe, which
// keeps the original's digest in "redaction", and notes the copy for the
// next pack. reportJSON is report as the catalog holds it, when the copy
// was taken from the last bundle, nil for a copy made now.
func (b *bundleInputs) redacted(rec *pipeline.Record, plan *filePlan, recipe string, report redact.Report, reportJSON []byte, sums bagit.Sums, stat *catalog.Stat) {
	dropStrippedTags(rec, plan.strip)
	rec.Redaction = &pipeline.Redaction{OriginalSHA256: rec.SHA256, OriginalSize: rec.Size, Applied: report.Applied, Kept: report.Kept}
	rec.SHA256, rec.Size = sums.SHA256, sums.Size
	if len(report.Kept) > 0 {
		b.warn("%s: redacted, but kept: %s", manifest.DisplayPath(rec.Path), strings.Join(report.Kept, "; "))
		b.unredact(rec.Path, func(f *detectors.Finding) bool {
			return f.Location.In == detectors.InMetadata && keptMakerNote(report.Kept, f.Location.Field)
		})
	}
	for _, field := range plan.strip.Fields {
		// The field was read where the redactor does not look, or in XMP
		// it could not parse (Kept says so, and was told above): the
		// copy still holds it.
		if !report.Removed(field) {
			if !slices.ContainsFunc(report.Kept, func(k string) bool { return strings.HasPrefix(k, field+" kept") }) {
				b.warn("%s: %s was not found where pack removes it, and stays in the copy", manifest.DisplayPath(rec.Path), field)
			}
			b.unredact(rec.Path, func(f *detectors.Finding) bool {
				return f.Location.In == detectors.InMetadata && f.Location.Field == field
			})
		}
	}
	for part, rs := range plan.strip.Text {
		for _, r := range rs {
			// Kept says why (and was told above): the part's text could
			// not be traced to its bytes.
			if !report.Masked(part, r) {
				b.unredact(rec.Path, func(f *detectors.Finding) bool {
					return f.Location.In == detectors.InText && f.Location.Part == part && f.Location.Start == r.Start && f.Location.End == r.End
				})
			}
		}
	}
	b.mu.Lock()
	b.made = append(b.made, madeCopy{path: rec.Path, recipe: recipe, sums: sums, report: report, reportJSON: reportJSON, stat: stat})
	b.mu.Unlock()
}

// dropStrippedTags takes out of a redacted copy's record the tags whose
// metadata the copy no longer has.
func dropStrippedTags(rec *pipeline.Record, s redact.Strip) {
	var gone []string
	if s.GPS {
		gone = append(gone, "gps_latitude", "gps_longitude", "gps_altitude")
	}
	if s.Serials {
		gone = append(gone, "body_serial", "lens_serial")
	}
	if s.Owner {
		gone = append(gone, "owner_name")
	}
	for _, field := range s.Fields {
		gone = append(gone, extract.TagsOfField(field)...)
	}
	for _, k := range gone {
		delete(rec.Tags, k)
	}
}

// keptMakerNote reports whether the redaction left field, read from a
// maker note, in place: the whole note (a raw file's note that could not
// be walked, a CR3's) or that value (a Nikon serial number).
func keptMakerNote(kept []string, field string) bool {
	if !strings.HasPrefix(field, "makernote:") {
		return false
	}
	for _, k := range kept {
		if strings.HasPrefix(k, field+" kept") {
			return true
		}
		if !strings.HasPrefix(k, "makernote:") && strings.Contains(strings.ReplaceAll(strings.ToLower(k), " ", ""), "makernote") {
			return true
		}
	}
	return false
}

// unredact marks the findings of path that match accepts as not
// redacted after all: the copy still holds them.
func (b *bundleInputs) unredact(path string, match func(*detectors.Finding) bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i := range b.Findings {
		f := &b.Findings[i]
		if f.Path == path && match(f) {
			f.Redaction = ""
		}
	}
}

// redactError marks a failure of the redaction itself, as opposed to one
// of writing the bundle.
type redactError struct{ err error }

func (e *redactError) Error() string { return e.err.Error() }
func (e *redactError) Unwrap() error { return e.err }

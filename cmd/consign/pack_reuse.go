package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path/filepath"

	gojson "github.com/goccy/go-json"
	"golang.org/x/text/unicode/norm"

	"github.com/consignhq/consign/manifest/bagit"
	"github.com/consignhq/consign/manifest/redact"
	"github.com/consignhq/consign/pipeline"
	"github.com/consignhq/consign/pipeline/catalog"
)

// madeCopy is a redacted copy in the bundle being built.
type madeCopy struct {
	path       string
	recipe     string
	sums       bagit.Sums
	report     redact.Report
	reportJSON []byte // report encoded, when the catalog had it already
	// stat is the copy's stat fingerprint in the bundle, when known
	// without looking (a copy kept in place); else recordCopies reads it.
	stat *catalog.Stat
}

// copyRecipe names everything a redacted copy's bytes and report depend
// on: the original's content, its media type, what is removed or masked,
// and the redaction code. The same recipe makes the same copy, so a copy
// with it can be taken from the last bundle; anything else (an edit, a new
// policy in consign.yaml, a finding ignored, a new consign) changes it.
func copyRecipe(rec *pipeline.Record, plan *filePlan) string {
	b, _ := gojson.Marshal(recipeOf(rec, plan))
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// recipe is what copyRecipe encodes and hashes. Its encoding is the one
// earlier packs stored in the catalog, made with encoding/json.
type recipe struct {
	Version   string
	SHA256    string
	Size      int64
	MediaType string
	Strip     redact.Strip
	Ranges    []redact.Range
}

// recipeOf is the recipe of rec's copy under plan.
func recipeOf(rec *pipeline.Record, plan *filePlan) recipe {
	return recipe{redact.Version, rec.SHA256, rec.Size, rec.MediaType, plan.strip, plan.ranges}
}

// readCopies starts reading the redacted copies the last pack recorded
// into b.copies, once, and waitCopies waits for it. Pack starts it with
// the scan, which leaves part of a core idle, and waits for it before it
// plans the redactions: read after the scan, on its own, it kept a repack
// of 20,000 files on one core for some 15 ms. A catalog that cannot be
// read leaves b.copies empty, and every copy is made again.
func (b *bundleInputs) readCopies(ctx context.Context) {
	if b.Catalog == nil || b.copiesRead != nil {
		return
	}
	done := make(chan struct{})
	b.copiesRead = done
	go func() {
		defer close(done)
		b.copies, _ = b.Catalog.Copies(ctx)
	}()
}

// waitCopies waits for readCopies, when it was started.
func (b *bundleInputs) waitCopies() {
	if b.copiesRead != nil {
		<-b.copiesRead
	}
}

// reuseCopy links rec's redacted copy from the bundle pack replaces when
// that bundle holds one made by the same recipe and untouched since. It
// reports false when the copy must be made.
func reuseCopy(bag *bagit.Writer, b *bundleInputs, rec *pipeline.Record, plan *filePlan) (bool, error) {
	prev, ok := b.copies[rec.Path]
	if !ok || b.Out == "" {
		return false, nil
	}
	recipe := copyRecipe(rec, plan)
	if prev.Recipe != recipe {
		return false, nil
	}
	var report redact.Report
	if gojson.Unmarshal(prev.Report, &report) != nil {
		return false, nil
	}
	src := filepath.Join(b.Out, "data", filepath.FromSlash(norm.NFC.String(rec.Path)))
	sums := bagit.Sums{Size: prev.Stat.Size, SHA256: prev.SHA256, SHA512: prev.SHA512}
	unchanged := func(info fs.FileInfo) bool { return pipeline.StatOf(info) == prev.Stat }
	linked, err := bag.LinkIf(rec.Path, src, sums, unchanged)
	if err != nil || !linked {
		return false, err
	}
	var stat *catalog.Stat
	if bag.Kept(rec.Path) {
		// Kept in the folder the last pack left (pack_next.go): no link
		// was made or removed, so the copy's stat is the one recorded.
		stat = &prev.Stat
	}
	b.redacted(rec, plan, recipe, report, prev.Report, sums, stat)
	return true, nil
}

// recordCopies notes the redacted copies of the bundle now at out, with
// their stat fingerprints there, for the next pack to take.
func recordCopies(ctx context.Context, b *bundleInputs, out string) error {
	copies := make([]catalog.Copy, 0, len(b.made))
	var d dirLstat
	defer d.close()
	for _, m := range b.made {
		var st catalog.Stat
		if m.stat != nil {
			st = *m.stat
		} else {
			info, err := d.lstat(filepath.Join(out, "data", filepath.FromSlash(norm.NFC.String(m.path))))
			if err != nil {
				continue // not there: the next pack makes it again
			}
			st = pipeline.StatOf(info)
		}
		report := m.reportJSON
		if report == nil {
			var err error
			if report, err = gojson.Marshal(m.report); err != nil {
				return fmt.Errorf("record the copy of %s: %w", m.path, err)
			}
		}
		copies = append(copies, catalog.Copy{Path: m.path, Recipe: m.recipe, Stat: st, SHA256: m.sums.SHA256, SHA512: m.sums.SHA512, Report: report})
	}
	return b.Catalog.SetCopies(ctx, copies, b.copies)
}

package main

import (
	"context"
	"os"
	"path/filepath"
	"time"

	gojson "github.com/goccy/go-json"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
	"github.com/consignhq/consign/pipeline/catalog"
)

// recordPack notes in the catalog what this pack held, for consign status:
// every scanned file with its original digest and findings, the ones the
// policy left out included. out is the bundle's full path: status runs
// from anywhere, where a relative one would name another folder.
func recordPack(ctx context.Context, b *bundleInputs, scanned []*pipeline.Record, out string) error {
	if b.Catalog == nil {
		return nil
	}
	byPath := map[string][]detectors.Finding{}
	for _, f := range b.Findings {
		byPath[f.Path] = append(byPath[f.Path], f)
	}
	p := catalog.Pack{BundleID: b.Identifier, Created: b.Date.UTC().Format(time.RFC3339), Output: out}
	for _, rec := range scanned {
		sum := rec.SHA256
		if rec.Redaction != nil {
			sum = rec.Redaction.OriginalSHA256
		}
		// goccy/go-json encodes the findings as encoding/json does
		// (TestPackFindingsJSONAsEncodingJSON) in under half the time: a
		// repack of 20,000 generated files spent 0.13 s of CPU here, now
		// 0.06 s.
		findings, err := gojson.Marshal(byPath[rec.Path])
		if err != nil {
			return err
		}
		p.Files = append(p.Files, catalog.PackFile{Path: rec.Path, SHA256: sum, Findings: findings})
	}
	if err := b.Catalog.AddPack(ctx, p); err != nil {
		return err
	}
	// The copies' and originals' change times move until the old
	// bundle's links are gone.
	b.oldGone()
	if err := recordCopies(ctx, b, out); err != nil {
		return err
	}
	if b.Trusted {
		// The records of scan shards carry no stat fingerprint to compare.
		return nil
	}
	// Linking the originals into the bundle, and removing the bundle it
	// replaced, changed their inodes' change times but not their content.
	// Every file whose size, mtime and inode are still the scan's is
	// given, moved or not (left out, or in the bundle as a redacted copy),
	// so that the moves recorded by the packs before stay for it.
	relinked := make([]catalog.Relinked, 0, len(scanned))
	for _, rec := range scanned {
		if rec.RawPath != "" {
			continue
		}
		info, err := os.Lstat(filepath.Join(b.Root, filepath.FromSlash(rec.Path)))
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		st := pipeline.StatOf(info)
		if st.Size == rec.Stat.Size && st.MtimeNS == rec.Stat.MtimeNS && st.Inode == rec.Stat.Inode {
			relinked = append(relinked, catalog.Relinked{Path: rec.Path, Was: rec.Stat, CtimeNS: st.CtimeNS})
		}
	}
	return b.Catalog.RefreshCtimes(ctx, relinked)
}

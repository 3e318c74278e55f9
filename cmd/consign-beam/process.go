package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/manifest/bagit"
	"github.com/consignhq/consign/pipeline"
)

// line is one or more complete output lines about the file at Path, which
// the shard writers order by.
type line struct {
	Path string
	Text string
}

// processFn makes one file's record as consign scan does and emits its
// "file" line, its "finding" lines, its SHA-512 manifest line, its share
// of the summary, and, for a file the scan would leave out, the entry that
// excluded it.
type processFn struct {
	Settings Settings `json:"settings"`

	proc *pipeline.FileProcessor
	fsys filesystem.Interface // the root's object store; nil for a local root
}

// Setup prepares the scan once per worker instance, and the client of the
// object store, which is costly to make for every file.
func (fn *processFn) Setup(ctx context.Context) error {
	opts, err := fn.Settings.options()
	if err != nil {
		return err
	}
	fn.proc = pipeline.NewFileProcessor(opts)
	if isRemote(fn.Settings.Root) {
		fn.fsys, err = filesystem.New(ctx, fn.Settings.Root)
	}
	return err
}

// Teardown closes the object store's client.
func (fn *processFn) Teardown() error {
	if fn.fsys == nil {
		return nil
	}
	return fn.fsys.Close()
}

// ProcessElement handles the file at p; blank lines of a file list are
// skipped.
func (fn *processFn) ProcessElement(ctx context.Context, p string, files, findings, sums func(line), tallies func(tally), excluded func(string)) error {
	p = strings.TrimSuffix(p, "\r")
	if p == "" {
		return nil
	}
	rel, full, err := fn.Settings.rel(p)
	if err != nil {
		return err
	}
	if entry, ok := fn.proc.Excluded(rel); ok {
		if entry != "" {
			excluded(entry)
		}
		return nil
	}
	rec := fn.record(ctx, rel, full)
	var buf bytes.Buffer
	enc := manifest.NewJSONLEncoder(&buf)
	if err := enc.File(rec); err != nil {
		return fmt.Errorf("encode record of %s: %w", rel, err)
	}
	files(line{Path: rec.Path, Text: buf.String()})
	if len(rec.Findings) > 0 {
		buf.Reset()
		for i := range rec.Findings {
			if err := enc.Finding(&rec.Findings[i]); err != nil {
				return fmt.Errorf("encode findings of %s: %w", rel, err)
			}
		}
		findings(line{Path: rec.Path, Text: buf.String()})
	}
	if rec.SHA512 != "" {
		sums(line{Path: rec.Path, Text: rec.SHA512 + "  data/" + bagit.EncodePath(rec.Path) + "\n"})
	}
	var t tally
	t.Add(rec)
	tallies(t)
	return nil
}

// record reads a local file where it is; an object is first copied to a
// temporary file, since extractors need random access, and removed after.
func (fn *processFn) record(ctx context.Context, rel, full string) *pipeline.Record {
	if !isRemote(full) {
		return fn.proc.Process(ctx, rel, full)
	}
	tmp, err := spool(ctx, fn.fsys, full)
	if err != nil {
		return fn.proc.Failed(rel, err)
	}
	defer os.Remove(tmp)
	return fn.proc.Process(ctx, rel, tmp)
}

// spool copies the object at url to a temporary file, dated with the
// object's modification time where its store gives one: a scan falls back
// on that date when a file carries none of its own.
func spool(ctx context.Context, fsys filesystem.Interface, url string) (string, error) {
	r, err := fsys.OpenRead(ctx, url)
	if err != nil {
		return "", fmt.Errorf("open: %w", err)
	}
	defer r.Close()
	f, err := os.CreateTemp("", "consign-beam-*")
	if err != nil {
		return "", fmt.Errorf("spool %s: %w", url, err)
	}
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		if lm, ok := fsys.(filesystem.LastModifiedGetter); ok {
			if mtime, lerr := lm.LastModified(ctx, url); lerr == nil {
				err = os.Chtimes(f.Name(), mtime, mtime)
			}
		}
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("read: %w", err)
	}
	return f.Name(), nil
}

package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"

	"golang.org/x/sync/errgroup"

	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/manifest/bagit"
	"github.com/consignhq/consign/pipeline"
)

// generator is the signature of the manifest package's document makers.
type generator func(p *manifest.Profile, recs []*pipeline.Record, facts *manifest.BundleFacts) ([]byte, error)

// generated turns a document maker into a tag writer.
func generated(name string, gen generator) tagWriter {
	return tagWriter{name: name, write: func(b *bundleInputs, w io.Writer) error {
		data, err := gen(b.Profile, b.Records, b.Facts)
		if err != nil {
			return err // StreamTagFile names the file
		}
		_, err = w.Write(data)
		return err
	}}
}

// streamer is the signature of the manifest package's document writers,
// for documents too large to make whole in memory.
type streamer func(w io.Writer, p *manifest.Profile, recs []*pipeline.Record, facts *manifest.BundleFacts) error

// streamed turns a document writer into a tag writer.
func streamed(name string, write streamer) tagWriter {
	return tagWriter{name: name, write: func(b *bundleInputs, w io.Writer) error {
		return write(w, b.Profile, b.Records, b.Facts)
	}}
}

// startFirst marks tw as large (tagWriter.large).
func (tw tagWriter) startFirst() tagWriter {
	tw.large = true
	return tw
}

// writeMetadata leaves the excluded files out of the records, then writes
// the tag files: the JSON Lines first, so that the documents describing
// the bundle can cite their digests.
func writeMetadata(bag *bagit.Writer, b *bundleInputs) error {
	b.Facts = &manifest.BundleFacts{Created: b.Date, ConsignVersion: b.Version, Applied: map[string]string{}}
	b.Records = slices.DeleteFunc(b.Records, func(rec *pipeline.Record) bool {
		if p := b.Plans[rec.Path]; p != nil && p.exclude != "" {
			b.Facts.Excluded = append(b.Facts.Excluded, manifest.ExcludedFile{Path: rec.Path, Reason: p.exclude, Findings: rec.Findings})
			return true
		}
		return false
	})
	for _, f := range b.Findings {
		if f.Redaction != "" {
			b.Facts.Applied[f.ID] = f.Redaction
		}
	}
	for _, rec := range b.Records {
		b.Facts.Files = append(b.Facts.Files, manifest.BundleFile{Path: "data/" + rec.Path, Size: rec.Size, SHA256: rec.SHA256})
	}
	// The documents cite only the JSON Lines and the payload (Facts.Files),
	// never one another: each group is written concurrently, on its own
	// core where there is one, and listed in order once written. The
	// counts the documents share are made beside the JSON Lines, which
	// leave a core idle while the longer of the two is written; made
	// when the first document asked for them, every document waited.
	gathered := make(chan struct{})
	go func() {
		defer close(gathered)
		manifest.Gather(b.Profile, b.Records, b.Facts)
	}()
	err := writeTags(bag, b, tagWriters[:2])
	<-gathered
	if err != nil {
		return err
	}
	b.releaseWritten()
	return writeTags(bag, b, tagWriters[2:])
}

// releaseWritten drops what only files.jsonl prints from the records once
// it is written: the documents after it count kinds, dates, languages,
// owners and findings, and the catalog's record of the pack wants paths,
// digests and stat fingerprints. Each file's tags are a map of their own,
// a few hundred bytes a file that would otherwise stay until pack ends.
func (b *bundleInputs) releaseWritten() {
	for _, rec := range b.Records {
		rec.Tags, rec.Warnings = nil, nil
	}
}

// writeTags writes the tag files of tws on as many goroutines as there
// are cores, the large ones first, and adds them to b.Facts.Files in the
// order of tws. With a goroutine for each file, the scheduler ran the
// last started first: in a repack of 20,000 files the content profile,
// as long to write as the other documents together, started after them
// while a core stood idle.
func writeTags(bag *bagit.Writer, b *bundleInputs, tws []tagWriter) error {
	files := make([]manifest.BundleFile, len(tws))
	order := make(chan int, len(tws))
	for _, large := range []bool{true, false} {
		for i, tw := range tws {
			if tw.large == large {
				order <- i
			}
		}
	}
	close(order)
	var eg errgroup.Group
	for range min(len(tws), runtime.GOMAXPROCS(0)) {
		eg.Go(func() error {
			for i := range order {
				tw := tws[i]
				size, sum, err := bag.StreamTagFile(tw.name, func(w io.Writer) error { return tw.write(b, w) })
				if err != nil {
					return fmt.Errorf("write bundle metadata: %w", err)
				}
				files[i] = manifest.BundleFile{Path: tw.name, Size: size, SHA256: sum}
			}
			return nil
		})
	}
	if err := eg.Wait(); err != nil {
		return err
	}
	b.Facts.Files = append(b.Facts.Files, files...)
	return nil
}

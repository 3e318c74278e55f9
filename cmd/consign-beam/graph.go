package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/filter"
	"github.com/bmatcuk/doublestar/v4"

	"github.com/consignhq/consign/cmd/internal/scanconfig"
)

// Beam finds transforms and coders by registered type, on the launcher
// and on every worker alike, before the pipeline runs: hence registration
// at package initialization.
func init() {
	register.DoFn3x1[context.Context, []byte, func(string), error](&listFn{})
	register.DoFn7x1[context.Context, string, func(line), func(line), func(line), func(tally), func(string), error](&processFn{})
	register.DoFn1x2[line, int, line](&shardFn{})
	register.DoFn4x1[context.Context, int, func(*line) bool, func(int), error](&writeShardFn{})
	register.DoFn5x1[context.Context, []byte, func(*tally) bool, func(*string) bool, func(*int) bool, error](&writeSummaryFn{})
	register.Combiner1[tally](&mergeTallies{})
	register.Emitter1[line]()
	register.Emitter1[tally]()
	register.Emitter1[string]()
	register.Emitter1[int]()
	register.Iter1[line]()
	register.Iter1[tally]()
	register.Iter1[string]()
	register.Iter1[int]()
	beam.RegisterType(reflect.TypeOf((*line)(nil)).Elem())
	beam.RegisterCoder(reflect.TypeOf((*tally)(nil)).Elem(), encodeTally, decodeTally)
}

// job is one distributed scan.
type job struct {
	Settings Settings
	Input    string // a glob, or "" when Files lists the files
	Files    string
	Output   string // without a trailing "/"
	Shards   int
}

// pipeline builds the Beam pipeline: list the files, spread them over the
// workers, make each one's record, write the sharded lines, then the
// summary.
func (j *job) pipeline() (*beam.Pipeline, error) {
	for _, p := range []string{j.Input, j.Files, j.Output + "/x"} {
		if p != "" {
			if _, err := filesystem.New(context.Background(), p); err != nil {
				return nil, err
			}
		}
	}
	p, s := beam.NewPipelineWithRoot()
	var paths beam.PCollection
	if j.Input != "" {
		paths = beam.ParDo(s, &listFn{Glob: j.Input}, beam.Impulse(s))
	} else {
		paths = textio.Read(s, j.Files)
	}
	// A fusion break: without it one worker would read every file listed.
	paths = beam.Reshuffle(s, paths)
	files, findings, sums, tallies, excluded := beam.ParDo5(s, &processFn{Settings: j.Settings}, paths)
	var counts []beam.PCollection
	for _, out := range []struct {
		name, ext string
		col       beam.PCollection
	}{{"files", "jsonl", files}, {"findings", "jsonl", findings}, {"sha512", "txt", sums}} {
		sc := s.Scope("write " + out.name)
		keyed := beam.ParDo(sc, &shardFn{Shards: j.Shards}, out.col)
		grouped := beam.GroupByKey(sc, keyed)
		counts = append(counts, beam.ParDo(sc, &writeShardFn{Output: j.Output, Name: out.name, Ext: out.ext, Shards: j.Shards}, grouped))
	}
	sum := beam.Combine(s, &mergeTallies{}, tallies)
	entries := filter.Distinct(s, excluded)
	written := beam.Flatten(s, counts...)
	beam.ParDo0(s, &writeSummaryFn{Output: j.Output, Settings: j.Settings, Shards: j.Shards, Version: scanconfig.Version(version)}, beam.Impulse(s),
		beam.SideInput{Input: sum}, beam.SideInput{Input: entries}, beam.SideInput{Input: written})
	return p, nil
}

// listFn expands the input glob into the files it names. A local glob is
// matched here, with "**" crossing folders as it does for object stores
// (Beam's local filesystem would match it as "*"), without following
// symbolic links, which the scan records as links; a local folder given
// without a wildcard means everything under it. A folder that cannot be
// listed fails the run: a listing that silently left it out would lose
// its files from the accounting.
type listFn struct {
	Glob string `json:"glob"`
}

// ProcessElement emits every file the glob matches.
func (fn *listFn) ProcessElement(ctx context.Context, _ []byte, emit func(string)) error {
	if isRemote(fn.Glob) {
		fsys, err := filesystem.New(ctx, fn.Glob)
		if err != nil {
			return err
		}
		defer fsys.Close()
		names, err := fsys.List(ctx, fn.Glob)
		if err != nil {
			return fmt.Errorf("list %s: %w", fn.Glob, err)
		}
		for _, name := range names {
			if !strings.HasSuffix(name, "/") { // an object store's folder marker, not content
				emit(name)
			}
		}
		return nil
	}
	glob := filepath.ToSlash(fn.Glob)
	i := strings.IndexAny(glob, "*?[{")
	if i < 0 {
		info, err := os.Stat(fn.Glob)
		if err != nil {
			return fmt.Errorf("list %s: %w", fn.Glob, err)
		}
		if !info.IsDir() {
			emit(fn.Glob)
			return nil
		}
		glob = strings.TrimSuffix(glob, "/") + "/**"
		i = strings.IndexAny(glob, "*")
	}
	cut := strings.LastIndex(glob[:i], "/")
	base, pattern := glob[:cut+1], glob[cut+1:]
	err := doublestar.GlobWalk(os.DirFS(base), pattern, func(p string, d os.DirEntry) error {
		emit(base + p)
		return nil
	}, doublestar.WithFilesOnly(), doublestar.WithNoFollow(), doublestar.WithFailOnIOErrors())
	if err != nil {
		return fmt.Errorf("list %s: %w", fn.Glob, err)
	}
	return nil
}

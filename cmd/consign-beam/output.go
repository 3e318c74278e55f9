package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/consignhq/consign/pipeline"
)

// tally is a part of the run's summary; the parts are merged into one.
type tally struct {
	pipeline.Summary
}

// encodeTally and decodeTally are tally's coder: JSON, the summary's own
// form, keeps its nested counts intact.
func encodeTally(t tally) ([]byte, error) { return json.Marshal(t.Summary) }

func decodeTally(b []byte) (tally, error) {
	var t tally
	err := json.Unmarshal(b, &t.Summary)
	return t, err
}

// mergeTallies merges the parts of the summary.
type mergeTallies struct{}

// MergeAccumulators adds b's counts to a's.
func (mergeTallies) MergeAccumulators(a, b tally) tally {
	a.Merge(b.Summary)
	return a
}

// shardFn gives a line the number of its shard: the same path always goes
// to the same shard, so a run's shards do not depend on scheduling.
type shardFn struct {
	Shards int `json:"shards"`
}

// ProcessElement keys l by its shard.
func (fn *shardFn) ProcessElement(l line) (int, line) {
	h := fnv.New32a()
	h.Write([]byte(l.Path))
	return int(h.Sum32() % uint32(fn.Shards)), l
}

// writeShardFn writes one shard, NAME-SSSSS-of-NNNNN.EXT under Output,
// with its lines sorted by path, and emits how many lines it wrote.
type writeShardFn struct {
	Output string `json:"output"`
	Name   string `json:"name"`
	Ext    string `json:"ext"`
	Shards int    `json:"shards"`
}

// ProcessElement writes the lines of shard.
func (fn *writeShardFn) ProcessElement(ctx context.Context, shard int, lines func(*line) bool, written func(int)) error {
	var all []line
	var l line
	for lines(&l) {
		all = append(all, l)
	}
	// Stable: a file's finding lines keep their order within one element.
	slices.SortStableFunc(all, func(a, b line) int { return strings.Compare(a.Path, b.Path) })
	name := fmt.Sprintf("%s/%s-%05d-of-%05d.%s", fn.Output, fn.Name, shard, fn.Shards, fn.Ext)
	n := 0
	err := writeFile(ctx, name, func(w *bufio.Writer) error {
		for _, l := range all {
			if _, err := w.WriteString(l.Text); err != nil {
				return err
			}
			n += strings.Count(l.Text, "\n")
		}
		return nil
	})
	if err != nil {
		return err
	}
	written(n)
	return nil
}

// summaryDoc is summary.json: the scan's summary object, and what the run
// was over and made with.
type summaryDoc struct {
	pipeline.Summary
	Root     string            `json:"root"`
	Version  string            `json:"consign_version"`
	Versions pipeline.Versions `json:"versions"`
	Shards   int               `json:"shards"`
	Lines    int               `json:"lines"` // lines written across all shards
}

// writeSummaryFn writes summary.json once every shard is written: its
// presence says the output is complete.
type writeSummaryFn struct {
	Output   string   `json:"output"`
	Settings Settings `json:"settings"`
	Shards   int      `json:"shards"`
	Version  string   `json:"version"`
}

// ProcessElement writes summary.json from the merged tally, the distinct
// excluded entries and the shard writers' counts.
func (fn *writeSummaryFn) ProcessElement(ctx context.Context, _ []byte, tallies func(*tally) bool, excluded func(*string) bool, written func(*int) bool) error {
	opts, err := fn.Settings.options()
	if err != nil {
		return err
	}
	doc := summaryDoc{Root: fn.Settings.Root, Version: fn.Version, Versions: pipeline.NewVersions(opts), Shards: fn.Shards}
	doc.Findings = map[string]map[string]int{}
	var t tally
	for tallies(&t) {
		doc.Merge(t.Summary)
	}
	var entry string
	for excluded(&entry) {
		doc.Excluded++
	}
	var n int
	for written(&n) {
		doc.Lines += n
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("encode summary.json: %w", err)
	}
	return writeFile(ctx, fn.Output+"/summary.json", func(w *bufio.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}

// writeFile writes name through Beam's filesystems; a local one gets its
// folder made, an object is committed when closed.
func writeFile(ctx context.Context, name string, write func(*bufio.Writer) error) error {
	fsys, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fsys.Close()
	wc, err := fsys.OpenWrite(ctx, name)
	if err != nil {
		return fmt.Errorf("create %s: %w", name, err)
	}
	bw := bufio.NewWriterSize(wc, 1<<20)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := wc.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

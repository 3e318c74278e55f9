// Command consign-beam runs consign's scan as an Apache Beam pipeline, so
// that a catalog in object storage (gs://, s3://) or on a shared disk can
// be processed on Dataflow, Flink, Spark or the local Prism runner. Every
// file goes through the very extract-and-detect code of `consign scan`; the
// output is sharded JSON Lines (see docs/scale.md, "Distributed runs"):
//
//	consign-beam --input 'gs://bucket/photos/**' --output gs://bucket/audit/ \
//	    --key-file consign.key --config consign.yaml \
//	    --runner dataflow --project P --region R --staging_location gs://bucket/staging
//
// It parses its flags with the standard flag package rather than cobra
// because Beam's runners register theirs (--runner, --project, --endpoint
// and the rest) there, and a worker started by a runner is this same
// binary, told by those flags to serve as a worker.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/consignhq/consign/cmd/internal/scanconfig"
	"github.com/consignhq/consign/pipeline"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = ""

// Exit codes, as consign's: 0 ok, 2 usage or bad input or a failed run,
// 130 interrupted. Files that could not be read are error records in the
// output and counted in summary.json; they do not change the exit code,
// since the run itself completed.
const (
	exitOK          = 0
	exitUsage       = 2
	exitInterrupted = 130
)

// flags are consign-beam's own flags; Beam's are registered beside them.
type flags struct {
	input, files, root, output  string
	config, keyFile, ignoreFile string
	exclude                     []string
	languages, detectors        string
	showValues                  bool
	fileTimeout                 time.Duration
	shards                      int
}

func (f *flags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.input, "input", "", "files to scan: a local path or glob, or a gs:// or s3:// glob ('**' crosses folders)")
	fs.StringVar(&f.files, "files", "", "a text file listing the files to scan, one per line (paths relative to --root, or full paths or URLs below it)")
	fs.StringVar(&f.root, "root", "", "the folder records' paths are relative to (default: --input up to its first wildcard)")
	fs.StringVar(&f.output, "output", "", "where to write the shards and summary.json: a local folder or a gs:// or s3:// prefix")
	fs.StringVar(&f.config, "config", "", "the creator's consign.yaml (default: ROOT/consign.yaml when the root is local)")
	fs.StringVar(&f.keyFile, "key-file", "", "the fingerprint key for finding ids and value hashes (default: ROOT/.consign/key when the root is local)")
	fs.StringVar(&f.ignoreFile, "ignore-file", "", "the list of reviewed findings (default: ROOT/.consign/ignore when the root is local)")
	fs.Func("exclude", "leave out paths matching this glob (repeatable; gitignore style)", func(s string) error {
		f.exclude = append(f.exclude, s)
		return nil
	})
	fs.StringVar(&f.languages, "languages", "", "detect only these languages (ISO 639-1 codes, comma-separated; default: all)")
	fs.StringVar(&f.detectors, "detectors", "", "detectors to run: names or presets (minimal, default, strict), comma-separated; 'none' runs none")
	fs.BoolVar(&f.showValues, "show-values", false, "write the raw matched values in findings (they are masked otherwise)")
	fs.DurationVar(&f.fileTimeout, "file-timeout", pipeline.DefaultFileTimeout, "give up on a file that takes longer than this to read and record it as an error; 0 waits forever")
	fs.IntVar(&f.shards, "shards", 16, "how many shards of each kind to write; a worker holds one shard's lines in memory to sort them")
}

func main() {
	f := &flags{}
	f.register(flag.CommandLine)
	flag.Parse()
	// A runner starts workers as this binary: Init serves them and exits.
	beam.Init()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, f, os.Stderr))
}

// run builds the job from f, runs it with the runner the --runner flag
// names, and returns the exit code.
func run(ctx context.Context, f *flags, stderr io.Writer) int {
	job, err := newJob(f)
	if err != nil {
		fmt.Fprintf(stderr, "consign-beam: %v\n", err)
		return exitUsage
	}
	p, err := job.pipeline()
	if err == nil {
		_, err = beamx.RunWithMetrics(ctx, p)
	}
	switch {
	case err == nil:
		return exitOK
	case ctx.Err() != nil || errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "consign-beam: interrupted")
		if err := dropSummary(job.Output); err != nil {
			fmt.Fprintf(stderr, "consign-beam: %v\n", err)
		}
		return exitInterrupted
	}
	fmt.Fprintf(stderr, "consign-beam: %v\n", err)
	return exitUsage
}

// dropSummary removes OUT/summary.json after an interrupted run. Its
// presence says the output is complete, yet a runner stopped while the job
// ends can still write it from side inputs it cut short (Prism wrote
// "files": 0 beside 1,416 file lines), and an earlier run's summary would
// otherwise stand beside this run's partial shards.
func dropSummary(output string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	name := output + "/summary.json"
	fsys, err := filesystem.New(ctx, name)
	if err != nil {
		return fmt.Errorf("remove %s: %w", name, err)
	}
	defer fsys.Close()
	if _, err := fsys.Size(ctx, name); err != nil {
		return nil // not written: nothing claims the output is complete
	}
	rm, ok := fsys.(filesystem.Remover)
	if !ok {
		return fmt.Errorf("%s was written by the stopped run and cannot be removed here: delete it, the output is incomplete", name)
	}
	if err := rm.Remove(ctx, name); err != nil {
		return fmt.Errorf("remove %s of the stopped run: %w (delete it: the output is incomplete)", name, err)
	}
	return nil
}

// newJob checks f and reads the files it names.
func newJob(f *flags) (*job, error) {
	switch {
	case (f.input == "") == (f.files == ""):
		return nil, errors.New("give either --input GLOB or --files LIST (see -help)")
	case f.output == "":
		return nil, errors.New("--output is required: a local folder or a gs:// or s3:// prefix")
	case f.files != "" && f.root == "":
		return nil, errors.New("--files needs --root, the folder its paths are relative to")
	case f.shards < 1:
		return nil, errors.New("--shards must be 1 or more")
	}
	root, err := chooseRoot(f.input, f.root)
	if err != nil {
		return nil, err
	}
	if err := outputOutside(root, f.output); err != nil {
		return nil, err
	}
	c := scanconfig.Choices{
		Exclude:     f.exclude,
		Languages:   splitList(f.languages),
		Detectors:   splitList(f.detectors),
		ShowValues:  f.showValues,
		FileTimeout: f.fileTimeout,
	}
	// loadSettings checks the settings as the workers will use them: a
	// run fails now, on the launching machine, rather than on every worker.
	settings, err := loadSettings(root, c, f.config, f.keyFile, f.ignoreFile)
	if err != nil {
		return nil, err
	}
	j := &job{Settings: settings, Input: f.input, Files: f.files, Output: strings.TrimSuffix(f.output, "/"), Shards: f.shards}
	if j.Input != "" && !isRemote(j.Input) {
		if j.Input, err = absLocal(j.Input); err != nil {
			return nil, err
		}
	}
	return j, nil
}

// outputOutside refuses an output folder inside a local root: the next
// run's listing would read the shards, excerpts and all, as content, as
// consign pack refuses a bundle inside the folder it packs.
func outputOutside(root, output string) error {
	if isRemote(root) || isRemote(output) {
		return nil
	}
	out, err := absLocal(output)
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(root, out)
	if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("--output %s is inside the root %s: the next run would scan the shards as content; write them elsewhere", output, root)
	}
	return nil
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

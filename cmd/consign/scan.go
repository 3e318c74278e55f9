package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/consignhq/consign/cmd/internal/scanconfig"
	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
	"github.com/consignhq/consign/pipeline/catalog"
)

type scanOptions struct {
	format    string
	failOn    string
	selection selection
}

func newScanCommand(g *globalOptions) *cobra.Command {
	opts := &scanOptions{}
	cmd := &cobra.Command{
		Use:   "scan DIR",
		Short: "Report what every file in a folder is, when it was made, and what it says",
		Long: `scan reads every file under DIR once and reports, per file, its size,
sha256, media type and kind, content date and where that date came from,
languages, and media tags, and what must be looked at before the folder is
sold: personal data and secrets in text and metadata. Matched values are
masked in every report unless --show-values is given.

Nothing in DIR is modified: consign keeps its own state (the fingerprint
key that makes finding ids stable, the list of reviewed findings) in
DIR/.consign/.

Files that cannot be fully read are reported with the reason, and the scan
goes on; it then exits with code 3.`,
		Example: `  consign scan ~/my-content
  consign scan ~/my-content --format jsonl > audit.jsonl
  consign scan ~/my-content --format sarif > audit.sarif
  consign scan ~/my-content --exclude 'drafts/' --exclude '*.psd'
  consign scan ~/my-content --languages en,fr -j 4
  consign scan ~/my-content --detectors strict --fail-on high
  consign scan ~/my-content --detectors pii/email,pii/phone --show-values`,
		Args: wantArgs("the folder to scan"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(cmd.Context(), args[0], opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.format, "format", "f", "text", "report format: "+strings.Join(manifest.Formats, ", "))
	opts.selection.addFlags(f)
	f.BoolVar(&opts.selection.detect.showValues, "show-values", false, "print the raw matched values in findings (they are masked otherwise)")
	f.StringVar(&opts.failOn, "fail-on", "", "exit 1 when open findings reach this severity: info, low, medium or high")
	// Shell completion offers the values these flags take.
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(manifest.Formats, cobra.ShellCompDirectiveNoFileComp))
	cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions(
		[]string{detectors.SeverityInfo, detectors.SeverityLow, detectors.SeverityMedium, detectors.SeverityHigh}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runScan(ctx context.Context, dir string, opts *scanOptions, g *globalOptions) error {
	if opts.failOn != "" {
		if _, err := detectors.ParseSeverity(opts.failOn); err != nil {
			return usagef("--fail-on: %v", err)
		}
	}
	if !slices.Contains(manifest.Formats, opts.format) {
		return usagef("unknown format %q (choose %s)", opts.format, strings.Join(manifest.Formats, ", "))
	}
	scanOpts, profile, done, err := newPipeline(ctx, dir, &opts.selection, g)
	if err != nil {
		return err
	}
	defer done()
	cfg := manifest.ReportConfig{Root: dir, ToolVersion: consignVersion(), ShowValues: opts.selection.detect.showValues,
		Policy: profile.RedactionAction}
	if scanOpts.Detection != nil {
		for _, d := range scanOpts.Detection.Detectors {
			cfg.Detectors = append(cfg.Detectors, d.Name())
		}
	}
	report, err := manifest.NewReport(opts.format, g.stdout, cfg)
	if err != nil {
		return err
	}
	machine := opts.format != "text"
	// The JSON Lines report copies the lines a cached record is kept as,
	// and the callback below reads only what LinesOnly promises.
	scanOpts.LinesOnly = opts.format == "jsonl"
	gated := 0
	pr := startProgress(ctx, g, scanOpts, "scanning", machine)
	if pr != nil {
		scanOpts.Progress = pr.record
	}
	sum, err := pipeline.Scan(ctx, scanOpts, func(rec *pipeline.Record) error {
		if machine {
			sayUnread(g, rec)
		}
		if opts.failOn != "" {
			for _, f := range rec.Findings {
				if gates(f, opts.failOn) {
					gated++
				}
			}
		}
		return report.Record(rec)
	})
	pr.finish()
	if err != nil && !errors.Is(err, pipeline.ErrPartial) {
		return err
	}
	if cerr := report.Close(sum); cerr != nil {
		return fmt.Errorf("write report: %w", cerr)
	}
	if gated > 0 {
		msg := fmt.Sprintf("%s at or above %s (--fail-on)", manifest.Count(gated, "open finding"), opts.failOn)
		if err != nil {
			msg += "; " + err.Error() // one line, not one per error
		}
		return gatef([]error{errFindings, err}, "%s", msg)
	}
	return err
}

// selection is what every command that reads a folder lets the user
// choose: paths to leave out, languages, detectors.
type selection struct {
	exclude   []string
	languages []string
	detect    detectOptions
	noCache   bool
	timeout   time.Duration
}

func (s *selection) addFlags(f *pflag.FlagSet) {
	f.StringArrayVar(&s.exclude, "exclude", nil, "leave out paths matching this glob, relative to DIR, or a full path inside DIR (repeatable; gitignore style)")
	f.StringSliceVar(&s.languages, "languages", nil, "detect only these languages (ISO 639-1 codes, comma-separated; default: all)")
	f.StringSliceVar(&s.detect.detectors, "detectors", nil, "detectors to run: names or presets (minimal, default, strict), comma-separated; 'none' runs none")
	f.BoolVar(&s.noCache, "no-cache", false, "read every file, ignoring and leaving alone the catalog in .consign/")
	f.DurationVar(&s.timeout, "file-timeout", pipeline.DefaultFileTimeout, "give up on a file that takes longer than this to read and parse (a stalled device or mount, a file that sends a parser round a loop) and record it as an error; 0 waits forever")
}

// newPipeline checks dir, reads its consign.yaml and prepares a scan of it
// as sel and the profile say, with the folder's catalog open unless
// --no-cache: the caller calls done when the scan is over.
func newPipeline(ctx context.Context, dir string, sel *selection, g *globalOptions) (_ pipeline.Options, _ *manifest.Profile, done func(), err error) {
	opts, profile, err := pipelineOptions(dir, sel, g)
	if err != nil || sel.noCache {
		return opts, profile, func() {}, err
	}
	cat, err := openCatalog(ctx, dir, g)
	if err != nil {
		return opts, profile, nil, err
	}
	if cat == nil {
		return opts, profile, func() {}, nil
	}
	opts.Catalog = cat
	return opts, profile, func() { cat.Close() }, nil
}

// openCatalog opens dir's catalog, waiting for another consign working on
// it. A catalog that cannot be opened is nil, not an error: the caller
// goes on without the cache.
func openCatalog(ctx context.Context, dir string, g *globalOptions) (*catalog.Catalog, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	state, err := folderState(abs, g)
	if err != nil {
		return nil, err
	}
	cat, err := catalog.Open(ctx, state, catalog.Options{
		Waiting: func(lock string) {
			fmt.Fprintf(g.stderr, "consign: another consign is working on %s; waiting for it (lock %s)\n", dir, lock)
		},
		Rebuilt: func(reason string) {
			fmt.Fprintf(g.stderr, "consign: %s; starting a new catalog (every file will be read)\n", reason)
		},
		Damaged: func(reason string) {
			fmt.Fprintf(g.stderr, "consign: the catalog in %s is damaged (%s); this run goes on without saving to it, and the next run starts a new one\n", state, reason)
		},
	})
	if errors.Is(err, catalog.ErrLocked) || ctx.Err() != nil {
		if err == nil {
			cat.Close()
			err = ctx.Err()
		}
		return nil, err
	}
	if err != nil {
		// A catalog is a cache: without one the scan reads every file.
		if !g.quiet {
			fmt.Fprintf(g.stderr, "consign: %v; reading every file\n", err)
		}
		return nil, nil
	}
	return cat, nil
}

// warnMisnamedProfile says so when dir has no consign.yaml but a
// consign.yml, which consign does not read: the creator's identity,
// excludes and redaction policy in it would otherwise go unused, and the
// file itself be scanned as content.
func warnMisnamedProfile(dir string, g *globalOptions) {
	if _, err := os.Lstat(filepath.Join(dir, manifest.ProfileFile)); !errors.Is(err, fs.ErrNotExist) {
		return
	}
	misnamed := filepath.Join(dir, "consign.yml")
	if info, err := os.Stat(misnamed); err == nil && info.Mode().IsRegular() {
		fmt.Fprintf(g.stderr, "consign: %s is not read: consign reads %s (rename it)\n", manifest.DisplayPath(misnamed), manifest.ProfileFile)
	}
}

// pipelineOptions checks dir, reads its consign.yaml and prepares a scan
// of it as sel and the profile say.
func pipelineOptions(dir string, sel *selection, g *globalOptions) (pipeline.Options, *manifest.Profile, error) {
	if err := checkFolder(dir); err != nil {
		return pipeline.Options{}, nil, err
	}
	profile, err := manifest.LoadProfile(dir)
	if err != nil {
		return pipeline.Options{}, nil, err
	}
	warnMisnamedProfile(dir, g)
	choices := scanconfig.Choices{
		Exclude:     excludePatterns(dir, sel.exclude),
		Languages:   sel.languages,
		Detectors:   sel.detect.detectors,
		ShowValues:  sel.detect.showValues,
		FileTimeout: sel.timeout,
	}
	opts, err := scanconfig.Options(dir, profile, choices)
	if errors.Is(err, manifest.ErrBadProfile) {
		return pipeline.Options{}, nil, err
	}
	if err != nil {
		return pipeline.Options{}, nil, usagef("%v", err)
	}
	opts.Jobs = g.jobs
	opts.Detection, err = newDetection(dir, profile, choices, g)
	if err != nil {
		return pipeline.Options{}, nil, err
	}
	return opts, profile, nil
}

// checkFolder gives the clear message for the two commonest mistakes: a
// folder that does not exist, and a file given where a folder belongs.
func checkFolder(dir string) error {
	if dir == "" {
		// An unset shell variable ("consign scan \"$DIR\""): not a
		// folder named "", which "folder  does not exist" suggested.
		return usagef("the folder given is empty: give its path")
	}
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return usagef("folder %s does not exist", dir)
	case err != nil:
		return usagef("cannot open folder %s: %v", dir, err)
	case !info.IsDir():
		return usagef("%s is a file, not a folder", dir)
	}
	return nil
}

// gates reports whether f is an open finding at or above threshold that
// --fail-on counts. The creator's own details (kind self) never do: the
// summary does not count them as open, and they are no one else's data.
func gates(f detectors.Finding, threshold string) bool {
	return f.Status == detectors.StatusOpen && f.Kind != detectors.KindSelf && detectors.AtLeast(f.Severity, threshold)
}

// sayUnread names on stderr a file that could not be fully read, and why:
// a run that exits 3 (pipeline.ErrPartial) says which files made it so.
func sayUnread(g *globalOptions, rec *pipeline.Record) {
	if rec.Error != "" && !g.quiet {
		fmt.Fprintf(g.stderr, "consign: %s: %s\n", manifest.DisplayPath(rec.Path), rec.Error)
	}
}

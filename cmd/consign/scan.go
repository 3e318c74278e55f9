package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
	"github.com/consignhq/consign/pipeline/extract"
)

type scanOptions struct {
	format    string
	exclude   []string
	languages []string
}

func newScanCommand(g *globalOptions) *cobra.Command {
	opts := &scanOptions{}
	cmd := &cobra.Command{
		Use:   "scan DIR",
		Short: "Report what every file in a folder is, when it was made, and what it says",
		Long: `scan reads every file under DIR once and reports, per file, its size,
sha256, media type and kind, content date and where that date came from,
languages, and media tags. Nothing in DIR is modified.

Files that cannot be fully read are reported with the reason, and the scan
goes on; it then exits with code 3.`,
		Example: `  consign scan ~/my-content
  consign scan ~/my-content --format jsonl > audit.jsonl
  consign scan ~/my-content --exclude 'drafts/' --exclude '*.psd'
  consign scan ~/my-content --languages en,fr -j 4`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(cmd.Context(), args[0], opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.format, "format", "f", "text", "report format: "+strings.Join(manifest.Formats, ", "))
	f.StringArrayVar(&opts.exclude, "exclude", nil, "leave out paths matching this glob (repeatable; gitignore style)")
	f.StringSliceVar(&opts.languages, "languages", nil, "detect only these languages (ISO 639-1 codes, comma-separated; default: all)")
	return cmd
}

func runScan(ctx context.Context, dir string, opts *scanOptions, g *globalOptions) error {
	if err := checkFolder(dir); err != nil {
		return err
	}
	profile, err := manifest.LoadProfile(dir)
	if err != nil {
		return err
	}
	report, err := manifest.NewReport(opts.format, g.stdout, dir)
	if err != nil {
		return usagef("%v", err)
	}
	exclude := pipeline.NewExcluder()
	if err := exclude.Add("--exclude", opts.exclude...); err != nil {
		return usagef("%v", err)
	}
	if err := exclude.Add(manifest.ProfileFile, profile.Exclude...); err != nil {
		return fmt.Errorf("%w: %v", manifest.ErrBadProfile, err)
	}
	codes := opts.languages
	if len(codes) == 0 {
		codes = profile.Languages
	}
	langs, err := extract.NewLanguageDetector(codes)
	if err != nil {
		return usagef("%v", err)
	}

	scanOpts := pipeline.Options{
		Root:       dir,
		Jobs:       g.jobs,
		Exclude:    exclude,
		Extractors: extract.Default(),
		Languages:  langs,
	}
	machine := opts.format != "text"
	sum, err := pipeline.Scan(ctx, scanOpts, func(rec *pipeline.Record) error {
		if rec.Error != "" && machine && !g.quiet {
			fmt.Fprintf(g.stderr, "consign: %s: %s\n", rec.Path, rec.Error)
		}
		return report.Record(rec)
	})
	if err != nil && !errors.Is(err, pipeline.ErrPartial) {
		return err
	}
	if cerr := report.Close(sum); cerr != nil {
		return fmt.Errorf("write report: %w", cerr)
	}
	return err
}

// checkFolder gives the clear message for the two commonest mistakes: a
// folder that does not exist, and a file given where a folder belongs.
func checkFolder(dir string) error {
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

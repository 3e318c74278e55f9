package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/consignhq/consign/manifest/htmlreport"
	"github.com/consignhq/consign/pipeline"
)

type reportOptions struct {
	out       string
	selection selection
}

func newReportCommand(g *globalOptions) *cobra.Command {
	opts := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report DIR|BUNDLE -o FILE",
		Short: "Write the content profile as one self-contained HTML page",
		Long: `report writes the content profile of a content folder, or of a bundle
made by consign pack, as one HTML page that makes no network requests and
prints on A4: the creator and the licence offer, the catalog by kind, year
and language, a marketplace-readiness score and its five parts, the
redaction checklist with masked excerpts, the terms to get in writing
(ticked where consign.yaml sets them) and the files to exclude, and why.
See docs/report.md.

A folder is scanned as scan does; a bundle (a folder with bagit.txt) is
read from its metadata. FILE must be outside the folder or bundle: report
adds nothing to what it describes. The page is written to a temporary
file beside FILE and renamed into place; -o - writes it to standard
output. With
SOURCE_DATE_EPOCH set, or from a bundle, the same input gives the same
bytes.`,
		Example: `  consign report ~/my-content -o profile.html
  consign report ~/bundles/my-content -o profile.html`,
		Args: wantArgs("the folder or bundle to report on"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReport(cmd.Context(), args[0], opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.out, "output", "o", "", "the HTML file to write, or - for standard output (required)")
	opts.selection.addFlags(f)
	return cmd
}

func runReport(ctx context.Context, src string, opts *reportOptions, g *globalOptions) error {
	if opts.out == "" {
		return usagef("give the page to write with -o FILE")
	}
	if err := checkFolder(src); err != nil {
		return err
	}
	epoch, err := sourceDateEpoch()
	if err != nil {
		return usagef("%v", err)
	}
	bundle := htmlreport.IsBundle(src)
	// "-" is standard output, as for most tools, not a file named "-".
	toStdout := opts.out == "-"
	if !toStdout {
		if err := checkReportOutput(src, opts.out, bundle); err != nil {
			return err
		}
	}
	var b *htmlreport.Builder
	if bundle {
		b, err = htmlreport.ReadBundle(src, pageName(src))
	} else {
		b, err = scanForReport(ctx, src, &opts.selection, g)
	}
	// A partial scan still makes a page; its error is the exit code.
	scanErr := err
	if err != nil && !errors.Is(err, pipeline.ErrPartial) {
		return err
	}
	if toStdout {
		if err := htmlreport.Render(g.stdout, b.Model(epoch)); err != nil {
			return fmt.Errorf("write the page to standard output: %w", err)
		}
		return scanErr
	}
	if err := htmlreport.WriteFile(opts.out, b.Model(epoch)); err != nil {
		return err
	}
	if !g.quiet {
		fmt.Fprintf(g.stdout, "wrote %s\n", opts.out)
	}
	return scanErr
}

// scanForReport scans dir as scan does and counts every record into the
// page. A partial scan returns the page's builder with ErrPartial.
func scanForReport(ctx context.Context, dir string, sel *selection, g *globalOptions) (*htmlreport.Builder, error) {
	scanOpts, profile, done, err := newPipeline(ctx, dir, sel, g)
	if err != nil {
		return nil, err
	}
	defer done()
	b := htmlreport.NewBuilder(profile, htmlreport.Source{Name: pageName(dir)})
	_, err = pipeline.Scan(ctx, scanOpts, func(rec *pipeline.Record) error {
		sayUnread(g, rec)
		rec.Fields = nil
		b.Add(rec)
		return nil
	})
	if err != nil && !errors.Is(err, pipeline.ErrPartial) {
		return nil, err
	}
	return b, err
}

// pageName is how the page names the folder or bundle src: as given,
// unless that is "." or "..", which say nothing on a printed page once
// it has left the terminal; those are named by their folder's own name.
func pageName(src string) string {
	if base := filepath.Base(src); base != "." && base != ".." {
		return src
	}
	if abs, err := filepath.Abs(src); err == nil && filepath.Base(abs) != string(filepath.Separator) {
		return filepath.Base(abs)
	}
	return src
}

// checkReportOutput keeps the page from changing what it describes: it
// is never written inside the folder or bundle it is about (consign does
// not add files to a creator's folder, and a page in a bundle would break
// its checksums), nor into another bag, and it replaces no file but an
// earlier page.
func checkReportOutput(src, out string, bundle bool) error {
	// Said before anything is written, the probe below included.
	rel, inside, err := insideFolder(src, out)
	if err != nil {
		return usagef("resolve %s: %v", src, err)
	}
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		return usagef("%s is a folder; give the HTML file to write", out)
	}
	if inside {
		return reportInside(src, out, rel, bundle)
	}
	absOut, err := realOutPath(out)
	if err != nil {
		return usagef("resolve %s: %v", out, err)
	}
	// Said now, not once a scan of the whole folder is done.
	parent, err := os.Stat(filepath.Dir(absOut))
	if err != nil {
		return usagef("the folder %s, where the page goes, does not exist", filepath.Dir(out))
	}
	if !parent.IsDir() {
		return usagef("%s, where the page goes, is a file, not a folder", filepath.Dir(out))
	}
	// The page is written to a temp file beside out and renamed: find out
	// now that it can be, not once the scan is done.
	probe, err := os.CreateTemp(filepath.Dir(absOut), ".consign-report-*.html")
	if err != nil {
		return usagef("cannot write the page in %s: %v", filepath.Dir(out), errors.Unwrap(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	if bag := enclosingBag(filepath.Dir(absOut)); bag != "" {
		return usagef("%s is inside the bag %s (it holds bagit.txt): writing there would break its checksums; write the page elsewhere", out, bag)
	}
	if _, err := os.Lstat(out); err == nil && !htmlreport.IsReport(out) {
		return usagef("%s exists and is not a page consign report wrote: refusing to replace it (remove it first, or give another name)", out)
	}
	return nil
}

// reportInside says why the page cannot go to out, rel inside the folder
// or bundle src.
func reportInside(src, out, rel string, bundle bool) error {
	if bundle {
		return usagef("%s is inside the bundle %s: writing there would break its checksums; write the page elsewhere", out, src)
	}
	// Not even in the state folder, which the walk skips: the page is
	// for people, not consign's state, and pack keeps its bundle out of
	// the whole folder too.
	if first, _, _ := strings.Cut(filepath.ToSlash(rel), "/"); first == stateDir {
		return usagef("the page %s must be outside the folder %s: %s holds consign's own state, not pages", out, src, filepath.Join(src, stateDir))
	}
	return usagef("the page %s must be outside the folder %s: consign adds no file to the folder it reports on (the next scan would read the page as content)", out, src)
}

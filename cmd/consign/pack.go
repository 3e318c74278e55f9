package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/manifest/sign"
	"github.com/consignhq/consign/pipeline"
)

type packOptions struct {
	selection  selection
	out        string
	force      bool
	failOn     string
	acceptOpen bool
	key        string
}

func newPackCommand(g *globalOptions) *cobra.Command {
	opts := &packOptions{}
	cmd := &cobra.Command{
		Use:   "pack DIR -o OUT",
		Short: "Pack a content folder into a signed bundle a marketplace can verify",
		Long: `pack scans DIR as scan does, then writes the bundle OUT: a BagIt 1.0 bag
whose payload (data/) holds the files, hard-linked when OUT is on the same
file system or copied (the originals are never changed), with
metadata/files.jsonl and metadata/findings.jsonl, sha256 and sha512
manifests, and a signed provenance statement (see docs/bundle.md). A hard
link shares the file with the original: an original later changed in place
changes the bundle too, which verify then reports.

Findings are handled by the redaction policy of consign.yaml (redaction:):
GPS, serial numbers and owner names are removed from image and video
metadata without re-encoding, values in text files are masked at their
offsets, and files whose findings call for it are left out; the payload
then holds redacted copies. pack refuses, changing nothing, while findings
at or above --fail-on remain that the policy does not handle: review them,
list them in .consign/ignore, or pass --accept-open.
The bundle is built beside OUT and renamed into place; an existing OUT is
replaced only with --force, and an interrupted run leaves it whole. With
SOURCE_DATE_EPOCH set, the same folder packs to the same bytes.`,
		Example: `  consign keygen
  consign pack ~/my-content -o ~/bundles/my-content
  SOURCE_DATE_EPOCH=1700000000 consign pack ~/my-content -o out --force`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPack(cmd.Context(), args[0], opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.out, "output", "o", "", "the bundle directory to write (required)")
	f.BoolVar(&opts.force, "force", false, "replace an existing bundle at OUT")
	f.StringVar(&opts.failOn, "fail-on", detectors.SeverityHigh, "refuse while open findings of this severity or above remain: info, low, medium, high")
	f.BoolVar(&opts.acceptOpen, "accept-open", false, "pack even with open findings at or above --fail-on")
	f.StringVar(&opts.key, "key", "", "private key to sign with (default: the one consign keygen wrote)")
	opts.selection.addFlags(f)
	return cmd
}

func runPack(ctx context.Context, dir string, opts *packOptions, g *globalOptions) error {
	started := time.Now()
	if err := checkFolder(dir); err != nil {
		return err
	}
	failOn, err := detectors.ParseSeverity(opts.failOn)
	if err != nil {
		return usagef("--fail-on: %v", err)
	}
	if err := checkOutput(dir, opts.out, opts.force); err != nil {
		return err
	}
	epoch, err := sourceDateEpoch()
	if err != nil {
		return usagef("%v", err)
	}
	priv, err := loadSigningKey(opts.key)
	if err != nil {
		return err
	}
	b, err := scanForPack(ctx, dir, &opts.selection, g)
	if err != nil {
		return err
	}
	defer b.close()
	defer b.progress.finish()
	profile := b.Profile
	b.Out = opts.out
	if b.Catalog != nil {
		// A cache: when it cannot be read, every copy is made again.
		b.copies, _ = b.Catalog.Copies(ctx)
	}
	b.Plans = planRedactions(b)
	if err := refuseOpen(b.Findings, failOn, opts.acceptOpen, g); err != nil {
		return err
	}
	id, err := catalogIdentifier(dir, profile, g)
	if err != nil {
		return err
	}
	b.Identifier, b.Version = id, consignVersion()
	profile.ExternalIdentifier, profile.Catalog.ExternalIdentifier = id, id
	b.Date = bagDate(epoch, b.Records)
	var size int64
	for _, r := range b.Records {
		size += r.Size
	}
	b.progress.restart("packing", int64(len(b.Records)), size)
	params := map[string]any{"external_identifier": id, "fail_on": failOn, "accept_open": opts.acceptOpen, "exclude": append([]string{}, profile.Exclude...)}
	scanned := slices.Clone(b.Records)
	if err := buildBundle(ctx, b, opts.out, priv, sign.Options{Version: b.Version, Parameters: params, Started: started}, epoch, g); err != nil {
		return err
	}
	b.progress.finish()
	if err := recordPack(ctx, b, scanned, opts.out); err != nil && !g.quiet {
		fmt.Fprintf(g.stderr, "consign: the bundle is written, but %v: consign status will not know about it\n", err)
	}
	if !g.quiet {
		for _, w := range b.warnings {
			fmt.Fprintf(g.stderr, "consign: %s\n", w)
		}
		for _, x := range b.Facts.Excluded {
			fmt.Fprintf(g.stderr, "consign: %s left out: %s\n", x.Path, x.Reason)
		}
		fmt.Fprintf(g.stdout, "packed %d files (%d bytes) into %s, signed with key %s\n", len(b.Records), size, opts.out, sign.KeyID(priv.Public().(ed25519.PublicKey)))
	}
	return nil
}

// scanForPack runs the scan pipeline as scan does and gathers what the
// bundle is made of.
func scanForPack(ctx context.Context, dir string, sel *selection, g *globalOptions) (*bundleInputs, error) {
	scanOpts, profile, done, err := newPipeline(ctx, dir, sel, g)
	if err != nil {
		return nil, err
	}
	scanOpts.SHA512 = true // the bundle's second manifest, from the scan's one read
	b := &bundleInputs{Root: dir, Profile: profile, Catalog: scanOpts.Catalog, done: done}
	b.progress = startProgress(ctx, g, scanOpts, "scanning", false)
	if b.progress != nil {
		scanOpts.Progress = b.progress.record
	}
	var skipped, badNames []string
	sum, err := pipeline.Scan(ctx, scanOpts, func(rec *pipeline.Record) error {
		rec.Fields = nil // raw metadata is for detectors only; the bundle does not keep it
		b.Findings = append(b.Findings, rec.Findings...)
		switch {
		case rec.RawPath != "":
			badNames = append(badNames, rec.Path)
			return nil
		case rec.LinkTarget != "":
			skipped = append(skipped, rec.Path)
			return nil
		}
		b.Records = append(b.Records, rec)
		return nil
	})
	if err != nil && !errors.Is(err, pipeline.ErrPartial) {
		b.progress.finish()
		b.close()
		return nil, err
	}
	if len(badNames) > 0 {
		b.progress.finish()
		b.close()
		return nil, usagef("%d file names are not valid UTF-8, which a bundle cannot hold; rename them: %s", len(badNames), strings.Join(badNames, ", "))
	}
	b.Summary = sum
	if !g.quiet {
		for _, p := range skipped {
			fmt.Fprintf(g.stderr, "consign: %s: symbolic link left out of the bundle\n", p)
		}
	}
	return b, nil
}

// refuseOpen lists the open findings at or above failOn and returns
// errFindings, unless there are none or acceptOpen is set.
func refuseOpen(all []detectors.Finding, failOn string, acceptOpen bool, g *globalOptions) error {
	open := openFindings(all, failOn)
	if len(open) == 0 || acceptOpen {
		return nil
	}
	listFindings(g, open)
	return fmt.Errorf("pack refused, nothing written: %d open findings at or above %s (review them, list them in .consign/ignore, or pass --accept-open): %w", len(open), failOn, errFindings)
}

// openFindings returns the findings at or above threshold that are open
// and that the redaction policy does not take care of.
func openFindings(all []detectors.Finding, threshold string) []detectors.Finding {
	var open []detectors.Finding
	for _, f := range all {
		if f.Status == detectors.StatusOpen && f.Redaction == "" && detectors.AtLeast(f.Severity, threshold) {
			open = append(open, f)
		}
	}
	return open
}

func listFindings(g *globalOptions, open []detectors.Finding) {
	for _, f := range open {
		where := f.Location.Field
		if where == "" && f.Location.Line > 0 {
			where = fmt.Sprintf("line %d", f.Location.Line)
		}
		fmt.Fprintf(g.stderr, "open %s %s (%s) %s %s %s\n", f.Severity, f.Kind, f.Detector, f.Path, where, f.Excerpt)
	}
}

// loadSigningKey reads the private key given, or the one keygen wrote.
func loadSigningKey(path string) (ed25519.PrivateKey, error) {
	if path == "" {
		dir, err := sign.KeyDir()
		if err != nil {
			return nil, usagef("%v", err)
		}
		path = filepath.Join(dir, sign.PrivateKeyFile)
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, usagef("no signing key at %s: run 'consign keygen' first, or give --key", path)
		}
	}
	priv, err := sign.LoadPrivateKey(path)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return priv, nil
}

// catalogIdentifier returns the catalog's stable urn:uuid: from
// consign.yaml, or a new one written into it (keeping its comments). A
// folder marked read-only is not written to: its identifier is kept in
// consign's state for the folder instead, and pack says so.
func catalogIdentifier(dir string, profile *manifest.Profile, g *globalOptions) (string, error) {
	if id := profile.Catalog.ExternalIdentifier; id != "" {
		return id, nil
	}
	if id := profile.ExternalIdentifier; id != "" {
		return id, nil
	}
	if info, err := os.Stat(dir); err == nil && info.Mode().Perm()&0o200 == 0 {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return "", err
		}
		state := folderState(abs, g)
		path := filepath.Join(state, "identifier")
		if b, err := os.ReadFile(path); err == nil {
			return strings.TrimSpace(string(b)), nil
		}
		id, err := manifest.NewExternalIdentifier()
		if err != nil {
			return "", err
		}
		if err := os.MkdirAll(state, 0o700); err != nil {
			return "", fmt.Errorf("keep the catalog identifier: %w", err)
		}
		if err := os.WriteFile(path, []byte(id+"\n"), 0o600); err != nil {
			return "", fmt.Errorf("keep the catalog identifier: %w", err)
		}
		if !g.quiet {
			fmt.Fprintf(g.stderr, "consign: %s is read-only: its catalog identifier %s is kept in %s; add external_identifier to its consign.yaml to keep it with the folder\n", dir, id, path)
		}
		return id, nil
	}
	id, wrote, err := manifest.EnsureIdentifier(dir)
	if err != nil {
		return "", err
	}
	if wrote && !g.quiet {
		fmt.Fprintf(g.stderr, "consign: wrote %s %s into %s\n", manifest.IdentifierKey, id, filepath.Join(dir, manifest.ProfileFile))
	}
	return id, nil
}

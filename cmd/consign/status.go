package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	gojson "github.com/goccy/go-json"
	"github.com/spf13/cobra"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
	"github.com/consignhq/consign/pipeline/catalog"
)

type statusOptions struct {
	format    string
	selection selection
}

func newStatusCommand(g *globalOptions) *cobra.Command {
	opts := &statusOptions{}
	cmd := &cobra.Command{
		Use:   "status DIR",
		Short: "Show what changed since the last pack: files, findings, and the redaction checklist",
		Long: `status scans DIR (reading only the files that changed, thanks to the catalog
in DIR/.consign/) and compares it with the last bundle consign pack made of
it: files new, modified, deleted and renamed (same content, new path);
findings resolved (the value is gone, the file deleted, or the finding
ignored), still open, and newly introduced; and the checklist's progress by
severity. Nothing in DIR is modified. The last pack's findings of
detectors this run does not use (--detectors), and those of files it
cannot fully read, are left out of the comparison, and status says how
many.

A finding's id holds its file's path, so a renamed file's findings have new
ids: status pairs them with the ones the file had at its old path (the same
detector, kind, place in the file and value) and lists them as still open,
"moved from" the old path, not as resolved and new. Ignore list entries
left under the old ids are named, with the command that carries them over
(consign ignore --moved).`,
		Example: `  consign status ~/my-content
  consign status ~/my-content --format json`,
		Args: wantArgs("the folder to compare with its last pack"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runStatus(cmd.Context(), args[0], opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.format, "format", "f", "text", "text or json")
	opts.selection.addFlags(f)
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runStatus(ctx context.Context, dir string, opts *statusOptions, g *globalOptions) error {
	if opts.format != "text" && opts.format != "json" {
		return usagef("unknown format %q (choose text or json)", opts.format)
	}
	if opts.selection.noCache {
		return usagef("status compares with the last pack, which the catalog remembers: it cannot run with --no-cache")
	}
	scanOpts, profile, done, err := newPipeline(ctx, dir, &opts.selection, g)
	if err != nil {
		return err
	}
	defer done()
	var current []*pipeline.Record
	_, err = pipeline.Scan(ctx, scanOpts, func(rec *pipeline.Record) error {
		sayUnread(g, rec)
		if rec.LinkTarget != "" {
			return nil // pack leaves symbolic links out: never new, never deleted
		}
		rec.Fields = nil
		current = append(current, rec)
		return nil
	})
	if err != nil && !errors.Is(err, pipeline.ErrPartial) {
		return err
	}
	partial := err
	last, packed, err := lastPack(ctx, scanOpts.Catalog)
	if err != nil {
		return err
	}
	packed = leaveOutUnrun(packed, scanOpts.Detection, dir, g)
	packed = leaveOutUnread(packed, current, dir, g)
	var ignore *detectors.IgnoreList
	if scanOpts.Detection != nil {
		ignore = scanOpts.Detection.Ignore
	}
	st := manifest.ComputeStatus(last, packed, current, policyAtPack(profile, current), ignore)
	if opts.format == "json" {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(st); err != nil {
			return err
		}
	} else {
		if st.LastPack != nil {
			st.LastPack.Output = fromHere(st.LastPack.Output)
		}
		carry := "consign ignore --moved -C " + shellPath(dir) + stateArg(g)
		if err := manifest.WriteStatusText(g.stdout, dir, st, carry); err != nil {
			return err
		}
	}
	return partial
}

// lastPack reads what the catalog remembers of the last pack: nil and no
// files when there is no catalog or the folder was never packed.
func lastPack(ctx context.Context, cat *catalog.Catalog) (*manifest.PackInfo, []manifest.PackedFile, error) {
	if cat == nil {
		return nil, nil, nil
	}
	p, ok, err := cat.LastPack(ctx)
	if err != nil || !ok {
		return nil, nil, err
	}
	last := &manifest.PackInfo{BundleID: p.BundleID, Created: p.Created, Output: p.Output}
	packed := make([]manifest.PackedFile, 0, len(p.Files))
	for _, f := range p.Files {
		pf := manifest.PackedFile{Path: f.Path, SHA256: f.SHA256}
		// goccy/go-json decodes as encoding/json does
		// (TestPackFindingsDecodeAsEncodingJSON) in about a third of the
		// time: these are every finding of the last pack, and status of
		// 20,000 generated files spent a fifth of its CPU here.
		if err := gojson.Unmarshal(f.Findings, &pf.Findings); err != nil {
			return nil, nil, fmt.Errorf("read the last pack's findings of %s: %w", f.Path, err)
		}
		packed = append(packed, pf)
	}
	return last, packed, nil
}

// fromHere names the bundle path pack recorded in full relative to the
// working directory when it lies below it, as the pack command most often
// named it; elsewhere the full path says where it is.
func fromHere(path string) string {
	if !filepath.IsAbs(path) {
		return path // recorded by a consign that kept OUT as typed
	}
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	rel, err := filepath.Rel(wd, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return path
	}
	return rel
}

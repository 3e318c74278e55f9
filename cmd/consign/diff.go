package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/consignhq/consign/manifest/diff"
)

type diffOptions struct {
	format string
	limit  int
}

func newDiffCommand(g *globalOptions) *cobra.Command {
	opts := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff OLD_BUNDLE NEW_BUNDLE",
		Short: "Show what changed between two bundles",
		Long: `diff compares two bundles made by consign pack, from their files alone (no
catalog, no source folder): payload files added, removed, changed, renamed,
newly redacted or no longer redacted, and which record fields and tags
changed; findings added, resolved, moved (the findings of a renamed file,
whose ids changed with its path), or whose status or redaction changed;
and which keys of the licence offer changed. Bundles of different catalogs
(another External-Identifier) are compared, and flagged.

diff does not verify the bundles: run consign verify for that.

Exit code 0 means the bundles were compared, whether or not they differ
(the report says which: "identical" in JSON); 2 means a path is not a
consign bundle or its metadata cannot be read.`,
		Example: `  consign diff catalog-2024 catalog-2025
  consign diff catalog-2024 catalog-2025 --format json | jq '.files.added'`,
		Args: wantArgs("the old bundle and the new one to compare", "the new bundle to compare with the old"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDiff(args[0], args[1], opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.format, "format", "f", "text", "report format: text or json")
	f.IntVar(&opts.limit, "limit", 20, "text: entries shown per list before \"... and N more\" (0: all)")
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runDiff(oldDir, newDir string, opts *diffOptions, g *globalOptions) error {
	if opts.format != "text" && opts.format != "json" {
		return usagef("unknown format %q (choose text or json)", opts.format)
	}
	if opts.limit < 0 {
		return usagef("--limit must be 0 or more")
	}
	rep, err := diff.Compare(oldDir, newDir)
	if errors.Is(err, diff.ErrNotBundle) {
		return usagef("%v", err)
	}
	if err != nil {
		return fmt.Errorf("compare bundles: %w", err)
	}
	if opts.format == "json" {
		enc := json.NewEncoder(g.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		return nil
	}
	if err := diff.WriteText(g.stdout, rep, opts.limit); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

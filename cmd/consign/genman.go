package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newGenManCommand builds the hidden command that writes consign's man
// pages, one per command, from the same definitions --help prints: the
// pages in docs/man are made by it (make docs), and packagers can make
// them from the binary they ship. The date in each page's header is
// SOURCE_DATE_EPOCH's month when it is set, so the pages are reproducible.
func newGenManCommand(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:     "gen-man DIR",
		Short:   "Write consign's man pages (section 1) into DIR",
		Hidden:  true,
		Args:    cobra.ExactArgs(1),
		Example: "  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) consign gen-man docs/man",
		RunE: func(cmd *cobra.Command, args []string) error {
			return writeManPages(cmd.Root(), args[0])
		},
	}
}

// writeManPages writes the man pages of root and every visible command
// under it into dir.
func writeManPages(root *cobra.Command, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	root.DisableAutoGenTag = true // no generation date in the body: pages change only when commands do
	header := &doc.GenManHeader{Title: "CONSIGN", Section: "1", Source: "consign", Manual: "consign manual"}
	if err := doc.GenManTree(root, header, dir); err != nil {
		return fmt.Errorf("write man pages into %s: %w", dir, err)
	}
	return nil
}

package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/consignhq/consign/pipeline/catalog"
)

func newCacheCommand(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cache",
		Short: "Manage the catalog consign keeps in DIR/.consign/",
		Long: `consign keeps a catalog of every file it has read in DIR/.consign/catalog.db,
so that a rerun reads only what changed. It is a cache: removing it loses
nothing but time (the next run reads every file again), and the record of
past packs that consign status compares with.`,
		Example: `  consign cache clear ~/my-content
  consign scan ~/my-content --no-cache     # read everything, leave the catalog alone`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(&cobra.Command{
		Use:     "clear DIR",
		Short:   "Remove the folder's catalog",
		Example: `  consign cache clear ~/my-content`,
		Args:    wantArgs("the folder whose catalog to remove"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFolder(args[0]); err != nil {
				return err
			}
			abs, err := filepath.Abs(args[0])
			if err != nil {
				return err
			}
			state, err := folderState(abs, g)
			if err != nil {
				return err
			}
			existed := catalog.Exists(state)
			// It waits for another consign working on the folder, as
			// every command does, and says so as they do.
			opts := catalog.Options{Waiting: func(lock string) {
				fmt.Fprintf(g.stderr, "consign: another consign is working on %s; waiting for it (lock %s)\n", args[0], lock)
			}}
			if err := catalog.Clear(cmd.Context(), state, opts); err != nil {
				return err
			}
			switch {
			case g.quiet:
			case !existed:
				fmt.Fprintf(g.stdout, "no catalog in %s: nothing to remove\n", state)
			default:
				fmt.Fprintf(g.stdout, "removed the catalog in %s\n", state)
			}
			return nil
		},
	})
	return cmd
}

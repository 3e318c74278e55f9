package main

import (
	"fmt"
	"os"
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
past packs that consign status compares with.

pack also keeps, beside each bundle OUT, a hidden folder .consign-next-OUT
with hard links to the payload files the bundle shares with the one it
replaced, for the next pack to build in; it takes no room of its own
while the bundle is there. Clearing the catalog removes those folders too.`,
		Example: `  consign cache clear ~/my-content
  consign scan ~/my-content --no-cache     # read everything, leave the catalog alone`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(&cobra.Command{
		Use:     "clear DIR",
		Short:   "Remove the folder's catalog, and the folders pack kept beside its bundles",
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
			// The folders pack keeps beside its bundles for the next pack
			// to build in are cache too (pack_next.go).
			var outs []string
			if existed {
				if c, err := catalog.Open(cmd.Context(), state, opts); err == nil {
					outs, _ = c.Outputs(cmd.Context())
					c.Close()
				}
			}
			if err := catalog.Clear(cmd.Context(), state, opts); err != nil {
				return err
			}
			for _, out := range outs {
				os.RemoveAll(nextFolder(out))
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

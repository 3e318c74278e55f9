package main

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/consignhq/consign/cmd/internal/scanconfig"
)

// version is set at build time with -ldflags "-X main.version=..."; when it
// is not, the module version from the build info is used.
var version = ""

func consignVersion() string { return scanconfig.Version(version) }

func newVersionCommand(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print consign's version",
		Args:    mostArgs(0),
		Example: "  consign version",
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprint(g.stdout, versionLine(consignVersion()))
			return err
		},
	}
}

// versionLine is the line 'consign version' and 'consign --version' print.
func versionLine(v string) string {
	return fmt.Sprintf("consign %s %s/%s %s\n", v, runtime.GOOS, runtime.GOARCH, runtime.Version())
}

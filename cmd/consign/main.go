// Command consign audits a creator's content folder before it is sold as
// AI training data, and packs it into a bundle a marketplace can verify.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	// Before the packages whose initialisation allocates: see their docs.
	_ "github.com/consignhq/consign/cmd/internal/hugeheap"
	_ "github.com/consignhq/consign/cmd/internal/lategc"
	_ "github.com/consignhq/consign/cmd/internal/warmup"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
	"github.com/spf13/cobra"
)

// Exit codes, the same for every command (see docs/exit-codes in README).
const (
	exitOK          = 0
	exitFindings    = 1
	exitUsage       = 2
	exitPartial     = 3
	exitInterrupted = 130
)

// usageError marks an error in how consign was called, or bad input that
// stops a command before it starts: exit code 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// wantArgs takes exactly one argument per name in what, each named
// there ("the folder to scan"), so that a missing or extra argument says
// what to give rather than cobra's "accepts 1 arg(s), received 0".
func wantArgs(what ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		usage := usageLine(cmd)
		switch {
		case len(args) < len(what):
			return usagef("give %s (%s)", what[len(args)], usage)
		case len(args) > len(what):
			return usagef("%s takes %s (%s), not %d: quote a path that holds spaces",
				cmd.CommandPath(), manifest.Count(len(what), "argument"), usage, len(args))
		}
		return nil
	}
}

// mostArgs takes up to n arguments (n is 0 or 1 here), saying so as
// wantArgs does rather than cobra's "accepts at most 1 arg(s)" or, for
// none, its "unknown command", which reads as a misspelt subcommand.
func mostArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) <= n:
			return nil
		case n == 0:
			return usagef("%s takes no arguments, not %d", cmd.CommandPath(), len(args))
		}
		return usagef("%s takes at most %s (%s), not %d: quote a path that holds spaces",
			cmd.CommandPath(), manifest.Count(n, "argument"), usageLine(cmd), len(args))
	}
}

// usageLine is the command's path and the arguments its Use names.
func usageLine(cmd *cobra.Command) string {
	usage := cmd.CommandPath()
	if i := strings.IndexByte(cmd.Use, ' '); i >= 0 {
		usage += cmd.Use[i:]
	}
	return usage
}

// usagef returns a usage error with a formatted message.
func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes consign with args and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRootCommand(stdout, stderr)
	root.SetArgs(args)
	err := unknownSubcommand(root, args)
	if err == nil {
		err = root.ExecuteContext(ctx)
	}
	if err == nil {
		return exitOK
	}
	if ctx.Err() != nil || errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "consign: interrupted")
		return exitInterrupted
	}
	fmt.Fprintf(stderr, "consign: %v\n", err)
	return exitCode(err)
}

// exitCode maps an error to the exit codes every command shares. Usage
// errors and bad input (a missing folder, a file where a folder belongs, an
// invalid consign.yaml) and any other failure that stopped the command are 2.
func exitCode(err error) int {
	switch {
	case errors.Is(err, errFindings), errors.Is(err, errInvalid):
		// The gate the caller asked for wins over a partial read.
		return exitFindings
	case errors.Is(err, pipeline.ErrPartial):
		return exitPartial
	}
	return exitUsage
}

// gateError is a gate that closed (--fail-on) or a refusal: its message
// is the whole line consign prints, and the sentinels it wraps (errFindings,
// pipeline.ErrPartial) choose the exit code without adding their text.
type gateError struct {
	msg  string
	errs []error
}

func (e *gateError) Error() string   { return e.msg }
func (e *gateError) Unwrap() []error { return e.errs }

// gatef returns a gateError saying format, standing for the non-nil errs.
func gatef(errs []error, format string, args ...any) error {
	e := &gateError{msg: fmt.Sprintf(format, args...)}
	for _, err := range errs {
		if err != nil {
			e.errs = append(e.errs, err)
		}
	}
	return e
}

// errFindings is returned when findings reach the --fail-on threshold.
var errFindings = errors.New("findings at or above the --fail-on severity")

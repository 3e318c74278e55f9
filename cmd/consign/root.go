package main

import (
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/spf13/cobra"
)

// globalOptions are the flags every command takes.
type globalOptions struct {
	jobs int
	// jobsGiven is whether --jobs was given: verify's default differs.
	jobsGiven bool
	quiet     bool
	noColor   bool
	state     string
	states    map[string]string // the state directory chosen for each folder this run
	stdout    io.Writer
	stderr    io.Writer
}

func newRootCommand(stdout, stderr io.Writer) *cobra.Command {
	g := &globalOptions{stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "consign",
		Short: "Audit and package a creator's content folder for sale as AI training data",
		Long: `consign reads a creator's content folder in one concurrent pass: what each
file is, when it was made, what languages it speaks and what its metadata
says about people and owners. It reports what must be reviewed before a
catalog is sold, and packs it into a bundle a marketplace can verify.`,
		Example: `  consign init ~/my-content --name "Ada Lovelace" --title "Notes"
  consign scan ~/my-content
  consign scan ~/my-content --format jsonl > audit.jsonl`,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if g.jobs < 0 {
				return usagef("--jobs %d: give 1 or more files at once, or 0 (the default) for one per CPU", g.jobs)
			}
			g.jobsGiven = g.jobs > 0
			if g.jobs == 0 {
				g.jobs = runtime.NumCPU()
			}
			return nil
		},
	}
	// --version prints what 'consign version' prints.
	root.Version = consignVersion()
	root.SetVersionTemplate(versionLine("{{.Version}}"))
	root.Flags().Bool("version", false, "print consign's version, as 'consign version' does")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usagef("%v (see '%s --help')", err, cmd.CommandPath())
	})
	root.PersistentFlags().IntVarP(&g.jobs, "jobs", "j", 0, "files processed at once (default: one per CPU; verify hashes four per CPU)")
	root.PersistentFlags().BoolVarP(&g.quiet, "quiet", "q", false, "print nothing but the report and errors")
	root.PersistentFlags().BoolVar(&g.noColor, "no-color", false, "draw the progress display without colour (so does a non-empty NO_COLOR)")
	root.PersistentFlags().StringVar(&g.state, "state", "", "keep consign's state for the folder (catalog, fingerprint key, ignore list) here instead of DIR/.consign")
	root.AddCommand(
		newInitCommand(g),
		newScanCommand(g),
		newIgnoreCommand(g),
		newPackCommand(g),
		newReportCommand(g),
		newVerifyCommand(g),
		newDiffCommand(g),
		newKeygenCommand(g),
		newStatusCommand(g),
		newCacheCommand(g),
		newVersionCommand(g),
	)
	addDefaultCommandExamples(root)
	return root
}

// addDefaultCommandExamples adds cobra's help and completion commands now
// rather than at Execute, so that they and the completion command's shells
// carry examples in --help and in the man pages like every other command.
func addDefaultCommandExamples(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	examples := map[string]string{
		"help": "  consign help scan\n  consign help completion bash",
		"completion": `  consign completion bash > /etc/bash_completion.d/consign
  consign completion zsh > "${fpath[1]}/_consign"
  consign completion fish > ~/.config/fish/completions/consign.fish`,
		"bash":       "  source <(consign completion bash)\n  consign completion bash > /etc/bash_completion.d/consign",
		"zsh":        "  consign completion zsh > \"${fpath[1]}/_consign\"",
		"fish":       "  consign completion fish > ~/.config/fish/completions/consign.fish",
		"powershell": "  consign completion powershell | Out-String | Invoke-Expression",
	}
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Example = examples["help"]
			refuseUnknownTopic(root, c)
		case "completion":
			c.Example = examples["completion"]
			for _, sh := range c.Commands() {
				sh.Example = examples[sh.Name()]
			}
		}
	}
}

// refuseUnknownTopic makes "consign help bogus" a usage error: cobra's
// help command prints "Unknown help topic" and the root's help, and exits
// 0, as if the topic existed.
func refuseUnknownTopic(root, help *cobra.Command) {
	show := help.Run
	help.Run = nil
	help.RunE = func(cmd *cobra.Command, args []string) error {
		if c, rest, err := root.Find(args); err != nil || c == nil || len(rest) > 0 {
			return usagef("unknown help topic %q (see 'consign --help')", strings.Join(args, " "))
		}
		show(cmd, args)
		return nil
	}
}

// unknownCommand refuses a first word that is no command of consign's on
// one line, as the other usage errors are: the command it may be a
// misspelling of, or, for a folder given alone, the scan of it.
func unknownCommand(root *cobra.Command, word string) error {
	hint := ""
	if s := root.SuggestionsFor(word); len(s) > 0 {
		hint = "did you mean " + strings.Join(s, " or ") + "? "
	} else if fi, err := os.Stat(word); err == nil && fi.IsDir() {
		hint = "to audit that folder: consign scan " + shellPath(word) + "; "
	}
	return usagef("unknown command %q for %q (%ssee 'consign --help')", word, root.CommandPath(), hint)
}

// unknownSubcommand refuses a word after a command that only groups
// others ("consign cache claer DIR"): cobra shows such a command's help
// and exits 0, so a misspelt subcommand in a script looked like success.
func unknownSubcommand(root *cobra.Command, args []string) error {
	c, rest, err := root.Find(args)
	// cobra adds the commands shells call for completions (__complete)
	// only as it executes.
	if err != nil && c == root && len(args) > 0 && !strings.HasPrefix(args[0], "-") &&
		args[0] != cobra.ShellCompRequestCmd && args[0] != cobra.ShellCompNoDescRequestCmd {
		return unknownCommand(root, args[0])
	}
	if err != nil || c == root || c.Runnable() || !c.HasSubCommands() {
		return nil
	}
	if c.ParseFlags(rest) != nil {
		return nil // Execute reports the flag error
	}
	if words := c.Flags().Args(); len(words) > 0 {
		return usagef("unknown command %q for %q (see '%s --help')", words[0], c.CommandPath(), c.CommandPath())
	}
	return nil
}

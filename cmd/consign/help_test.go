package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// visibleCommands lists every command a user can reach, depth first.
func visibleCommands(c *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{c}
	for _, sub := range c.Commands() {
		if sub.Hidden {
			continue
		}
		out = append(out, visibleCommands(sub)...)
	}
	return out
}

func TestEveryCommandHasExamples(t *testing.T) {
	root := newRootCommand(&bytes.Buffer{}, &bytes.Buffer{})
	cmds := visibleCommands(root)
	var names []string
	for _, c := range cmds {
		names = append(names, c.CommandPath())
	}
	for _, want := range []string{"consign init", "consign scan", "consign ignore", "consign pack", "consign verify",
		"consign keygen", "consign version", "consign completion", "consign completion bash", "consign help"} {
		if !slices.Contains(names, want) {
			t.Errorf("no command %q among %v", want, names)
		}
	}
	for _, c := range cmds {
		t.Run(c.CommandPath(), func(t *testing.T) {
			if strings.TrimSpace(c.Example) == "" {
				t.Fatal("--help shows no examples")
			}
			for _, line := range strings.Split(c.Example, "\n") {
				if !strings.Contains(line, "consign") {
					t.Errorf("example line %q does not run consign", line)
				}
			}
			var out bytes.Buffer
			c.SetOut(&out)
			if err := c.Help(); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), "Examples:") {
				t.Errorf("--help lacks its examples:\n%s", out.String())
			}
		})
	}
}

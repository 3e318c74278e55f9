package main

import (
	"bytes"
	"os"
	"path/filepath"
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

// TestManPagesUpToDate regenerates the man pages and compares them with
// docs/man: after changing a command's help, run make docs and commit the
// pages. The month in each page's .TH line comes from the last commit and
// is not compared.
func TestManPagesUpToDate(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"gen-man", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("gen-man exited %d: %s", code, stderr.String())
	}
	committed := filepath.Join("..", "..", "docs", "man")
	got, err := filepath.Glob(filepath.Join(dir, "*.1"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := filepath.Glob(filepath.Join(committed, "*.1"))
	if err != nil {
		t.Fatal(err)
	}
	base := func(paths []string) []string {
		for i, p := range paths {
			paths[i] = filepath.Base(p)
		}
		return paths
	}
	if g, w := base(got), base(want); !slices.Equal(g, w) {
		t.Fatalf("man pages %v, docs/man has %v: run make docs", g, w)
	}
	for _, name := range got {
		t.Run(name, func(t *testing.T) {
			fresh, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			old, err := os.ReadFile(filepath.Join(committed, name))
			if err != nil {
				t.Fatal(err)
			}
			if withoutDate(fresh) != withoutDate(old) {
				t.Errorf("docs/man/%s is out of date: run make docs and commit it", name)
			}
		})
	}
}

// withoutDate drops the date field of a man page's .TH line.
func withoutDate(page []byte) string {
	lines := strings.Split(string(page), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".TH ") {
			if f := strings.Split(l, `" "`); len(f) == 5 {
				f[2] = ""
				lines[i] = strings.Join(f, `" "`)
			}
		}
	}
	return strings.Join(lines, "\n")
}

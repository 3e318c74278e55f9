package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// The man pages in docs/man are written by this test, not by consign: the
// Markdown-to-roff renderer they need is linked into the test alone, so
// that the consign binary does not initialise it on every start. make docs
// runs TestManPagesUpToDate with -update.

// committedManPages is where the man pages are kept, from this package.
var committedManPages = filepath.Join("..", "..", "docs", "man")

// writeManPages writes the man pages of root and every visible command
// under it into dir. The date in each page's header is SOURCE_DATE_EPOCH's
// month when it is set, so the pages are reproducible.
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

// TestManPagesUpToDate regenerates the man pages and compares them with
// docs/man: after changing a command's help, run make docs and commit the
// pages. The month in each page's .TH line comes from the last commit and
// is not compared. With -update it writes docs/man instead, replacing the
// pages there.
func TestManPagesUpToDate(t *testing.T) {
	root := newRootCommand(&bytes.Buffer{}, &bytes.Buffer{})
	if *update {
		old, err := filepath.Glob(filepath.Join(committedManPages, "*.1"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range old {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
		}
		if err := writeManPages(root, committedManPages); err != nil {
			t.Fatal(err)
		}
		return
	}
	dir := t.TempDir()
	if err := writeManPages(root, dir); err != nil {
		t.Fatal(err)
	}
	got, err := filepath.Glob(filepath.Join(dir, "*.1"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := filepath.Glob(filepath.Join(committedManPages, "*.1"))
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
			old, err := os.ReadFile(filepath.Join(committedManPages, name))
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

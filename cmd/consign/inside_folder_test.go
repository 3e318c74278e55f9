package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInsideFolder(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "folder")
	for _, d := range []string{filepath.Join(dir, "sub"), filepath.Join(root, "elsewhere")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"alias":           dir,
		"folder/sub/away": filepath.Join(root, "elsewhere"),
		"page.html":       filepath.Join(dir, "x.html"),
	}
	linked := canSymlink(t)
	for name, target := range links {
		if !linked {
			break
		}
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name, dir, out string
		inside         bool
	}{
		{"a file in the folder", "folder", "folder/x.html", true},
		{"the folder itself", "folder", "folder", true},
		{"the state folder", "folder", "folder/.consign/x.html", true},
		{"a name beginning with two dots", "folder", "folder/..x.html", true},
		{"a folder not made yet", "folder", "folder/new/deeper/x.html", true},
		{"through a link to the folder", "folder", "alias/x.html", true},
		{"the folder named by a link", "alias", "folder/x.html", true},
		{"dot dot after a link", "folder", "alias/sub/../x.html", true},
		{"beside the folder", "folder", "x.html", false},
		{"up and out", "folder", "folder/../x.html", false},
		{"a link out of the folder", "folder", "folder/sub/away/x.html", false},
		{"dot dot after a link out", "folder", "folder/sub/away/../x.html", false},
		{"a link named as the output is not followed", "folder", "page.html", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !linked && strings.Contains(tc.name, "link") {
				t.Skip("this system makes no symbolic links")
			}
			t.Chdir(root)
			_, inside, err := insideFolder(tc.dir, tc.out)
			if err != nil {
				t.Fatal(err)
			}
			if inside != tc.inside {
				t.Errorf("insideFolder(%q, %q) = %v, want %v", tc.dir, tc.out, inside, tc.inside)
			}
		})
	}
}

func TestLeadsUp(t *testing.T) {
	for rel, want := range map[string]bool{"..": true, "../..": true, "": false, ".": false, "../x": false, "...": false, "../...": false} {
		if got := leadsUp(filepath.FromSlash(rel)); got != want {
			t.Errorf("leadsUp(%q) = %v, want %v", rel, got, want)
		}
	}
}

package main

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedDir returns the shared test material that sits beside the project
// (../shared from the repository root), or skips the test when it is absent:
// it is there in development and CI, not in a user's clone.
func sharedDir(t testing.TB, sub string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("skipping: repository root not found")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("skipping: %s is absent (the shared test material sits beside the project in development and CI only)", p)
	}
	return p
}

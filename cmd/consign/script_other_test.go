//go:build !unix

package main

import "github.com/rogpeppe/go-internal/testscript"

// dropRoot has nothing to do where there is no root user.
func dropRoot() {}

// The scripts that use these commands run on Unix systems only (see
// TestScript).

func cmdMkfifo(ts *testscript.TestScript, neg bool, args []string) {
	ts.Fatalf("mkfifo: no named pipes in this system's file system")
}

func cmdDeepTree(ts *testscript.TestScript, neg bool, args []string) {
	ts.Fatalf("deeptree: needs a Unix system")
}

package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// flipbyte FILE OFFSET: xor one byte of FILE with 0x01, in place (so a
// second flip restores it). A negative OFFSET counts from the end.
func cmdFlipByte(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: flipbyte FILE OFFSET")
	}
	off, err := strconv.ParseInt(args[1], 10, 64)
	ts.Check(err)
	f, err := os.OpenFile(ts.MkAbs(args[0]), os.O_RDWR, 0)
	ts.Check(err)
	defer f.Close()
	info, err := f.Stat()
	ts.Check(err)
	if off < 0 {
		off += info.Size()
	}
	b := make([]byte, 1)
	_, err = f.ReadAt(b, off)
	ts.Check(err)
	b[0] ^= 0x01
	_, err = f.WriteAt(b, off)
	ts.Check(err)
}

// cmptree DIR1 DIR2: the two trees hold the same names and every file the
// same bytes.
func cmdCmpTree(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: cmptree DIR1 DIR2")
	}
	a, b := listTree(ts, args[0]), listTree(ts, args[1])
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		ts.Fatalf("the trees hold different files:\n%s\n---\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
	for _, rel := range a {
		x, err := os.ReadFile(filepath.Join(ts.MkAbs(args[0]), rel))
		ts.Check(err)
		y, err := os.ReadFile(filepath.Join(ts.MkAbs(args[1]), rel))
		ts.Check(err)
		if !bytes.Equal(x, y) {
			ts.Fatalf("%s differs", rel)
		}
	}
	ts.Logf("%d files identical", len(a))
}

func listTree(ts *testscript.TestScript, dir string) []string {
	var out []string
	ts.Check(filepath.WalkDir(ts.MkAbs(dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(ts.MkAbs(dir), p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	}))
	return out
}

// noglob PATTERN: nothing matches PATTERN (a filepath.Match glob).
func cmdNoGlob(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: noglob PATTERN")
	}
	m, err := filepath.Glob(ts.MkAbs(args[0]))
	ts.Check(err)
	if len(m) > 0 {
		ts.Fatalf("%s matches %v", args[0], m)
	}
}

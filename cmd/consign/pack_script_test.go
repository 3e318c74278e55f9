package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/consignhq/consign/manifest"
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

// scriptCondition adds [cardfindings]: whether pack's scan reports a
// finding for a valid card number. The detectors are wired into the scan
// separately; until they are, scripts about refusing open findings skip.
func scriptCondition(cond string) (bool, error) {
	if cond != "cardfindings" {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	cardOnce.Do(func() { cardFindings, cardErr = scanFindsCard() })
	return cardFindings, cardErr
}

var (
	cardOnce     sync.Once
	cardFindings bool
	cardErr      error
)

func scanFindsCard() (bool, error) {
	dir, err := os.MkdirTemp("", "consign-card-*")
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "order.txt"), []byte("paid with 4111 1111 1111 1111 on Monday\n"), 0o644); err != nil {
		return false, err
	}
	g := &globalOptions{jobs: 1, stdout: io.Discard, stderr: io.Discard}
	b, err := scanForPack(context.Background(), dir, &manifest.Profile{}, g)
	if err != nil {
		return false, err
	}
	return len(b.Findings) > 0, nil
}

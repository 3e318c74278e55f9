package main

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline"
)

// TestWindowsProblem names what keeps Windows from creating a path, and
// passes names that only look alike.
func TestWindowsProblem(t *testing.T) {
	for path, want := range map[string]string{
		"notes/a.txt": "", "console.txt": "", "COM10.txt": "", "LPT0": "", "conference/x.md": "", " lead.txt": "",
		"a.b.c": "", "~home.txt": "", "100%.txt": "", "#hash.txt": "", "caf\u00e9.txt": "",
		"c:drive.txt": `":"`, "what?.md": `"?"`, "a|b": `"|"`, `say "hi".txt`: `"\""`, "<x>": `"<"`, "star*.png": `"*"`,
		"tab\tx.txt": "a control character", "new\nline.txt": "a control character",
		"trail.txt ": "ends in a dot or a space", "dir./x.txt": "ends in a dot or a space", "x/end.": "ends in a dot or a space",
		"CON.txt": "a device name", "nul": "a device name", "aux.tar.gz": "a device name", "sub/Com1.mp3": "a device name",
		"LPT9": "a device name", "prn .txt": "a device name", "con/inside.txt": "a device name",
	} {
		if got := windowsProblem(path); got != want {
			t.Errorf("windowsProblem(%q) = %q, want %q", path, got, want)
		}
	}
}

// TestCaseClashes groups the paths that are one once case is folded,
// whole paths only: folders that differ in case holding different files
// merge without loss.
func TestCaseClashes(t *testing.T) {
	var recs []*pipeline.Record
	for _, p := range []string{"A.txt", "a.txt", "b.txt", "Photos/x.jpg", "photos/y.jpg", "README.md", "docs/readme.md",
		"Docs/Readme.MD", "docs/README.md", "cafe\u0301.txt", "CAF\u00c9.txt"} {
		recs = append(recs, &pipeline.Record{Path: p})
	}
	got := caseClashes(recs)
	want := [][]string{{"A.txt", "a.txt"}, {"CAF\u00c9.txt", "caf\u00e9.txt"}, {"Docs/Readme.MD", "docs/README.md", "docs/readme.md"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("caseClashes = %q, want %q", got, want)
	}
}

// TestCaseHint says why a file was found in a new name's place when the
// two names differ only in case, and leaves other errors as they are.
func TestCaseHint(t *testing.T) {
	b := &bundleInputs{}
	for _, p := range []string{"Case.txt", "case.txt", "other.txt"} {
		b.Records = append(b.Records, &pipeline.Record{Path: p})
	}
	b.noteCaseClashes()
	exists := &fs.PathError{Op: "open", Path: "data/case.txt", Err: fs.ErrExist}
	err := b.caseHint(b.Records[1], exists)
	if !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), "Case.txt differs from this name only in case") {
		t.Errorf("case.txt: %v", err)
	}
	if err := b.caseHint(b.Records[2], exists); err != exists {
		t.Errorf("other.txt: %v, want the error as it was", err)
	}
	denied := &fs.PathError{Op: "open", Path: "data/case.txt", Err: fs.ErrPermission}
	if err := b.caseHint(b.Records[1], denied); err != denied {
		t.Errorf("a permission error: %v, want it as it was", err)
	}
}

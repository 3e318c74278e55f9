package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/consignhq/consign/manifest"
)

func TestNoteLeftOutCountsPastTheNamed(t *testing.T) {
	files := func(n int) []manifest.ExcludedFile {
		var out []manifest.ExcludedFile
		for i := range n {
			out = append(out, manifest.ExcludedFile{Path: fmt.Sprintf("f%02d.txt", i), Reason: "excluded by pattern"})
		}
		return out
	}
	for _, tc := range []struct {
		files, named int
		more         string
	}{
		{0, 0, ""},
		{leftOutNamed, leftOutNamed, ""},
		// One more than the named is named too: a line saying "1 more" would
		// take the same room.
		{leftOutNamed + 1, leftOutNamed + 1, ""},
		{leftOutNamed + 2, leftOutNamed, "consign: 2 more files left out;"},
		{600, leftOutNamed, "consign: 580 more files left out;"},
	} {
		var w strings.Builder
		noteLeftOut(&w, files(tc.files))
		lines := strings.Split(strings.TrimSuffix(w.String(), "\n"), "\n")
		if w.Len() == 0 {
			lines = nil
		}
		named := 0
		for _, l := range lines {
			if strings.HasSuffix(l, " left out: excluded by pattern") {
				named++
			}
		}
		if named != tc.named {
			t.Errorf("%d files: named %d, want %d:\n%s", tc.files, named, tc.named, w.String())
		}
		if tc.more == "" && len(lines) != named {
			t.Errorf("%d files: lines besides the named ones:\n%s", tc.files, w.String())
		}
		if tc.more != "" && (len(lines) != named+1 || !strings.HasPrefix(lines[named], tc.more)) {
			t.Errorf("%d files: last line should start %q:\n%s", tc.files, tc.more, w.String())
		}
	}
	var one strings.Builder
	noteLeftOut(&one, files(1))
	if want := "consign: f00.txt left out: excluded by pattern\n"; one.String() != want {
		t.Errorf("one file left out: %q, want %q", one.String(), want)
	}
}

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// portraitHandle is how the corpus's PaperFaces posts name who they
// portray: "PaperFaces portrait of [@jakesutton](https://twitter.com/...)".
var portraitHandle = regexp.MustCompile(`portrait of (?:project donator |)\[@([A-Za-z0-9_]+)\]|<a href="https?://twitter\.com/[A-Za-z0-9_]+">@([A-Za-z0-9_]+)</a>`)

// TestCorpusHandles scans a copy of the corpus's blog, with a consign.yaml
// naming its author's handle, and checks that pii/handle finds the
// handles of the people the PaperFaces posts portray and of the
// commenters whose names pii/name passes by, and reports the author's
// own handle as theirs.
func TestCorpusHandles(t *testing.T) {
	corpus := sharedDir(t, "corpus")
	if testing.Short() {
		t.Skip("skipping the corpus scan in -short mode")
	}
	dir := filepath.Join(t.TempDir(), "blog")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(corpus, "blog", "made-mistakes"))); err != nil {
		t.Fatal(err)
	}
	profile := "creator:\n  name: Michael Rose\n  handles: [\"@mmistakes\"]\n"
	if err := os.WriteFile(filepath.Join(dir, "consign.yaml"), []byte(profile), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"scan", "--format", "jsonl", "--quiet", "--show-values", "--no-cache", dir}, &stdout, &stderr)
	if code != exitOK && code != exitPartial {
		t.Fatalf("scan exited %d:\n%s", code, stderr.String())
	}
	type finding struct {
		Type, Path, Detector, Kind, Severity, Value string
	}
	handles := map[string]map[string]bool{} // path -> lower-case handles found
	self, total := 0, 0
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var f finding
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatal(err)
		}
		if f.Type != "finding" || f.Detector != "pii/handle" {
			continue
		}
		v := strings.ToLower(strings.TrimPrefix(f.Value, "@"))
		switch f.Kind {
		case "self":
			self++
			if v != "mmistakes" {
				t.Errorf("%s: %q reported as the creator's", f.Path, f.Value)
			}
			continue
		case "social_handle":
		default:
			t.Fatalf("%s: pii/handle reported kind %q", f.Path, f.Kind)
		}
		total++
		if v == "mmistakes" {
			t.Errorf("%s: the creator's handle reported as someone else's", f.Path)
		}
		if handles[f.Path] == nil {
			handles[f.Path] = map[string]bool{}
		}
		handles[f.Path][v] = true
	}

	posts, err := filepath.Glob(filepath.Join(dir, "_posts", "paperfaces", "*.md"))
	if err != nil || len(posts) == 0 {
		t.Fatalf("no PaperFaces posts in the copy (%v)", err)
	}
	portrayed := 0
	for _, p := range posts {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))
		for _, m := range portraitHandle.FindAllSubmatch(data, -1) {
			h := strings.ToLower(string(m[1]) + string(m[2]))
			portrayed++
			if !handles[rel][h] {
				t.Errorf("%s: @%s not found (found %v)", rel, h, handles[rel])
			}
		}
	}
	if portrayed < 30 {
		t.Errorf("only %d portraits name a handle: the regexp no longer reads the posts", portrayed)
	}

	for path, want := range map[string]string{
		"_data/comments/drawing-clouds/comment-1400770265000.yml":          "gerard",
		"_data/comments/drawing-faces/comment-1398170698000.yml":           "harrythedirtydog",
		"_data/comments/paper-2-0/comment-1414194627000.yml":               "celiamaria lana-dacosta zannon",
		"_data/comments/introduction-tool-guide/comment-1436371794000.yml": "jishaparethchalil",
	} {
		if !handles[path][want] {
			t.Errorf("%s: %q not found (found %v)", path, want, handles[path])
		}
	}
	if self == 0 {
		t.Error("the creator's own handle, linked from the posts, was not reported as theirs")
	}
	t.Logf("%d handles of others, %d of the creator's, in %d files", total, self, len(handles))
}

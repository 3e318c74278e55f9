package detectors

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

func TestIgnoreRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".consign", "ignore")
	l, err := LoadIgnore(path)
	if err != nil || len(l.Entries) != 0 {
		t.Fatalf("missing list: %v, %v", l, err)
	}
	findings := []Finding{
		{ID: "aaaaaaaaaaaaaaaaaaaa", Path: "posts/b.md", Detector: "pii/email"},
		{ID: "bbbbbbbbbbbbbbbbbbbb", Path: "posts/a b.md", Detector: "pii/card"},
		{ID: "cccccccccccccccccccc", Path: "posts/c.md", Detector: "pii/ip"},
	}
	l.Add(findings[0], "my  public contact # address")
	l.Add(findings[1], "test card from the\tStripe docs")
	if err := l.Save(path); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	want := "bbbbbbbbbbbbbbbbbbbb  test card from the Stripe docs  # posts/a b.md pii/card\n"
	if !strings.Contains(string(data), want) {
		t.Fatalf("saved list lacks %q:\n%s", want, data)
	}
	if strings.Index(string(data), "bbbb") > strings.Index(string(data), "aaaa") {
		t.Errorf("entries not sorted by path:\n%s", data)
	}
	// A reviewer's note above an entry survives a rewrite.
	edited := strings.Replace(string(data), "aaaa", "# checked with legal\naaaa", 1)
	if err := os.WriteFile(path, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	l, err = LoadIgnore(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Save(path); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(path)
	if string(again) != edited {
		t.Errorf("load+save changed the file:\n%s\nwant:\n%s", again, edited)
	}
	l.Apply(findings)
	if findings[0].Status != StatusIgnored || findings[0].Reason != "my public contact # address" {
		t.Errorf("finding 0: %q %q", findings[0].Status, findings[0].Reason)
	}
	if findings[2].Status != StatusOpen || findings[2].Reason != "" {
		t.Errorf("finding 2: %q %q", findings[2].Status, findings[2].Reason)
	}
	if stale := l.Stale(findings[1:]); len(stale) != 1 || stale[0].ID != findings[0].ID {
		t.Errorf("stale: %+v", stale)
	}
}

func TestIgnoreReasonStartingWithHash(t *testing.T) {
	tests := []struct {
		name, path, reason string
	}{
		{"ticket number", "posts/a.md", "#42 cleared by legal"},
		{"hash alone", "posts/a.md", "#"},
		{"no path", "", "#7 ok"},
		{"plain", "posts/a.md", "public address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &IgnoreList{}
			l.Add(Finding{ID: "aaaaaaaaaaaaaaaaaaaa", Path: tt.path, Detector: "pii/email"}, tt.reason)
			if tt.path == "" {
				l.Entries[0].Detector = ""
			}
			back, err := ParseIgnore(l.Format(), "ignore")
			if err != nil {
				t.Fatal(err)
			}
			if got := back.Entries[0].Reason; got != tt.reason {
				t.Errorf("reason %q read back as %q from:\n%s", tt.reason, got, l.Format())
			}
			if got := back.Entries[0].Path; got != tt.path {
				t.Errorf("path %q read back as %q", tt.path, got)
			}
		})
	}
	// A hand-written line with only a comment after the id has no reason.
	l, err := ParseIgnore([]byte("aaaaaaaaaaaaaaaaaaaa  # posts/a.md pii/email\n"), "ignore")
	if err != nil {
		t.Fatal(err)
	}
	if e := l.Entries[0]; e.Reason != "" || e.Path != "posts/a.md" || e.Detector != "pii/email" {
		t.Errorf("comment-only entry: %+v", e)
	}
}

// A list saved by an editor that starts files with a byte-order mark, or
// ends lines with CRLF, reads as the same list.
func TestParseIgnoreBOMAndCRLF(t *testing.T) {
	l, err := ParseIgnore([]byte("\ufeffaaaaaaaaaaaaaaaaaaaa  test card  # a.txt pii/card\r\nbbbbbbbbbbbbbbbbbbbb  shop address\r\n"), "ignore")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Entries) != 2 || l.Entries[0].ID != "aaaaaaaaaaaaaaaaaaaa" || l.Entries[0].Reason != "test card" || l.Entries[1].Reason != "shop address" {
		t.Errorf("got %+v", l.Entries)
	}
}

func TestParseIgnoreErrors(t *testing.T) {
	tests := []struct{ name, text string }{
		{"not an id", "hello world\n"},
		{"uppercase id", "AAAAAAAAAAAAAAAAAAAA reason\n"},
		{"duplicate", "aaaaaaaaaaaaaaaaaaaa one\naaaaaaaaaaaaaaaaaaaa two\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ParseIgnore([]byte(tt.text), "ignore"); err == nil || !strings.Contains(err.Error(), "line") {
				t.Errorf("got %v, want an error naming the line", err)
			}
		})
	}
}

func FuzzParseIgnore(f *testing.F) {
	f.Add([]byte("# c\naaaaaaaaaaaaaaaaaaaa  why  # p d\n"))
	f.Add([]byte("aaaaaaaa\n\n#\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ParseIgnore(data, "fuzz")
		if err != nil {
			return
		}
		// What parses must survive a rewrite unchanged.
		l2, err := ParseIgnore(l.Format(), "formatted")
		if err != nil {
			t.Fatalf("formatted list does not parse: %v\n%s", err, l.Format())
		}
		if len(l2.Entries) != len(l.Entries) {
			t.Fatalf("%d entries became %d", len(l.Entries), len(l2.Entries))
		}
	})
}

// TestIgnoreUnreadableWording: a list that cannot be read, or saved, is
// named once with the reason, as the fingerprint key is, not again inside
// Go's "open PATH:" or "rename OLD NEW:" chain; the reason can still be
// told apart.
func TestIgnoreUnreadableWording(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ignore")
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(path, "x"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := LoadIgnore(path)
	if want := "read ignore list " + path + ": is a directory"; err == nil || err.Error() != want {
		t.Fatalf("LoadIgnore = %v, want %s", err, want)
	}
	var readErr *IgnoreReadError
	if !errors.As(err, &readErr) || !errors.Is(err, syscall.EISDIR) {
		t.Errorf("LoadIgnore = %#v, want an *IgnoreReadError that is EISDIR", err)
	}

	l := &IgnoreList{}
	l.Add(Finding{ID: "aaaaaaaaaaaaaaaaaaaa"}, "reviewed")
	err = l.Save(path)
	if err == nil || strings.Count(err.Error(), dir) != 1 || !strings.HasPrefix(err.Error(), "replace ignore list "+path+": ") {
		t.Errorf("Save over a folder = %v, want the list named once with the reason", err)
	}
	underFile := filepath.Join(path, "x", "ignore")
	err = l.Save(underFile)
	want := "create state directory " + filepath.Dir(underFile) + ": " + syscall.ENOTDIR.Error()
	if runtime.GOOS == "windows" {
		want = "create state directory " + filepath.Dir(underFile) + ": " + syscall.Errno(3).Error() // ERROR_PATH_NOT_FOUND
	}
	if err == nil || err.Error() != want {
		t.Errorf("Save below a file = %v, want %s", err, want)
	}
}

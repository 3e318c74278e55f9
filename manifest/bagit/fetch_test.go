package bagit

import (
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
)

func TestParseFetch(t *testing.T) {
	v1 := declaration{Version: "1.0", Major: 1, Minor: 0}
	tests := []struct {
		name    string
		text    string
		want    []FetchEntry
		problem string
	}{
		{name: "one line", text: "https://h/a 12 data/a.txt\n", want: []FetchEntry{{URL: "https://h/a", Length: 12, Path: "data/a.txt"}}},
		{name: "unknown length", text: "http://h/b - data/b c.txt", want: []FetchEntry{{URL: "http://h/b", Length: -1, Path: "data/b c.txt"}}},
		{name: "tabs and CRLF", text: "file:///x\t3\tdata/x\r\n", want: []FetchEntry{{URL: "file:///x", Length: 3, Path: "data/x"}}},
		{name: "encoded path", text: "https://h/n 1 data/line%0Abreak%25\n", want: []FetchEntry{{URL: "https://h/n", Length: 1, Path: "data/line\nbreak%"}}},
		{name: "climbs out", text: "https://h/a 1 data/../../etc/passwd\n", problem: `climbs out with a ".." element`},
		{name: "absolute", text: "https://h/a 1 /etc/passwd\n", problem: "is absolute"},
		{name: "home", text: "https://h/a 1 ~/x\n", problem: "starts with ~"},
		{name: "outside data", text: "https://h/a 1 bag-info.txt\n", problem: "outside the payload directory"},
		{name: "bad length", text: "https://h/a -3 data/a\n", problem: "is not a number of octets"},
		{name: "too few fields", text: "https://h/a 3\n", problem: `not "URL LENGTH FILEPATH"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems := parseFetch(tt.text, v1)
			if tt.problem != "" {
				if len(got) != 0 || len(problems) != 1 || !strings.Contains(problems[0], tt.problem) {
					t.Fatalf("got %v, problems %q; want one problem with %q", got, problems, tt.problem)
				}
				return
			}
			if len(problems) > 0 || len(got) != len(tt.want) {
				t.Fatalf("got %v, problems %q; want %v", got, problems, tt.want)
			}
			for i := range got {
				got[i].line = 0
				if got[i] != tt.want[i] {
					t.Errorf("entry %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// holeyBag writes a bag whose two files stay on a server, plus one it
// holds, and returns the bag and the remote files' bodies by URL path.
func holeyBag(t *testing.T, base string) (string, map[string]string) {
	t.Helper()
	dir := t.TempDir()
	w, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	remote := map[string]string{"/photos/a.jpg": "remote photo bytes", "/notes/100%25.txt": "a hundred percent\n"}
	paths := map[string]string{"/photos/a.jpg": "photos/a.jpg", "/notes/100%25.txt": "notes/100%.txt"}
	for u, body := range remote {
		if err := w.AddRemote(paths[u], base+u, sumsOf(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.AddFile("local.txt", strings.NewReader("held in the bag\n")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close([]Field{{"Bagging-Date", "2024-01-02"}}); err != nil {
		t.Fatal(err)
	}
	served := map[string]string{}
	for u, body := range remote {
		served[strings.ReplaceAll(u, "%25", "%")] = body
	}
	return dir, served
}

func sumsOf(body string) Sums {
	a, b := sha256.Sum256([]byte(body)), sha512.Sum512([]byte(body))
	return Sums{Size: int64(len(body)), SHA256: hex.EncodeToString(a[:]), SHA512: hex.EncodeToString(b[:])}
}

// fileServer serves bodies by path; tests change them under mu.
type fileServer struct {
	mu     sync.Mutex
	bodies map[string]string
}

func (s *fileServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	body, ok := s.bodies[r.URL.Path]
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Write([]byte(body))
}

func TestHoleyBagVerifiesOnlyOnceFetched(t *testing.T) {
	fs := &fileServer{}
	srv := httptest.NewServer(fs)
	defer srv.Close()
	dir, bodies := holeyBag(t, srv.URL)
	fs.bodies = bodies

	fetchTxt, err := os.ReadFile(filepath.Join(dir, "fetch.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := srv.URL + "/notes/100%25.txt 18 data/notes/100%25.txt\n" + srv.URL + "/photos/a.jpg 18 data/photos/a.jpg\n"
	if string(fetchTxt) != want {
		t.Fatalf("fetch.txt =\n%s\nwant\n%s", fetchTxt, want)
	}

	r, err := Verify(context.Background(), dir, VerifyOptions{StrictTags: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) > 0 || len(r.Unfetched) != 2 || r.Valid() {
		t.Fatalf("holey bag: problems %v, unfetched %v, valid %v; want no problem, 2 unfetched, not valid", r.Problems, r.Unfetched, r.Valid())
	}

	rep, err := Fetch(context.Background(), dir, FetchOptions{Jobs: 2, Client: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Fetched != 2 || len(rep.Problems) > 0 {
		t.Fatalf("fetch: %+v", rep)
	}
	r, err = Verify(context.Background(), dir, VerifyOptions{StrictTags: true})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Valid() || r.Files != 3 {
		t.Fatalf("fetched bag: problems %v, unfetched %v, files %d", r.Problems, r.Unfetched, r.Files)
	}
	// A second fetch leaves what is there alone.
	if rep, err = Fetch(context.Background(), dir, FetchOptions{Client: srv.Client()}); err != nil || rep.Present != 2 || rep.Fetched != 0 {
		t.Fatalf("second fetch: %+v, %v", rep, err)
	}
}

func TestFetchRefusesWrongFiles(t *testing.T) {
	tests := []struct {
		name          string
		body          string // served for photos/a.jpg
		fetchProblem  string
		verifyProblem string
	}{
		{name: "tampered", body: "remote photo bytez", fetchProblem: "sha256 checksum differs from manifest-sha256.txt"},
		{name: "too long", body: "remote photo bytes and more", fetchProblem: "fetch.txt gives 18"},
		{name: "too short", body: "short", fetchProblem: "fetch.txt gives 18"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := &fileServer{}
			srv := httptest.NewServer(fs)
			defer srv.Close()
			dir, bodies := holeyBag(t, srv.URL)
			bodies["/photos/a.jpg"] = tt.body
			fs.bodies = bodies
			rep, err := Fetch(context.Background(), dir, FetchOptions{Client: srv.Client()})
			if err != nil {
				t.Fatal(err)
			}
			if got := problemText(rep.Problems); tt.fetchProblem != "" && !strings.Contains(got, tt.fetchProblem) || tt.fetchProblem == "" && got != "" {
				t.Fatalf("fetch problems %q, want %q", got, tt.fetchProblem)
			}
			if m, _ := filepath.Glob(filepath.Join(dir, "data", "photos", ".consign-fetch-*")); len(m) > 0 {
				t.Fatalf("left temporary files: %v", m)
			}
			r, err := Verify(context.Background(), dir, VerifyOptions{StrictTags: true})
			if err != nil {
				t.Fatal(err)
			}
			if r.Valid() {
				t.Fatal("a bag with a wrong fetched file verified")
			}
			if len(r.Unfetched) != 1 || r.Unfetched[0].Path != "data/photos/a.jpg" {
				t.Fatalf("the wrong file was kept: unfetched %v", r.Unfetched)
			}
			if tt.verifyProblem != "" && !strings.Contains(problemText(r.Problems), tt.verifyProblem) {
				t.Fatalf("verify problems %v, want %q", r.Problems, tt.verifyProblem)
			}
		})
	}
}

func TestFetchFileURLsAndSchemes(t *testing.T) {
	src := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(src, []byte("local remote\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	w, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.AddRemote("a.txt", fileURL(src), sumsOf("local remote\n")); err != nil {
		t.Fatal(err)
	}
	if err := w.AddRemote("b.txt", "ftp://example.org/b.txt", sumsOf("b")); err != nil {
		t.Fatal(err)
	}
	if err := w.AddRemote("c.txt", "https://example.org/a b", sumsOf("c")); err == nil {
		t.Fatal("a URL with a space was accepted for fetch.txt")
	}
	if err := w.Close(nil); err != nil {
		t.Fatal(err)
	}
	rep, err := Fetch(context.Background(), dir, FetchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Fetched != 1 || !strings.Contains(problemText(rep.Problems), "unsupported URL scheme") {
		t.Fatalf("fetch: %+v", rep)
	}
	r, err := Verify(context.Background(), dir, VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) > 0 || len(r.Unfetched) != 1 || r.Unfetched[0].Path != "data/b.txt" {
		t.Fatalf("problems %v, unfetched %v", r.Problems, r.Unfetched)
	}
}

func TestFetchListedOutsideManifest(t *testing.T) {
	dir := makeBag(t)
	if err := os.WriteFile(filepath.Join(dir, "fetch.txt"), []byte("https://h/x 1 data/x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Verify(context.Background(), dir, VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(problemText(r.Problems), "data/x: listed in fetch.txt but not in manifest-sha256.txt") {
		t.Fatalf("problems %v", r.Problems)
	}
}

func problemText(ps []Problem) string {
	var s []string
	for _, p := range ps {
		s = append(s, p.String())
	}
	return strings.Join(s, "\n")
}

// FuzzParseFetch: no panic; every entry has a safe path under data/ and a
// length of -1 or more; and fetch.txt written from the entries reads back
// as the same entries.
func FuzzParseFetch(f *testing.F) {
	f.Add("https://h/a 12 data/a.txt\nhttp://h/b - data/b c.txt\n")
	f.Add("file:///x\t3\tdata/x%0Ay%25\r\n")
	f.Add("http://localhost:8989/bags/v0_96/holey-bag/data/test%201.txt - data/test 1.txt\n")
	f.Add("https://h/a 1 data/../../etc/passwd\nhttps://h/a 1 /etc/passwd\n")
	f.Add("https://h/a -3 data/a\n  \n~ 1 ~/x")
	v1 := declaration{Major: 1, Minor: 0}
	f.Fuzz(func(t *testing.T, text string) {
		entries, _ := parseFetch(text, v1)
		for _, e := range entries {
			if checkPath(e.Path) != nil || !strings.HasPrefix(e.Path, "data/") || e.Length < -1 || e.URL == "" {
				t.Fatalf("entry %+v passed", e)
			}
		}
		again, problems := parseFetch(string(formatFetch(entries)), v1)
		if len(problems) > 0 || len(again) != len(entries) {
			t.Fatalf("round trip of %+v: %+v, %q", entries, again, problems)
		}
		sortFetch(entries)
		for i := range again {
			a, b := again[i], entries[i]
			if a.URL != b.URL || a.Length != b.Length || a.Path != b.Path {
				t.Fatalf("round trip changed %+v into %+v", b, a)
			}
		}
	})
}

// TestFetchUnreachableServerWording: a server that cannot be reached is
// said once, in words, not as Go's chain that repeats the URL ("fetch U:
// Get "U": dial tcp A: connect: connection refused"), and the other files
// on it are counted, not each asked for and named.
func TestFetchUnreachableServerWording(t *testing.T) {
	srv := httptest.NewServer(&fileServer{})
	addr := srv.Listener.Addr().String()
	dir, _ := holeyBag(t, srv.URL)
	srv.Close() // nothing listens there any more
	rep, err := Fetch(context.Background(), dir, FetchOptions{Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	// The files are fetched in path order, one at a time: the first finds
	// the server down, the second is not tried.
	want := "fetch " + srv.URL + "/notes/100%25.txt: cannot connect to " + addr + ": " + refused()
	if got := problemText(rep.Problems); !strings.Contains(got, want) {
		t.Fatalf("problems %q, want one saying %q", got, want)
	}
	want = "http://" + addr + ": 1 more file listed on it not tried: cannot connect to " + addr + ": " + refused()
	if got := problemText(rep.Problems); !strings.Contains(got, want) {
		t.Fatalf("problems %q, want one saying %q", got, want)
	}
	if len(rep.Problems) != 2 {
		t.Errorf("problems %q, want two", problemText(rep.Problems))
	}
	if got := problemText(rep.Problems); strings.Contains(got, "Get \"") || strings.Contains(got, "dial tcp") {
		t.Errorf("problems %q carry Go's raw error chain", got)
	}
}

// fileURL is the file URL of the local path p: file:///tmp/a.txt, or on
// Windows file:///C:/Temp/a.txt.
func fileURL(p string) string {
	return (&url.URL{Scheme: "file", Path: "/" + strings.TrimPrefix(filepath.ToSlash(p), "/")}).String()
}

// refused is the system's words for a refused connection: Winsock's
// WSAECONNREFUSED on Windows.
func refused() string {
	if runtime.GOOS == "windows" {
		return syscall.Errno(10061).Error()
	}
	return syscall.ECONNREFUSED.Error()
}

package pipeline

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// stalledReader never returns until released, whatever the context says:
// it stands for a read blocked in the kernel on a hung mount.
type stalledReader struct{ release chan struct{} }

func (s stalledReader) Read([]byte) (int, error) {
	<-s.release
	return 0, io.EOF
}

// slowReader hands out one byte per tick: it makes progress, never enough.
type slowReader struct {
	r    io.Reader
	tick time.Duration
}

func (s slowReader) Read(b []byte) (int, error) {
	time.Sleep(s.tick)
	return s.r.Read(b[:min(len(b), 1)])
}

// onFirstRead runs fn once, before the first read reaches the file.
type onFirstRead struct {
	r    io.Reader
	once *sync.Once
	fn   func()
}

func (o onFirstRead) Read(b []byte) (int, error) {
	o.once.Do(o.fn)
	return o.r.Read(b)
}

func fileEntry(t *testing.T, size int) entry {
	t.Helper()
	dir := t.TempDir()
	abs := filepath.Join(dir, "data.bin")
	if err := os.WriteFile(abs, []byte(strings.Repeat("x", size)), 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(abs)
	if err != nil {
		t.Fatal(err)
	}
	return entry{rel: "data.bin", abs: abs, info: info}
}

// processGuarded runs processTimed and fails the test, instead of hanging
// it, when no record comes back at all.
func processGuarded(t *testing.T, p *processor, e entry) *Record {
	t.Helper()
	got := make(chan *Record, 1)
	go func() { got <- p.processTimed(context.Background(), e) }()
	select {
	case rec := <-got:
		return rec
	case <-time.After(30 * time.Second):
		t.Fatal("no record: the per-file deadline did not stop the read")
		return nil
	}
}

func TestProcessFileDeadlineAndChangingFiles(t *testing.T) {
	tests := []struct {
		name        string
		size        int
		timeout     time.Duration
		wrap        func(e entry, release chan struct{}) func(io.Reader) io.Reader
		wantError   string
		wantWarning string
		wantSize    int64
	}{
		{
			name: "healthy file within the deadline", size: 1000, timeout: time.Minute,
			wantSize: 1000,
		},
		{
			name: "read blocked in the kernel", size: 1000, timeout: 50 * time.Millisecond,
			wrap: func(_ entry, release chan struct{}) func(io.Reader) io.Reader {
				return func(io.Reader) io.Reader { return stalledReader{release} }
			},
			wantError: "gave up after 50ms", wantSize: 1000,
		},
		{
			name: "read that trickles", size: 100000, timeout: 50 * time.Millisecond,
			wrap: func(entry, chan struct{}) func(io.Reader) io.Reader {
				return func(r io.Reader) io.Reader { return slowReader{r, time.Millisecond} }
			},
			wantError: "gave up after 50ms", wantSize: 100000,
		},
		{
			name: "file grows while read", size: 300 << 10, timeout: time.Minute,
			wrap: func(e entry, _ chan struct{}) func(io.Reader) io.Reader {
				return func(r io.Reader) io.Reader {
					return onFirstRead{r, &sync.Once{}, func() { appendTo(t, e.abs, 4096) }}
				}
			},
			wantError: "file grew while it was read (stat said 307200 bytes)", wantSize: 300 << 10,
		},
		{
			name: "file shrinks while read", size: 300 << 10, timeout: time.Minute,
			wrap: func(e entry, _ chan struct{}) func(io.Reader) io.Reader {
				return func(r io.Reader) io.Reader {
					return onFirstRead{r, &sync.Once{}, func() { os.Truncate(e.abs, 100<<10) }}
				}
			},
			wantWarning: "file changed while it was read: stat said 307200 bytes, read 102400", wantSize: 100 << 10,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := fileEntry(t, tc.size)
			// Released before the folder is removed (cleanups run last
			// first): Windows removes no file a stalled read holds open.
			release := make(chan struct{})
			t.Cleanup(func() { close(release) })
			p := &processor{fileTimeout: tc.timeout}
			if tc.wrap != nil {
				p.wrapFile = tc.wrap(e, release)
			}
			rec := processGuarded(t, p, e)
			if !strings.Contains(rec.Error, tc.wantError) || (tc.wantError == "") != (rec.Error == "") {
				t.Errorf("error = %q, want %q", rec.Error, tc.wantError)
			}
			if tc.wantError != "" && rec.SHA256 != "" {
				t.Errorf("sha256 = %s on a file that was not read whole", rec.SHA256)
			}
			if w := strings.Join(rec.Warnings, "; "); !strings.Contains(w, tc.wantWarning) || (tc.wantWarning == "") != (w == "") {
				t.Errorf("warnings = %q, want %q", w, tc.wantWarning)
			}
			if rec.Size != tc.wantSize {
				t.Errorf("size = %d, want %d", rec.Size, tc.wantSize)
			}
		})
	}
}

func appendTo(t *testing.T, path string, n int) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Error(err)
		return
	}
	defer f.Close()
	if _, err := f.Write(make([]byte, n)); err != nil {
		t.Error(err)
	}
}

// TestScanDeepTree walks a tree deeper than MaxDepth: the folders within
// the limit are walked, the first one past it is an error record, and the
// run does not fail.
func TestScanDeepTree(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, strings.Repeat("d/", MaxDepth+5))
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	within := filepath.Join(root, strings.Repeat("d/", MaxDepth-1), "last.txt")
	if err := os.WriteFile(within, []byte("deep\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	recs, sum, err := scanAll(t, Options{Root: root, Jobs: 2})
	if err != ErrPartial {
		t.Fatalf("scan: %v, want ErrPartial", err)
	}
	if len(recs) != 2 || sum.Errors != 1 {
		t.Fatalf("got %d records, %d errors, want 2 and 1", len(recs), sum.Errors)
	}
	// The too-deep folder lies under a d/ that sorts before last.txt.
	if want := strings.TrimSuffix(strings.Repeat("d/", MaxDepth+1), "/"); recs[0].Path != want || !strings.Contains(recs[0].Error, "nested more than 1000 levels deep") {
		t.Errorf("first record (%d bytes of path) error %q, want the folder past the limit", len(recs[0].Path), recs[0].Error)
	}
	if want := strings.Repeat("d/", MaxDepth-1) + "last.txt"; recs[1].Path != want || recs[1].Error != "" {
		t.Errorf("second record (%d bytes of path) error %q, want the file within the limit", len(recs[1].Path), recs[1].Error)
	}
}

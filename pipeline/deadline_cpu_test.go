package pipeline

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/consignhq/consign/pipeline/extract"
)

// loopingExtractor stands for a parser that a hostile file sends round a
// loop: it never ends on its own, and closes stopped once it does.
type loopingExtractor struct {
	loop    func(ctx context.Context, src *extract.Source, res *extract.Result) error
	stopped chan struct{}
}

func (l loopingExtractor) Name() string                 { return "looping" }
func (l loopingExtractor) Applies(*extract.Source) bool { return true }
func (l loopingExtractor) Extract(ctx context.Context, src *extract.Source, res *extract.Result) error {
	defer close(l.stopped)
	return l.loop(ctx, src, res)
}

// endlessText is text that inflates from nothing, as a decompression bomb
// does: producing it reads no byte of the file.
type endlessText struct{}

func (endlessText) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = "lorem ipsum "[i%12]
	}
	return len(b), nil
}

// TestFileDeadlineStopsLoopingParser: a parser looping without reading the
// file sequentially (a cycle of offsets it reads again and again, or text
// it inflates from memory) is stopped at the per-file deadline, not only
// abandoned: its goroutine returns instead of spinning on a core for the
// rest of the run.
func TestFileDeadlineStopsLoopingParser(t *testing.T) {
	tests := []struct {
		name string
		loop func(ctx context.Context, src *extract.Source, res *extract.Result) error
	}{
		{"offsets that point back to themselves", func(ctx context.Context, src *extract.Source, res *extract.Result) error {
			var b [4]byte
			for {
				if _, err := src.R.ReadAt(b[:], 0); err != nil {
					return err
				}
			}
		}},
		{"text that inflates from nothing", func(ctx context.Context, src *extract.Source, res *extract.Result) error {
			return res.EmitText("body", endlessText{})
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := fileEntry(t, 1000)
			// Not text: extracted text goes to the sink, as a container's does.
			if err := os.WriteFile(e.abs, append([]byte("%PDF-1.7\n\x00\x01"), make([]byte, 989)...), 0o644); err != nil {
				t.Fatal(err)
			}
			stopped := make(chan struct{})
			langs, err := extract.NewLanguageDetector([]string{"en", "fr"})
			if err != nil {
				t.Fatal(err)
			}
			p := &processor{
				fileTimeout: 50 * time.Millisecond,
				extractors:  []extract.Extractor{loopingExtractor{tc.loop, stopped}},
				languages:   langs,
			}
			rec := processGuarded(t, p, e)
			if !strings.Contains(rec.Error, "gave up after 50ms") {
				t.Errorf("error = %q, want the deadline's", rec.Error)
			}
			select {
			case <-stopped:
			case <-time.After(10 * time.Second):
				t.Fatal("the parser still runs 10s after its file's deadline")
			}
		})
	}
}

package extract

import (
	"context"
	"fmt"
	"runtime/debug"
)

// An Extractor reads one family of formats. Applies is a cheap test on the
// sniffed media type, kind and head; Extract does the parsing and records
// what it finds in res. An error returned by Extract is recorded as the
// file's error under the extractor's name; the other extractors still run.
type Extractor interface {
	Name() string
	Applies(src *Source) bool
	Extract(ctx context.Context, src *Source, res *Result) error
}

// Run applies every extractor in exs that applies to src, in order. A panic
// inside an extractor is recovered and becomes an error of this file: no
// input may crash the process.
func Run(ctx context.Context, exs []Extractor, src *Source, res *Result) {
	for _, ex := range exs {
		if ctx.Err() != nil {
			return
		}
		if !ex.Applies(src) {
			continue
		}
		if err := runOne(ctx, ex, src, res); err != nil {
			res.Errors = append(res.Errors, err)
		}
	}
}

func runOne(ctx context.Context, ex Extractor, src *Source, res *Result) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: parser panic: %v", ex.Name(), p)
			if debugPanics {
				err = fmt.Errorf("%w\n%s", err, debug.Stack())
			}
		}
	}()
	if err := ex.Extract(ctx, src, res); err != nil {
		return fmt.Errorf("%s: %w", ex.Name(), err)
	}
	return nil
}

// debugPanics adds stack traces to recovered panics (tests flip it).
var debugPanics = false

// smallReadBuffer sizes a bufio.Reader over n bytes: bufio's default 4 KiB,
// or less for a shorter section, since a scan opens readers on thousands
// of small files and parts. bufio takes 16 bytes at the least.
func smallReadBuffer(n int64) int {
	return int(min(4<<10, max(n, 16)))
}

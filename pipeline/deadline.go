package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/consignhq/consign/pipeline/extract"
)

// DefaultFileTimeout is how long one file may take to be read and
// extracted before it is given up as an error. A healthy file is far
// quicker (a 4 GB video hashes in seconds); a stalled network mount or a
// device that never answers would otherwise hold up the whole scan.
const DefaultFileTimeout = 2 * time.Minute

// errFileTimeout is the cause of a file's context when its deadline passed.
var errFileTimeout = errors.New("per-file deadline passed")

// processTimed runs process under the per-file deadline. A read that keeps
// returning slowly sees the deadline through readerCtx; a read blocked in
// the kernel (a hung NFS or FUSE mount) cannot be interrupted at all, so
// the file is processed in a goroutine of its own (a runner, reused from
// file to file) that the worker abandons when the deadline passes: the
// stuck read can then only hold its own goroutine and buffers, never the
// scan.
//
// A parser looping in CPU on a hostile file is stopped by the same
// deadline as long as it reads the file (readerAtCtx) or produces text
// (textSink): both check the context. A loop that does neither cannot be
// stopped at all, since Go cannot end a goroutine from outside; the worker
// still abandons it at the deadline, and the parsers bound every loop by
// the bytes they were given so that no such loop exists.
func (p *processor) processTimed(ctx context.Context, e entry) *Record {
	if p.fileTimeout <= 0 || e.err != nil {
		return p.process(ctx, e)
	}
	fctx, cancel := context.WithTimeoutCause(ctx, p.fileTimeout, errFileTimeout)
	defer cancel()
	done := make(chan *Record, 1) // buffered: an abandoned read never blocks on it
	p.runners.start(p, fileJob{ctx: fctx, e: e, done: done})
	var rec *Record
	select {
	case rec = <-done:
	case <-fctx.Done():
		select {
		case rec = <-done: // finished just as the deadline passed
		default:
		}
	}
	if rec != nil && (rec.Error == "" || !errors.Is(context.Cause(fctx), errFileTimeout)) {
		return rec
	}
	rec = newRecord(e)
	rec.Kind = extract.KindOther
	rec.Size = e.info.Size()
	if err := ctx.Err(); err != nil {
		rec.Error = fmt.Sprintf("read: %v", err)
		return rec
	}
	rec.Error = p.timeoutError().Error()
	return rec
}

func (p *processor) timeoutError() error {
	return fmt.Errorf("gave up after %v: the file was not read and parsed in time (a stalled device or network mount, or a file built to make a parser loop?); raise --file-timeout if it is just very large", p.fileTimeout)
}

// readError says why a read stopped: the per-file deadline gets its own
// message, other errors lose the absolute path they carry.
func readError(ctx context.Context, err error) error {
	if errors.Is(context.Cause(ctx), errFileTimeout) && errors.Is(err, context.DeadlineExceeded) {
		return errFileTimeout
	}
	return unwrapPath(err)
}

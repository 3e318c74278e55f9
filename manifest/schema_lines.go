package manifest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
)

// linesPerBatch is how many JSON Lines records one worker validates at a
// time: enough to make handing them over cheap, few enough that the
// workers finish together.
const linesPerBatch = 512

// batchBytes ends a batch early: a batch of long lines holds no more than
// about this much, besides the one line that passes it.
const batchBytes = 1 << 20

// lineBatch is a run of consecutive lines of a JSON Lines file, with
// the heads read of them.
type lineBatch struct {
	first int // line number of lines[0]
	buf   []byte
	ends  []int // where each line ends in buf
	lines [][]byte
	heads []lineHead
	vals  [][]byte
	done  chan struct{} // closed once a worker has checked the batch
}

// lineValid reports whether a line is surely valid: accepted by the
// schema's quick form as it is read, without decoding it. Any other line
// goes through validateJSON, which decides and says why, so that the
// error message is only built for lines that have one. top, when not nil,
// notes the line's top-level members as the scan reads them.
func lineValid(q *quickSchema, line []byte, top *topMembers) bool {
	if q == nil {
		return false
	}
	p := jsonParser{data: line, top: top}
	p.space()
	return q.scan(&p, 0) == quickValid && p.end()
}

// validateLines checks every line of a JSON Lines document against the
// schema, on every CPU: a bundle of many files has tens of thousands of
// records and findings, and validating them was most of verify's time. The
// error is the one of the first bad line, as a line-by-line check would
// report it.
func validateLines(name, schemaName string, data []byte) error {
	_, _, err := scanLines(name, schemaName, bytes.NewReader(data), nil, nil)
	return err
}

// scanLines is validateLines over a stream, which also reads heads, when
// not nil, from every line, in the same pass: a content check reading
// the file again cost verify a tenth of its time. each is called with
// every line's head in order (a blank line's is zero) up to the first
// line too long for bufio.Scanner (tooLong) or the first read error
// (readErr); a head's values are only good until each returns. The file
// goes through a few batches at a time, so that memory does not grow
// with it: the metadata of a bundle of a million files is gigabytes.
func scanLines(name, schemaName string, r io.Reader, heads *lineHeads, each func(*lineHead)) (tooLong bool, readErr, err error) {
	if err := loadSchemas(); err != nil {
		return false, nil, err
	}
	var (
		mu      sync.Mutex
		badLine int
		badErr  error
		// firstBad is badLine once badErr is set, which the workers read
		// for every line without taking mu: it only ever falls, and a
		// worker that reads it late only checks a line it could skip.
		firstBad atomic.Int64
		wg       sync.WaitGroup
		q        = quickFor(schemaName)
		workers  = runtime.GOMAXPROCS(0)
		work     = make(chan *lineBatch)
		// ordered holds the batches in the order of their lines, and
		// bounds how many are read ahead of the one each waits for.
		ordered = make(chan *lineBatch, 2*workers)
		free    = make(chan *lineBatch, 2*workers+1)
	)
	for range workers {
		wg.Go(func() {
			var top *topMembers
			if heads != nil {
				top = &topMembers{}
			}
			for b := range work {
				checking := true
				for i, line := range b.lines {
					n := b.first + i
					if checking {
						bad := firstBad.Load()
						checking = bad == 0 || int64(n) < bad
					}
					if heads == nil && !checking {
						break
					}
					var noted *topMembers
					if top != nil {
						top.reset(heads.keys)
					}
					if checking && lineValid(q, line, top) {
						noted = top
					} else if checking {
						if err := validateJSON(fmt.Sprintf("%s:%d", name, n), schemaName, line); err != nil {
							mu.Lock()
							if badErr == nil || n < badLine {
								badLine, badErr = n, err
								firstBad.Store(int64(n))
							}
							mu.Unlock()
							checking = false
						}
					}
					if heads != nil {
						k := len(heads.keys)
						b.heads[i] = lineHead{}
						heads.read(&b.heads[i], n, line, noted, b.vals[i*k:(i+1)*k:(i+1)*k])
					}
				}
				close(b.done)
			}
		})
	}
	go func() {
		defer close(work)
		defer close(ordered)
		tooLong, readErr = readBatches(r, heads, free, func(b *lineBatch) {
			ordered <- b
			work <- b
		})
	}()
	for b := range ordered {
		<-b.done
		if each != nil {
			for i := range b.heads {
				each(&b.heads[i])
			}
		}
		select {
		case free <- b:
		default:
		}
	}
	wg.Wait()
	switch {
	case badErr != nil:
		return tooLong, readErr, badErr
	case tooLong:
		return tooLong, readErr, fmt.Errorf("%s: %w: %v", name, ErrInvalidDocument, bufio.ErrTooLong)
	case readErr != nil:
		return tooLong, readErr, fmt.Errorf("%s: %v", name, readErr)
	}
	return false, nil, nil
}

// readBatches reads r's lines into batches, taken from free when it has
// one, and hands each to send. It splits lines as bufio.Scanner does
// (the last one need not end in a newline; a CR before the LF is
// dropped) and stops before the first line of maxJSONLine bytes or more,
// where a bufio.Scanner would have.
func readBatches(r io.Reader, heads *lineHeads, free chan *lineBatch, send func(*lineBatch)) (tooLong bool, err error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var long []byte // a line longer than br's buffer
	b := newBatch(free, 1)
	line := 1
	for ; ; line++ {
		text, rerr := br.ReadSlice('\n')
		if errors.Is(rerr, bufio.ErrBufferFull) {
			long = append(long[:0], text...)
			for errors.Is(rerr, bufio.ErrBufferFull) && len(long) < maxJSONLine {
				text, rerr = br.ReadSlice('\n')
				long = append(long, text...)
			}
			text = long
		}
		if rerr != nil && rerr != io.EOF && !errors.Is(rerr, bufio.ErrBufferFull) {
			err = rerr
			break
		}
		text = bytes.TrimSuffix(text, []byte("\n"))
		if len(text) >= maxJSONLine {
			tooLong = true
			break
		}
		if rerr == io.EOF && len(text) == 0 {
			break
		}
		text = bytes.TrimSuffix(text, []byte("\r"))
		if cap(b.buf) == 0 {
			// A new batch's buffer is sized for lines like its first, so
			// that it is not grown (and copied) a dozen times on the way.
			b.buf = make([]byte, 0, min(max(len(text), 64)*linesPerBatch, batchBytes)+len(text))
		}
		b.buf = append(b.buf, text...)
		b.ends = append(b.ends, len(b.buf))
		if len(b.ends) == linesPerBatch || len(b.buf) >= batchBytes {
			send(b.seal(heads))
			b = newBatch(free, line+1)
		}
		if rerr == io.EOF {
			break
		}
	}
	if len(b.ends) > 0 {
		send(b.seal(heads))
	}
	return tooLong, err
}

// newBatch is an empty batch whose first line is first.
func newBatch(free chan *lineBatch, first int) *lineBatch {
	var b *lineBatch
	select {
	case b = <-free:
	default:
		b = &lineBatch{}
	}
	b.first, b.buf, b.ends, b.done = first, b.buf[:0], b.ends[:0], make(chan struct{})
	return b
}

// seal cuts the batch's lines from its buffer, now that it no longer
// grows, and makes room for their heads.
func (b *lineBatch) seal(heads *lineHeads) *lineBatch {
	b.lines = b.lines[:0]
	start := 0
	for _, end := range b.ends {
		b.lines = append(b.lines, b.buf[start:end:end])
		start = end
	}
	b.heads = b.heads[:0]
	if heads != nil {
		n, k := len(b.lines), len(heads.keys)
		if cap(b.heads) < n {
			b.heads = make([]lineHead, n)
		}
		b.heads = b.heads[:n]
		if cap(b.vals) < n*k {
			b.vals = make([][]byte, n*k)
		}
		b.vals = b.vals[:n*k]
	}
	return b
}

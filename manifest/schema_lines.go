package manifest

import (
	"bufio"
	"bytes"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// linesPerBatch is how many JSON Lines records one worker validates at a
// time: enough to make handing them over cheap, few enough that the
// workers finish together.
const linesPerBatch = 512

// lineBatch is a run of consecutive lines of a JSON Lines file.
type lineBatch struct {
	first int // line number of lines[0]
	lines [][]byte
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
	_, _, err := scanLines(name, schemaName, data, nil)
	return err
}

// scanLines is validateLines that also reads heads, when not nil, from
// every line (heads[n-1] for line n) up to the first line too long for
// bufio.Scanner (tooLong), in the same pass: a content check reading the
// file again cost verify a tenth of its time.
func scanLines(name, schemaName string, data []byte, heads *lineHeads) (lines []lineHead, tooLong bool, err error) {
	if err := loadSchemas(); err != nil {
		return nil, false, err
	}
	var vals [][]byte
	if heads != nil {
		n := bytes.Count(data, []byte("\n")) + 1
		lines, vals = make([]lineHead, n), make([][]byte, n*len(heads.keys))
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
		q        = quick[schemaName]
	)
	batches := make(chan lineBatch)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var top *topMembers
			if heads != nil {
				top = &topMembers{}
			}
			for b := range batches {
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
						heads.read(&lines[n-1], n, line, noted, vals[(n-1)*k:n*k:n*k])
					}
				}
			}
		})
	}
	b := lineBatch{first: 1}
	line := 1
	for rest := data; len(rest) > 0; line++ {
		text, after, _ := bytes.Cut(rest, []byte("\n"))
		if len(text) >= maxJSONLine {
			tooLong = true // where bufio.Scanner would have stopped
			break
		}
		rest = after
		b.lines = append(b.lines, bytes.TrimSuffix(text, []byte("\r")))
		if len(b.lines) == linesPerBatch {
			batches <- b
			b = lineBatch{first: line + 1}
		}
	}
	if len(b.lines) > 0 {
		batches <- b
	}
	close(batches)
	wg.Wait()
	if heads != nil {
		lines = lines[:line-1]
	}
	switch {
	case badErr != nil:
		return lines, tooLong, badErr
	case tooLong:
		return lines, tooLong, fmt.Errorf("%s: %w: %v", name, ErrInvalidDocument, bufio.ErrTooLong)
	}
	return lines, false, nil
}

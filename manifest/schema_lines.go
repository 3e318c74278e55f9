package manifest

import (
	"bufio"
	"bytes"
	"fmt"
	"runtime"
	"sync"
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
// error message is only built for lines that have one.
func lineValid(schemaName string, line []byte) bool {
	q := quick[schemaName]
	return q != nil && q.scanDocument(line) == quickValid
}

// validateLines checks every line of a JSON Lines document against the
// schema, on every CPU: a bundle of many files has tens of thousands of
// records and findings, and validating them was most of verify's time. The
// error is the one of the first bad line, as a line-by-line check would
// report it.
func validateLines(name, schemaName string, data []byte) error {
	if _, err := schemaFor(schemaName); err != nil { // compiles quick too
		return err
	}
	var (
		mu      sync.Mutex
		badLine int
		badErr  error
		wg      sync.WaitGroup
	)
	batches := make(chan lineBatch)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for b := range batches {
				for i, line := range b.lines {
					n := b.first + i
					mu.Lock()
					skip := badErr != nil && badLine < n
					mu.Unlock()
					if skip {
						break
					}
					if lineValid(schemaName, line) {
						continue
					}
					if err := validateJSON(fmt.Sprintf("%s:%d", name, n), schemaName, line); err != nil {
						mu.Lock()
						if badErr == nil || n < badLine {
							badLine, badErr = n, err
						}
						mu.Unlock()
						break
					}
				}
			}
		})
	}
	b := lineBatch{first: 1}
	line := 1
	var tooLong bool
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
	if badErr != nil {
		return badErr
	}
	if tooLong {
		return fmt.Errorf("%s: %w: %v", name, ErrInvalidDocument, bufio.ErrTooLong)
	}
	return nil
}

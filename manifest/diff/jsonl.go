package diff

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
)

// maxLine caps one line of a JSON Lines file: a record with every tag and
// finding id of a large file is a few kilobytes, so this only stops a
// damaged file from being read whole.
const maxLine = 16 << 20

// lineReader yields the non-empty lines of a JSON Lines file one at a time,
// so a bundle with a million files costs one line of memory.
type lineReader struct {
	name string // for messages: "metadata/files.jsonl of DIR"
	sc   *bufio.Scanner
	n    int
}

func newLineReader(name string, r io.Reader) *lineReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	return &lineReader{name: name, sc: sc}
}

// next returns the next non-empty line, or nil at the end.
func (l *lineReader) next() ([]byte, error) {
	for l.sc.Scan() {
		l.n++
		if line := bytes.TrimSpace(l.sc.Bytes()); len(line) > 0 {
			return line, nil
		}
	}
	if err := l.sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s after line %d: %w", l.name, l.n, err)
	}
	return nil, nil
}

// recordReader decodes metadata/files.jsonl and checks the order consign
// writes it in (by path, each path once), which the comparison relies on
// to walk both bundles side by side.
type recordReader struct {
	lines *lineReader
	prev  string
}

func newRecordReader(name string, r io.Reader) *recordReader {
	return &recordReader{lines: newLineReader(name, r)}
}

// next returns the next record, or nil at the end.
func (r *recordReader) next() (*pipeline.Record, error) {
	line, err := r.lines.next()
	if line == nil || err != nil {
		return nil, err
	}
	rec := &pipeline.Record{}
	if err := json.Unmarshal(line, rec); err != nil {
		return nil, fmt.Errorf("%s line %d: %w", r.lines.name, r.lines.n, err)
	}
	switch {
	case rec.Path == "":
		return nil, fmt.Errorf("%s line %d: a record without a path", r.lines.name, r.lines.n)
	case r.prev != "" && rec.Path <= r.prev:
		return nil, fmt.Errorf("%s line %d: %q comes after %q: records must be sorted by path, each once", r.lines.name, r.lines.n, rec.Path, r.prev)
	}
	r.prev = rec.Path
	return rec, nil
}

// findingReader decodes metadata/findings.jsonl.
type findingReader struct{ lines *lineReader }

func newFindingReader(name string, r io.Reader) *findingReader {
	return &findingReader{lines: newLineReader(name, r)}
}

// next returns the next finding, or nil at the end.
func (r *findingReader) next() (*detectors.Finding, error) {
	line, err := r.lines.next()
	if line == nil || err != nil {
		return nil, err
	}
	f := &detectors.Finding{}
	if err := json.Unmarshal(line, f); err != nil {
		return nil, fmt.Errorf("%s line %d: %w", r.lines.name, r.lines.n, err)
	}
	if f.ID == "" {
		return nil, fmt.Errorf("%s line %d: a finding without an id", r.lines.name, r.lines.n)
	}
	return f, nil
}

// eachFinding calls fn with each finding of a bundle's
// metadata/findings.jsonl in order; a bundle without the file has none.
func eachFinding(dir string, fn func(*detectors.Finding)) error {
	file, name, err := openMetadata(dir, manifest.FindingsJSONL, true)
	if file == nil || err != nil {
		return err
	}
	defer file.Close()
	fr := newFindingReader(name, file)
	for {
		f, err := fr.next()
		if f == nil || err != nil {
			return err
		}
		fn(f)
	}
}

// openMetadata opens a bundle's metadata file; a file that is not there
// gives a nil file and no error when optional.
func openMetadata(dir, name string, optional bool) (*os.File, string, error) {
	label := name + " of " + dir
	f, err := os.Open(filepath.Join(dir, filepath.FromSlash(name)))
	if optional && errors.Is(err, os.ErrNotExist) {
		return nil, label, nil
	}
	if err != nil {
		return nil, label, fmt.Errorf("open %s: %w", label, withoutPath(err))
	}
	return f, label, nil
}

// withoutPath drops the path an *fs.PathError carries: the messages name
// the file already, as "open metadata/files.jsonl of DIR: permission
// denied".
func withoutPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

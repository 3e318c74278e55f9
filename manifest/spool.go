package manifest

import (
	"bufio"
	"fmt"
	"io"
	"os"
)

// jsonSpool holds JSON values that must be written after others that are
// still streaming (a JSON report's findings after its files, a SARIF log's
// notifications after its results): it appends them, comma-separated, to
// an unlinked temporary file, so memory stays flat however many there
// are. The file is made on the first value.
type jsonSpool struct {
	file *os.File
	buf  *bufio.Writer
	n    int
	// indent starts each value on its own line, indented to sit in the
	// array it is copied into.
	indent string
}

// add appends v.
func (s *jsonSpool) add(v any) error {
	if s.file == nil {
		tmp, err := os.CreateTemp("", "consign-spool-*.json")
		if err != nil {
			return fmt.Errorf("spool report entries: %w", err)
		}
		os.Remove(tmp.Name()) // unlinked: gone when closed, even after a crash
		s.file, s.buf = tmp, bufio.NewWriterSize(tmp, 64<<10)
	}
	b, err := marshal(v)
	if err != nil {
		return err
	}
	if s.n > 0 {
		s.buf.WriteString(",")
	}
	s.n++
	s.buf.WriteString(s.indent)
	_, err = s.buf.Write(b)
	return err
}

// len is how many values were added.
func (s *jsonSpool) len() int { return s.n }

// copyTo writes the values added, comma-separated, to w.
func (s *jsonSpool) copyTo(w io.Writer) error {
	if s.file == nil {
		return nil
	}
	if err := s.buf.Flush(); err != nil {
		return fmt.Errorf("spool report entries: %w", err)
	}
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("spool report entries: %w", err)
	}
	if _, err := io.Copy(w, s.file); err != nil {
		return fmt.Errorf("copy spooled report entries: %w", err)
	}
	return nil
}

// close removes the spool.
func (s *jsonSpool) close() {
	if s.file != nil {
		s.file.Close()
	}
}

package redact

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/richardlehane/mscfb"

	"github.com/consignhq/consign/pipeline/extract"
)

// oleTypes are the media types of OLE compound files (Word 97 to 2003,
// Excel, PowerPoint, Outlook messages, Visio, Publisher), whose document
// properties Strip.Fields can name as the scan names them
// (doc:dc:creator, xls:cp:lastModifiedBy, doc:app:Company).
var oleTypes = map[string]bool{
	"application/msword": true, "application/vnd.ms-excel": true, "application/vnd.ms-powerpoint": true,
	"application/x-ole-storage": true, "application/vnd.ms-outlook": true, "application/vnd.visio": true,
	"application/vnd.ms-publisher": true,
}

// oleFieldPrefix reports whether field names a document property of an
// OLE compound file.
func oleFieldPrefix(field string) bool {
	for _, p := range []string{"doc:", "xls:", "ppt:", "ole:"} {
		if strings.HasPrefix(field, p) {
			return true
		}
	}
	return false
}

// redactOLE zeroes the string values of the document properties
// s.Fields names in an OLE compound file's SummaryInformation and
// DocumentSummaryInformation streams, where the compound file's sector
// chains put them (a string of NULs reads as none); every stream keeps
// its length, and no sector moves. The edited file is read again by
// every extractor a scan runs.
func redactOLE(j *job) error {
	fields := j.strip.fieldsWhere(oleFieldPrefix)
	if len(fields) == 0 {
		return nil
	}
	w := &oleEdits{j: j}
	doc, err := mscfb.New(w)
	if err != nil {
		for _, f := range fields {
			j.rep.kept(f + " kept: " + err.Error())
		}
		return nil
	}
	done := map[string]bool{}
	for entry, err := doc.Next(); err == nil; entry, err = doc.Next() {
		if !extract.IsOLEPropertyStream(entry.Initial, entry.Name) || entry.Size < 0 || entry.Size > extract.MaxOLEPropertySet {
			continue
		}
		stream, err := io.ReadAll(io.LimitReader(entry, entry.Size))
		if err != nil {
			return fmt.Errorf("ole: read %s: %w", entry.Name, err)
		}
		props, _ := extract.LocateOLEProperties(j.mediaType, stream)
		for _, p := range props {
			if !j.strip.field(p.Field) {
				continue
			}
			if _, err := entry.WriteAt(make([]byte, p.Value.N), p.Value.Off); err != nil {
				return fmt.Errorf("ole: %s in %s: %w", p.Field, entry.Name, err)
			}
			done[p.Field] = true
		}
	}
	return j.checkFields(fields, done)
}

// oleEdits is the file as mscfb reads it, and where it writes: each write
// becomes an in-place edit of the job.
type oleEdits struct{ j *job }

func (o *oleEdits) ReadAt(p []byte, off int64) (int, error) { return o.j.r.ReadAt(p, off) }

func (o *oleEdits) WriteAt(p []byte, off int64) (int, error) {
	if off < 0 || off+int64(len(p)) > o.j.size {
		return 0, fmt.Errorf("write of %d bytes at offset %d is outside the %d byte file", len(p), off, o.j.size)
	}
	o.j.add(patch(off, bytes.Clone(p)))
	return len(p), nil
}

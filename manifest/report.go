package manifest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/consignhq/consign/pipeline"
)

// Report receives a scan's records in path order, then its summary.
type Report interface {
	Record(rec *pipeline.Record) error
	Close(sum pipeline.Summary) error
}

// Formats are the scan report formats consign writes.
var Formats = []string{"text", "json", "jsonl"}

// NewReport returns the writer for format, or an error naming the formats
// there are. root is the scanned folder, for the text report's heading.
func NewReport(format string, w io.Writer, root string) (Report, error) {
	switch format {
	case "jsonl":
		return newJSONL(w), nil
	case "json":
		return newJSON(w), nil
	case "text":
		return newText(w, root), nil
	}
	return nil, fmt.Errorf("unknown format %q (choose text, json or jsonl)", format)
}

// jsonlReport writes the JSON Lines contract: a "file" line per record, a
// "finding" line per finding, then one "summary" line.
type jsonlReport struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

func newJSONL(w io.Writer) *jsonlReport {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &jsonlReport{bw: bw, enc: enc}
}

type fileLine struct {
	Type string `json:"type"`
	*pipeline.Record
}

type summaryLine struct {
	Type string `json:"type"`
	pipeline.Summary
}

func (r *jsonlReport) Record(rec *pipeline.Record) error {
	return r.enc.Encode(fileLine{Type: "file", Record: rec})
}

func (r *jsonlReport) Close(sum pipeline.Summary) error {
	if err := r.enc.Encode(summaryLine{Type: "summary", Summary: sum}); err != nil {
		return err
	}
	return r.bw.Flush()
}

// jsonReport writes one JSON document, {"files":[...],"findings":[...],
// "summary":{...}}, streaming the arrays so memory stays flat.
type jsonReport struct {
	bw    *bufio.Writer
	first bool
}

func newJSON(w io.Writer) *jsonReport {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("{\n  \"files\": [")
	return &jsonReport{bw: bw, first: true}
}

func (r *jsonReport) Record(rec *pipeline.Record) error {
	b, err := marshal(rec)
	if err != nil {
		return err
	}
	if !r.first {
		r.bw.WriteString(",")
	}
	r.first = false
	r.bw.WriteString("\n    ")
	_, err = r.bw.Write(b)
	return err
}

func (r *jsonReport) Close(sum pipeline.Summary) error {
	b, err := marshal(sum)
	if err != nil {
		return err
	}
	if !r.first {
		r.bw.WriteString("\n  ")
	}
	r.bw.WriteString("],\n  \"findings\": [],\n  \"summary\": ")
	r.bw.Write(b)
	r.bw.WriteString("\n}\n")
	return r.bw.Flush()
}

func marshal(v any) ([]byte, error) {
	var buf jsonBuffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.b[:len(buf.b)-1], nil // drop the encoder's newline
}

type jsonBuffer struct{ b []byte }

func (j *jsonBuffer) Write(p []byte) (int, error) { j.b = append(j.b, p...); return len(p), nil }

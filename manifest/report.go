package manifest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	gojson "github.com/goccy/go-json"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// Report receives a scan's records in path order, then its summary.
type Report interface {
	Record(rec *pipeline.Record) error
	Close(sum pipeline.Summary) error
}

// Formats are the scan report formats consign writes.
var Formats = []string{"text", "json", "jsonl", "sarif"}

// ReportConfig is what a report needs to know besides the records.
type ReportConfig struct {
	// Root is the scanned folder: the text report's heading, SARIF's
	// SRCROOT.
	Root string
	// Detectors names the detectors that ran, in order: SARIF lists a rule
	// for each before the first result.
	Detectors []string
	// ToolVersion is consign's version, for SARIF's tool.driver.
	ToolVersion string
	// ShowValues says the user asked for raw matched values (--show-values).
	ShowValues bool
	// Policy gives the redaction policy's action for a finding kind
	// (Profile.RedactionAction): the text summary's verdict counts a file
	// "to redact" only for what pack will mask or remove, and can there
	// (RedactionInFile); a value pack cannot redact in that file makes it
	// one to review. Nil: each finding's own action.
	Policy func(kind, suggested string) string
}

// NewReport returns the writer for format, or an error naming the formats
// there are.
func NewReport(format string, w io.Writer, cfg ReportConfig) (Report, error) {
	switch format {
	case "jsonl":
		return newJSONL(w), nil
	case "json":
		return newJSON(w), nil
	case "text":
		r := newText(w, cfg.Root)
		r.findings.policy = cfg.Policy
		return r, nil
	case "sarif":
		return newSARIF(w, cfg)
	}
	return nil, fmt.Errorf("unknown format %q (choose %s)", format, strings.Join(Formats, ", "))
}

// jsonlReport writes the JSON Lines contract: a "file" line per record, a
// "finding" line per finding, then one "summary" line.
type jsonlReport struct {
	w   io.Writer
	buf bytes.Buffer // whole records, written out past jsonlFlushSize
	enc *JSONLEncoder
}

// jsonlFlushSize is how many bytes of whole records the report holds
// before it writes them.
const jsonlFlushSize = 64 << 10

func newJSONL(w io.Writer) *jsonlReport {
	r := &jsonlReport{w: w}
	r.enc = NewJSONLEncoder(&r.buf)
	return r
}

// Record writes rec's lines. They reach the output with the records
// before them, never cut: a run interrupted (exit 130) leaves whole lines
// on its standard output, which a tool reading it line by line can parse,
// not a line broken off where a buffer filled.
func (r *jsonlReport) Record(rec *pipeline.Record) error {
	if b := rec.Lines(); b != nil {
		// The scan has the lines already (a record from the catalog, or
		// one it just stored there): the same bytes, without encoding.
		r.buf.Write(b)
	} else {
		if err := r.enc.File(rec); err != nil {
			return err
		}
		for i := range rec.Findings {
			if err := r.enc.Finding(&rec.Findings[i]); err != nil {
				return err
			}
		}
	}
	if r.buf.Len() >= jsonlFlushSize {
		return r.flush()
	}
	return nil
}

func (r *jsonlReport) flush() error {
	_, err := r.w.Write(r.buf.Bytes())
	r.buf.Reset()
	return err
}

func (r *jsonlReport) Close(sum pipeline.Summary) error {
	if err := r.enc.Summary(sum); err != nil {
		return err
	}
	return r.flush()
}

// JSONLEncoder writes the lines of the JSON Lines contract one at a time,
// each ending in a newline: the scan report writes them in one stream, the
// distributed runner into separate shards of file and finding lines.
type JSONLEncoder struct {
	enc *gojson.Encoder
}

// NewJSONLEncoder returns an encoder writing lines to w. The lines are
// encoding/json's bytes (HTML left unescaped), made by goccy/go-json,
// which writes them several times faster: pipeline's
// TestLinesAsEncodingJSON holds the two to the same bytes.
func NewJSONLEncoder(w io.Writer) *JSONLEncoder {
	enc := gojson.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &JSONLEncoder{enc: enc}
}

type summaryLine struct {
	Type string `json:"type"`
	pipeline.Summary
}

// File writes rec's "file" line.
func (e *JSONLEncoder) File(rec *pipeline.Record) error {
	return e.enc.Encode(pipeline.FileLine(rec))
}

// Finding writes f's "finding" line.
func (e *JSONLEncoder) Finding(f *detectors.Finding) error {
	return e.enc.Encode(pipeline.FindingLine(f))
}

// Summary writes the closing "summary" line.
func (e *JSONLEncoder) Summary(sum pipeline.Summary) error {
	return e.enc.Encode(summaryLine{Type: "summary", Summary: sum})
}

// jsonReport writes one JSON document, {"files":[...],"findings":[...],
// "summary":{...}}. Files stream straight out; findings, which come
// interleaved with them, are spooled and copied after the files.
type jsonReport struct {
	bw       *bufio.Writer
	first    bool
	findings jsonSpool
}

func newJSON(w io.Writer) *jsonReport {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("{\n  \"files\": [")
	return &jsonReport{bw: bw, first: true, findings: jsonSpool{indent: "\n    "}}
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
	if _, err = r.bw.Write(b); err != nil {
		return err
	}
	for i := range rec.Findings {
		if err := r.findings.add(&rec.Findings[i]); err != nil {
			return err
		}
	}
	return nil
}

func (r *jsonReport) Close(sum pipeline.Summary) error {
	defer r.findings.close()
	b, err := marshal(sum)
	if err != nil {
		return err
	}
	if !r.first {
		r.bw.WriteString("\n  ")
	}
	r.bw.WriteString("],\n  \"findings\": [")
	if r.findings.len() > 0 {
		if err := r.findings.copyTo(r.bw); err != nil {
			return err
		}
		r.bw.WriteString("\n  ")
	}
	r.bw.WriteString("],\n  \"summary\": ")
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

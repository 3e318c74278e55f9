package pipeline

import (
	"bytes"
	"fmt"

	gojson "github.com/goccy/go-json"

	"github.com/consignhq/consign/detectors"
)

// fileLine and findingLine are the lines of the JSON Lines contract
// (ARCHITECTURE.md, "consign scan DIR --format jsonl"): a record or a
// finding, with its "type" first.
type fileLine struct {
	Type string `json:"type"`
	*Record
}

type findingLine struct {
	Type string `json:"type"`
	*detectors.Finding
}

// FileLine is rec as its "file" line of the JSON Lines contract, for a
// JSON encoder (with HTML escaping off) to write.
func FileLine(rec *Record) any { return fileLine{Type: "file", Record: rec} }

// FindingLine is f as its "finding" line of the JSON Lines contract, for a
// JSON encoder (with HTML escaping off) to write.
func FindingLine(f *detectors.Finding) any { return findingLine{Type: "finding", Finding: f} }

// Lines returns rec's lines of the JSON Lines contract, its "file" line
// and a "finding" line for each finding, each ending in a newline, when
// the scan that emitted rec was asked for them (Options.LinesOnly) and
// has them encoded already: a record kept in the catalog is kept as these
// lines, and a rerun copies them instead of encoding the record again. It
// returns nil when the scan has no such bytes. They describe rec as Scan
// emitted it: a caller that changes rec must encode it afresh.
func (rec *Record) Lines() []byte { return rec.lines }

// encodeLines encodes rec's lines of the JSON Lines contract as a scan
// report writes them: encoding/json's bytes (HTML left unescaped), made by
// goccy/go-json, several times faster (TestLinesAsEncodingJSON).
func encodeLines(rec *Record) ([]byte, error) {
	var buf bytes.Buffer
	enc := gojson.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(FileLine(rec)); err != nil {
		return nil, err
	}
	for i := range rec.Findings {
		if err := enc.Encode(FindingLine(&rec.Findings[i])); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}

// decodeLines reads a record and its findings back from the lines
// encodeLines made. A JSON string never holds a raw newline, so each line
// is one value; the "type" member matches no field and is skipped.
// go-json reads them back into the values encoding/json would, several
// times faster, and a rerun decodes a record for every unchanged file.
func decodeLines(b []byte) (*Record, error) {
	line, rest, ok := bytes.Cut(b, []byte{'\n'})
	if !ok {
		return nil, fmt.Errorf("cached record has no line end")
	}
	rec := &Record{}
	if err := gojson.Unmarshal(line, rec); err != nil {
		return nil, fmt.Errorf("decode cached record: %w", err)
	}
	if n := bytes.Count(rest, []byte{'\n'}); n > 0 {
		rec.Findings = make([]detectors.Finding, n)
	}
	for i := range rec.Findings {
		line, rest, _ = bytes.Cut(rest, []byte{'\n'})
		if err := gojson.Unmarshal(line, &rec.Findings[i]); err != nil {
			return nil, fmt.Errorf("decode cached finding: %w", err)
		}
	}
	if len(rest) > 0 {
		return nil, fmt.Errorf("cached record ends without a line end")
	}
	return rec, nil
}

package extract

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Structured reads cheap metadata from data files: the header and row count
// of CSV and TSV, the top-level keys of a JSON object, and the top-level
// scalars and date of a YAML file (Jekyll keeps comments as YAML files
// under _data/comments, with name, email, date and message keys). The
// pipeline scans the raw bytes of these files as text; this only labels
// them.
type Structured struct{}

var _ Extractor = (*Structured)(nil)

// NewStructured returns the CSV, TSV, JSON and YAML extractor.
func NewStructured() *Structured { return &Structured{} }

// Name implements Extractor.
func (*Structured) Name() string { return "structured" }

// Applies implements Extractor.
func (*Structured) Applies(src *Source) bool {
	switch src.MediaType {
	case "text/csv", "text/tab-separated-values", "application/json", "application/yaml":
		return true
	}
	return false
}

// Bounds on the work done for one data file.
const (
	maxColumns   = 64
	maxJSONScan  = 8 << 20   // bytes of JSON read looking for top-level keys
	maxYAMLParse = 256 << 10 // a YAML node tree costs many times its input
)

// Extract implements Extractor.
func (*Structured) Extract(ctx context.Context, src *Source, res *Result) error {
	switch src.MediaType {
	case "text/csv":
		return extractCSV(ctx, src, res, ',')
	case "text/tab-separated-values":
		return extractCSV(ctx, src, res, '\t')
	case "application/json":
		return extractJSONKeys(src, res)
	case "application/yaml":
		return extractYAML(src, res)
	}
	return nil
}

// extractCSV takes the header from the head and counts records by
// streaming the whole file through a quote-aware newline counter, so a
// row count never costs more memory than one read buffer.
func extractCSV(ctx context.Context, src *Source, res *Result, comma rune) error {
	head := bytes.TrimPrefix(src.Head, []byte("\xef\xbb\xbf"))
	if len(head) == 0 {
		return nil
	}
	comma = csvComma(head, comma)
	r := csv.NewReader(bytes.NewReader(head))
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = comma, true, -1
	header, err := r.Read()
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read csv header of %s: %w", src.Path, err)
	}
	if len(header) > maxColumns {
		header = header[:maxColumns]
	}
	res.AddField("csv:columns", strings.Join(header, ", "))
	if lat, lon := positionColumns(header); lat >= 0 && lon >= 0 {
		firstPosition(r, lat, lon, res)
	}

	records, err := countCSVRecords(ctx, io.NewSectionReader(src.R, 0, src.Size), src.Size)
	if err != nil {
		return fmt.Errorf("count csv rows of %s: %w", src.Path, err)
	}
	if records > 0 {
		records-- // the header
	}
	res.AddField("csv:rows", strconv.FormatInt(records, 10))
	return nil
}

// Column names that hold a latitude or a longitude in decimal degrees,
// lower case, without a unit in parentheses ("Latitude(deg)").
var (
	latitudeColumns  = map[string]bool{"latitude": true, "lat": true, "gpslatitude": true, "gps_latitude": true, "gps latitude": true, "latitude_deg": true}
	longitudeColumns = map[string]bool{"longitude": true, "lon": true, "lng": true, "long": true, "gpslongitude": true, "gps_longitude": true, "gps longitude": true, "longitude_deg": true}
)

// csvComma is the separator of a table whose head is head: a tab for
// tab-separated values (comma '\t'), else a semicolon where the first line
// holds more semicolons than commas, as spreadsheets write in locales
// whose decimal mark is a comma.
func csvComma(head []byte, comma rune) rune {
	if comma == ',' {
		first, _, _ := cutLine(head)
		if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
			return ';'
		}
	}
	return comma
}

// positionColumns returns the indexes of a header's latitude and
// longitude columns, or -1.
func positionColumns(header []string) (lat, lon int) {
	lat, lon = -1, -1
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if k := strings.IndexByte(h, '('); k > 0 {
			h = strings.TrimSpace(h[:k])
		}
		switch {
		case latitudeColumns[h] && lat < 0:
			lat = i
		case longitudeColumns[h] && lon < 0:
			lon = i
		}
	}
	return lat, lon
}

// maxPositionRows bounds the rows of the head read for a first position.
const maxPositionRows = 64

// minCSVDecimals is the fewest decimals a coordinate needs to count: two
// are about a kilometre, and whole numbers in a "lat" column may be
// anything.
const minCSVDecimals = 2

// firstPosition records the first row of r whose latitude and longitude
// columns hold a position, as csv:position ("lat,lon" in decimal degrees
// to 6 places): a table of positions (a drone's flight log, an export of
// photo locations) places someone as a GPX track does.
func firstPosition(r *csv.Reader, lat, lon int, res *Result) {
	for range maxPositionRows {
		row, err := r.Read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return
			}
			continue
		}
		if lat >= len(row) || lon >= len(row) || !decimalDegrees(row[lat]) || !decimalDegrees(row[lon]) {
			continue
		}
		if la, lo, ok := parsePoint(row[lat], row[lon]); ok && (la != 0 || lo != 0) {
			res.AddField("csv:position", formatDegrees(la)+","+formatDegrees(lo))
			return
		}
	}
}

// decimalDegrees reports whether v is written with enough decimals.
func decimalDegrees(v string) bool {
	_, dec, ok := strings.Cut(strings.TrimSpace(v), ".")
	return ok && len(dec) >= minCSVDecimals
}

// countCSVRecords counts line breaks outside quoted fields, plus a last
// record without a trailing line break. A doubled quote inside a quoted
// field toggles the state twice, so it needs no special case. size, the
// reader's length, sizes the buffer: most CSV files are far smaller than
// the 64 KiB a large one is read by.
func countCSVRecords(ctx context.Context, r io.Reader, size int64) (int64, error) {
	buf := make([]byte, min(64<<10, max(size, 0)+1))
	var records int64
	inQuote, lineHasData := false, false
	for {
		if err := ctx.Err(); err != nil {
			return records, err
		}
		n, err := r.Read(buf)
		for _, c := range buf[:n] {
			switch {
			case c == '"':
				inQuote = !inQuote
				lineHasData = true
			case c == '\n' && !inQuote:
				if lineHasData {
					records++
				}
				lineHasData = false
			case c != '\r':
				lineHasData = true
			}
		}
		if errors.Is(err, io.EOF) {
			if lineHasData {
				records++
			}
			return records, nil
		}
		if err != nil {
			return records, err
		}
	}
}

// extractJSONKeys lists the keys of a top-level object with a streaming
// decoder, skipping values token by token. The input is cut at
// maxJSONScan so one huge value cannot make the decoder buffer the file.
func extractJSONKeys(src *Source, res *Result) error {
	lr := io.LimitReader(io.NewSectionReader(src.R, 0, src.Size), maxJSONScan)
	dec := json.NewDecoder(bufio.NewReaderSize(lr, smallReadBuffer(min(src.Size, maxJSONScan))))
	tok, err := dec.Token()
	if err != nil {
		return nil // not JSON after all, or empty: nothing to label
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil
	}
	var keys []string
	for dec.More() && len(keys) < maxColumns {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		key, ok := tok.(string)
		if !ok {
			break
		}
		keys = append(keys, key)
		if err := skipJSONValue(dec); err != nil {
			break
		}
	}
	res.AddField("json:keys", strings.Join(keys, ", "))
	return nil
}

// skipJSONValue consumes one value, nested or not, without building it.
func skipJSONValue(dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				depth++
			case '}', ']':
				depth--
			}
		}
		if depth == 0 {
			return nil
		}
	}
}

// extractYAML records the top-level scalars of a YAML file as
// "yaml:<key>" fields and its "date" as a content date. Files past
// maxYAMLParse are cut at a line break; a document cut that way may not
// parse, which is reported quietly as no metadata.
func extractYAML(src *Source, res *Result) error {
	n := min(src.Size, maxYAMLParse)
	buf := make([]byte, n)
	if _, err := io.ReadFull(io.NewSectionReader(src.R, 0, n), buf); err != nil {
		return fmt.Errorf("read yaml of %s: %w", src.Path, err)
	}
	truncated := src.Size > n
	if truncated {
		if i := bytes.LastIndexByte(buf, '\n'); i >= 0 {
			buf = buf[:i+1]
		}
	}
	root, err := parseYAML(buf)
	if err != nil {
		if truncated {
			return nil
		}
		return fmt.Errorf("parse yaml of %s: %w", src.Path, err)
	}
	entries := yamlEntries(root)
	recordScalarFields(res, "yaml", entries)
	byKey := map[string]metaEntry{}
	for _, e := range entries {
		if _, dup := byKey[e.Key]; !dup {
			byKey[e.Key] = e
		}
	}
	recordMetaDate(res, "yaml", byKey, []string{"date"})
	return nil
}

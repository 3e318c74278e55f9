package main

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	gojson "github.com/goccy/go-json"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
	"github.com/consignhq/consign/pipeline/extract"
)

// TestPackFindingsJSONAsEncodingJSON holds the encoder recordPack uses to
// encoding/json's bytes: status reads the findings back, and a pack's
// record must not depend on which encoder wrote it.
func TestPackFindingsJSONAsEncodingJSON(t *testing.T) {
	excerpts := []string{
		"plain", "", "<b>&amp;</b> \"quoted\" \\ back", "line\nbreak\ttab\r", "\u2028\u2029 separators",
		"caf\u00e9 \u65e5\u672c \U0001F600", "bad \xff\xfe utf-8", "\x00\x01\x1f controls", "\x7f del",
	}
	var fs []detectors.Finding
	for i, e := range excerpts {
		fs = append(fs, detectors.Finding{ID: "id", Path: "a/b.txt", Detector: "pii/email", Kind: "email",
			Severity: detectors.SeverityHigh, Confidence: 0.5 + float64(i)/10, Excerpt: e, Status: detectors.StatusOpen,
			Location: detectors.Location{In: detectors.InContent, Start: int64(i), End: int64(i + 3), Line: i + 1, Field: e}})
	}
	for _, list := range [][]detectors.Finding{nil, {}, fs[:1], fs} {
		want, err := json.Marshal(list)
		if err != nil {
			t.Fatal(err)
		}
		got, err := gojson.Marshal(list)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("goccy/go-json:\n%s\nencoding/json:\n%s", got, want)
		}
	}
}

// TestPackFindingsDecodeAsEncodingJSON holds the decoder status reads the
// last pack's findings with to encoding/json's results, on what either
// encoder writes and on a record with every field set.
func TestPackFindingsDecodeAsEncodingJSON(t *testing.T) {
	full := detectors.Finding{ID: "3f2a", Path: "docs/a b.txt", Detector: "rights/license", Category: "rights", Kind: "license",
		Severity: detectors.SeverityInfo, Confidence: 0.875, Excerpt: "Licensed under \"CC BY 4.0\"", Detail: "CC-BY-4.0",
		Value: "CC BY 4.0", ValueHash: "ab12", Action: "attribute", Status: detectors.StatusIgnored, Reason: "mine, reviewed",
		Redaction: "mask", Location: detectors.Location{In: detectors.InText, Part: "word/document.xml", Field: "dc:rights", Start: 7, End: 19, Line: 2, Column: 5}}
	lists := [][]detectors.Finding{nil, {}, {full}}
	for i, e := range []string{"plain", "bad \xff\xfe utf-8", "\x00\x01\x1f controls", "\u2028 caf\u00e9 \U0001F600", "<b>&amp;</b> \\"} {
		f := full
		f.Excerpt, f.Location.Field, f.Confidence = e, e, float64(i)/3
		lists = append(lists, []detectors.Finding{f, full})
	}
	for _, list := range lists {
		for _, marshal := range []func(any) ([]byte, error){json.Marshal, gojson.Marshal} {
			data, err := marshal(list)
			if err != nil {
				t.Fatal(err)
			}
			var want, got []detectors.Finding
			if err := json.Unmarshal(data, &want); err != nil {
				t.Fatal(err)
			}
			if err := gojson.Unmarshal(data, &got); err != nil {
				t.Fatalf("goccy/go-json cannot decode %s: %v", data, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decoding %s:\ngoccy/go-json %+v\nencoding/json %+v", data, got, want)
			}
		}
	}
}

// TestBundleLinesAsEncodingJSON holds the encoder files.jsonl and
// findings.jsonl are written with to encoding/json's bytes (without HTML
// escaping), so that a bundle's bytes do not depend on which encoder
// wrote it. One difference is known: a number under 1e-6 is written with
// a two-digit exponent ("6e-07" for "6e-7"), the same number in JSON. No
// confidence consign writes is that small (a language's share is in
// hundredths, at least minLanguageShare), and the test checks such a
// number reads back the same. The other is the order of a map's keys
// that JSON escapes (goccy sorts them escaped): a record's tags are
// named by the extractors' tables, in lowercase ASCII.
func TestBundleLinesAsEncodingJSON(t *testing.T) {
	odd := []string{"plain", "", "<b>&amp;</b> \"q\" \\", "line\nbreak\ttab\r", "\u2028\u2029", "caf\u00e9 \U0001F600",
		"bad \xff\xfe utf-8", "\x00\x01\x1f", "\x7f"}
	reserved := 1
	var values []any
	for i, s := range odd {
		values = append(values, &pipeline.Record{Path: s, Size: int64(i), SHA256: "ab", MediaType: "text/plain", Kind: s,
			ContentDate: &pipeline.ContentDate{Value: s, Source: "mtime"},
			Languages:   []extract.Language{{Code: "en", Confidence: float64(i) / 7}, {Code: s, Confidence: float64(i) / 100}},
			Tags:        map[string]string{"z": "1", "album": "", "title": s, "year": s},
			Rights:      &detectors.Rights{Copyright: s, TDMReservation: &reserved, C2PA: i%2 == 0},
			FindingIDs:  []string{s}, Warnings: []string{s}, Error: s,
			Redaction: &pipeline.Redaction{OriginalSHA256: s, OriginalSize: 3, Applied: []string{s}, Kept: []string{}}})
		values = append(values, &detectors.Finding{ID: s, Path: s, Detector: "pii/email", Confidence: float64(i) / 3, Excerpt: s,
			Location: detectors.Location{In: detectors.InContent, Field: s, Start: int64(i), Line: i}, Status: detectors.StatusOpen})
	}
	values = append(values, &pipeline.Record{}, &detectors.Finding{})
	var want, got bytes.Buffer
	std, fast := json.NewEncoder(&want), gojson.NewEncoder(&got)
	std.SetEscapeHTML(false)
	fast.SetEscapeHTML(false)
	for _, v := range values {
		want.Reset()
		got.Reset()
		if err := std.Encode(v); err != nil {
			t.Fatal(err)
		}
		if err := fast.Encode(v); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("goccy/go-json:\n%s\nencoding/json:\n%s", got.Bytes(), want.Bytes())
		}
	}
	tiny := extract.Language{Code: "en", Confidence: 6e-7}
	data, err := gojson.Marshal(tiny)
	if err != nil {
		t.Fatal(err)
	}
	var back extract.Language
	if err := json.Unmarshal(data, &back); err != nil || back != tiny {
		t.Errorf("goccy/go-json wrote %s for %v, read back as %v (%v)", data, tiny, back, err)
	}
}

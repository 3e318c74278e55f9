package main

import (
	"encoding/json"
	"reflect"
	"testing"

	gojson "github.com/goccy/go-json"

	"github.com/consignhq/consign/detectors"
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

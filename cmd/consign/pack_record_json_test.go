package main

import (
	"encoding/json"
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

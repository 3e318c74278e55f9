package pipeline

import (
	"bytes"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline/catalog"
)

// FuzzDecodeEntry feeds arbitrary bytes, as a damaged or hostile catalog
// would hold them, to the decoders of a cached record: each decodes or
// fails without a panic, and a record decoded whole carries the entry's
// SHA-512 and as many findings as its lines list.
func FuzzDecodeEntry(f *testing.F) {
	rec := &Record{Path: "a.md", Size: 12, Kind: "text", MediaType: "text/markdown", Tags: map[string]string{"title": "x"},
		Findings: []detectors.Finding{{ID: "id1", Path: "a.md", Detector: "pii/email", Category: "pii", Kind: "email",
			Severity: "high", Location: detectors.Location{In: "content", Start: 1, End: 5}, Excerpt: "j***@e.com", Status: "open"}}}
	lines, err := encodeLines(rec)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(lines)
	f.Add([]byte(`{"record":{"path":"a","size":1,"kind":"text"},"sha512":"ab","findings":[{"id":"x","detector":"d"}]}`))
	f.Add([]byte(`{"record":null}`))
	f.Add([]byte("{\"type\":\"file\",\"size\":1e999,\"kind\":\"\\ud800\"}\n{\"status\":\n"))
	f.Add([]byte("{}\n\n\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, gotLines := decodeEntry(catalog.Entry{Path: "a", SHA512: "cd", Record: b})
		if got != nil {
			if got.SHA512 != "cd" && gotLines != nil {
				t.Fatalf("record of the newer form lost the entry's SHA-512: %q", got.SHA512)
			}
			if gotLines != nil && len(got.Findings) != bytes.Count(b, []byte{'\n'})-1 {
				t.Fatalf("%d findings from %d lines", len(got.Findings), bytes.Count(b, []byte{'\n'}))
			}
		}
		if only, err := decodeLinesOnly(b); err == nil && len(only.FindingIDs) != len(only.Findings) {
			t.Fatalf("%d finding ids for %d findings", len(only.FindingIDs), len(only.Findings))
		}
	})
}

package manifest

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// streamWindows are first window sizes that cut a document everywhere:
// inside names, strings, numbers and literals, and between them.
var streamWindows = []int{1, 2, 3, 5, 7, 16, 61, 1024, streamWindow}

// sameStreamVerdict fails t unless the stream scan accepts doc, with
// every window, exactly when scanDocument does.
func sameStreamVerdict(t *testing.T, schemaName string, doc []byte) {
	t.Helper()
	q := quickFor(schemaName)
	want := q.scanDocument(doc) == quickValid
	for _, w := range streamWindows {
		if got := q.scanStreamWindow(bytes.NewReader(doc), w) == quickValid; got != want {
			t.Fatalf("window %d: stream scan accepts = %v, scanDocument accepts = %v, on %.300s", w, got, want, doc)
		}
	}
}

// largeContentProfile is smallContentProfile with n copies of its one
// redaction checklist item, the part that grows with a catalog.
func largeContentProfile(t *testing.T, n int) string {
	t.Helper()
	const open = `"items":[`
	i := strings.Index(smallContentProfile, open)
	j := strings.Index(smallContentProfile, `]},"excluded"`)
	if i < 0 || j < 0 {
		t.Fatal("smallContentProfile has no redaction checklist items")
	}
	item := smallContentProfile[i+len(open) : j]
	return smallContentProfile[:i+len(open)] + strings.Repeat(item+",\n  ", n-1) + item + smallContentProfile[j:]
}

func TestScanStreamAgreesWithScanDocument(t *testing.T) {
	if err := loadSchemas(); err != nil {
		t.Fatal(err)
	}
	edits := []struct{ name, from, to string }{
		{"valid", "", ""},
		{"bad date", `"first":"2015-01-01"`, `"first":"2015-13-01"`},
		{"catalog without its identifier, through allOf", `"catalog":{"external_identifier":"urn:uuid:7e140cf1-3719-4b4b-b8cf-34208a8799a7"}`, `"catalog":{}`},
		{"bad category, through $ref", `"category":"pii","kind":"self"`, `"category":"pi","kind":"self"`},
		{"negative count", `"unreadable":0`, `"unreadable":-1`},
		{"count as a fraction", `"unreadable":0`, `"unreadable":0.0`},
		{"unknown member", `"licence_offer":{}`, `"licence_offer":{},"x":1`},
		{"repeated member", `"licence_offer":{}`, `"licence_offer":{},"licence_offer":{}`},
		{"escaped string", `"Jane Doe"`, `"Jane \u0044oe"`},
		{"escaped member name", `"creator":`, `"cr\u0065ator":`},
		{"trailing data", `"licence_offer":{}}`, `"licence_offer":{}}{}`},
		{"trailing space", `"licence_offer":{}}`, "\"licence_offer\":{}} \n\t"},
		{"cut short", `"licence_offer":{}}`, `"licence_offer":{`},
		{"empty item path", `"path":"a.txt"`, `"path":""`},
		{"not json", `"monetization_baseline":{}`, `"monetization_baseline":{]`},
	}
	for _, size := range []int{1, 300} {
		base := largeContentProfile(t, size)
		for _, e := range edits {
			t.Run(e.name, func(t *testing.T) {
				doc := strings.Replace(base, e.from, e.to, 1)
				if e.from != "" && doc == base {
					t.Fatalf("%q is not in the document", e.from)
				}
				sameStreamVerdict(t, ContentProfileSchema, []byte(doc))
			})
		}
	}
	t.Run("empty", func(t *testing.T) { sameStreamVerdict(t, ContentProfileSchema, []byte(" ")) })
	t.Run("large valid profile", func(t *testing.T) {
		if quickFor(ContentProfileSchema).scanStreamWindow(strings.NewReader(largeContentProfile(t, 300)), 61) != quickValid {
			t.Error("the stream scan does not accept a valid content profile")
		}
	})
}

// CheckDocument says of a document what ValidateDocument says of it.
func TestCheckDocument(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "metadata"), 0o755); err != nil {
		t.Fatal(err)
	}
	docs := map[string]string{
		"valid":    largeContentProfile(t, 50),
		"invalid":  strings.Replace(largeContentProfile(t, 50), `"unreadable":0`, `"unreadable":-1`, 1),
		"unsure":   strings.Replace(largeContentProfile(t, 50), `"unreadable":0`, `"unreadable":0.0`, 1),
		"not json": `{"catalog":`,
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(dir, "metadata", "content-profile.json"), []byte(doc), 0o644); err != nil {
				t.Fatal(err)
			}
			got := CheckDocument(dirFiles(dir), "metadata/content-profile.json")
			want := ValidateDocument("metadata/content-profile.json", []byte(doc))
			if (got == nil) != (want == nil) || got != nil && got.Error() != want.Error() {
				t.Errorf("CheckDocument = %v, ValidateDocument = %v", got, want)
			}
		})
	}
	t.Run("missing", func(t *testing.T) {
		err := CheckDocument(dirFiles(dir), "metadata/dps.json")
		if !errors.Is(err, fs.ErrNotExist) || !strings.HasPrefix(err.Error(), "metadata/dps.json: ") {
			t.Errorf("CheckDocument of a missing file = %v", err)
		}
	})
}

// FuzzScanStream: on any document and window, the stream scan accepts
// exactly what scanDocument accepts.
func FuzzScanStream(f *testing.F) {
	f.Add([]byte(smallContentProfile), uint16(7))
	f.Add([]byte(`{"catalog":{"external_identifier":"x"}, "creator":[1e5, "\u00e9"]}`), uint16(3))
	f.Fuzz(func(t *testing.T, doc []byte, window uint16) {
		if err := loadSchemas(); err != nil {
			t.Fatal(err)
		}
		q := quickFor(ContentProfileSchema)
		w := int(window%512) + 1
		want := q.scanDocument(doc) == quickValid
		if got := q.scanStreamWindow(bytes.NewReader(doc), w) == quickValid; got != want {
			t.Fatalf("window %d: stream scan accepts = %v, scanDocument accepts = %v", w, got, want)
		}
	})
}

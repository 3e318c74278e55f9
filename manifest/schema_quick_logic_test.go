package manifest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The quick form checks Croissant's anyOf, contains, if/then/else and
// maxItems: what it accepts the library accepts, and a document it is not
// sure of goes to the library.
func TestQuickScanOfCroissant(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join("testdata", "golden", "croissant.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := loadSchemas(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, from, to string
		want           quickVerdict // of the scan
	}{
		{"valid", "", "", quickValid},
		{"conformsTo without RAI (contains)", `,
    "http://mlcommons.org/croissant/RAI/1.0"`, ``, quickUnsure},
		{"conformsTo twice the same", `"http://mlcommons.org/croissant/RAI/1.0"`, `"http://mlcommons.org/croissant/1.1"`, quickUnsure},
		{"offer without permission (anyOf)", `"odrl:permission"`, `"odrl:other"`, quickValid},
		{"offer without permission or prohibition (anyOf)", `"odrl:p`, `"odrl:x`, quickUnsure},
		{"file object without sha256 (then)", `"sha256": "aaaa`, `"sha257": "aaaa`, quickInvalid},
		{"file set without includes (else)", `"includes": [
        "data/**/*.mp3"
      ],`, ``, quickInvalid},
		{"file set turned file object by a second @type", `"@type": "cr:FileSet",
      "description": "The audio files of the payload.",`, `"@type": "cr:FileSet",
      "@type": "cr:FileObject",
      "description": "The audio files of the payload.",`, quickUnsure},
		{"three dates in the timeframe (maxItems)", `"2021-06-03"`, `"2021-06-03", "2021-06-04"`, quickInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 1
			if tt.from == `"odrl:p` {
				n = -1 // every key that starts so
			}
			doc := strings.Replace(string(golden), tt.from, tt.to, n)
			if tt.from != "" && doc == string(golden) {
				t.Fatalf("%q is not in the document", tt.from)
			}
			if got := scanAgrees(t, CroissantSchema, []byte(doc)); got != tt.want {
				t.Errorf("scan verdict = %d, want %d", got, tt.want)
			}
			sameStreamVerdict(t, CroissantSchema, []byte(doc))
			if want := tt.want == quickValid; (ValidateDocument("croissant.json", []byte(doc)) == nil) != want {
				t.Errorf("ValidateDocument valid = %v, want %v", !want, want)
			}
		})
	}
}

// The dataset card's if/then: a licence of "other" needs a name and a
// link. The quick form's verdict on the front matter is the library's.
func TestQuickCheckOfDatasetCard(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join("testdata", "golden", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := schemaFor(DatasetCardSchema)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, from, to string
		valid          bool
	}{
		{"other with name and link", "", "", true},
		{"other without a link", "license_link: croissant.json\n", "", false},
		{"a named licence without them", "license: other\nlicense_name: licenseref-consign-offer\nlicense_link: croissant.json\n", "license: cc-by-4.0\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := strings.Replace(string(golden), tt.from, tt.to, 1)
			if tt.from != "" && doc == string(golden) {
				t.Fatalf("%q is not in the card", tt.from)
			}
			fm, err := frontMatter([]byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			if valid := s.Validate(fm) == nil; valid != tt.valid {
				t.Fatalf("the library says valid = %v", valid)
			}
			want := quickInvalid
			if tt.valid {
				want = quickValid
			}
			if got := quickFor(DatasetCardSchema).check(fm); got != want {
				t.Errorf("quick verdict = %d, want %d", got, want)
			}
		})
	}
}

package htmlreport

import (
	"bytes"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
	"github.com/consignhq/consign/pipeline/extract"
)

// hostileName is a file name a page must show as text.
const hostileName = "<script>alert(1)</script>.txt"

func ptr[T any](v T) *T { return &v }

// sampleProfile is a consign.yaml with part of the offer set.
func sampleProfile() *manifest.Profile {
	return &manifest.Profile{
		Creator: manifest.Creator{Name: "Jane <b>Doe</b>", Emails: []string{"jane@example.com"}, Domains: []string{"janedoe.photo"}},
		Catalog: manifest.Catalog{Title: "Coast & Field", ExternalIdentifier: "urn:uuid:0d9b6c1e-8f59-4d39-9d8e-0c0c4b1f2a10"},
		Licence: manifest.Licence{
			ID: "LicenseRef-coast", URL: "https://janedoe.photo/licence",
			Uses: []string{"training", "fine_tuning"}, Commercial: ptr(true), Exclusivity: "non_exclusive",
			Territory: []string{"worldwide"}, Term: manifest.Term{Months: ptr(24)},
			Compensation: manifest.Compensation{Currency: "EUR", OneTimeFee: ptr(1500.0)},
		},
		Redaction: map[string]string{"gps_location": "remove", "email": "mask", "person_name": "keep"},
	}
}

// sampleRecords are a small catalog: dated and undated files, languages,
// a file marked "no AI training", an unreadable one and a hostile name.
func sampleRecords(openEmails int) []*pipeline.Record {
	recs := []*pipeline.Record{
		{Path: "a/beach.jpg", Size: 2000, Kind: "image", ContentDate: &pipeline.ContentDate{Value: "2021-06-03T14:22:10+02:00", Source: "exif:DateTimeOriginal"},
			Findings: []detectors.Finding{
				{ID: "g1", Path: "a/beach.jpg", Detector: "pii/gps", Category: "pii", Kind: "gps_location", Severity: "high",
					Location: detectors.Location{In: "metadata", Field: "exif:GPSLatitude"}, Excerpt: "48.8*****", Action: "remove", Status: "open"},
				{ID: "s1", Path: "a/beach.jpg", Detector: "pii/author", Category: "pii", Kind: detectors.KindSelf, Severity: "info",
					Location: detectors.Location{In: "metadata", Field: "exif:Artist"}, Excerpt: "J*** D**", Status: "open"},
			}},
		{Path: "a/stock.jpg", Size: 3000, Kind: "image", ContentDate: &pipeline.ContentDate{Value: "2019-01-01", Source: "mtime"},
			Rights: &detectors.Rights{DataMining: "DMI-PROHIBITED-AIMLTRAINING"}},
		{Path: "b/broken.pdf", Size: 10, Kind: "document", Error: "truncated xref table"},
		{Path: "b/notes.md", Size: 500, Kind: "text", Languages: []extract.Language{{Code: "fr", Confidence: 0.9}},
			ContentDate: &pipeline.ContentDate{Value: "2022-02-02", Source: "frontmatter:date"},
			Findings: []detectors.Finding{{ID: "n1", Path: "b/notes.md", Detector: "pii/name", Category: "pii", Kind: "person_name", Severity: "low",
				Location: detectors.Location{In: "content", Line: 3, Column: 2}, Excerpt: "O***** G****", Status: "open"}}},
		{Path: hostileName, Size: 40, Kind: "text", Languages: []extract.Language{{Code: "en", Confidence: 0.9}},
			ContentDate: &pipeline.ContentDate{Value: "2023-03-03", Source: "filename"},
			Findings: []detectors.Finding{{ID: "h1", Path: hostileName, Detector: "pii/phone", Category: "pii", Kind: "phone", Severity: "medium",
				Location: detectors.Location{In: "content", Line: 1, Column: 1}, Excerpt: "+44 ****", Status: "ignored", Reason: "<i>my shop</i>"}}},
	}
	mail := &pipeline.Record{Path: "c/mail.txt", Size: 900, Kind: "text", Languages: []extract.Language{{Code: "en", Confidence: 0.8}}}
	for i := range openEmails {
		mail.Findings = append(mail.Findings, detectors.Finding{
			ID: fmt.Sprintf("e%04d", i), Path: mail.Path, Detector: "pii/email", Category: "pii", Kind: "email", Severity: "medium",
			Location: detectors.Location{In: "content", Line: i + 1, Column: 1}, Excerpt: `<img src=x onerror="alert(2)"> j***@e******.com`, Status: "open",
		})
	}
	return append(recs, mail)
}

// sampleModel builds the model of the sample catalog.
func sampleModel(openEmails int) *Model {
	b := NewBuilder(sampleProfile(), Source{Name: "content/<dir>"})
	for _, r := range sampleRecords(openEmails) {
		b.Add(r)
	}
	return b.Model(time.Unix(1700000000, 0))
}

// renderString renders m, failing the test on error.
func renderString(t testing.TB, m *Model) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func writeString(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readDirNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return names, err
}

package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/consignhq/consign/detectors"
)

// tdmPDF is a PDF whose XMP packet carries TDMRep properties.
func tdmPDF() []byte {
	xmp := `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
		`<rdf:Description rdf:about="" xmlns:tdm="http://www.w3.org/ns/tdmrep/" tdm:reservation="1" tdm:policy="https://pub.example/policy.json"/>` +
		`</rdf:RDF></x:xmpmeta>`
	return buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R /Metadata 3 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		"<< /Type /Metadata /Subtype /XML /Length " + fmt.Sprint(len(xmp)) + " >>\nstream\n" + xmp + "\nendstream",
	}, "/Root 1 0 R")
}

// TestRightsTDMRep reads TDM reservations from HTML meta, EPUB package
// metadata, PDF XMP and the folder's tdmrep.json into the record's rights.
func TestRightsTDMRep(t *testing.T) {
	root := t.TempDir()
	rules := `[{"location": "/notes/*.md", "tdm-reservation": 1, "tdm-policy": "https://janedoe.net/tdm.json"}]`
	if err := os.WriteFile(filepath.Join(root, "tdmrep.json"), []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := detectors.Config{Root: root, Identity: detectors.Identity{Names: []string{"Jane Doe"}}}
	html := `<!doctype html><html><head><title>Post</title>
<meta name="tdm-reservation" content="1"><meta name="tdm-policy" content="https://janedoe.net/policy.json"></head><body><p>Hello.</p></body></html>`
	cases := []struct {
		name   string
		data   []byte
		res    int
		policy string
	}{
		{"page.html", []byte(html), 1, "https://janedoe.net/policy.json"},
		{"book.epub", buildEPUB(t), 1, ""},
		{"paper.pdf", tdmPDF(), 1, "https://pub.example/policy.json"},
		{"notes/today.md", []byte("# Today\n\nA walk by the river.\n"), 1, "https://janedoe.net/tdm.json"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, findings, r := rightsOf(t, cfg, bytesSource(c.name, c.data), nil)
			if r == nil || r.TDMReservation == nil {
				t.Fatalf("rights %+v without a reservation; findings %+v", r, findings)
			}
			if *r.TDMReservation != c.res || r.TDMPolicy != c.policy {
				t.Errorf("reservation, policy = %d, %q; want %d, %q", *r.TDMReservation, r.TDMPolicy, c.res, c.policy)
			}
		})
	}
}

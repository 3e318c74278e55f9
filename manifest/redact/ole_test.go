package redact

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/consignhq/consign/pipeline/extract"
	"github.com/consignhq/consign/pipeline/extract/filetest"
)

// TestOLE: a Word 97 document's properties named by field are zeroed
// where the compound file's sectors hold them; the others stay.
func TestOLE(t *testing.T) {
	file := filetest.WordDoc()
	fields := []string{"doc:dc:creator", "doc:cp:lastModifiedBy", "doc:app:Manager"}
	out, rep := redactBytes(t, file, "application/msword", Strip{Fields: fields})
	if len(out) != len(file) {
		t.Fatalf("length %d, want %d", len(out), len(file))
	}
	checkFields(t, scanFields(t, "a.doc", "application/msword", file), scanFields(t, "a.doc", "application/msword", out), rep, fields,
		[]string{"doc:dc:title", "doc:app:Company", "doc:dcterms:created"})
	for _, name := range []string{"Ann Writer", "Bob Editor", "Carol Boss"} {
		if bytes.Contains(out, []byte(name)) {
			t.Errorf("%q is still in the file", name)
		}
	}
	if !FieldSupported("application/msword", "doc:dc:creator") || FieldSupported("application/msword", "doc:dcterms:created") || StripsKinds("application/msword") {
		t.Error("FieldSupported or StripsKinds is wrong for Word 97")
	}
}

// TestOLECorpus: the shared corpus's compound file (a PowerPoint file of
// FlashPix data) has its author taken out.
func TestOLECorpus(t *testing.T) {
	file, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", "misc", "exiftool-samples", "FlashPix.ppt"))
	if err != nil {
		t.Skipf("shared corpus not available: %v", err)
	}
	mt, _ := extract.Sniff("FlashPix.ppt", file[:min(len(file), extract.HeadSize)])
	before := scanFields(t, "FlashPix.ppt", mt, file)
	var fields []string
	for f, v := range before {
		if FieldSupported(mt, f) && v != "" {
			fields = append(fields, f)
		}
	}
	if len(fields) == 0 {
		t.Skipf("%s (%s) has no property to take out: %v", "FlashPix.ppt", mt, before)
	}
	out, rep := redactBytes(t, file, mt, Strip{Fields: fields})
	checkFields(t, before, scanFields(t, "FlashPix.ppt", mt, out), rep, fields, nil)
}

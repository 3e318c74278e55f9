package redact

import (
	"bytes"
	"testing"
	"time"

	"github.com/consignhq/consign/pipeline/extract"
	"github.com/consignhq/consign/pipeline/extract/filetest"
)

// TestFieldsMOBI: a Mobipocket book's EXTH author and contributor read as
// empty once named; the title, the publishing date and the book's length
// stay.
func TestFieldsMOBI(t *testing.T) {
	book := filetest.MOBIBook(time.Date(2015, 3, 1, 10, 0, 0, 0, time.UTC), "The Long Road",
		map[uint32]string{100: "Ann Other", 106: "2014-09-01", 108: "Bob Editor", 503: "The Long Road"})
	mt, _ := extract.Sniff("a.mobi", book[:min(len(book), extract.HeadSize)])
	fields := []string{"mobi:Author", "mobi:Contributor"}
	out, rep := redactBytes(t, book, mt, Strip{Fields: fields})
	if len(out) != len(book) || bytes.Contains(out, []byte("Other")) || bytes.Contains(out, []byte("Editor")) {
		t.Errorf("copy %q", out)
	}
	checkFields(t, scanFields(t, "a.mobi", mt, book), scanFields(t, "a.mobi", mt, out), rep, fields, []string{"mobi:UpdatedTitle", "mobi:PublishingDate", "mobi:FullName"})
	if !FieldSupported(mt, "mobi:Author") || FieldSupported(mt, "mobi:CreateDate") || StripsKinds(mt) {
		t.Errorf("FieldSupported or StripsKinds is wrong for %s", mt)
	}
}

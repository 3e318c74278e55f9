package extract

import (
	"bytes"
	"slices"
	"testing"
)

func TestLocatePDFMetadataStreams(t *testing.T) {
	doc := []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Metadata 2 0 R >>\nendobj\n" +
		"2 0 obj\n<< /Type /Metadata /Subtype /XML /Length 3 0 R /Filter [/FlateDecode] >>\nstream\r\nxx\nendstream\nendobj\n" +
		"3 0 obj\n2\nendobj\n" +
		"4 0 obj\n<</Type/Metadata/Length 5/DecodeParms<</Predictor 12>>/Filter/FlateDecode>>stream\nabcde\nendstream\nendobj\n" +
		"5 0 obj\n<< /Type /XObject /Length 3 >>\nstream\n/Metadata\nendstream\nendobj\n")
	got, err := LocatePDFMetadataStreams(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("streams %+v, want 2", got)
	}
	for i, want := range []struct {
		data   string
		params bool
	}{{"xx", false}, {"abcde", true}} {
		s := got[i]
		if string(doc[s.Data.Off:s.Data.Off+s.Data.N]) != want.data || s.Params != want.params || !slices.Equal(s.Filters, []string{"FlateDecode"}) {
			t.Errorf("stream %d: %+v holds %q", i, s, doc[s.Data.Off:s.Data.Off+s.Data.N])
		}
	}
}

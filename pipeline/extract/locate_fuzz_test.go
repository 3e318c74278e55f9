package extract

import (
	"bytes"
	"testing"
	"time"

	"github.com/consignhq/consign/pipeline/extract/filetest"
)

// FuzzLocators runs the locators the redactor places fields with over
// any input: none may panic, and every range they give lies in the input.
func FuzzLocators(f *testing.F) {
	f.Add([]byte("ID3\x03\x00\x00\x00\x00\x00\x0fTPE1\x00\x00\x00\x05\x00\x00\x00Ann!"))
	f.Add([]byte("fLaC\x84\x00\x00\x08\x07\x00\x00\x00cons\x00\x00\x00\x00"))
	f.Add([]byte("FORM\x00\x00\x00\x12AIFFAUTH\x00\x00\x00\x03Ann\x00"))
	f.Add([]byte("RIFF\x00\x00\x00\x1aWAVELIST\x00\x00\x00\x0eINFOIART\x00\x00\x00\x02A\x00"))
	f.Add([]byte(`<meta name=author content="Ann"><a href=mailto:a@b>x</a><!-- c --><?php x ?>`))
	f.Add([]byte(`{\rtf1{\info{\author Ann \u8220?}}x}`))
	f.Add(filetest.MOBIBook(time.Unix(1e9, 0), "T", map[uint32]string{100: "Ann"}))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, size := bytes.NewReader(data), int64(len(data))
		var all []FieldRange
		if frames, err := LocateID3Frames(r, size); err == nil {
			for _, fr := range frames {
				all = append(all, FieldRange{fr.Field, fr.Body})
			}
		}
		for _, locate := range []func() ([]FieldRange, error){
			func() ([]FieldRange, error) { return LocateFLACComments(r, size) },
			func() ([]FieldRange, error) { return LocateIFFText(r, size) },
			func() ([]FieldRange, error) { return LocateHTMLFields(data) },
			func() ([]FieldRange, error) { return LocateRTFInfo(data) },
			func() ([]FieldRange, error) { return LocateMOBIFields(r, size) },
		} {
			found, _ := locate()
			all = append(all, found...)
		}
		for _, fr := range all {
			if fr.Value.Off < 0 || fr.Value.N < 0 || fr.Value.Off+fr.Value.N > size {
				t.Fatalf("%s at [%d, +%d) in %d bytes", fr.Field, fr.Value.Off, fr.Value.N, size)
			}
		}
	})
}

package redact

import (
	"bytes"
	"testing"
	"time"

	"github.com/consignhq/consign/pipeline/extract"
	"github.com/consignhq/consign/pipeline/extract/filetest"
)

// TestASF: a Windows Media file's content description and extended
// content strings named by field are zeroed in place.
func TestASF(t *testing.T) {
	file := filetest.WMA(time.Date(2006, 7, 8, 9, 10, 11, 0, time.UTC), [5]string{"Night Drive", "Ann Lee", "(c) 2006 Studio", "demo", ""},
		map[string]string{"WM/AlbumArtist": "Ann Lee", "WM/Composer": "Bob Writer", "WM/Year": "2005"})
	mt, _ := extract.Sniff("a.wma", file[:min(len(file), extract.HeadSize)])
	fields := []string{"asf:Author", "asf:WM/AlbumArtist"}
	out, rep := redactBytes(t, file, mt, Strip{Fields: fields})
	if len(out) != len(file) {
		t.Fatalf("length %d, want %d", len(out), len(file))
	}
	checkFields(t, scanFields(t, "a.wma", mt, file), scanFields(t, "a.wma", mt, out), rep, fields, []string{"asf:Title", "asf:WM/Composer", "asf:CreationDate"})
	if bytes.Contains(out, filetest.UTF16Z("Ann Lee")) {
		t.Error("the name is still in the file")
	}
	if !FieldSupported(mt, "asf:WM/Composer") || FieldSupported(mt, "asf:CreationDate") || StripsKinds(mt) {
		t.Errorf("FieldSupported or StripsKinds is wrong for %s", mt)
	}
}

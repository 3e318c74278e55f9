package extract

import (
	"bytes"
	"testing"
)

// TestEXIFOwnerAndSerialTags checks the owner and serial-number tags read
// from the raw directories, including those written outside the EXIF
// directory (DNG's CameraSerialNumber in IFD0).
func TestEXIFOwnerAndSerialTags(t *testing.T) {
	entry := func(tag uint16, s string) rawEntry {
		e := ascii(s)
		e.tag = tag
		return e
	}
	tests := []struct {
		name     string
		entries  []rawEntry
		fields   map[string]string
		wantTags map[string]string
	}{
		{
			name:     "adobe owner and serial",
			entries:  []rawEntry{ascii("Canon"), entry(0xFDE8, "Jane Owner"), entry(0xFDE9, "SN-4242")},
			fields:   map[string]string{"exif:OwnerName": "Jane Owner", "exif:SerialNumber": "SN-4242"},
			wantTags: map[string]string{"owner_name": "Jane Owner", "body_serial": "SN-4242"},
		},
		{
			name:     "dng camera serial",
			entries:  []rawEntry{ascii("Leica"), entry(0xC62F, "3109876")},
			fields:   map[string]string{"exif:CameraSerialNumber": "3109876"},
			wantTags: map[string]string{"body_serial": "3109876"},
		},
		{
			name:     "exif 2.3 owner in ifd0",
			entries:  []rawEntry{ascii("Nikon"), entry(0xA430, "Ann Body"), entry(0xA435, "L-77")},
			fields:   map[string]string{"exif:CameraOwnerName": "Ann Body", "exif:LensSerialNumber": "L-77"},
			wantTags: map[string]string{"owner_name": "Ann Body", "lens_serial": "L-77"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tiffBlock(tt.entries)
			var res Result
			if err := decodeEXIF(bytes.NewReader(b), int64(len(b)), &res); err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.fields {
				if got, _ := res.Field(k); got != v {
					t.Errorf("field %s = %q, want %q (fields %v)", k, got, v, res.Fields)
				}
			}
			for k, v := range tt.wantTags {
				if got := res.Tags[k]; got != v {
					t.Errorf("tag %s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

package rights

import (
	"testing"

	"github.com/consignhq/consign/detectors"
)

// TestOwnershipPlaceholders holds the values that name nobody: field
// labels a template left in place, first-person notes and a camera's
// default copyright. Real names beside them must still be reported.
func TestOwnershipPlaceholders(t *testing.T) {
	meta := NewMetadata(detectors.Config{Identity: janeDoe})
	music := NewMusic(detectors.Config{Identity: janeDoe})
	model := detectors.Field{Name: "exif:Model", Value: "Zoomix Z10"}
	cases := []struct {
		name   string
		d      detectors.Detector
		fields []detectors.Field
		want   int
	}{
		{"label as credit", meta, []detectors.Field{{Name: "iptc:Credit", Value: "Credit"}}, 0},
		{"label as copyright", meta, []detectors.Field{{Name: "xmp:dc:rights", Value: "Copyright Notice"}}, 0},
		{"filler and label", meta, []detectors.Field{{Name: "xmp:photoshop:Credit", Value: "My Credit"}}, 0},
		{"first person source", meta, []detectors.Field{{Name: "iptc:Source", Value: "I'm the source"}}, 0},
		{"first person artist", meta, []detectors.Field{{Name: "exif:Artist", Value: "me"}}, 0},
		{"camera default copyright", meta, []detectors.Field{model, {Name: "exif:Copyright", Value: "(C) by Zoomix Z10 User"}}, 0},
		{"model alone as copyright", meta, []detectors.Field{model, {Name: "exif:Copyright", Value: "ZOOMIX Z10"}}, 0},
		{"name beside the model", meta, []detectors.Field{model, {Name: "exif:Copyright", Value: "Ann Lee, Zoomix Z10"}}, 1},
		{"unknown artist", meta, []detectors.Field{{Name: "exif:Artist", Value: "unknown"}}, 0},
		{"n/a as copyright", meta, []detectors.Field{{Name: "exif:Copyright", Value: "N/A"}}, 0},
		{"none as creator", meta, []detectors.Field{{Name: "xmp:dc:creator", Value: " None "}}, 0},
		{"medium as source", meta, []detectors.Field{{Name: "xmp:photoshop:Source", Value: "DIGITAL"}}, 0},
		{"scanned film as source", meta, []detectors.Field{{Name: "iptc:Source", Value: "Scanned 35mm film"}}, 0},
		{"shrug as source", meta, []detectors.Field{{Name: "xmp:photoshop:Source", Value: "Who Knows"}}, 0},
		{"shrug as credit", meta, []detectors.Field{{Name: "iptc:Credit", Value: "who knows?"}}, 0},
		{"test values named after their standard", meta, []detectors.Field{{Name: "exif:Artist", Value: "RIGHT1of2-EXIF-Creator"},
			{Name: "iptc:CopyrightNotice", Value: "WRONG-IPTC-Copyright"}, {Name: "xmp:dc:rights", Value: "RIGHT-XMP-Copyright"}}, 0},
		{"free use terms as copyright", meta, []detectors.Field{{Name: "xmp:dc:rights", Value: "Free for all"}}, 0},
		{"agency as source", meta, []detectors.Field{{Name: "iptc:Source", Value: "FreeFoto.com"}}, 1},
		{"person as source", meta, []detectors.Field{{Name: "xmp:photoshop:Source", Value: "Ann Lee"}}, 1},
		{"digital studio as source", meta, []detectors.Field{{Name: "iptc:Source", Value: "Digital Lyon Studio"}}, 1},
		{"medium word as credit kept", meta, []detectors.Field{{Name: "iptc:Credit", Value: "Film"}}, 1},
		{"real credit", meta, []detectors.Field{{Name: "iptc:Credit", Value: "Ann Lee"}}, 1},
		{"long statement with label words", meta, []detectors.Field{{Name: "iptc:Source", Value: "Source archive of the Artist Guild Lyon"}}, 1},
		{"test artist", music, []detectors.Field{{Name: "id3:TPE1", Value: "Test Artist"}}, 0},
		{"an album artist", music, []detectors.Field{{Name: "vorbis:ALBUMARTIST", Value: "AlbumArtist"}}, 0},
		{"a composer", music, []detectors.Field{{Name: "id3:TCOM", Value: "A Composer"}}, 0},
		{"first person band name kept", music, []detectors.Field{{Name: "id3:TPE1", Value: "My Quiet Neighbours"}}, 1},
		{"shrug as composer", music, []detectors.Field{{Name: "id3:TCOM", Value: "Who knows?"}}, 0},
		{"test artist named after its standard", music, []detectors.Field{{Name: "id3:TPE1", Value: "ID3v2-Artist"}}, 0},
		{"n/a composer", music, []detectors.Field{{Name: "id3:TCOM", Value: "n/a"}}, 0},
		{"real composer", music, []detectors.Field{{Name: "id3:TCOM", Value: "Ann Lee"}}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := detectFields(t, c.d, c.fields...)
			if len(fs) != c.want {
				t.Fatalf("findings %+v, want %d", fs, c.want)
			}
		})
	}
}

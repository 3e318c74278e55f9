package rights

import (
	"testing"

	"github.com/consignhq/consign/detectors"
)

func TestMusicFields(t *testing.T) {
	d := NewMusic(detectors.Config{Identity: janeDoe})
	cases := []struct {
		name, field, value string
		kind, action       string // kind "" when nothing is expected
	}{
		{"own artist", "id3:TPE1", "Jane Doe", KindCreator, ""},
		{"other artist", "vorbis:ARTIST", "The Other Band", KindThirdPartyArtist, detectors.ActionExclude},
		{"other composer", "mp4:©wrt", "Ann Lee", KindThirdPartyArtist, detectors.ActionExclude},
		{"label", "id3:TPUB", "Big Label Records", KindThirdPartyArtist, detectors.ActionReview},
		{"ape artist", "ape:ARTIST", "Kraftwerk", KindThirdPartyArtist, detectors.ActionExclude},
		{"ape label", "ape:LABEL", "Kling Klang", KindThirdPartyArtist, detectors.ActionReview},
		{"ape lyrics", "ape:LYRICS", "present", KindLyrics, detectors.ActionReview},
		{"wma composer", "asf:WM/Composer", "Ann Lee", KindThirdPartyArtist, detectors.ActionExclude},
		{"various artists", "id3:TPE2", "Various Artists", "", ""},
		{"lyrics", "id3:USLT", "present", KindLyrics, detectors.ActionReview},
		{"lyrics in txxx", "id3:TXXX:LYRICS", "present", KindLyrics, detectors.ActionReview},
		{"cover by an agency", "id3:APIC:iptc:Credit", "Getty Images", KindStockAgency, detectors.ActionExclude},
		{"cover by a photographer", "vorbis:METADATA_BLOCK_PICTURE:exif:Artist", "Max Fotograf", KindThirdPartyArtist, detectors.ActionExclude},
		{"title", "id3:TIT2", "Ann Lee", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := detectFields(t, d, detectors.Field{Name: c.field, Value: c.value})
			if c.kind == "" {
				if len(fs) != 0 {
					t.Fatalf("findings %+v, want none", fs)
				}
				return
			}
			if len(fs) != 1 || fs[0].Kind != c.kind || fs[0].Action != c.action {
				t.Fatalf("findings %+v, want %s %q", fs, c.kind, c.action)
			}
		})
	}
}

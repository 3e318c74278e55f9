package extract

import (
	"bytes"
	"testing"

	"github.com/consignhq/consign/pipeline/extract/filetest"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/detectors/rights"
)

// coverWithOwner is a small JPEG whose XMP credits its photographer.
func coverWithOwner(t testing.TB, owner string) []byte {
	packet := `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
		`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>` + owner +
		`</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`
	body := append([]byte("http://ns.adobe.com/xap/1.0/\x00"), packet...)
	seg := append([]byte{0xFF, 0xE1, byte((len(body) + 2) >> 8), byte(len(body) + 2)}, body...)
	img := tinyJPEG(t)
	return append(append([]byte{0xFF, 0xD8}, seg...), img[2:]...)
}

// musicMP3 is an ID3v2.3 tag over a few silent MPEG frames.
func musicMP3(t testing.TB, artist, composer string, lyrics bool, cover []byte) []byte {
	frames := [][]byte{filetest.ID3Frame(3, "TIT2", "\x00Night Song"), filetest.ID3Frame(3, "TPE1", "\x00"+artist), filetest.ID3Frame(3, "TCOM", "\x00"+composer)}
	if lyrics {
		frames = append(frames, filetest.ID3Frame(3, "USLT", "\x00eng\x00Under the moon we sang all night"))
	}
	if cover != nil {
		frames = append(frames, filetest.ID3Frame(3, "APIC", "\x00image/jpeg\x00\x03\x00"+string(cover)))
	}
	frame := append([]byte{0xFF, 0xFB, 0x90, 0x64}, make([]byte, 413)...)
	return append(filetest.ID3v2(3, 0, frames...), bytes.Repeat(frame, 4)...)
}

// TestRightsMusic reads artists, lyrics and the cover's owner of MP3s.
func TestRightsMusic(t *testing.T) {
	cfg := detectors.Config{Identity: detectors.Identity{Names: []string{"Jane Doe"}}}
	cases := []struct {
		name  string
		data  []byte
		owner string
		kinds []string
	}{
		{"own.mp3", musicMP3(t, "Jane Doe", "Jane Doe", false, nil), detectors.OwnerSelf, []string{rights.KindCreator}},
		{"cover-song.mp3", musicMP3(t, "Jane Doe", "The Other Band", true, nil), detectors.OwnerThirdParty, []string{rights.KindThirdPartyArtist, rights.KindLyrics}},
		{"their-track.mp3", musicMP3(t, "Ann Lee", "Ann Lee", false, nil), detectors.OwnerThirdParty, []string{rights.KindThirdPartyArtist}},
		{"cover-photo.mp3", musicMP3(t, "Jane Doe", "Jane Doe", false, coverWithOwner(t, "Max Fotograf")), detectors.OwnerThirdParty, []string{rights.KindThirdPartyArtist}},
		{"own-cover.mp3", musicMP3(t, "Jane Doe", "Jane Doe", false, coverWithOwner(t, "Jane Doe")), detectors.OwnerSelf, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, findings, r := rightsOf(t, cfg, bytesSource(c.name, c.data), nil)
			if r == nil || r.Owner != c.owner {
				t.Fatalf("rights %+v, want owner %s; findings %+v; fields %v", r, c.owner, findings, res.Fields)
			}
			for _, k := range c.kinds {
				found := false
				for _, f := range findings {
					found = found || f.Kind == k
				}
				if !found {
					t.Errorf("no %s finding in %+v", k, findings)
				}
			}
		})
	}
	t.Run("cover field", func(t *testing.T) {
		res, _, _ := rightsOf(t, cfg, bytesSource("c.mp3", musicMP3(t, "Jane Doe", "Jane Doe", false, coverWithOwner(t, "Max Fotograf"))), nil)
		wantField(t, res, "id3:APIC:xmp:dc:creator", "Max Fotograf")
	})
}

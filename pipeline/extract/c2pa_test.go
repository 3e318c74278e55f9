package extract

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/detectors/rights"
)

// jumbfBox frames payload as an ISO BMFF style box.
func jumbfBox(typ string, payload []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(8+len(payload)))
	return append(append(b, typ...), payload...)
}

// jumbfSuperbox is a "jumb" box whose description box has the type
// uuid and label, holding the boxes given.
func jumbfSuperbox(uuid []byte, label string, boxes ...[]byte) []byte {
	desc := append(append(bytes.Clone(uuid), 0x03), label+"\x00"...)
	payload := jumbfBox("jumd", desc)
	for _, b := range boxes {
		payload = append(payload, b...)
	}
	return jumbfBox("jumb", payload)
}

// cborText encodes a short CBOR text string.
func cborText(s string) []byte { return append([]byte{0x60 + byte(len(s))}, s...) }

// minimalC2PAStore is a manifest store holding one manifest with a
// training-and-mining assertion (CBOR) and an actions assertion naming
// the digital source type.
func minimalC2PAStore() []byte {
	c2paUUID := []byte("c2pa\x00\x11\x00\x10\x80\x00\x00\xaa\x00\x38\x9b\x71")
	cborUUID := []byte("cbor\x00\x11\x00\x10\x80\x00\x00\xaa\x00\x38\x9b\x71")
	entries := []byte{0xA1}
	entries = append(entries, cborText("entries")...)
	entries = append(entries, 0xA2)
	for _, e := range [][2]string{{"c2pa.ai_training", "notAllowed"}, {"c2pa.data_mining", "constrained"}} {
		entries = append(entries, cborText(e[0])...)
		entries = append(entries, 0xA1)
		entries = append(entries, cborText("use")...)
		entries = append(entries, cborText(e[1])...)
	}
	actions := []byte(`{"actions":[{"action":"c2pa.created","digitalSourceType":"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"}]}`)
	training := jumbfSuperbox(cborUUID, "c2pa.training-mining", jumbfBox("cbor", entries))
	acts := jumbfSuperbox(cborUUID, "c2pa.actions", jumbfBox("json", actions))
	assertions := jumbfSuperbox(c2paUUID, "c2pa.assertions", training, acts)
	manifest := jumbfSuperbox(c2paUUID, "urn:uuid:0d4f8b1e-0000-4000-8000-000000000000", assertions)
	return jumbfSuperbox(c2paUUID, "c2pa", manifest)
}

func tinyJPEG(t testing.TB) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 2, 2)), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// c2paJPEG puts the store into APP11 segments right after SOI, split so
// that the second segment repeats the box header as the standard asks.
func c2paJPEG(t testing.TB, store []byte) []byte {
	img := tinyJPEG(t)
	half := len(store) / 2
	seg := func(seq uint32, body []byte) []byte {
		p := append([]byte("JP\x00\x01"), binary.BigEndian.AppendUint32(nil, seq)...)
		p = append(p, body...)
		return append([]byte{0xFF, 0xEB, byte((len(p) + 2) >> 8), byte(len(p) + 2)}, p...)
	}
	out := append([]byte{0xFF, 0xD8}, seg(1, store[:half])...)
	out = append(out, seg(2, append(bytes.Clone(store[:8]), store[half:]...))...)
	return append(out, img[2:]...)
}

func c2paPNG(t testing.TB, store []byte) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(store)))
	chunk = append(append(append(chunk, "caBX"...), store...), 0, 0, 0, 0)
	return append(append(bytes.Clone(b[:33]), chunk...), b[33:]...)
}

func c2paWAV(store []byte) []byte {
	chunk := func(id string, body []byte) []byte {
		c := append([]byte(id), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
		c = append(c, body...)
		if len(body)%2 == 1 {
			c = append(c, 0)
		}
		return c
	}
	fmtBody := []byte{1, 0, 1, 0, 0x40, 0x1F, 0, 0, 0x80, 0x3E, 0, 0, 2, 0, 16, 0}
	body := append([]byte("WAVE"), chunk("fmt ", fmtBody)...)
	body = append(body, chunk("C2PA", store)...)
	body = append(body, chunk("data", make([]byte, 8))...)
	return append(append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...), body...)
}

func c2paMP4(store []byte) []byte {
	ftyp := jumbfBox("ftyp", []byte("isom\x00\x00\x02\x00isommp41"))
	payload := append(bytes.Clone(c2paBMFFUUID), 0, 0, 0, 0)
	payload = append(payload, "manifest\x00"...)
	payload = append(payload, make([]byte, 8)...)
	payload = append(payload, store...)
	return append(ftyp, jumbfBox("uuid", payload)...)
}

// c2paSVG puts the store, base64-encoded over lines of 72 characters,
// into a c2pa:manifest element of the drawing's metadata.
func c2paSVG(store []byte) []byte {
	enc := base64.StdEncoding.EncodeToString(store)
	var lines []string
	for len(enc) > 72 {
		lines, enc = append(lines, enc[:72]), enc[72:]
	}
	lines = append(lines, enc)
	return []byte(`<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="4in" height="3in">
  <metadata>
    <c2pa:manifest xmlns:c2pa="http://c2pa.org/manifest">
      ` + strings.Join(lines, "\n      ") + `
    </c2pa:manifest>
  </metadata>
  <path d="M0 0"/>
</svg>
`)
}

func TestC2PAExtract(t *testing.T) {
	store := minimalC2PAStore()
	cases := []struct {
		name, where string
		data        []byte
	}{
		{"photo.jpg", "jpeg app11", c2paJPEG(t, store)},
		{"photo.png", "png caBX", c2paPNG(t, store)},
		{"sound.wav", "riff C2PA", c2paWAV(store)},
		{"clip.mp4", "bmff uuid", c2paMP4(store)},
		{"drawing.svg", "svg metadata", c2paSVG(store)},
		{"photo.c2pa", "sidecar", store},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := &Result{}
			if err := (C2PA{}).Extract(context.Background(), bytesSource(c.name, c.data), res); err != nil {
				t.Fatal(err)
			}
			wantField(t, res, "c2pa:manifest", c.where)
			wantField(t, res, "c2pa:c2pa.ai_training", "notAllowed")
			wantField(t, res, "c2pa:c2pa.data_mining", "constrained")
			wantField(t, res, "c2pa:digitalSourceType", "trainedAlgorithmicMedia")
		})
	}
	t.Run("no store", func(t *testing.T) {
		res := &Result{}
		if err := (C2PA{}).Extract(context.Background(), bytesSource("plain.jpg", tinyJPEG(t)), res); err != nil || len(res.Fields) != 0 {
			t.Fatalf("fields %v, error %v; want none", res.Fields, err)
		}
	})
	t.Run("svg element that is not base64", func(t *testing.T) {
		svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg"><metadata><c2pa:manifest>not a store!</c2pa:manifest></metadata></svg>`)
		res := &Result{}
		if err := (C2PA{}).Extract(context.Background(), bytesSource("d.svg", svg), res); err != nil || len(res.Fields) != 0 {
			t.Fatalf("fields %v, error %v; want none", res.Fields, err)
		}
	})
	t.Run("store of the content authenticity initiative before c2pa", func(t *testing.T) {
		cai := jumbfSuperbox([]byte("cacb\x00\x11\x00\x10\x80\x00\x00\xaa\x00\x38\x9b\x71"), "cai",
			jumbfSuperbox([]byte("cast\x00\x11\x00\x10\x80\x00\x00\xaa\x00\x38\x9b\x71"), "cb.reuters_1"))
		res := &Result{}
		if err := (C2PA{}).Extract(context.Background(), bytesSource("old.svg", c2paSVG(cai)), res); err != nil {
			t.Fatal(err)
		}
		wantField(t, res, "c2pa:manifest", "svg metadata")
	})
	t.Run("jumbf that is not c2pa", func(t *testing.T) {
		other := jumbfSuperbox([]byte("xxxx\x00\x11\x00\x10\x80\x00\x00\xaa\x00\x38\x9b\x71"), "other")
		res := &Result{}
		_ = (C2PA{}).Extract(context.Background(), bytesSource("p.jpg", c2paJPEG(t, other)), res)
		if len(res.Fields) != 0 {
			t.Fatalf("fields %v for a non-C2PA JUMBF box", res.Fields)
		}
	})
}

// TestRightsC2PA follows a C2PA JPEG into the record's rights.
func TestRightsC2PA(t *testing.T) {
	_, findings, r := rightsOf(t, detectors.Config{}, bytesSource("photo.jpg", c2paJPEG(t, minimalC2PAStore())), nil)
	if r == nil || !r.C2PA || !r.Synthetic {
		t.Fatalf("rights %+v, want c2pa and synthetic; findings %+v", r, findings)
	}
	excluded := false
	for _, f := range findings {
		excluded = excluded || f.Kind == rights.KindC2PATraining && f.Detail == "c2pa.ai_training=notAllowed" && f.Action == detectors.ActionExclude
	}
	if !excluded {
		t.Errorf("no excluding c2pa.ai_training finding in %+v", findings)
	}
}

func FuzzC2PA(f *testing.F) {
	store := minimalC2PAStore()
	f.Add("photo.jpg", c2paJPEG(f, store))
	f.Add("photo.png", c2paPNG(f, store))
	f.Add("sound.wav", c2paWAV(store))
	f.Add("clip.mp4", c2paMP4(store))
	f.Add("drawing.svg", c2paSVG(store))
	f.Add("photo.c2pa", store)
	// The EXIF crashers are broken JPEG and TIFF files: the segment walk
	// meets the same lengths.
	crashers, _ := filepath.Glob("testdata/crashers/exif-*.bin")
	for _, name := range crashers {
		if b, err := os.ReadFile(name); err == nil {
			f.Add("crasher.jpg", b)
		}
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		res := &Result{}
		_ = (C2PA{}).Extract(context.Background(), bytesSource(name, data), res)
		for _, fd := range res.Fields {
			if len(fd.Value) > 128 {
				t.Fatalf("field %s of %d bytes", fd.Name, len(fd.Value))
			}
		}
	})
}

func FuzzReadC2PAAssertions(f *testing.F) {
	f.Add(minimalC2PAStore())
	f.Add([]byte(`"c2pa.ai_training": {"use": "allowed"}`))
	f.Add([]byte("c2pa.ai_traininguse\x77"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, a := range readC2PAAssertions(b) {
			if a.name != "digitalSourceType" && !c2paUses[a.value] {
				t.Fatalf("assertion %+v with a use outside the vocabulary", a)
			}
		}
		isC2PAStore(b)
	})
}

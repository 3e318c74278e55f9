package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/consignhq/consign/pipeline/extract/bmff"
	"github.com/consignhq/consign/pipeline/extract/goprotest"
)

// bx builds a box from its type and payload parts.
func bx(typ string, parts ...[]byte) []byte {
	body := bytes.Join(parts, nil)
	b := binary.BigEndian.AppendUint32(nil, uint32(8+len(body)))
	return append(append(b, typ...), body...)
}

// rawBox builds a box header with a given size field, whatever the payload.
func rawBox(size uint32, typ string, payload []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, size)
	return append(append(b, typ...), payload...)
}

func be32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }
func u64(v uint64) []byte  { return binary.BigEndian.AppendUint64(nil, v) }

// mvhd1 builds a version 1 movie header.
func mvhd1(created uint64, scale uint32, duration uint64) []byte {
	p := append([]byte{1, 0, 0, 0}, u64(created)...)
	p = append(p, u64(created)...)
	p = append(p, be32(scale)...)
	p = append(p, u64(duration)...)
	return bx("mvhd", p, make([]byte, 80))
}

// tkhd0 builds a version 0 track header with a 16.16 frame size.
func tkhd0(w, h uint32) []byte {
	p := make([]byte, 84)
	binary.BigEndian.PutUint32(p[76:], w<<16)
	binary.BigEndian.PutUint32(p[80:], h<<16)
	return bx("tkhd", p)
}

// qtText builds a QuickTime user-data text atom (length, language, text).
func qtText(typ, text string) []byte {
	return bx(typ, []byte{byte(len(text) >> 8), byte(len(text)), 0x15, 0xc7}, []byte(text))
}

// macText builds a QuickTime user-data text atom under Macintosh
// language code 0 (English), whose text is Mac Roman.
func macText(typ string, text []byte) []byte {
	return bx(typ, []byte{byte(len(text) >> 8), byte(len(text)), 0, 0}, text)
}

// TestQuickTimeTextEncodings reads user-data text in the encoding its
// language code says: Mac Roman under a Macintosh code, UTF-8 under an ISO
// one, and UTF-8 under a Macintosh code when that is what the bytes are.
func TestQuickTimeTextEncodings(t *testing.T) {
	ftyp := bx("ftyp", []byte("qt  "), be32(0), []byte("qt  "))
	moov := bx("moov", mvhd1(3772193530, 600, 1800), bx("udta",
		macText("\xa9ART", []byte("\x8crtist")), // "årtist" in Mac Roman
		macText("\xa9gen", []byte("Genr\x8e")),  // "Genré"
		macText("\xa9cmt", []byte("çømménts")),  // UTF-8 under a Mac code
		qtText("\xa9alb", "ålbum"),              // an ISO code: UTF-8
	))
	res := runMP4(t, "clip.mov", bytes.Join([][]byte{ftyp, moov}, nil))
	for k, v := range map[string]string{"mp4:©ART": "årtist", "mp4:©gen": "Genré", "mp4:©cmt": "çømménts", "mp4:©alb": "ålbum"} {
		if got, _ := res.Field(k); got != v {
			t.Errorf("field %s = %q, want %q", k, got, v)
		}
	}
}

// dataBox builds an item-list data box of UTF-8 text.
func dataBox(text string) []byte { return bx("data", be32(1), be32(0), []byte(text)) }

// mdtaMeta builds moov/meta with an mdta handler, keys and their items.
func mdtaMeta(kv ...string) []byte {
	var keys, items [][]byte
	for i := 0; i+1 < len(kv); i += 2 {
		keys = append(keys, bx("mdta", []byte(kv[i])))
		items = append(items, bx(string(be32(uint32(i/2+1))), dataBox(kv[i+1])))
	}
	hdlr := bx("hdlr", make([]byte, 8), []byte("mdta"), make([]byte, 13))
	return bx("meta", be32(0), hdlr, bx("keys", be32(0), be32(uint32(len(keys))), bytes.Join(keys, nil)), bx("ilst", items...))
}

var xmpUUIDBytes = bmff.XMPUUID[:]

func syntheticMovie() []byte {
	ftyp := bx("ftyp", []byte("qt  "), be32(0), []byte("qt  "))
	moov := bx("moov",
		mvhd1(3772193530, 600, 1800), // 2023-07-14T15:32:10Z, 3 s
		bx("trak", tkhd0(0, 0)),      // an audio track first: no frame size
		bx("trak", tkhd0(1920, 1080)),
		bx("udta", qtText("\xa9xyz", "+35.6586+139.7454+040.000/"), qtText("\xa9mak", "Apple"), qtText("\xa9mod", "iPhone 13")),
		mdtaMeta("com.apple.quicktime.make", "Apple", "com.apple.quicktime.model", "iPhone 15 Pro",
			"com.apple.quicktime.creationdate", "2023-07-14T17:32:09+0200",
			"com.apple.quicktime.location.ISO6709", "+48.8584+002.2945+035.000/"),
	)
	xmp := append(rawBox(uint32(8+16+len("<x:xmpmeta/>")), "uuid", xmpUUIDBytes), "<x:xmpmeta/>"...)
	return bytes.Join([][]byte{ftyp, bx("mdat", make([]byte, 32)), moov, xmp}, nil)
}

func runMP4(t *testing.T, name string, b []byte) *Result {
	t.Helper()
	src := bytesSource(name, b)
	var res Result
	Run(context.Background(), mediaExtractors(), src, &res)
	return &res
}

func TestMP4Synthetic(t *testing.T) {
	res := runMP4(t, "clip.mov", syntheticMovie())
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	for k, v := range map[string]string{
		"camera_make": "Apple", "camera_model": "iPhone 15 Pro", // mdta keys come before udta atoms
		"gps_latitude": "48.858400", "gps_longitude": "2.294500", "gps_altitude": "35",
		"width": "1920", "height": "1080", "duration": "3.000",
	} {
		if got := res.Tags[k]; got != v {
			t.Errorf("tag %s = %q, want %q", k, got, v)
		}
	}
	for k, v := range map[string]string{"mp4:©xyz": "+35.6586+139.7454+040.000/", "mp4:©mod": "iPhone 13",
		"mp4:com.apple.quicktime.model": "iPhone 15 Pro", "mp4:mvhd.creation_time": "2023-07-14T15:32:10Z"} {
		if got, _ := res.Field(k); got != v {
			t.Errorf("field %s = %q, want %q", k, got, v)
		}
	}
	d, ok := res.ContentDate()
	if !ok || d.Source != "mp4:com.apple.quicktime.creationdate" || d.Rank != RankCapture || d.String() != "2023-07-14T17:32:09+02:00" {
		t.Errorf("content date %v (%s, rank %d), want the QuickTime creation date at capture rank", d, d.Source, d.Rank)
	}
	if len(res.XMP) != 1 || string(res.XMP[0]) != "<x:xmpmeta/>" {
		t.Errorf("xmp packets %q, want the uuid box payload", res.XMP)
	}
}

func TestMP4MovieHeaderTimes(t *testing.T) {
	tests := []struct {
		name    string
		created uint64
		want    string
	}{
		{"unset", 0, ""},
		{"unix epoch written as 1904 seconds", 2082844800, ""},
		{"real", 3772193530, "2023-07-14T15:32:10Z"},
		{"far future", 1 << 40, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := append(bx("ftyp", []byte("isom"), be32(0)), bx("moov", mvhd1(tt.created, 1000, 1500))...)
			res := runMP4(t, "a.mp4", b)
			d, ok := res.ContentDate()
			if got := map[bool]string{true: d.String(), false: ""}[ok]; got != tt.want {
				t.Errorf("content date %q, want %q", got, tt.want)
			}
			if res.Tags["duration"] != "1.500" {
				t.Errorf("duration %q, want 1.500", res.Tags["duration"])
			}
		})
	}
}

func TestBoxWalkerBounds(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		types   []string
		wantErr string
	}{
		{"size below header", rawBox(4, "free", make([]byte, 8)), nil, "below its 8-byte header"},
		{"size past the end", rawBox(100, "free", make([]byte, 8)), nil, "claims 100 bytes"},
		{"size zero runs to the end", append(bx("free"), rawBox(0, "mdat", make([]byte, 20))...), []string{"free", "mdat"}, ""},
		{"64-bit size", append(rawBox(1, "mdat", u64(24)), make([]byte, 8)...), []string{"mdat"}, ""},
		{"64-bit size past the end", append(rawBox(1, "mdat", u64(1<<62)), make([]byte, 8)...), nil, "claims 4611686018427387904 bytes"},
		{"64-bit size below header", rawBox(1, "mdat", u64(8)), nil, "below its 16-byte header"},
		{"no room for 64-bit size", rawBox(1, "mdat", nil), nil, "no room for its 64-bit size"},
		{"short uuid", rawBox(12, "uuid", make([]byte, 4)), nil, "uuid"},
		{"trailing terminator", append(bx("free"), 0, 0, 0, 0), []string{"free"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &bmff.Walker{R: bytes.NewReader(tt.in)}
			got, err := w.Children(0, int64(len(tt.in)))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var types []string
			for _, b := range got {
				types = append(types, b.Type)
				if b.Off < 0 || b.End() > int64(len(tt.in)) {
					t.Errorf("box %s [%d,%d) outside the input", b.Type, b.Off, b.End())
				}
			}
			if strings.Join(types, ",") != strings.Join(tt.types, ",") {
				t.Errorf("boxes %v, want %v", types, tt.types)
			}
		})
	}
}

func TestMP4Hostile(t *testing.T) {
	deep := bx("ilst", dataBox("x"))
	for range 40 {
		deep = bx("udta", bx("meta", be32(0), deep))
	}
	many := bytes.Repeat(bx("free"), bmff.MaxBoxes+10)
	tests := []struct {
		name, file string
		in         []byte
	}{
		{"child larger than parent", "a.mp4", append(bx("ftyp", []byte("isom")), bx("moov", rawBox(0x7fffffff, "udta", make([]byte, 16)))...)},
		{"item data claims 4 GiB", "a.m4a", append(bx("ftyp", []byte("M4A "), be32(0)), bx("moov", bx("udta", bx("meta", be32(0), bx("ilst", bx("\xa9nam", rawBox(0xfffffff0, "data", be32(1)))))))...)},
		{"nesting without end", "a.m4a", append(bx("ftyp", []byte("M4A "), be32(0)), bx("moov", deep)...)},
		{"box flood", "a.mp4", append(bx("ftyp", []byte("isom"), be32(0)), many...)},
		{"mvhd too short", "a.mp4", append(bx("ftyp", []byte("isom")), bx("moov", bx("mvhd", []byte{1, 0}))...)},
		{"keys entry past its box", "a.mov", append(bx("ftyp", []byte("qt  ")), bx("moov", bx("meta", bx("hdlr", make([]byte, 20)), bx("keys", be32(0), be32(1), be32(0x7fffffff), []byte("mdta"))))...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := totalAlloc()
			res := runMP4(t, tt.file, tt.in)
			if got := totalAlloc() - before; got > maxMediaAlloc {
				t.Errorf("allocated %d MiB", got>>20)
			}
			if len(res.Errors) == 0 {
				t.Errorf("no error for a hostile file")
			}
			for _, e := range res.Errors {
				if strings.Contains(e.Error(), "panic") {
					t.Errorf("panic: %v", e)
				}
			}
		})
	}
}

func TestParseISO6709(t *testing.T) {
	tests := []struct {
		in            string
		lat, lon, alt float64
		hasAlt, ok    bool
	}{
		{"+48.8584+002.2945/", 48.8584, 2.2945, 0, false, true},
		{"-33.8568+151.2153+010.5/", -33.8568, 151.2153, 10.5, true, true},
		{"+4851.50+00217.70/", 48.858333, 2.295, 0, false, true},
		{"+485130+0021742/", 48.858333, 2.295, 0, false, true},
		{"+48.8584+002.2945CRSWGS_84/", 48.8584, 2.2945, 0, false, true},
		{"+91.0+002.0/", 0, 0, 0, false, false},
		{"48.8584,2.2945", 0, 0, 0, false, false},
		{"+48.8584/", 0, 0, 0, false, false},
		{"+4899.0+00217.0/", 0, 0, 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			lat, lon, alt, hasAlt, ok := parseISO6709(tt.in)
			if ok != tt.ok || hasAlt != tt.hasAlt {
				t.Fatalf("ok %v alt %v, want %v %v", ok, hasAlt, tt.ok, tt.hasAlt)
			}
			near := func(a, b float64) bool { return a-b < 1e-5 && b-a < 1e-5 }
			if ok && (!near(lat, tt.lat) || !near(lon, tt.lon) || !near(alt, tt.alt)) {
				t.Errorf("got %f %f %f, want %f %f %f", lat, lon, alt, tt.lat, tt.lon, tt.alt)
			}
		})
	}
}

func FuzzMP4(f *testing.F) {
	for _, name := range []string{"video.mp4", "video.mov", "video.m4v", "tone.m4a"} {
		b, err := os.ReadFile(filepath.Join("testdata", "samples", name))
		if err != nil {
			f.Fatal(err)
		}
		// The metadata sits in moov at the end: seed with the boxes
		// around it, not the media data.
		if i := bytes.Index(b, []byte("moov")); i >= 4 {
			f.Add(append(bx("ftyp", []byte("isom"), be32(0)), b[i-4:]...))
		}
	}
	f.Add(syntheticMovie())
	f.Add(goproMovie(goprotest.Hero6.UserData()))
	f.Add(append(rawBox(1, "mdat", u64(24)), make([]byte, 8)...))
	f.Fuzz(func(t *testing.T, b []byte) {
		src := bytesSource("fuzz.mp4", b)
		src.MediaType, src.Kind = "video/mp4", KindVideo
		var res Result
		before := totalAlloc()
		deadline := time.Now().Add(5 * time.Second)
		Run(context.Background(), []Extractor{NewMP4()}, src, &res)
		src.MediaType, src.Kind = "audio/x-m4a", KindAudio
		Run(context.Background(), []Extractor{NewAudio(), NewMP4()}, src, &res)
		if got := totalAlloc() - before; got > maxMediaAlloc {
			t.Fatalf("allocated %d MiB for a %d-byte input", got>>20, len(b))
		}
		if time.Now().After(deadline) {
			t.Fatalf("took over 5 s for a %d-byte input", len(b))
		}
		w := &bmff.Walker{R: bytes.NewReader(b)}
		boxes, _ := w.Children(0, int64(len(b)))
		for _, x := range boxes {
			if x.Off < 0 || x.DataOff() > x.End() || x.End() > int64(len(b)) {
				t.Fatalf("box %q [%d,%d) outside the %d-byte input", x.Type, x.Off, x.End(), len(b))
			}
		}
	})
}

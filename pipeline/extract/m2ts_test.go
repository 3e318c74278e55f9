package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"strings"
	"testing"
)

// mdpmEntry is one MDPM entry: a tag and four bytes.
func mdpmEntry(tag byte, data ...byte) []byte { return append([]byte{tag}, data[:4]...) }

// rational16 is an MDPM rational: numerator and denominator, 16 bits.
func rational16(num, den uint16) []byte {
	return binary.BigEndian.AppendUint16(binary.BigEndian.AppendUint16(nil, num), den)
}

// sonyMDPM is the MDPM of a Sony camcorder with GPS: recorded on
// 2021-06-03 at 14:22:10, UTC+1, at 48°51'30" N 2°17'40" E, 35 m up.
func sonyMDPM() []byte {
	var e []byte
	add := func(tag byte, data []byte) { e = append(e, mdpmEntry(tag, data...)...) }
	add(0x18, []byte{0x02, 0x20, 0x21, 0x06})
	add(0x19, []byte{0x03, 0x14, 0x22, 0x10})
	add(0xB1, []byte("N\x00\x00\x00"))
	add(0xB2, rational16(48, 1))
	add(0xB3, rational16(51, 1))
	add(0xB4, rational16(30, 1))
	add(0xB5, []byte("E\x00\x00\x00"))
	add(0xB6, rational16(2, 1))
	add(0xB7, rational16(17, 1))
	add(0xB8, rational16(40, 1))
	add(0xB9, []byte{0, 0, 0, 0})
	add(0xBA, rational16(35, 1))
	add(0xE0, []byte{0x01, 0x08, 0x00, 0x00})
	add(0xE4, []byte("HDR-"))
	add(0xE5, []byte("CX55"))
	add(0xE6, []byte("0V\x00\x00"))
	return append(append(append([]byte{}, mdpmSignature...), byte(len(e)/5)), e...)
}

// escapeNAL inserts H.264's emulation prevention bytes.
func escapeNAL(b []byte) []byte {
	var out []byte
	zeros := 0
	for _, c := range b {
		if zeros >= 2 && c <= 3 {
			out = append(out, 3)
			zeros = 0
		}
		out = append(out, c)
		if c == 0 {
			zeros++
		} else {
			zeros = 0
		}
	}
	return out
}

// avchdStream is the start of an H.264 stream: an SEI NAL unit with the
// user data, after a PES header.
func avchdStream(userData []byte) []byte {
	pes := []byte{0, 0, 1, 0xE0, 0, 0, 0x80, 0x80, 0x05, 0x21, 0, 1, 0, 1}
	sei := append([]byte{0, 0, 0, 1, 0x06, 0x05, byte(len(userData))}, escapeNAL(userData)...)
	return append(append(pes, sei...), 0x80, 0, 0, 0, 1, 0x65, 0x88, 0x84)
}

// m2tsFile packs stream into 192-byte packets of PID pid, cut at every
// 184 bytes (with shift bytes of adaptation stuffing in the first, so
// that a test can move where the cuts fall), after a PAT packet and
// before null packets.
func m2tsFile(stream []byte, pid uint16, shift int) []byte {
	packet := func(pid uint16, start bool, payload []byte) []byte {
		p := make([]byte, 4, 192)
		p = append(p, 0x47, byte(pid>>8)&0x1F, byte(pid))
		if start {
			p[5] |= 0x40
		}
		if stuff := 184 - len(payload); stuff > 0 {
			p = append(p, 0x30, byte(stuff-1))
			if stuff > 1 {
				p = append(p, 0x00)
				p = append(p, bytes.Repeat([]byte{0xFF}, stuff-2)...)
			}
		} else {
			p = append(p, 0x10)
		}
		return append(p, payload...)
	}
	out := packet(0, true, append([]byte{0, 0, 0xB0, 0x0D}, make([]byte, 180)...))
	first := 184 - shift
	for start := true; len(stream) > 0; start = false {
		n := min(len(stream), first)
		out = append(out, packet(pid, start, stream[:n])...)
		stream, first = stream[n:], 184
	}
	for range 3 { // null packets, as a stream has many after its first picture
		out = append(out, packet(0x1FFF, false, make([]byte, 184))...)
	}
	return out
}

func TestM2TSMetadata(t *testing.T) {
	for _, shift := range []int{0, 30, 150, 170} { // where the packets cut the user data (150: in the signature)
		data := m2tsFile(avchdStream(sonyMDPM()), 0x1011, shift)
		src := bytesSource("clip.mts", data)
		if src.MediaType != mediaM2TS || src.Kind != KindVideo {
			t.Fatalf("sniffed %s, %s", src.MediaType, src.Kind)
		}
		var res Result
		Run(context.Background(), Default(), src, &res)
		if len(res.Errors) > 0 {
			t.Fatalf("shift %d: errors %v", shift, res.Errors)
		}
		for k, want := range map[string]string{"camera_make": "Sony", "camera_model": "HDR-CX550V",
			"gps_latitude": "48.858333", "gps_longitude": "2.294444", "gps_altitude": "35"} {
			if got := res.Tags[k]; got != want {
				t.Errorf("shift %d: tag %s = %q, want %q", shift, k, got, want)
			}
		}
		if got, _ := res.Field("mdpm:position"); got != "48.858333,2.294444" {
			t.Errorf("shift %d: position %q", shift, got)
		}
		if d, ok := res.ContentDate(); !ok || d.String() != "2021-06-03T14:22:10+01:00" {
			t.Errorf("shift %d: content date %v", shift, d)
		}
	}
}

func TestM2TSDamaged(t *testing.T) {
	good := m2tsFile(avchdStream(sonyMDPM()), 0x1011, 0)
	for name, data := range map[string][]byte{
		// A date that is not BCD and tags out of order: no date, no GPS.
		"bad entries": m2tsFile(avchdStream(append(append(append([]byte{}, mdpmSignature...), 3),
			0x18, 0x02, 0x2A, 0x21, 0x06, 0x19, 0x03, 0x14, 0x22, 0x10, 0x10, 0, 0, 0, 0)), 0x1011, 0),
		"no mdpm": m2tsFile(avchdStream([]byte("not the user data we read")), 0x1011, 0),
	} {
		var res Result
		Run(context.Background(), []Extractor{NewM2TS()}, bytesSource("clip.mts", data), &res)
		if len(res.Errors) > 0 || len(res.Fields) > 0 {
			t.Errorf("%s: errors %v, fields %v", name, res.Errors, res.Fields)
		}
	}
	lost := bytes.Clone(good)
	lost[192+4] = 0x00 // the second packet's sync byte
	var res Result
	src := bytesSource("clip.mts", lost)
	src.MediaType = mediaM2TS // as a file whose sync is lost only later would be sniffed
	Run(context.Background(), []Extractor{NewM2TS()}, src, &res)
	if len(res.Errors) == 0 || !strings.Contains(res.Errors[0].Error(), "sync byte") {
		t.Errorf("lost sync: errors %v", res.Errors)
	}
}

func TestM2TSCorpus(t *testing.T) {
	_, res := corpusSample(t, "M2TS.mts")
	// exiftool: DateTimeOriginal 2008:12:31 23:16:24+01:00, Make Canon.
	if d, ok := res.ContentDate(); !ok || d.String() != "2008-12-31T23:16:24+01:00" || res.Tags["camera_make"] != "Canon" {
		t.Errorf("date %v, tags %v, errors %v", d, res.Tags, res.Errors)
	}
}

// FuzzM2TS feeds transport streams to the AVCHD reader.
func FuzzM2TS(f *testing.F) {
	f.Add(m2tsFile(avchdStream(sonyMDPM()), 0x1011, 0))
	f.Add(m2tsFile(avchdStream(sonyMDPM()), 0x1011, 170))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtractor(t, NewM2TS(), "f.mts", mediaM2TS, data, 64<<20) })
}

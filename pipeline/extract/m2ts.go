package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// M2TS reads what an AVCHD camcorder or camera writes into its video
// (.mts, .m2ts): the recording time with its UTC offset, the maker and
// model, and the GPS position of models with a receiver. They are in the
// Modified Digital Video Pack Metadata (MDPM), unregistered user data
// (UUID 17ee8c60-f84d-11d9-8cd6-0800200c9a66, then "MDPM") in an H.264
// SEI message at the start of the video stream, as exiftool's H264
// module documents it: a count, then entries of a tag byte and four data
// bytes in ascending tag order, a value longer than four bytes continued
// in the entries of the following tags.
type M2TS struct{}

var _ Extractor = M2TS{}

// NewM2TS returns the AVCHD extractor.
func NewM2TS() Extractor { return M2TS{} }

// Name implements Extractor.
func (M2TS) Name() string { return "m2ts" }

// Applies implements Extractor.
func (M2TS) Applies(src *Source) bool { return src.MediaType == mediaM2TS }

// Bounds on the read: the MDPM comes with the first picture, in the
// first few hundred packets.
const (
	m2tsScan      = 4 << 20 // bytes of the file read looking for it
	m2tsPacket    = 192     // a 4-byte arrival time stamp, then a 188-byte TS packet
	mdpmMaxLength = 1 + 255*5
)

// mdpmSignature starts the user data that holds the MDPM.
var mdpmSignature = []byte("\x17\xee\x8c\x60\xf8\x4d\x11\xd9\x8c\xd6\x08\x00\x20\x0c\x9a\x66MDPM")

// Extract implements Extractor.
func (M2TS) Extract(ctx context.Context, src *Source, res *Result) error {
	mdpm, err := findMDPM(ctx, src)
	if err != nil || mdpm == nil {
		return err
	}
	recordMDPM(parseMDPM(mdpm), res)
	return nil
}

// findMDPM reassembles the payload of each stream (PID) of the first
// m2tsScan bytes and returns the MDPM entries that follow the signature,
// with H.264's emulation prevention bytes taken out; nil when there are
// none.
func findMDPM(ctx context.Context, src *Source) ([]byte, error) {
	streams := map[uint16][]byte{}
	found := map[uint16]int{} // where the signature starts in a stream
	take := func(s []byte, i int) []byte { return unescapeNAL(s[i+len(mdpmSignature):], mdpmMaxLength) }
	buf := make([]byte, 512*m2tsPacket)
	for off := int64(0); off < min(src.Size, m2tsScan); off += int64(len(buf)) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n, err := src.R.ReadAt(buf, off)
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("read transport stream at offset %d: %w", off, err)
		}
		for p := buf[:n-n%m2tsPacket]; len(p) >= m2tsPacket; p = p[m2tsPacket:] {
			pid, payload, ok := tsPayload(p[4:m2tsPacket])
			if !ok {
				return nil, fmt.Errorf("transport stream packet at offset %d has no sync byte", off+int64(n-len(p)))
			}
			old := streams[pid]
			s := append(old, payload...)
			streams[pid] = s
			i, ok := found[pid]
			if !ok {
				// Only the bytes this packet added can complete a signature.
				from := max(0, len(old)-len(mdpmSignature)+1)
				if j := bytes.Index(s[from:], mdpmSignature); j >= 0 {
					i, ok = from+j, true
					found[pid] = i
				}
			}
			if ok && len(s)-i-len(mdpmSignature) >= mdpmMaxLength {
				return take(s, i), nil
			}
		}
		if n < len(buf) {
			break
		}
	}
	// A signature near the end of what was read: take what follows it.
	for pid, i := range found {
		return take(streams[pid], i), nil
	}
	return nil, nil
}

// tsPayload returns the PID and payload of a 188-byte TS packet.
func tsPayload(p []byte) (uint16, []byte, bool) {
	if p[0] != 0x47 {
		return 0, nil, false
	}
	pid := binary.BigEndian.Uint16(p[1:3]) & 0x1FFF
	control := p[3] >> 4 & 3
	start := 4
	if control&2 != 0 { // an adaptation field comes first
		start += 1 + int(p[4])
	}
	if control&1 == 0 || start >= len(p) {
		return pid, nil, true
	}
	return pid, p[start:], true
}

// unescapeNAL drops the emulation prevention byte of each 00 00 03 in b,
// up to max bytes of output.
func unescapeNAL(b []byte, max int) []byte {
	out := make([]byte, 0, min(len(b), max))
	zeros := 0
	for _, c := range b {
		if len(out) == max {
			break
		}
		if zeros >= 2 && c == 3 {
			zeros = 0
			continue
		}
		if c == 0 {
			zeros++
		} else {
			zeros = 0
		}
		out = append(out, c)
	}
	return out
}

// parseMDPM reads the entries into a map of tag to data, stopping where
// the tags stop ascending.
func parseMDPM(b []byte) map[byte][4]byte {
	entries := map[byte][4]byte{}
	if len(b) == 0 {
		return entries
	}
	n, last := int(b[0]), -1
	for i, pos := 0, 1; i < n && pos+5 <= len(b); i, pos = i+1, pos+5 {
		tag := b[pos]
		if int(tag) <= last {
			break
		}
		last = int(tag)
		entries[tag] = [4]byte(b[pos+1 : pos+5])
	}
	return entries
}

// mdpmMakes are the maker codes of entry 0xE0.
var mdpmMakes = map[uint16]string{0x0103: "Panasonic", 0x0108: "Sony", 0x1011: "Canon", 0x1104: "JVC"}

func recordMDPM(e map[byte][4]byte, res *Result) {
	if d, ok := mdpmDate(e); ok {
		res.AddField("mdpm:DateTimeOriginal", d.String())
		res.AddDate(d)
	}
	if v, ok := e[0xE0]; ok {
		if maker := mdpmMakes[binary.BigEndian.Uint16(v[:2])]; maker != "" {
			res.AddField("mdpm:Make", maker)
			res.SetTag("camera_make", maker)
			if model := mdpmString(e, 0xE4, 3); maker == "Sony" && model != "" {
				res.AddField("mdpm:Model", model)
				res.SetTag("camera_model", model)
			}
		}
	}
	lat, ok1 := mdpmCoordinate(e, 0xB1, "S")
	lon, ok2 := mdpmCoordinate(e, 0xB5, "W")
	if ok1 && ok2 && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 {
		pos := fmt.Sprintf("%.6f,%.6f", lat, lon)
		res.AddField("mdpm:position", pos)
		res.SetTag("gps_latitude", strconv.FormatFloat(lat, 'f', 6, 64))
		res.SetTag("gps_longitude", strconv.FormatFloat(lon, 'f', 6, 64))
		if alt, ok := mdpmRational(e, 0xBA); ok {
			if ref, ok := e[0xB9]; ok && binary.BigEndian.Uint32(ref[:]) != 0 {
				alt = -alt
			}
			res.SetTag("gps_altitude", strconv.FormatFloat(alt, 'f', -1, 64))
		}
	}
}

// mdpmDate combines entries 0x18 (a time zone byte, then the year and
// month) and 0x19 (day, hour, minute, second), all in BCD. The zone byte
// holds the sign (0x20), the hours (0x1E) and a half hour (0x01).
func mdpmDate(e map[byte][4]byte) (Date, bool) {
	a, ok1 := e[0x18]
	b, ok2 := e[0x19]
	if !ok1 || !ok2 {
		return Date{}, false
	}
	var digits [7]int
	for i, c := range append(a[1:], b[:]...) {
		hi, lo := int(c>>4), int(c&0x0F)
		if hi > 9 || lo > 9 {
			return Date{}, false
		}
		digits[i] = hi*10 + lo
	}
	tz := a[0]
	sign := "+"
	if tz&0x20 != 0 {
		sign = "-"
	}
	mins := "00"
	if tz&0x01 != 0 {
		mins = "30"
	}
	s := fmt.Sprintf("%02d%02d-%02d-%02dT%02d:%02d:%02d%s%02d:%s", digits[0], digits[1], digits[2], digits[3],
		digits[4], digits[5], digits[6], sign, tz>>1&0x0F, mins)
	return parseTagDate(s, "mdpm:DateTimeOriginal", RankEmbedded)
}

// mdpmRational reads the rational of entry tag: numerator and
// denominator, 16 bits each.
func mdpmRational(e map[byte][4]byte, tag byte) (float64, bool) {
	v, ok := e[tag]
	den := binary.BigEndian.Uint16(v[2:])
	if !ok || den == 0 {
		return 0, false
	}
	return float64(binary.BigEndian.Uint16(v[:2])) / float64(den), true
}

// mdpmCoordinate reads a reference letter at ref and degrees, minutes
// and seconds in the three entries after it; negative is the letter neg.
func mdpmCoordinate(e map[byte][4]byte, ref byte, neg string) (float64, bool) {
	r, ok := e[ref]
	if !ok {
		return 0, false
	}
	deg, ok1 := mdpmRational(e, ref+1)
	min, ok2 := mdpmRational(e, ref+2)
	sec, ok3 := mdpmRational(e, ref+3)
	if !ok1 || !ok2 || !ok3 {
		return 0, false
	}
	v := deg + min/60 + sec/3600
	if string(r[:1]) == neg {
		v = -v
	}
	return v, true
}

// mdpmString joins the text of n entries from tag on.
func mdpmString(e map[byte][4]byte, tag byte, n int) string {
	var b []byte
	for i := range n {
		v, ok := e[tag+byte(i)]
		if !ok {
			break
		}
		b = append(b, v[:]...)
	}
	s, _, _ := strings.Cut(string(b), "\x00")
	return strings.TrimSpace(strings.ToValidUTF8(s, ""))
}

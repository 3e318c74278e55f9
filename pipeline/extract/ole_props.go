package extract

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// An OLE property set stream (MS-OLEPS 2.21): a header with one or two
// property sets, each a list of (identifier, offset) pairs and typed
// values, strings in the code page that property 1 gives. It is read
// here rather than with a library, because the one Go library for it
// (msoleps) slices at offsets it does not check and panics on a damaged
// stream; every offset and length is checked before it is used, and only
// the value types document properties use are decoded.

// oleProperty is one decoded property: a string or a time; for a
// string, where its bytes are in the stream.
type oleProperty struct {
	id    uint32
	text  string
	time  time.Time
	value FileRange
}

// Property value types (MS-OLEPS 2.15).
const (
	vtI2       = 0x02
	vtI4       = 0x03
	vtUI4      = 0x13
	vtLPSTR    = 0x1E
	vtLPWSTR   = 0x1F
	vtFILETIME = 0x40
)

// maxOLEString bounds a string property; a document's title or author
// is short.
const maxOLEString = 64 << 10

var errOLEProps = errors.New("malformed property set stream")

// readPropertySets decodes the property sets of stream, keyed by the
// set's format identifier (as its 16 bytes).
func readPropertySets(stream []byte) (map[string][]oleProperty, error) {
	if len(stream) < 28 || binary.LittleEndian.Uint16(stream) != 0xFFFE {
		return nil, fmt.Errorf("%w: no header", errOLEProps)
	}
	n := binary.LittleEndian.Uint32(stream[24:])
	if n < 1 || n > 2 || len(stream) < 28+20*int(n) {
		return nil, fmt.Errorf("%w: %d property sets", errOLEProps, n)
	}
	sets := map[string][]oleProperty{}
	for i := range int(n) {
		fmtid := string(stream[28+20*i : 44+20*i])
		off := binary.LittleEndian.Uint32(stream[44+20*i:])
		props, err := readPropertySet(stream, off)
		if err != nil {
			return sets, err
		}
		sets[fmtid] = props
	}
	return sets, nil
}

// readPropertySet decodes the set at off: its code page first, then the
// strings and times it holds.
func readPropertySet(stream []byte, off uint32) ([]oleProperty, error) {
	if uint64(off)+8 > uint64(len(stream)) {
		return nil, fmt.Errorf("%w: property set at offset %d is past the %d byte stream", errOLEProps, off, len(stream))
	}
	set := stream[off:]
	size := binary.LittleEndian.Uint32(set)
	count := binary.LittleEndian.Uint32(set[4:])
	if uint64(size) > uint64(len(set)) || size < 8 || uint64(count)*8 > uint64(size)-8 {
		return nil, fmt.Errorf("%w: property set of %d bytes and %d properties", errOLEProps, size, count)
	}
	set = set[:size]
	value := func(i uint32) (uint32, []byte) {
		id, v, _ := propertyValue(set, i)
		return id, v
	}
	dec := charmap.Windows1252.NewDecoder() // when the set names no code page
	for i := range count {
		if id, v := value(i); id == 1 && v != nil && binary.LittleEndian.Uint16(v) == vtI2 && len(v) >= 6 {
			dec = codePage(binary.LittleEndian.Uint16(v[4:]))
		}
	}
	var props []oleProperty
	for i := range count {
		id, v, at := propertyValue(set, i)
		if v == nil || id < 2 {
			continue
		}
		p := oleProperty{id: id}
		// A string's bytes follow its type (4 bytes) and count (4).
		strAt := int64(off) + int64(at) + 8
		switch body := v[4:]; binary.LittleEndian.Uint16(v) {
		case vtLPSTR:
			p.text, p.value = oleString(body, dec), oleStringRange(body, strAt, 1)
		case vtLPWSTR:
			p.text, p.value = oleString(body, nil), oleStringRange(body, strAt, 2)
		case vtI4, vtUI4:
			if len(body) >= 4 {
				p.text = fmt.Sprint(binary.LittleEndian.Uint32(body))
			}
		case vtFILETIME:
			if len(body) >= 8 {
				ticks := binary.LittleEndian.Uint64(body)
				if ticks > 0 && ticks < 1<<62 {
					p.time = time.Unix(int64(ticks/10_000_000)-11644473600, 0).UTC()
				}
			}
		}
		if p.text != "" || !p.time.IsZero() {
			props = append(props, p)
		}
	}
	return props, nil
}

// propertyValue gives property i of a set: its identifier, its value
// (type, then data) and the value's offset in the set; a nil value when
// the offset is past the set.
func propertyValue(set []byte, i uint32) (uint32, []byte, uint32) {
	id := binary.LittleEndian.Uint32(set[8+8*i:])
	at := binary.LittleEndian.Uint32(set[12+8*i:])
	if uint64(at)+4 > uint64(len(set)) {
		return id, nil, 0
	}
	return id, set[at:], at
}

// oleStringRange is where the bytes of the counted string b (units bytes
// a character), at off in the stream, lie; empty when the count does not
// fit.
func oleStringRange(b []byte, off int64, units uint64) FileRange {
	if len(b) < 4 {
		return FileRange{}
	}
	n := uint64(binary.LittleEndian.Uint32(b)) * units
	if n > uint64(len(b)-4) || n > maxOLEString {
		return FileRange{}
	}
	return FileRange{Off: off, N: int64(n)}
}

// LocateOLEProperties finds the string document properties of a property
// set stream (SummaryInformation, DocumentSummaryInformation) as the OLE
// extractor names them for a file of mediaType ("doc:dc:creator"), with
// where each value's bytes are in the stream.
func LocateOLEProperties(mediaType string, stream []byte) ([]FieldRange, error) {
	sets, err := readPropertySets(stream)
	prefix := olePrefix(mediaType)
	var out []FieldRange
	for fmtid, props := range sets {
		for _, p := range props {
			if f, ok := oleFields[fmtid][p.id]; ok && p.value.N > 0 {
				out = append(out, FieldRange{prefix + ":" + f.field, p.value})
			}
		}
	}
	return out, err
}

// IsOLEPropertyStream reports whether a compound file's entry, by the
// first character of its name and the rest (as mscfb gives them), is a
// property set stream the OLE extractor reads.
func IsOLEPropertyStream(initial uint16, name string) bool {
	return initial == 5 && (name == "SummaryInformation" || name == "DocumentSummaryInformation")
}

// MaxOLEPropertySet bounds a property set stream the OLE extractor reads.
const MaxOLEPropertySet = maxOLEPropertySet

// oleString decodes a counted string: bytes in the code page dec (nil
// for UTF-16, as VT_LPWSTR and code page 1200 store them), up to the
// first NUL.
func oleString(b []byte, dec *encoding.Decoder) string {
	if len(b) < 4 {
		return ""
	}
	n := uint64(binary.LittleEndian.Uint32(b))
	unicode := dec == nil
	if unicode {
		n *= 2 // a count of UTF-16 code units
	}
	if n > uint64(len(b)-4) || n > maxOLEString {
		return ""
	}
	s := b[4 : 4+n]
	if unicode {
		return strings.TrimSpace(strings.ToValidUTF8(utf16String(s), ""))
	}
	if i := bytes.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	out, err := dec.Bytes(s)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(strings.ToValidUTF8(string(out), ""))
}

// codePage gives the decoder of a Windows code page; nil for UTF-16
// (1200). An unknown page is read as Windows-1252, which Office wrote
// in the West.
func codePage(cp uint16) *encoding.Decoder {
	e, ok := map[uint16]encoding.Encoding{
		1200: nil, 65001: encoding.Nop, 1250: charmap.Windows1250, 1251: charmap.Windows1251,
		1252: charmap.Windows1252, 1253: charmap.Windows1253, 1254: charmap.Windows1254, 1255: charmap.Windows1255,
		1256: charmap.Windows1256, 1257: charmap.Windows1257, 1258: charmap.Windows1258, 874: charmap.Windows874,
		10000: charmap.Macintosh, 932: japanese.ShiftJIS, 936: simplifiedchinese.GBK, 949: korean.EUCKR,
		950: traditionalchinese.Big5,
	}[cp]
	switch {
	case !ok:
		return charmap.Windows1252.NewDecoder()
	case e == nil:
		return nil
	}
	return e.NewDecoder()
}

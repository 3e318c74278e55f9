package extract

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
)

// checkID3v2 validates the ID3v2 tag that starts at off and returns its
// length, header included. The tag must fit in the file and under
// maxID3v2Size, and (unless the whole tag is unsynchronised, which shifts
// every offset) each frame must fit in the tag, so that the library never
// sizes a buffer from a length that points past it.
func checkID3v2(r io.ReaderAt, off, fileSize int64) (int64, error) {
	var h [10]byte
	if _, err := r.ReadAt(h[:], off); err != nil {
		return 0, fmt.Errorf("read id3v2 header at offset %d: %w", off, err)
	}
	if string(h[:3]) != "ID3" {
		return 0, fmt.Errorf("no id3v2 header at offset %d", off)
	}
	ver := h[3]
	if ver < 2 || ver > 4 {
		return 0, fmt.Errorf("id3v2 version %d at offset %d is not 2, 3 or 4", ver, off)
	}
	for _, b := range h[6:10] {
		if b&0x80 != 0 {
			return 0, fmt.Errorf("id3v2 tag size at offset %d is not synchsafe: %w", off, errTagBounds)
		}
	}
	size := synchsafe(h[6:10])
	if size > maxID3v2Size {
		return 0, fmt.Errorf("id3v2 tag of %d bytes is over the %d byte limit", size, maxID3v2Size)
	}
	total := 10 + size
	if ver == 4 && h[5]&0x10 != 0 {
		total += 10 // footer
	}
	if off+total > fileSize {
		return 0, fmt.Errorf("id3v2 tag at offset %d claims %d bytes, file has %d: %w", off, total, fileSize-off, errTagBounds)
	}
	if h[5]&0x80 == 0 {
		if err := checkID3v2Frames(io.NewSectionReader(r, off, 10+size), ver, h[5], 10+size, nil); err != nil {
			return 0, err
		}
	}
	return total, nil
}

// checkID3v2Frames walks the frame headers the way the library does and
// refuses a frame whose length, after the adjustments its flags imply,
// does not fit in the tag. each, when set, sees every frame: its ID, the
// offset and length of its body in the tag, and its format flags.
func checkID3v2Frames(r io.ReaderAt, ver, flags byte, end int64, each func(id string, body, size int64, format byte)) error {
	pos := int64(10)
	var b [10]byte
	if flags&0x40 != 0 && ver > 2 {
		if _, err := r.ReadAt(b[:4], pos); err != nil {
			return fmt.Errorf("read id3v2 extended header: %w", err)
		}
		ext := int64(binary.BigEndian.Uint32(b[:4])) + 4
		if ver == 4 {
			ext = synchsafe(b[:4])
			if ext < 6 {
				return fmt.Errorf("id3v2.4 extended header of %d bytes: %w", ext, errTagBounds)
			}
		}
		if pos+ext > end {
			return fmt.Errorf("id3v2 extended header of %d bytes: %w", ext, errTagBounds)
		}
		pos += ext
	}
	hdrLen := int64(10)
	if ver == 2 {
		hdrLen = 6
	}
	for pos+hdrLen <= end {
		if _, err := r.ReadAt(b[:hdrLen], pos); err != nil {
			return fmt.Errorf("read id3v2 frame header at offset %d: %w", pos, err)
		}
		var name string
		var size int64
		switch ver {
		case 2:
			name, size = string(b[:3]), int64(b[3])<<16|int64(b[4])<<8|int64(b[5])
		case 3:
			name, size = string(b[:4]), int64(binary.BigEndian.Uint32(b[4:8]))
		default:
			name, size = string(b[:4]), synchsafe(b[4:8])
		}
		if size == 0 {
			return nil // padding: the library stops here too
		}
		body := pos + hdrLen
		if body+size > end {
			if !validFrameID(name) {
				return nil // corrupt padding: the library stops here too
			}
			return fmt.Errorf("id3v2 frame %q at offset %d claims %d bytes, %d left in the tag: %w", name, pos, size, end-body, errTagBounds)
		}
		if err := checkFrameFlags(r, ver, b[9], body, size, end); err != nil {
			return fmt.Errorf("id3v2 frame %q at offset %d: %w", name, pos, err)
		}
		if each != nil {
			format := b[9]
			if ver == 2 {
				format = 0
			}
			each(name, body, size, format)
		}
		pos = body + size
	}
	return nil
}

// checkFrameFlags mirrors the library's handling of compressed, encrypted
// and length-indicated frames, each of which changes how much it reads.
func checkFrameFlags(r io.ReaderAt, ver, format byte, body, size, end int64) error {
	var encrypted, dli bool
	switch ver {
	case 3:
		if format&0x80 != 0 {
			size -= 4 // the decompressed size precedes the data
		}
		encrypted = format&0x40 != 0
	case 4:
		encrypted, dli = format&0x04 != 0, format&0x01 != 0
	}
	if size < 0 || (encrypted && size < 1) {
		return fmt.Errorf("frame of %d bytes too short for its flags: %w", size, errTagBounds)
	}
	if dli {
		var b [4]byte
		if _, err := r.ReadAt(b[:], body); err != nil {
			return fmt.Errorf("read data length indicator: %w", err)
		}
		n := synchsafe(b[:])
		if body+4+n > end {
			return fmt.Errorf("data length indicator of %d bytes, %d left in the tag: %w", n, end-body-4, errTagBounds)
		}
	}
	return nil
}

// synchsafe decodes 7-bit groups the way the library does, so a byte with
// its high bit set gives the same (odd) value on both sides.
func synchsafe(b []byte) int64 {
	var n int64
	for _, x := range b {
		n = n<<7 | int64(x)
	}
	return n
}

func validFrameID(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return name != ""
}

// ID3Frame is a frame of the ID3v2 tag a scan reads from an audio file:
// the field it gives ("id3:TPE1", "id3:COMM", "id3:TP1" in version 2.2)
// and its body in the file. Plain is false for a frame whose body is not
// its value as written (compressed, encrypted, or with a data length
// indicator before it).
type ID3Frame struct {
	Field string
	Body  FileRange
	Plain bool
}

// errID3Unsynchronised marks a tag whose every byte after a 0xFF may be
// followed by a stuffed zero, so that its frames cannot be placed.
var errID3Unsynchronised = errors.New("the id3v2 tag is unsynchronised")

// LocateID3Frames finds the frames of the ID3v2 tag the Audio extractor
// reads from the file r of size bytes (at its start, or where a DSF
// header, a WAV's or an AIFF's ID3 chunk puts it); an error when it reads
// none, or reads one whose frames cannot be placed (unsynchronised).
func LocateID3Frames(r io.ReaderAt, size int64) ([]ID3Frame, error) {
	head := make([]byte, min(size, HeadSize))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return nil, fmt.Errorf("read head: %w", err)
	}
	reg, err := locateTags(&Source{R: r, Size: size, Head: head})
	if err != nil {
		return nil, err
	}
	if reg.r == nil {
		return nil, errNoTags
	}
	_, off, n := reg.r.Outer()
	var h [10]byte
	if _, err := r.ReadAt(h[:], off); err != nil || string(h[:3]) != "ID3" {
		return nil, errNoTags // another kind of tag
	}
	if h[5]&0x80 != 0 {
		return nil, errID3Unsynchronised
	}
	var out []ID3Frame
	err = checkID3v2Frames(io.NewSectionReader(r, off, n), h[3], h[5], min(n, 10+synchsafe(h[6:10])), func(id string, body, size int64, format byte) {
		plain := format == 0 || h[3] == 3 && format&0xE0 == 0 || h[3] == 4 && format&0x0F == 0
		field := fieldName("id3", id)
		if plain && userDefined(id) {
			field = userFrameField(r, field, off+body, size)
		}
		out = append(out, ID3Frame{Field: field, Body: FileRange{off + body, size}, Plain: plain})
	})
	return out, err
}

// userDefined reports whether frame id is a user-defined text or link
// frame, which the extractor names by its description.
func userDefined(id string) bool {
	switch id {
	case "TXXX", "WXXX", "TXX", "WXX":
		return true
	}
	return false
}

// maxID3Description bounds the bytes of a user-defined frame read for its
// description.
const maxID3Description = 1 << 10

// userFrameField names a user-defined frame of field (id3:TXXX) whose
// body of size bytes is at off by its description, as the extractor does
// (id3:TXXX:comment): the frame's text encoding, then the description up
// to its terminator.
func userFrameField(r io.ReaderAt, field string, off, size int64) string {
	b := make([]byte, min(size, maxID3Description))
	if _, err := r.ReadAt(b, off); err != nil || len(b) < 1 {
		return field
	}
	desc := id3Text(b[0], b[1:])
	if desc = strings.TrimSpace(desc); desc != "" {
		return field + ":" + desc
	}
	return field
}

// id3Text decodes the text that starts b, up to its terminator, in ID3
// text encoding enc: ISO-8859-1, UTF-16 with a byte order mark, UTF-16BE
// or UTF-8.
func id3Text(enc byte, b []byte) string {
	switch enc {
	case 1, 2:
		var u []uint16
		big := enc == 2
		if enc == 1 && len(b) >= 2 {
			big = b[0] == 0xFE && b[1] == 0xFF
			b = b[2:]
		}
		for i := 0; i+1 < len(b); i += 2 {
			c := uint16(b[i])<<8 | uint16(b[i+1])
			if !big {
				c = uint16(b[i+1])<<8 | uint16(b[i])
			}
			if c == 0 {
				break
			}
			u = append(u, c)
		}
		return string(utf16.Decode(u))
	case 3:
		if i := bytes.IndexByte(b, 0); i >= 0 {
			b = b[:i]
		}
		return string(b)
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

package extract

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dhowden/tag"
)

// APEv2 tags end Monkey's Audio, Musepack and WavPack files (and some
// MP3s): a footer of 32 bytes ("APETAGEX", version, tag size, item count,
// flags) after items of key=value, at the end of the file or before an
// ID3v1 tag. The tag library does not read them; this reader gives the
// tag library's Metadata, so the tags are recorded as every other
// format's are, under "ape:<KEY>" in upper case (keys are case-blind).

// formatAPE is the tag.Format of APE tags.
const formatAPE tag.Format = "APEv2"

const (
	apeFooterLen = 32
	maxAPETag    = 16 << 20 // a cover picture is the largest item
	maxAPEItems  = 1024
	maxAPEKey    = 255
)

// locateAPETags finds an APE tag's footer at the end of src, or before
// an ID3v1 tag, and returns the tag's items and footer as the region.
func locateAPETags(src *Source) (tagRegion, error) {
	off, size, err := findAPETag(src.R, src.Size)
	if err != nil {
		return tagRegion{}, err
	}
	return tagRegion{r: io.NewSectionReader(src.R, off, size), read: readAPETags}, nil
}

// findAPETag gives where the APE tag of a file of size bytes starts and
// its size, items and footer, when its footer ends the file or comes
// just before an ID3v1 tag.
func findAPETag(r io.ReaderAt, size int64) (off, n int64, err error) {
	for _, end := range []int64{size, size - 128} {
		if end < apeFooterLen {
			continue
		}
		var f [apeFooterLen]byte
		if _, err := r.ReadAt(f[:], end-apeFooterLen); err != nil {
			return 0, 0, fmt.Errorf("read ape tag footer at offset %d: %w", end-apeFooterLen, err)
		}
		if string(f[:8]) != "APETAGEX" {
			continue
		}
		n := int64(binary.LittleEndian.Uint32(f[12:]))
		if n < apeFooterLen || n > end || n > maxAPETag {
			return 0, 0, fmt.Errorf("ape tag of %d bytes does not fit before offset %d or the %d byte limit: %w", n, end, maxAPETag, errTagBounds)
		}
		return end - n, n, nil
	}
	return 0, 0, errNoTags
}

// readAPETags parses the items of an APE tag whose footer ends r.
func readAPETags(r io.ReadSeeker) (tag.Metadata, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxAPETag))
	if err != nil {
		return nil, fmt.Errorf("read ape tag: %w", err)
	}
	m := &apeTags{raw: map[string]any{}}
	err = walkAPEItems(b, func(key string, flags uint32, _ int, v []byte) { m.add(key, flags, v) })
	return m, err
}

// walkAPEItems calls fn with each item of the APE tag b (items and
// footer): its key in lower case, its flags, and where its value is in b.
func walkAPEItems(b []byte, fn func(key string, flags uint32, at int, v []byte)) error {
	if len(b) < apeFooterLen || string(b[len(b)-apeFooterLen:len(b)-apeFooterLen+8]) != "APETAGEX" {
		return fmt.Errorf("ape tag has no footer")
	}
	count := binary.LittleEndian.Uint32(b[len(b)-apeFooterLen+16:])
	if count > maxAPEItems {
		return fmt.Errorf("ape tag claims %d items, over the %d limit", count, maxAPEItems)
	}
	items := b[:len(b)-apeFooterLen]
	for i := uint32(0); i < count; i++ {
		if len(items) < 8 {
			return fmt.Errorf("ape tag item %d of %d: the tag ends", i+1, count)
		}
		n := int64(binary.LittleEndian.Uint32(items))
		flags := binary.LittleEndian.Uint32(items[4:])
		rest := items[8:]
		k := bytes.IndexByte(rest[:min(len(rest), maxAPEKey+1)], 0)
		if k < 1 {
			return fmt.Errorf("ape tag item %d of %d: no key", i+1, count)
		}
		key := strings.ToLower(strings.ToValidUTF8(string(rest[:k]), "?"))
		rest = rest[k+1:]
		if n > int64(len(rest)) {
			return fmt.Errorf("ape tag item %q of %d bytes: %d left in the tag: %w", key, n, len(rest), errTagBounds)
		}
		fn(key, flags, len(b)-apeFooterLen-len(rest), rest[:n])
		items = rest[n:]
	}
	return nil
}

// LocateAPEItems finds the values of an APE tag's text items
// ("ape:ARTIST"), where the audio extractor reads them.
func LocateAPEItems(r io.ReaderAt, size int64) ([]FieldRange, error) {
	off, n, err := findAPETag(r, size)
	if err != nil {
		return nil, err
	}
	b := make([]byte, n)
	if _, err := r.ReadAt(b, off); err != nil {
		return nil, fmt.Errorf("read ape tag at offset %d: %w", off, err)
	}
	var out []FieldRange
	err = walkAPEItems(b, func(key string, flags uint32, at int, v []byte) {
		if (flags>>1)&3 == 0 {
			out = append(out, FieldRange{fieldName("ape", key), FileRange{Off: off + int64(at), N: int64(len(v))}})
		}
	})
	return out, err
}

// id3v1Fields are the fields of an ID3v1 tag, the last 128 bytes of a
// file that starts "TAG": name as the extractor records it, offset and
// length in the tag.
var id3v1Fields = []struct {
	name   string
	off, n int
}{{"title", 3, 30}, {"artist", 33, 30}, {"album", 63, 30}, {"year", 93, 4}, {"comment", 97, 30}}

// LocateID3v1 finds the text fields of the ID3v1 tag that ends a file
// ("id3v1:artist"), whether or not the extractor reads it (it reads the
// ID3v2 tag instead when the file has one). The comment of an ID3v1.1
// tag, which keeps a track number in its last two bytes, is 28 bytes.
func LocateID3v1(r io.ReaderAt, size int64) ([]FieldRange, error) {
	if size < 128 {
		return nil, errNoTags
	}
	var t [128]byte
	if _, err := r.ReadAt(t[:], size-128); err != nil {
		return nil, fmt.Errorf("read id3v1 tag at offset %d: %w", size-128, err)
	}
	if string(t[:3]) != "TAG" {
		return nil, errNoTags
	}
	var out []FieldRange
	for _, f := range id3v1Fields {
		n := f.n
		if f.name == "comment" && t[125] == 0 && t[126] != 0 {
			n = 28
		}
		out = append(out, FieldRange{"id3v1:" + f.name, FileRange{Off: size - 128 + int64(f.off), N: int64(n)}})
	}
	return out, nil
}

// apeTags are one APE tag's items: text as strings (several values
// joined by "; "), a cover as a *tag.Picture, other binary items as
// their bytes.
type apeTags struct{ raw map[string]any }

var _ tag.Metadata = (*apeTags)(nil)

func (m *apeTags) add(key string, flags uint32, v []byte) {
	switch (flags >> 1) & 3 {
	case 0: // UTF-8 text; values are separated by NULs
		m.raw[key] = strings.Join(strings.FieldsFunc(strings.ToValidUTF8(string(v), "\uFFFD"), func(r rune) bool { return r == 0 }), "; ")
	case 1: // binary
		if strings.HasPrefix(key, "cover art") {
			// The file name, a NUL, then the picture.
			if i := bytes.IndexByte(v, 0); i >= 0 {
				name := string(v[:i])
				ext := strings.ToLower(name[strings.LastIndexByte(name, '.')+1:])
				m.raw[key] = &tag.Picture{Ext: ext, MIMEType: pictureType(ext), Type: strings.TrimPrefix(key, "cover art "), Data: v[i+1:]}
				return
			}
		}
		m.raw[key] = bytes.Clone(v)
	}
	// Type 2 is a link to a file elsewhere; 3 is reserved.
}

func pictureType(ext string) string {
	switch ext {
	case "jpg", "jpeg":
		return "image/jpeg"
	case "png":
		return "image/png"
	}
	return ""
}

func (m *apeTags) str(k string) string { s, _ := m.raw[k].(string); return s }

func (m *apeTags) Format() tag.Format     { return formatAPE }
func (m *apeTags) FileType() tag.FileType { return tag.UnknownFileType }
func (m *apeTags) Title() string          { return m.str("title") }
func (m *apeTags) Album() string          { return m.str("album") }
func (m *apeTags) Artist() string         { return m.str("artist") }
func (m *apeTags) AlbumArtist() string    { return m.str("album artist") }
func (m *apeTags) Composer() string       { return m.str("composer") }
func (m *apeTags) Genre() string          { return m.str("genre") }
func (m *apeTags) Lyrics() string         { return m.str("lyrics") }
func (m *apeTags) Comment() string        { return m.str("comment") }
func (m *apeTags) Raw() map[string]any    { return m.raw }

// Year reads the year that starts the "Year" item ("2005",
// "2005-06-03").
func (m *apeTags) Year() int {
	s := strings.TrimSpace(m.str("year"))
	y, _ := strconv.Atoi(s[:min(4, len(s))])
	return y
}

func (m *apeTags) Track() (int, int) { return apeNumber(m.str("track")) }
func (m *apeTags) Disc() (int, int)  { return apeNumber(m.str("disc")) }

// apeNumber reads "3" or "3/10".
func apeNumber(s string) (int, int) {
	a, b, _ := strings.Cut(s, "/")
	n, _ := strconv.Atoi(strings.TrimSpace(a))
	total, _ := strconv.Atoi(strings.TrimSpace(b))
	return n, total
}

func (m *apeTags) Picture() *tag.Picture {
	p, _ := m.raw["cover art (front)"].(*tag.Picture)
	return p
}

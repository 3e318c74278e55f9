package extract

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// atomTags maps item-list and QuickTime user-data atoms to curated tags.
var atomTags = map[string]string{
	"\xa9nam": "title", "\xa9ART": "artist", "aART": "album_artist", "\xa9alb": "album",
	"\xa9wrt": "composer", "\xa9gen": "genre", "\xa9cmt": "comment", "\xa9des": "description",
	"desc": "description", "cprt": "copyright", "\xa9cpy": "copyright", "\xa9mak": "camera_make",
	"\xa9mod": "camera_model", "\xa9swr": "software", "\xa9too": "software", "\xa9aut": "author",
	"\xa9auth": "author", "keyw": "keywords", "auth": "author", "titl": "title", "dscp": "description",
	"gnre": "genre", "albm": "album", "perf": "artist",
}

// mdtaTags maps QuickTime metadata keys (moov/meta with an mdta handler,
// as iPhones write them) to curated tags.
var mdtaTags = map[string]string{
	"com.apple.quicktime.make": "camera_make", "com.apple.quicktime.model": "camera_model",
	"com.apple.quicktime.software": "software", "com.apple.quicktime.author": "author",
	"com.apple.quicktime.title": "title", "com.apple.quicktime.displayname": "title",
	"com.apple.quicktime.description": "description", "com.apple.quicktime.comment": "comment",
	"com.apple.quicktime.copyright": "copyright", "com.apple.quicktime.artist": "artist",
	"com.apple.quicktime.keywords": "keywords", "com.apple.quicktime.album": "album",
	"com.apple.quicktime.genre": "genre",
}

// maxItemRead bounds one item-list or user-data value read into memory;
// larger items (cover art) are only noted.
const maxItemRead = 64 << 10

// udta reads a user-data box: QuickTime ©-text atoms, 3GPP string boxes,
// location, an item list inside meta, XMP, and GoPro's serial atoms.
func (m *mp4Reader) udta(udta bmff.Box, depth int) {
	kids, err := m.w.Children(udta.DataOff(), udta.End())
	if err != nil {
		m.res.Errorf("mp4 udta: %w", err)
	}
	for _, b := range kids {
		switch {
		case b.Type == "meta":
			m.meta(b, depth+1)
		case b.Type == "XMP_", b.Type == "uuid" && b.UUID == bmff.XMPUUID:
			m.xmp(b)
		case b.Type == "loci":
			m.loci(b)
		case b.Type == "LENS", b.Type == "CAME":
			m.goproAtom(b.Type, m.item(b))
		case b.Type == "GPMF" && b.DataLen() <= maxItemRead:
			// A larger one is not GoPro's global settings: left alone,
			// as a JPEG's unreadable GPMF is.
			m.goproAtom(b.Type, m.item(b))
		case b.Type == "cprt", b.Type == "auth", b.Type == "titl", b.Type == "dscp",
			b.Type == "perf", b.Type == "gnre", b.Type == "albm":
			if p := m.item(b); len(p) > 6 {
				m.record(b.Type, decodeString3GPP(p[6:]))
			}
		case b.Type[0] == 0xA9:
			p := m.item(b)
			if len(p) >= 8 && string(p[4:8]) == "data" {
				if v, ok := dataValue(b.Type, p); ok {
					m.record(b.Type, v)
				}
			} else if len(p) >= 4 {
				n := int(binary.BigEndian.Uint16(p[:2]))
				m.record(b.Type, quickTimeText(binary.BigEndian.Uint16(p[2:4]), p[4:4+min(n, len(p)-4)]))
			}
		}
	}
}

// quickTimeText decodes the text of a QuickTime user-data atom. A
// language code below 0x400 is a Macintosh one, whose text is in a Mac
// encoding (Mac Roman for the Roman-script languages, as Final Cut and
// older QuickTime write "\x8crtist" for "årtist"); a packed ISO 639-2 code
// means UTF-8. Many writers put UTF-8 under a Macintosh code all the same,
// so text that is valid UTF-8 is read as such.
func quickTimeText(lang uint16, p []byte) string {
	if lang >= 0x400 || utf8.Valid(p) {
		return string(p)
	}
	s, err := charmap.Macintosh.NewDecoder().Bytes(p)
	if err != nil {
		return string(p)
	}
	return string(s)
}

// meta reads a meta box: its keys (mdta) and its item list.
func (m *mp4Reader) meta(meta bmff.Box, depth int) {
	if depth > bmff.MaxDepth {
		m.res.Errorf("mp4 meta at offset %d nested too deep", meta.Off)
		return
	}
	kids, err := m.w.Children(bmff.MetaChildrenStart(m.src.R, meta), meta.End())
	if err != nil {
		m.res.Errorf("mp4 meta: %w", err)
	}
	var keys []string
	for _, b := range kids {
		if b.Type == "keys" {
			keys = m.keys(b)
		}
	}
	if keys == nil && !m.readIlst {
		return // the Audio extractor reads iTunes item lists
	}
	for _, b := range kids {
		if b.Type == "ilst" {
			m.ilst(b, keys)
		}
	}
}

// keys reads the mdta key table; items in the list refer to it by index.
func (m *mp4Reader) keys(b bmff.Box) []string {
	p := m.item(b)
	if len(p) < 8 {
		return nil
	}
	count := binary.BigEndian.Uint32(p[4:8])
	keys := []string{}
	for off := 8; uint32(len(keys)) < count && off+8 <= len(p); {
		n := int(binary.BigEndian.Uint32(p[off : off+4]))
		if n < 8 || off+n > len(p) {
			m.res.Errorf("mp4 keys entry at offset %d: %w", b.DataOff()+int64(off), errTagBounds)
			break
		}
		keys = append(keys, string(p[off+8:off+n]))
		off += n
	}
	return keys
}

func (m *mp4Reader) ilst(ilst bmff.Box, keys []string) {
	items, err := m.w.Children(ilst.DataOff(), ilst.End())
	if err != nil {
		m.res.Errorf("mp4 ilst: %w", err)
	}
	for _, it := range items {
		name := it.Type
		if keys != nil {
			i := binary.BigEndian.Uint32([]byte(it.Type))
			if i == 0 || int(i) > len(keys) {
				continue
			}
			name = keys[i-1]
		}
		if it.Type == "covr" {
			m.res.SetTag("picture", "true")
			m.res.AddField("mp4:covr", fmt.Sprintf("image %d bytes", it.DataLen()))
			continue
		}
		if v, ok := dataValue(name, m.item(it)); ok {
			m.record(name, v)
		}
	}
}

// item reads a small box payload; a large one is refused with an error.
func (m *mp4Reader) item(b bmff.Box) []byte {
	p, err := bmff.ReadPayload(m.src.R, b, maxItemRead)
	if err != nil {
		m.res.Errorf("%w", err)
		return nil
	}
	return p
}

// record files one atom value under its field name and curated tag.
func (m *mp4Reader) record(name, v string) {
	v = strings.TrimRight(v, "\x00")
	field := fieldName("mp4", name)
	switch name {
	case "\xa9lyr":
		m.res.AddField(field, "present")
		m.res.SetTag("lyrics", "true")
		return
	case "\xa9xyz", "com.apple.quicktime.location.ISO6709":
		m.res.AddField(field, v)
		if lat, lon, alt, hasAlt, ok := parseISO6709(v); ok {
			m.setGPS(lat, lon, alt, hasAlt)
		}
		return
	case "\xa9day":
		m.res.AddField(field, v)
		if d, ok := parseTagDate(v, "mp4:©day", RankEmbedded); ok {
			m.res.SetTag("year", strconv.Itoa(d.Time.Year()))
			m.res.AddDate(d)
		}
		return
	case "com.apple.quicktime.creationdate":
		m.res.AddField(field, v)
		if d, ok := parseTagDate(v, "mp4:com.apple.quicktime.creationdate", RankCapture); ok {
			m.res.AddDate(d)
		}
		return
	case "trkn":
		m.res.SetTag("track", v)
	}
	m.res.AddField(field, v)
	if t, ok := atomTags[name]; ok {
		m.res.SetTag(t, v)
	} else if t, ok := mdtaTags[name]; ok {
		m.res.SetTag(t, v)
	}
}

func (m *mp4Reader) setGPS(lat, lon, alt float64, hasAlt bool) {
	m.res.SetTag("gps_latitude", strconv.FormatFloat(lat, 'f', 6, 64))
	m.res.SetTag("gps_longitude", strconv.FormatFloat(lon, 'f', 6, 64))
	if hasAlt {
		m.res.SetTag("gps_altitude", strconv.FormatFloat(alt, 'f', -1, 64))
	}
}

// loci reads the 3GPP location box: a full bmff.Box, a language, a name, a role
// byte, then longitude, latitude and altitude as 16.16 fixed point.
func (m *mp4Reader) loci(b bmff.Box) {
	p := m.item(b)
	if len(p) < 6 {
		return
	}
	rest := p[6:]
	end := nameEnd(rest)
	if end+14 > len(rest) {
		return
	}
	f := rest[end+2:] // past the name's terminator and the role byte
	fixed := func(b []byte) float64 { return float64(int32(binary.BigEndian.Uint32(b))) / 65536 }
	lon, lat, alt := fixed(f[0:4]), fixed(f[4:8]), fixed(f[8:12])
	if lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return
	}
	m.res.AddField("mp4:loci", fmt.Sprintf("%.6f,%.6f,%g", lat, lon, alt))
	m.setGPS(lat, lon, alt, true)
}

// nameEnd finds the terminator of a 3GPP string (UTF-8, or UTF-16 after a
// BOM) and returns the index of its last byte.
func nameEnd(p []byte) int {
	if len(p) >= 2 && p[0] == 0xFE && p[1] == 0xFF {
		for i := 2; i+1 < len(p); i += 2 {
			if p[i] == 0 && p[i+1] == 0 {
				return i + 1
			}
		}
		return len(p)
	}
	for i, c := range p {
		if c == 0 {
			return i
		}
	}
	return len(p)
}

func decodeString3GPP(p []byte) string {
	if len(p) >= 2 && p[0] == 0xFE && p[1] == 0xFF {
		return decodeUTF16BE(p[2:])
	}
	return strings.TrimRight(string(p), "\x00")
}

func decodeUTF16BE(p []byte) string {
	u := make([]uint16, 0, len(p)/2)
	for i := 0; i+1 < len(p); i += 2 {
		u = append(u, binary.BigEndian.Uint16(p[i:]))
	}
	return strings.TrimRight(string(utf16.Decode(u)), "\x00")
}

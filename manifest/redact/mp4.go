package redact

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/consignhq/consign/pipeline/extract"
	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// redactMP4 removes the location atoms of an MP4 or QuickTime file
// (udta ©xyz, 3GPP loci, item-list ©xyz and QuickTime location keys),
// GoPro's serial atoms (udta LENS, CAME, MUID, GPMF) and the metadata
// atoms Strip.Fields names (a QuickTime ©ART, an iTunes item, a
// QuickTime key, a 3GPP auth box) by turning each into
// a free box of the same size with zeroed contents, and blanks properties
// in its XMP packets. Nothing moves, so the chunk offsets in stco/co64
// stay valid and the media data is copied byte for byte.
func redactMP4(j *job) error {
	m := &mp4Redactor{job: j, w: &bmff.Walker{R: j.r}}
	top, err := m.w.Children(0, j.size)
	if err != nil {
		return err
	}
	if len(top) == 0 || !knownTopBox(top[0].Type) {
		return fmt.Errorf("no mp4 boxes: %w", ErrUnsupported)
	}
	if top[0].Type == "ftyp" && isHEIF(m, top[0]) {
		// HEIF keeps EXIF in items located through iloc, which this
		// redactor does not rewrite: better no copy than a leaking one.
		return fmt.Errorf("heif image in an iso media file: %w", ErrUnsupported)
	}
	for _, b := range top {
		var err error
		switch {
		case b.Type == "moov":
			err = m.container(b, 1)
		case b.Type == "uuid" && b.UUID == bmff.XMPUUID:
			err = m.xmp(b)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func knownTopBox(t string) bool {
	switch t {
	case "ftyp", "moov", "mdat", "wide", "free", "skip", "pnot", "uuid":
		return true
	}
	return false
}

// goproSerialAtoms are the user-data atoms of GoPro's movies that
// identify the camera: LENS (the lens serial), CAME (a hash of the camera
// serial), MUID (which starts with that hash) and GPMF (global settings
// that repeat the camera serial, the lens serial and the hash). Nothing
// needs them to play the movie.
var goproSerialAtoms = map[string]bool{"LENS": true, "CAME": true, "MUID": true, "GPMF": true}

type mp4Redactor struct {
	*job
	w *bmff.Walker
}

// container walks moov, trak and udta boxes for the atoms that hold a
// location or XMP.
func (m *mp4Redactor) container(parent bmff.Box, depth int) error {
	if depth > bmff.MaxDepth {
		return fmt.Errorf("mp4 boxes nested deeper than %d at offset %d", bmff.MaxDepth, parent.Off)
	}
	kids, err := m.w.Children(parent.DataOff(), parent.End())
	if err != nil {
		return err
	}
	for _, b := range kids {
		var err error
		switch {
		case b.Type == "trak" || b.Type == "udta":
			err = m.container(b, depth+1)
		case b.Type == "meta":
			err = m.meta(b, depth+1)
		case b.Type == "XMP_" || (b.Type == "uuid" && b.UUID == bmff.XMPUUID):
			err = m.xmp(b)
		case b.Type == "uuid" && b.UUID == bmff.CanonUUID:
			err = m.canon(b)
		case parent.Type == "udta" && (b.Type == "\xa9xyz" || b.Type == "loci") && m.strip.GPS:
			m.free(b, extract.MP4Field(b.Type))
		case parent.Type == "udta" && goproSerialAtoms[b.Type] && m.strip.Serials:
			m.free(b, extract.MP4Field(b.Type))
		case parent.Type == "udta" && m.strip.field(extract.MP4Field(b.Type)):
			// A QuickTime text atom (©ART) or a 3GPP string box (auth).
			m.free(b, extract.MP4Field(b.Type))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// maxKeysRead bounds the mdta key table read into memory.
const maxKeysRead = 1 << 20

// meta walks a meta box: its key table and its item list.
func (m *mp4Redactor) meta(meta bmff.Box, depth int) error {
	if depth > bmff.MaxDepth {
		return fmt.Errorf("mp4 boxes nested deeper than %d at offset %d", bmff.MaxDepth, meta.Off)
	}
	kids, err := m.w.Children(bmff.MetaChildrenStart(m.r, meta), meta.End())
	if err != nil {
		return err
	}
	var keys []string
	for _, b := range kids {
		if b.Type == "keys" {
			if keys, err = m.keys(b); err != nil {
				return err
			}
		}
	}
	for _, b := range kids {
		if b.Type == "ilst" {
			if err := m.ilst(b, keys); err != nil {
				return err
			}
		}
	}
	return nil
}

// keys reads the mdta key table that keyed item lists index.
func (m *mp4Redactor) keys(b bmff.Box) ([]string, error) {
	p, err := readBlock(m.r, b.DataOff(), b.DataLen(), maxKeysRead, "mp4 keys box")
	if err != nil {
		return nil, err
	}
	if len(p) < 8 {
		return nil, nil
	}
	count := binary.BigEndian.Uint32(p[4:8])
	var keys []string
	for off := 8; uint32(len(keys)) < count && off+8 <= len(p); {
		n := int(binary.BigEndian.Uint32(p[off : off+4]))
		if n < 8 || n > len(p)-off {
			return nil, fmt.Errorf("mp4 keys entry at offset %d has bad length %d", b.DataOff()+int64(off), n)
		}
		keys = append(keys, string(p[off+8:off+n]))
		off += n
	}
	return keys, nil
}

// ilst frees the location items of an item list (©xyz, or with a key
// table, the keys that name a location) and the items Strip.Fields
// names (mp4:©ART, mp4:com.apple.quicktime.author).
func (m *mp4Redactor) ilst(ilst bmff.Box, keys []string) error {
	if !m.strip.GPS && !slices.ContainsFunc(m.strip.Fields, func(f string) bool { return strings.HasPrefix(f, "mp4:") }) {
		return nil
	}
	items, err := m.w.Children(ilst.DataOff(), ilst.End())
	if err != nil {
		return err
	}
	for _, it := range items {
		name := it.Type
		if keys != nil {
			i := binary.BigEndian.Uint32([]byte(it.Type))
			if i == 0 || int(i) > len(keys) {
				continue
			}
			name = keys[i-1]
		} else if name == "----" {
			// A freeform item goes by its name box, as the scan names it
			// (mp4:iTunNORM).
			name = m.freeformName(it)
		}
		switch {
		case m.strip.GPS && (name == "\xa9xyz" || strings.Contains(name, ".location.")):
			m.free(it, extract.MP4Field(name))
		case m.strip.field(extract.MP4Field(name)):
			m.free(it, extract.MP4Field(name))
		}
	}
	return nil
}

// freeformName is the name a freeform ("----") item gives in its name
// box, or "----" when it has none.
func (m *mp4Redactor) freeformName(it bmff.Box) string {
	kids, err := m.w.Children(it.DataOff(), it.End())
	if err != nil {
		return "----"
	}
	for _, k := range kids {
		if k.Type == "name" && k.DataLen() > 4 && k.DataLen() <= 1024 {
			if b, err := readBlock(m.r, k.DataOff(), k.DataLen(), 1024, "mp4 freeform name"); err == nil {
				return string(b[4:])
			}
		}
	}
	return "----"
}

// free turns b into a free box of the same size, zeroes what it held and
// reports the field (named as extract.MP4Field names it) as removed.
func (m *mp4Redactor) free(b bmff.Box, field string) {
	m.add(patch(b.Off+4, []byte("free")))
	m.add(zeros(b.Off+b.SizeLen, b.Size-b.SizeLen))
	m.rep.applied(field + " removed")
}

// xmp blanks properties in the XMP packet of a uuid or XMP_ box.
func (m *mp4Redactor) xmp(b bmff.Box) error {
	p, err := readBlock(m.r, b.DataOff(), b.DataLen(), maxXMPPacket, "mp4 xmp box")
	if err != nil {
		return err
	}
	out, err := redactXMP(p, m.strip, &m.rep)
	if err != nil {
		return fmt.Errorf("mp4 xmp box at offset %d: %w", b.Off, err)
	}
	if out != nil {
		m.add(patch(b.DataOff(), out))
	}
	return nil
}

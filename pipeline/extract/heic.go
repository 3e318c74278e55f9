package extract

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// Bounds on a HEIF image's metadata. The meta box lists items and their
// locations; even a many-tile image keeps it well under 4 MiB.
const (
	maxHEIFMeta      = 4 << 20
	maxHEIFItemLen   = 1 << 20
	maxHEIFMetaItems = 64
)

var errShortBox = errors.New("box is shorter than its fields")

// isHEIFBrand reports whether the ftyp box in head names a HEIF image
// brand (HEIC, AVIF and their image-sequence siblings).
func isHEIFBrand(head []byte) bool {
	n := int(binary.BigEndian.Uint32(head))
	if n < 16 || n > len(head) {
		n = min(len(head), 64)
	}
	for i := 8; i+4 <= n; i += 4 {
		switch string(head[i : i+4]) {
		case "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis":
			return true
		}
	}
	return false
}

// scanHEIF finds the top-level meta box of a HEIF file and the Exif and
// XMP items it lists. A damaged box after the meta box does not hide it.
func scanHEIF(src *Source, b *imageBlocks) error {
	w := &bmff.Walker{R: src.R}
	top, err := w.Children(0, src.Size)
	for _, box := range top {
		if box.Type == "meta" {
			meta, err := fileSection(box.DataOff(), box.DataLen()).bytes(src, maxHEIFMeta)
			if err != nil {
				return fmt.Errorf("heif meta box: %w", err)
			}
			return noteHEIFItems(src, b, meta)
		}
	}
	return err
}

// heifItem is one entry of the item information box.
type heifItem struct {
	typ, contentType string
}

// isExif and isXMP tell the metadata items: an Exif item, or a MIME
// item of XMP.
func (it heifItem) isExif() bool { return it.typ == "Exif" }
func (it heifItem) isXMP() bool {
	return it.typ == "mime" && strings.HasPrefix(it.contentType, "application/rdf+xml")
}

// noteHEIFItems reads iinf, iloc and idat inside the meta box payload
// (after its version and flags) and records the Exif and XMP items.
func noteHEIFItems(src *Source, b *imageBlocks, meta []byte) error {
	if len(meta) < 4 {
		return fmt.Errorf("heif meta box: %w", errShortBox)
	}
	items := map[uint32]heifItem{}
	var iloc, idat []byte
	for rest := meta[4:]; len(rest) >= 8; {
		n := int(binary.BigEndian.Uint32(rest))
		if n < 8 || n > len(rest) {
			return fmt.Errorf("heif box %q inside meta has bad size %d", rest[4:8], n)
		}
		body := rest[8:n]
		switch string(rest[4:8]) {
		case "iinf":
			if err := readIINF(body, items); err != nil {
				return fmt.Errorf("heif iinf: %w", err)
			}
		case "iloc":
			iloc = body
		case "idat":
			idat = body
		case "iprp":
			noteHEIFSize(b, body)
		}
		rest = rest[n:]
	}
	locs, err := readILOC(iloc)
	if err != nil {
		return fmt.Errorf("heif iloc: %w", err)
	}
	// In item order, so that which block's tag wins does not depend on
	// the map's order.
	ids := slices.Sorted(maps.Keys(items))
	read := 0
	for _, id := range ids {
		it := items[id]
		isExif, isXMP := it.isExif(), it.isXMP()
		loc, ok := locs[id]
		if !(isExif || isXMP) || !ok {
			continue
		}
		// Items may all point at the same bytes: each is read whole.
		if read++; read > maxHEIFMetaItems {
			b.problems = append(b.problems, fmt.Errorf("heif has more than %d Exif and XMP items: the others are not read", maxHEIFMetaItems))
			break
		}
		s, err := loc.section(src, idat, b.heldLeft())
		if err != nil {
			b.problems = append(b.problems, fmt.Errorf("heif item %d: %w", id, err))
			continue
		}
		if s.data != nil {
			b.held += s.n
		}
		if isXMP {
			b.xmp = append(b.xmp, s)
			continue
		}
		if s, err = heifExifPayload(src, s); err != nil {
			b.problems = append(b.problems, fmt.Errorf("heif exif item %d: %w", id, err))
			continue
		}
		b.exif = append(b.exif, s)
	}
	return nil
}

// noteHEIFSize takes the largest image spatial extent (ispe) among the
// item properties: the primary image, or the grid a tiled image forms,
// is larger than its thumbnails and tiles.
func noteHEIFSize(b *imageBlocks, iprp []byte) {
	forEachBox(iprp, func(typ string, ipco []byte) {
		if typ != "ipco" {
			return
		}
		forEachBox(ipco, func(typ string, p []byte) {
			if typ != "ispe" || len(p) < 12 {
				return
			}
			w, h := binary.BigEndian.Uint32(p[4:]), binary.BigEndian.Uint32(p[8:])
			if w > 0 && h > 0 && w <= 1<<20 && h <= 1<<20 && int(w)*int(h) > b.width*b.height {
				b.width, b.height = int(w), int(h)
			}
		})
	})
}

// forEachBox calls f with the type and payload of each box in b, stopping
// at the first box whose size does not fit.
func forEachBox(b []byte, f func(typ string, payload []byte)) {
	for len(b) >= 8 {
		n := int(binary.BigEndian.Uint32(b))
		if n < 8 || n > len(b) {
			return
		}
		f(string(b[4:8]), b[8:n])
		b = b[n:]
	}
}

// heifExifPayload skips the 4-byte offset that precedes the TIFF header
// in an Exif item (ISO/IEC 23008-12 A.2.1), and any "Exif\0\0" it skips.
func heifExifPayload(src *Source, s section) (section, error) {
	var p [4]byte
	if s.n < 4 || bmff.ReadFull(s.readerAt(src), p[:], 0) != nil {
		return s, errShortBox
	}
	skip := 4 + int64(binary.BigEndian.Uint32(p[:]))
	if skip >= s.n {
		return s, fmt.Errorf("tiff header offset %d is past the %d byte item", skip-4, s.n)
	}
	if s.data != nil {
		return memSection(s.data[skip:]), nil
	}
	return fileSection(s.off+skip, s.n-skip), nil
}

// readIINF reads the item types (infe version 2 and 3) into items.
func readIINF(body []byte, items map[uint32]heifItem) error {
	if len(body) < 6 {
		return errShortBox
	}
	rest := body[6:]
	if body[0] != 0 {
		if len(body) < 8 {
			return errShortBox
		}
		rest = body[8:]
	}
	for len(rest) >= 8 {
		n := int(binary.BigEndian.Uint32(rest))
		if n < 8 || n > len(rest) {
			return fmt.Errorf("infe box has bad size %d", n)
		}
		if string(rest[4:8]) == "infe" {
			readINFE(rest[8:n], items)
		}
		rest = rest[n:]
	}
	return nil
}

func readINFE(e []byte, items map[uint32]heifItem) {
	if len(e) < 4 || e[0] < 2 {
		return
	}
	var id uint32
	p := 4
	if e[0] == 2 {
		if len(e) < p+8 {
			return
		}
		id = uint32(binary.BigEndian.Uint16(e[p:]))
		p += 2
	} else {
		if len(e) < p+10 {
			return
		}
		id = binary.BigEndian.Uint32(e[p:])
		p += 4
	}
	p += 2 // item_protection_index
	it := heifItem{typ: string(e[p : p+4])}
	p += 4
	if it.typ == "mime" {
		_, rest := cString(e[p:]) // item_name
		it.contentType, _ = cString(rest)
	}
	items[id] = it
}

// cString splits a NUL-terminated string off b.
func cString(b []byte) (string, []byte) {
	for i, c := range b {
		if c == 0 {
			return string(b[:i]), b[i+1:]
		}
	}
	return string(b), nil
}

package extract

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// FileRange is a stretch of a file: n bytes from off.
type FileRange struct{ Off, N int64 }

// ErrHEIFItemInPieces marks a metadata item of a HEIF file that is not
// one stretch of the file (ISO/IEC 23008-12 lets an item be cut into
// extents), which an edit in place cannot treat as one TIFF block or
// one XMP packet.
var ErrHEIFItemInPieces = errors.New("heif metadata item is in pieces")

// LocateHEIFMetadata gives where a HEIF, HEIC or AVIF file keeps its
// Exif items (from the TIFF header on, past the item's 4-byte offset)
// and its XMP items, as stretches of the file, so that they can be
// edited in place: the item location box (iloc) points at them, in the
// media data or in the meta box's idat, and nothing points inside them.
// It reads the top-level meta box as the EXIF extractor does, with the
// same bounds; any item it cannot place is an error, so that a caller
// never edits some items and leaves others unseen.
func LocateHEIFMetadata(r io.ReaderAt, size int64) (exif, xmp []FileRange, err error) {
	w := &bmff.Walker{R: r}
	top, err := w.Children(0, size)
	var meta bmff.Box
	for _, b := range top {
		if b.Type == "meta" {
			meta = b
			break
		}
	}
	if meta.Type == "" {
		if err == nil {
			err = errors.New("heif has no meta box")
		}
		return nil, nil, err
	}
	kids, err := w.Children(bmff.MetaChildrenStart(r, meta), meta.End())
	if err != nil {
		return nil, nil, fmt.Errorf("heif meta box: %w", err)
	}
	items := map[uint32]heifItem{}
	var locs map[uint32]heifLocation
	var idat *bmff.Box
	for _, k := range kids {
		switch k.Type {
		case "iinf", "iloc":
			body, err := bmff.ReadPayload(r, k, maxHEIFMeta)
			if err != nil {
				return nil, nil, err
			}
			if k.Type == "iinf" {
				err = readIINF(body, items)
			} else {
				locs, err = readILOC(body)
			}
			if err != nil {
				return nil, nil, fmt.Errorf("heif %s: %w", k.Type, err)
			}
		case "idat":
			idat = &k
		}
	}
	for _, id := range slices.Sorted(maps.Keys(items)) {
		it := items[id]
		isExif, isXMP := it.isExif(), it.isXMP()
		if !isExif && !isXMP {
			continue
		}
		loc, ok := locs[id]
		if !ok {
			return nil, nil, fmt.Errorf("heif item %d has no location", id)
		}
		fr, err := loc.fileRange(idat, size)
		if err != nil {
			return nil, nil, fmt.Errorf("heif item %d: %w", id, err)
		}
		if isXMP {
			xmp = append(xmp, fr)
			continue
		}
		var p [4]byte
		if fr.N < 4 || bmff.ReadFull(r, p[:], fr.Off) != nil {
			return nil, nil, fmt.Errorf("heif exif item %d: %w", id, errShortBox)
		}
		skip := 4 + int64(binary.BigEndian.Uint32(p[:]))
		if skip >= fr.N {
			return nil, nil, fmt.Errorf("heif exif item %d: tiff header offset %d is past the %d byte item", id, skip-4, fr.N)
		}
		exif = append(exif, FileRange{fr.Off + skip, fr.N - skip})
	}
	return exif, xmp, nil
}

// fileRange is where the item's one extent lies in the file: in the
// file itself (construction method 0) or in the idat box (1).
func (l heifLocation) fileRange(idat *bmff.Box, size int64) (FileRange, error) {
	if len(l.extents) != 1 {
		return FileRange{}, fmt.Errorf("%d extents: %w", len(l.extents), ErrHEIFItemInPieces)
	}
	e := l.extents[0]
	var base, limit uint64
	switch l.method {
	case 0:
		limit = uint64(size)
	case 1:
		if idat == nil {
			return FileRange{}, fmt.Errorf("item in idat, and no idat box")
		}
		base, limit = uint64(idat.DataOff()), uint64(idat.DataLen())
	default:
		return FileRange{}, fmt.Errorf("item construction method %d is not supported", l.method)
	}
	// As section checks it, so that what the scan read is what is edited.
	start, n := l.base+e.off, e.n
	if start < l.base || n == 0 || start > limit || n > limit-start || n > maxHEIFItemLen {
		return FileRange{}, fmt.Errorf("item extent %d+%d is outside the %d byte data", start, n, limit)
	}
	return FileRange{int64(base + start), int64(n)}, nil
}

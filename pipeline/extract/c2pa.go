package extract

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// C2PA finds C2PA Content Credentials: a JUMBF manifest store labelled
// "c2pa" in a JPEG APP11 segment, a PNG caBX chunk, an ISO BMFF uuid box
// (MP4, MOV, HEIF, AVIF), a RIFF C2PA chunk (WebP, WAV, AVI), an SVG's
// c2pa:manifest element, or a .c2pa sidecar file. It records where the store is (field c2pa:manifest) and,
// from a bounded scan of the store's bytes, the training-and-mining
// assertion (c2pa:c2pa.ai_training and the like: allowed, notAllowed or
// constrained) and any IPTC digital source type (c2pa:digitalSourceType).
type C2PA struct{}

var _ Extractor = C2PA{}

// NewC2PA returns the C2PA extractor.
func NewC2PA() Extractor { return C2PA{} }

// Name implements Extractor.
func (C2PA) Name() string { return "c2pa" }

// c2paBMFFUUID is the extended type of the uuid box that holds a C2PA
// manifest store in ISO BMFF files.
var c2paBMFFUUID = []byte{0xd8, 0xfe, 0xc3, 0xd6, 0x1b, 0x0e, 0x48, 0x3c, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7e, 0xc4, 0x81}

// Bounds: a manifest store is read up to maxC2PAStore bytes (thumbnails
// make them large; the assertions come first), and a container walk stops
// after maxC2PABlocks segments, chunks or boxes.
const (
	maxC2PAStore  = 4 << 20
	maxC2PABlocks = 4096
)

// Applies implements Extractor.
func (C2PA) Applies(src *Source) bool {
	return strings.HasSuffix(strings.ToLower(src.Path), ".c2pa") || isJUMBF(src.Head) ||
		src.Kind == KindImage || src.Kind == KindVideo || src.Kind == KindAudio
}

// isJUMBF reports whether b opens with a JUMBF superbox.
func isJUMBF(b []byte) bool { return len(b) >= 8 && string(b[4:8]) == "jumb" }

// Extract implements Extractor.
func (C2PA) Extract(ctx context.Context, src *Source, res *Result) error {
	where, store, err := findC2PAStore(src)
	if err != nil {
		return err
	}
	if where == "" || !isC2PAStore(store) {
		return nil
	}
	res.AddField("c2pa:manifest", where)
	for _, a := range readC2PAAssertions(store) {
		res.AddField("c2pa:"+a.name, a.value)
	}
	return nil
}

// findC2PAStore returns where the file keeps its manifest store and the
// store's first bytes.
func findC2PAStore(src *Source) (string, []byte, error) {
	h := src.Head
	switch {
	case isJUMBF(h):
		b, err := readAt(src, 0, min(src.Size, maxC2PAStore))
		return "sidecar", b, err
	case len(h) >= 3 && h[0] == 0xFF && h[1] == 0xD8:
		return jpegC2PA(src)
	case bytes.HasPrefix(h, []byte("\x89PNG\r\n\x1a\n")):
		return pngC2PA(src)
	case len(h) >= 12 && string(h[:4]) == "RIFF":
		return riffC2PA(src)
	case len(h) >= 8 && string(h[4:8]) == "ftyp":
		return bmffC2PA(src)
	case src.MediaType == "image/svg+xml":
		return svgC2PA(src)
	}
	return "", nil, nil
}

// The element an SVG keeps its manifest store in, base64-encoded, inside
// its metadata element (C2PA specification, "Embedding manifests into
// SVG").
var (
	svgC2PAOpen  = []byte("<c2pa:manifest")
	svgC2PAClose = []byte("</c2pa:manifest>")
)

// maxSVGC2PAScan bounds how much of an SVG is searched for the element:
// the encoded store of maxC2PAStore bytes, and the document before it.
const maxSVGC2PAScan = maxC2PAStore/3*4 + HeadSize

// svgC2PA returns the decoded content of an SVG's c2pa:manifest element.
func svgC2PA(src *Source) (string, []byte, error) {
	doc := src.Head
	if !bytes.Contains(doc, svgC2PAOpen) || !bytes.Contains(doc, svgC2PAClose) {
		if src.Size <= int64(len(doc)) {
			return "", nil, nil
		}
		b, err := readAt(src, 0, min(src.Size, maxSVGC2PAScan))
		if err != nil {
			return "", nil, err
		}
		doc = b
	}
	i := bytes.Index(doc, svgC2PAOpen)
	if i < 0 {
		return "", nil, nil
	}
	gt := bytes.IndexByte(doc[i:], '>')
	if gt < 0 {
		return "", nil, nil
	}
	body := doc[i+gt+1:]
	end := bytes.Index(body, svgC2PAClose)
	if end < 0 {
		return "", nil, nil
	}
	enc := bytes.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, body[:end])
	store := make([]byte, base64.StdEncoding.DecodedLen(len(enc)))
	n, err := base64.StdEncoding.Decode(store, enc)
	if err != nil {
		return "", nil, nil // not a store: nothing to report, and nothing wrong with the drawing
	}
	return "svg metadata", store[:min(n, maxC2PAStore)], nil
}

func readAt(src *Source, off, n int64) ([]byte, error) {
	b := make([]byte, n)
	if err := bmff.ReadFull(src.R, b, off); err != nil {
		return nil, fmt.Errorf("read %d bytes at offset %d: %w", n, off, err)
	}
	return b, nil
}

// jpegC2PA joins the APP11 JUMBF segments of the first box instance:
// each carries "JP", a box instance number and a sequence number, and
// every segment after the first repeats the box's 8-byte header.
func jpegC2PA(src *Source) (string, []byte, error) {
	var store []byte
	var instance []byte
	hdr := make([]byte, 4)
	for off, n := int64(2), 0; off+4 <= src.Size && n < maxC2PABlocks; n++ {
		if err := bmff.ReadFull(src.R, hdr, off); err != nil {
			return "", nil, fmt.Errorf("read jpeg segment at offset %d: %w", off, err)
		}
		if hdr[0] != 0xFF || hdr[1] == 0xDA || hdr[1] == 0xD9 {
			break
		}
		if hdr[1] == 0xFF || hdr[1] >= 0xD0 && hdr[1] <= 0xD7 || hdr[1] == 0x01 {
			off += 2 // fill byte or marker without a length
			continue
		}
		size := int64(binary.BigEndian.Uint16(hdr[2:]))
		if size < 2 || off+2+size > src.Size {
			return "", nil, fmt.Errorf("jpeg segment at offset %d runs past the end of the file", off)
		}
		if hdr[1] == 0xEB && size >= 2+16 && int64(len(store))+size <= maxC2PAStore {
			seg, err := readAt(src, off+4, size-2)
			if err != nil {
				return "", nil, err
			}
			if string(seg[:2]) == "JP" && (instance == nil || bytes.Equal(seg[2:4], instance)) {
				if instance == nil {
					instance = bytes.Clone(seg[2:4])
					store = append(store, seg[8:]...)
				} else {
					store = append(store, seg[16:]...)
				}
			}
		}
		off += 2 + size
	}
	if store == nil {
		return "", nil, nil
	}
	return "jpeg app11", store, nil
}

// pngC2PA returns the first caBX chunk.
func pngC2PA(src *Source) (string, []byte, error) {
	hdr := make([]byte, 8)
	for off, n := int64(8), 0; off+12 <= src.Size && n < maxC2PABlocks; n++ {
		if err := bmff.ReadFull(src.R, hdr, off); err != nil {
			return "", nil, fmt.Errorf("read png chunk at offset %d: %w", off, err)
		}
		size := int64(binary.BigEndian.Uint32(hdr))
		if off+12+size > src.Size {
			return "", nil, fmt.Errorf("png chunk at offset %d runs past the end of the file", off)
		}
		switch string(hdr[4:]) {
		case "caBX":
			b, err := readAt(src, off+8, min(size, maxC2PAStore))
			return "png caBX", b, err
		case "IEND":
			return "", nil, nil
		}
		off += 12 + size
	}
	return "", nil, nil
}

// riffC2PA returns the first top-level C2PA chunk.
func riffC2PA(src *Source) (string, []byte, error) {
	hdr := make([]byte, 8)
	for off, n := int64(12), 0; off+8 <= src.Size && n < maxC2PABlocks; n++ {
		if err := bmff.ReadFull(src.R, hdr, off); err != nil {
			return "", nil, fmt.Errorf("read riff chunk at offset %d: %w", off, err)
		}
		size := int64(binary.LittleEndian.Uint32(hdr[4:]))
		if off+8+size > src.Size {
			return "", nil, fmt.Errorf("riff chunk at offset %d runs past the end of the file", off)
		}
		if string(hdr[:4]) == "C2PA" {
			b, err := readAt(src, off+8, min(size, maxC2PAStore))
			return "riff C2PA", b, err
		}
		off += 8 + size + size&1
	}
	return "", nil, nil
}

// bmffC2PA returns the payload of the top-level C2PA uuid box, after its
// extended type, version, flags, purpose and offset.
func bmffC2PA(src *Source) (string, []byte, error) {
	w := &bmff.Walker{R: src.R}
	top, err := w.Children(0, src.Size)
	for _, box := range top {
		if box.Type == "uuid" && bytes.Equal(box.UUID[:], c2paBMFFUUID) {
			b, err := readAt(src, box.DataOff(), min(box.DataLen(), maxC2PAStore))
			if err != nil {
				return "", nil, err
			}
			if i := bytes.Index(b, []byte("jumb")); i >= 4 {
				b = b[i-4:]
			}
			return "bmff uuid", b, nil
		}
	}
	return "", nil, err
}

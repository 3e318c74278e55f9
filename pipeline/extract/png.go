package extract

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// Bounds on the PNG walk: real files have at most a few thousand chunks,
// and a metadata chunk (compressed or not) is far below maxXMPSize.
const (
	maxPNGChunks   = 1 << 16
	maxPNGTextSize = maxXMPSize
)

// scanPNG walks the chunks of a PNG file up to IEND and notes eXIf, the
// XMP iTXt chunk, ImageMagick's "Raw profile type" text chunks and the
// size from IHDR.
func scanPNG(src *Source, b *imageBlocks) error {
	pos := int64(8)
	var hdr [8]byte
	for i := 0; i < maxPNGChunks; i++ {
		if err := bmff.ReadFull(src.R, hdr[:], pos); err != nil {
			return fmt.Errorf("read png chunk header at offset %d: %w", pos, err)
		}
		n := int64(binary.BigEndian.Uint32(hdr[:4]))
		typ := string(hdr[4:8])
		body := pos + 8
		if n > 1<<31-1 || body+n+4 > src.Size {
			return fmt.Errorf("png chunk %q at offset %d has bad length %d", typ, pos, n)
		}
		switch typ {
		case "IEND":
			return nil
		case "IHDR":
			var dims [8]byte
			if n >= 8 && bmff.ReadFull(src.R, dims[:], body) == nil {
				b.width = int(binary.BigEndian.Uint32(dims[:4]))
				b.height = int(binary.BigEndian.Uint32(dims[4:]))
			}
		case "eXIf":
			b.exif = append(b.exif, pngExifSection(src, body, n))
		case "iTXt", "zTXt", "tEXt":
			if err := notePNGText(src, b, typ, body, n); err != nil {
				b.problems = append(b.problems, err)
			}
		}
		pos = body + n + 4
	}
	return fmt.Errorf("png has more than %d chunks", maxPNGChunks)
}

// pngExifSection skips the "Exif\0\0" prefix some writers leave in eXIf.
func pngExifSection(src *Source, body, n int64) section {
	var p [6]byte
	if n > 6 && bmff.ReadFull(src.R, p[:], body) == nil && bytes.Equal(p[:], jpegExifSig) {
		return fileSection(body+6, n-6)
	}
	return fileSection(body, n)
}

// notePNGText reads a text chunk whose keyword names a metadata profile.
func notePNGText(src *Source, b *imageBlocks, typ string, body, n int64) error {
	var kw [80]byte
	k := kw[:min(n, int64(len(kw)))]
	if err := bmff.ReadFull(src.R, k, body); err != nil {
		return fmt.Errorf("read png %s chunk at offset %d: %w", typ, body, err)
	}
	nul := bytes.IndexByte(k, 0)
	if nul < 0 {
		return nil
	}
	keyword := string(k[:nul])
	isXMP := typ == "iTXt" && keyword == "XML:com.adobe.xmp"
	isRaw := len(keyword) > 17 && keyword[:17] == "Raw profile type "
	if !isXMP && !isRaw {
		return nil
	}
	left := b.heldLeft()
	if b.heldFull {
		return nil
	}
	if left == 0 {
		b.heldFull = true
		return fmt.Errorf("png %s chunk %q at offset %d and the text chunks after it: %w", typ, keyword, body, errHeldMeta)
	}
	chunk, err := fileSection(body, n).bytes(src, maxPNGTextSize)
	if err != nil {
		return fmt.Errorf("png %s chunk %q: %w", typ, keyword, err)
	}
	text, err := pngText(typ, chunk[nul+1:], min(maxPNGTextSize, left))
	if errors.Is(err, errTextOver) {
		if left < maxPNGTextSize {
			b.heldFull = true
			return fmt.Errorf("png %s chunk %q at offset %d and the text chunks after it: %w", typ, keyword, body, errHeldMeta)
		}
		return fmt.Errorf("png %s chunk %q: text over %d bytes", typ, keyword, maxPNGTextSize)
	}
	if err != nil {
		return fmt.Errorf("png %s chunk %q: %w", typ, keyword, err)
	}
	if isXMP {
		b.held += int64(len(text))
		b.xmp = append(b.xmp, memSection(text))
		return nil
	}
	profile, err := decodeRawProfile(text)
	if err != nil {
		return fmt.Errorf("png %s chunk %q: %w", typ, keyword, err)
	}
	b.held += int64(len(profile))
	noteProfile(b, profile)
	return nil
}

// errTextOver is returned by pngText for text over its limit.
var errTextOver = errors.New("text is over its limit")

// pngText returns the text of a tEXt, zTXt or iTXt chunk given the bytes
// after its keyword, inflating compressed text, if it is at most limit
// bytes long.
func pngText(typ string, rest []byte, limit int64) ([]byte, error) {
	compressed := false
	switch typ {
	case "zTXt":
		if len(rest) < 1 {
			return nil, fmt.Errorf("zTXt chunk too short")
		}
		rest, compressed = rest[1:], true
	case "iTXt":
		if len(rest) < 2 {
			return nil, fmt.Errorf("iTXt chunk too short")
		}
		compressed = rest[0] == 1
		rest = rest[2:]
		for range 2 { // language tag, translated keyword
			i := bytes.IndexByte(rest, 0)
			if i < 0 {
				return nil, fmt.Errorf("iTXt chunk lacks its language fields")
			}
			rest = rest[i+1:]
		}
	}
	if !compressed {
		if int64(len(rest)) > limit {
			return nil, fmt.Errorf("text of %d bytes: %w", len(rest), errTextOver)
		}
		return rest, nil
	}
	zr, err := zlib.NewReader(bytes.NewReader(rest))
	if err != nil {
		return nil, fmt.Errorf("inflate text: %w", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, fmt.Errorf("inflate text: %w", err)
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("inflated text: %w", errTextOver)
	}
	return out, nil
}

// decodeRawProfile decodes ImageMagick's hex text profile:
// "\n<name>\n<length>\n<hex digits, wrapped>".
func decodeRawProfile(text []byte) ([]byte, error) {
	fields := bytes.SplitN(bytes.TrimLeft(text, "\n"), []byte("\n"), 3)
	if len(fields) < 3 {
		return nil, fmt.Errorf("raw profile lacks its header")
	}
	n, err := strconv.Atoi(string(bytes.TrimSpace(fields[1])))
	if err != nil || n <= 0 || n > len(fields[2])/2 {
		return nil, fmt.Errorf("raw profile has bad length %q", bytes.TrimSpace(fields[1]))
	}
	out := make([]byte, 0, n)
	var pair [2]byte
	k := 0
	for _, c := range fields[2] {
		if c == '\n' || c == '\r' || c == ' ' || c == '\t' {
			continue
		}
		pair[k] = c
		if k++; k < 2 {
			continue
		}
		k = 0
		var v [1]byte
		if _, err := hex.Decode(v[:], pair[:]); err != nil {
			return nil, fmt.Errorf("raw profile: %w", err)
		}
		if out = append(out, v[0]); len(out) == n {
			break
		}
	}
	return out, nil
}

// noteProfile files a decoded profile under the block kind its leading
// bytes show.
func noteProfile(b *imageBlocks, p []byte) {
	switch {
	case bytes.HasPrefix(p, jpegExifSig):
		b.exif = append(b.exif, memSection(p[len(jpegExifSig):]))
	case bytes.HasPrefix(p, []byte("II*\x00")), bytes.HasPrefix(p, []byte("MM\x00*")):
		b.exif = append(b.exif, memSection(p))
	case bytes.HasPrefix(p, jpegPhotoshopSig):
		b.psir = append(b.psir, memSection(p[len(jpegPhotoshopSig):]))
	case bytes.HasPrefix(p, []byte("8BIM")):
		b.psir = append(b.psir, memSection(p))
	case len(p) > 0 && p[0] == 0x1C:
		b.iptc = append(b.iptc, memSection(p))
	case bytes.Contains(p[:min(len(p), 512)], []byte("<x:xmpmeta")), bytes.Contains(p[:min(len(p), 512)], []byte("<?xpacket")):
		b.xmp = append(b.xmp, memSection(p))
	}
}

package redact

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"

	"github.com/consignhq/consign/pipeline/extract"
)

// Bounds on the PNG walk: IDAT chunks of a large image run to many
// thousands; metadata chunks (compressed or not) stay far below the
// size limit.
const (
	maxPNGChunks = 1 << 20
	maxPNGMeta   = 16 << 20
)

const pngSignature = "\x89PNG\r\n\x1a\n"

// redactPNG rewrites the eXIf chunk, the XMP iTXt chunk and ImageMagick's
// "Raw profile type" text chunks, each with a fresh CRC. Uncompressed
// chunks keep their length; compressed ones are recompressed, which may
// change it (nothing in a PNG refers to absolute offsets). Image chunks
// are copied byte for byte.
func redactPNG(j *job) error {
	var sig [8]byte
	if err := readAt(j.r, sig[:], 0); err != nil || string(sig[:]) != pngSignature {
		return fmt.Errorf("no png signature: %w", ErrUnsupported)
	}
	pos := int64(8)
	var hdr [8]byte
	for i := 0; i < maxPNGChunks; i++ {
		if pos == j.size {
			return nil // no IEND: copy as is, as decoders that tolerate it will
		}
		if err := readAt(j.r, hdr[:], pos); err != nil {
			return fmt.Errorf("read png chunk header: %w", err)
		}
		n := int64(binary.BigEndian.Uint32(hdr[:4]))
		typ := string(hdr[4:8])
		if n > 1<<31-1 || pos+12+n > j.size {
			return fmt.Errorf("png chunk %q at offset %d has bad length %d", typ, pos, n)
		}
		switch typ {
		case "IEND":
			return nil
		case "eXIf", "iTXt", "zTXt", "tEXt":
			if err := j.pngChunk(typ, pos, n); err != nil {
				return fmt.Errorf("png %s chunk at offset %d: %w", typ, pos, err)
			}
		}
		pos += 12 + n
	}
	return fmt.Errorf("png has more than %d chunks", maxPNGChunks)
}

// pngChunk redacts the chunk of type typ with n data bytes at pos.
func (j *job) pngChunk(typ string, pos, n int64) error {
	if typ != "eXIf" {
		var kw [80]byte
		k := kw[:min(n, int64(len(kw)))]
		if err := readAt(j.r, k, pos+8); err != nil {
			return err
		}
		if !isPNGProfileKeyword(typ, k) && !j.pngTextHasXMP(typ, pos, n) {
			return nil
		}
	}
	data, err := readBlock(j.r, pos+8, n, maxPNGMeta, "chunk")
	if err != nil {
		return err
	}
	var out []byte
	if typ == "eXIf" {
		out, err = j.redactProfile(data)
	} else {
		out, err = j.redactPNGText(typ, data)
	}
	if err != nil || out == nil {
		return err
	}
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(out)))
	chunk = append(chunk, typ...)
	chunk = append(chunk, out...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	j.add(edit{off: pos, n: 12 + n, data: chunk})
	return nil
}

// isPNGProfileKeyword reports whether a text chunk starting with k holds
// metadata: Adobe's XMP iTXt or an ImageMagick raw profile.
func isPNGProfileKeyword(typ string, k []byte) bool {
	nul := bytes.IndexByte(k, 0)
	if nul < 0 {
		return false
	}
	kw := string(k[:nul])
	return (typ == "iTXt" && kw == "XML:com.adobe.xmp") ||
		(len(kw) > 17 && kw[:17] == "Raw profile type ")
}

// pngTextHasXMP reports whether an uncompressed text chunk that is not a
// profile holds an XMP packet anyway, as the XMP extractor's search of
// the file's head and tail would find it.
func (j *job) pngTextHasXMP(typ string, pos, n int64) bool {
	if typ == "zTXt" || n > maxPNGMeta {
		return false
	}
	b, err := readBlock(j.r, pos+8, n, maxPNGMeta, "chunk")
	return err == nil && (bytes.Contains(b, xmpMarkers[0][0]) || bytes.Contains(b, xmpMarkers[1][0]))
}

// redactPNGText redacts the text of a tEXt, zTXt or iTXt chunk whose data
// is b, returning the new chunk data or nil when nothing changed.
func (j *job) redactPNGText(typ string, b []byte) ([]byte, error) {
	nul := bytes.IndexByte(b, 0)
	head := nul + 1 // keyword and its NUL, then the fields before the text
	compressed := false
	switch typ {
	case "zTXt":
		if len(b) < head+1 {
			return nil, fmt.Errorf("zTXt chunk too short")
		}
		head, compressed = head+1, true
	case "iTXt":
		if len(b) < head+2 {
			return nil, fmt.Errorf("iTXt chunk too short")
		}
		compressed = b[head] == 1
		head += 2
		for range 2 { // language tag, translated keyword
			i := bytes.IndexByte(b[head:], 0)
			if i < 0 {
				return nil, fmt.Errorf("iTXt chunk lacks its language fields")
			}
			head += i + 1
		}
	}
	text := b[head:]
	if compressed {
		var err error
		if text, err = inflate(text); err != nil {
			return nil, err
		}
	}
	var out []byte
	var err error
	if !bytes.HasPrefix(b, []byte("Raw profile type ")) {
		out, err = redactXMP(text, j.strip, &j.rep)
	} else {
		out, err = j.redactRawProfile(text)
	}
	if err != nil || out == nil {
		return nil, err
	}
	if compressed {
		if out, err = deflate(out); err != nil {
			return nil, err
		}
	}
	return append(bytes.Clone(b[:head]), out...), nil
}

// redactProfile redacts a metadata block by what its leading bytes show:
// a TIFF structure (with or without "Exif\0\0"), an XMP packet, or
// Photoshop resources or an IPTC stream (redactIPTCProfile). It
// returns the new block, of the same length, or nil when nothing changed.
func (j *job) redactProfile(p []byte) ([]byte, error) {
	k := 0
	if bytes.HasPrefix(p, jpegExifSig) {
		k = len(jpegExifSig)
	}
	if t := p[k:]; bytes.HasPrefix(t, []byte("II*\x00")) || bytes.HasPrefix(t, []byte("MM\x00*")) {
		edits, err := redactTIFF(bytes.NewReader(t), int64(len(t)), j.strip, false, &j.rep)
		if err != nil || len(edits) == 0 {
			return nil, err
		}
		var buf bytes.Buffer
		buf.Write(p[:k])
		if err := applyEdits(&buf, bytes.NewReader(t), int64(len(t)), edits); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
	if bytes.Contains(p, []byte("<x:xmpmeta")) || bytes.Contains(p, []byte("<x:xapmeta")) {
		return redactXMP(p, j.strip, &j.rep)
	}
	return j.redactIPTCProfile(p), nil
}

// redactIPTCProfile overwrites with spaces the IPTC datasets s.Fields
// names in a decoded profile (Photoshop resources or an IPTC stream, as
// ImageMagick keeps them in a PNG's text chunks), returning the new
// profile, of the same length, or nil when nothing changed.
func (j *job) redactIPTCProfile(p []byte) []byte {
	var out []byte
	for _, d := range extract.LocateIPTCProfile(p) {
		if !j.strip.field(d.Field) {
			continue
		}
		if out == nil {
			out = bytes.Clone(p)
		}
		copy(out[d.Value.Off:d.Value.Off+d.Value.N], bytes.Repeat([]byte{' '}, int(d.Value.N)))
		j.rep.applied(d.Field + " removed")
	}
	return out
}

// inflate decompresses zlib data up to maxPNGMeta bytes.
func inflate(b []byte) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("inflate text: %w", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, maxPNGMeta+1))
	if err != nil {
		return nil, fmt.Errorf("inflate text: %w", err)
	}
	if len(out) > maxPNGMeta {
		return nil, fmt.Errorf("inflated text is over %d bytes", maxPNGMeta)
	}
	return out, nil
}

func deflate(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		return nil, fmt.Errorf("deflate text: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("deflate text: %w", err)
	}
	return buf.Bytes(), nil
}

package redact

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
)

// maxEmbeddedJPEGs bounds how many appended images one file may hold.
const maxEmbeddedJPEGs = 16

// embeddedJPEGs finds the end of the image whose first scan marker is at
// sos, then redacts each JPEG that follows it in the file. The search is
// best effort: bytes after the image that only look like a JPEG, or an
// image that cannot be walked, are reported in Kept and left as they are.
func (j *job) embeddedJPEGs(sos int64) {
	end := j.jpegEnd(sos)
	for n := 0; end > 0 && n < maxEmbeddedJPEGs; n++ {
		off := j.find([]byte{0xFF, 0xD8, 0xFF}, end)
		if off < 0 {
			return
		}
		edits, applied := len(j.edits), len(j.rep.Applied)
		sos, err := j.jpegHeader(off)
		if err != nil {
			j.edits, j.rep.Applied = j.edits[:edits], j.rep.Applied[:applied]
			j.rep.kept(fmt.Sprintf("jpeg: bytes at offset %d that look like an embedded image were not redacted: %v", off, err))
			end = off + 3
			continue
		}
		end = j.jpegEnd(sos)
	}
}

// jpegEnd walks the scans of an image from the start-of-scan marker at
// pos to its end-of-image marker and returns the offset after it, or -1
// when the image is truncated or damaged (nothing after it is searched).
func (j *job) jpegEnd(pos int64) int64 {
	if pos < 0 {
		return -1
	}
	var hdr [4]byte
	for i := 0; i < maxJPEGSegments; i++ {
		if readAt(j.r, hdr[:2], pos) != nil || hdr[0] != 0xFF {
			return -1
		}
		switch m := hdr[1]; {
		case m == 0xD9:
			return pos + 2
		case m == 0xFF:
			pos++
			continue
		case m == 0x01 || (m >= 0xD0 && m <= 0xD7):
			pos += 2
			continue
		}
		if readAt(j.r, hdr[2:4], pos+2) != nil {
			return -1
		}
		segLen := int64(binary.BigEndian.Uint16(hdr[2:4]))
		if segLen < 2 || pos+2+segLen > j.size {
			return -1
		}
		next := pos + 2 + segLen
		if hdr[1] == 0xDA {
			next = j.scanEntropy(next)
		}
		if next < 0 {
			return -1
		}
		pos = next
	}
	return -1
}

// scanEntropy returns the offset of the first marker at or after pos
// that is not part of entropy-coded data (a stuffed 0xFF00, a restart
// marker or fill), or -1 at the end of the file.
func (j *job) scanEntropy(pos int64) int64 {
	buf := make([]byte, 64<<10)
	for pos < j.size {
		n, err := j.r.ReadAt(buf[:min(int64(len(buf)), j.size-pos)], pos)
		if n < 2 {
			return -1
		}
		b := buf[:n]
		for i := 0; i+1 < len(b); {
			k := bytes.IndexByte(b[i:len(b)-1], 0xFF)
			if k < 0 {
				break
			}
			i += k
			if m := b[i+1]; m != 0x00 && m != 0xFF && (m < 0xD0 || m > 0xD7) {
				return pos + int64(i)
			}
			i++
		}
		if err != nil && err != io.EOF {
			return -1
		}
		pos += int64(n) - 1 // the last byte may start a marker
	}
	return -1
}

// find returns the offset of the first sig at or after pos, or -1.
func (j *job) find(sig []byte, pos int64) int64 {
	buf := make([]byte, 64<<10)
	for pos < j.size {
		n, _ := j.r.ReadAt(buf[:min(int64(len(buf)), j.size-pos)], pos)
		if n < len(sig) {
			return -1
		}
		if k := bytes.Index(buf[:n], sig); k >= 0 {
			return pos + int64(k)
		}
		pos += int64(n - len(sig) + 1)
	}
	return -1
}

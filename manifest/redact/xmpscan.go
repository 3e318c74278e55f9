package redact

import (
	"bytes"
	"fmt"
	"io"
)

// xmpScanWindow is how much of a file's head and tail the XMP extractor
// searches for packets no container structure points at; the redactor
// searches the same windows.
const xmpScanWindow = 64 << 10

// Markers that open and close an XMP packet ("xapmeta" is what writers
// before 2002 emitted).
var xmpMarkers = [][2][]byte{
	{[]byte("<x:xmpmeta"), []byte("</x:xmpmeta>")},
	{[]byte("<x:xapmeta"), []byte("</x:xapmeta>")},
}

// scanXMP blanks properties in the complete XMP packets found in the
// first and last xmpScanWindow bytes of the file, wherever they sit: in
// a JPEG comment, an unknown box, a trailer. Formats whose blocks carry
// checksums (PNG) find their packets by walking instead.
func (j *job) scanXMP() error {
	head := min(j.size, xmpScanWindow)
	if err := j.scanXMPWindow(0, head); err != nil {
		return err
	}
	if tail := max(head, j.size-xmpScanWindow); tail < j.size {
		return j.scanXMPWindow(tail, j.size-tail)
	}
	return nil
}

func (j *job) scanXMPWindow(off, n int64) error {
	b, err := readBlock(j.r, off, n, xmpScanWindow, "xmp scan window")
	if err != nil {
		return err
	}
	for _, m := range xmpMarkers {
		for i := 0; ; {
			k := bytes.Index(b[i:], m[0])
			if k < 0 {
				break
			}
			e := bytes.Index(b[i+k:], m[1])
			if e < 0 {
				break
			}
			start, end := i+k, i+k+e+len(m[1])
			out, err := redactXMP(b[start:end], j.strip, &j.rep)
			if err != nil {
				return fmt.Errorf("xmp packet at offset %d: %w", off+int64(start), err)
			}
			if out != nil {
				j.add(patch(off+int64(start), out))
			}
			i = end
		}
	}
	return nil
}

// maxXMPMisses bounds the packet openings scanXMPAll follows without
// finding their end, each a read of up to maxXMPPacket bytes.
const maxXMPMisses = 64

// scanXMPAll blanks properties in every complete XMP packet written
// anywhere in the file as it is (a PDF keeps its metadata stream
// uncompressed so that tools which do not read PDF can find it): a scan
// for each packet's opening, chunk by chunk, then a read of the packet.
func (j *job) scanXMPAll() error {
	const chunk = 1 << 20
	buf := make([]byte, chunk+16)
	misses := 0
	for off := int64(0); off < j.size; {
		n, err := j.r.ReadAt(buf[:min(int64(len(buf)), j.size-off)], off)
		if err != nil && err != io.EOF {
			return fmt.Errorf("read at offset %d: %w", off, err)
		}
		next := off + chunk
		for _, m := range xmpMarkers {
			k := bytes.Index(buf[:n], m[0])
			if k < 0 || int64(k) >= chunk {
				continue
			}
			start := off + int64(k)
			p, err := readBlock(j.r, start, min(j.size-start, maxXMPPacket), maxXMPPacket, "xmp packet")
			if err != nil {
				return err
			}
			e := bytes.Index(p, m[1])
			if e < 0 {
				if misses++; misses > maxXMPMisses {
					return fmt.Errorf("more than %d xmp packet openings without an end", maxXMPMisses)
				}
				next = min(next, start+int64(len(m[0])))
				continue
			}
			p = p[:e+len(m[1])]
			out, err := redactXMP(p, j.strip, &j.rep)
			if err != nil {
				return fmt.Errorf("xmp packet at offset %d: %w", start, err)
			}
			if out != nil {
				j.add(patch(start, out))
			}
			next = min(next, start+int64(len(p)))
		}
		off = next
	}
	return nil
}

package redact

import (
	"bytes"
	"fmt"
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

package redact

import (
	"bytes"
	"encoding/binary"
	"io"
	"runtime"
	"slices"
	"testing"
)

// virtualFile is a large file held as a small head and tail around a run
// of zeros, so a test can redact gigabytes without holding them.
type virtualFile struct {
	head, tail []byte
	size       int64
}

func (v virtualFile) ReadAt(p []byte, off int64) (int, error) {
	if off >= v.size {
		return 0, io.EOF
	}
	n := int(min(int64(len(p)), v.size-off))
	clear(p[:n])
	if off < int64(len(v.head)) {
		copy(p[:n], v.head[off:])
	}
	tailStart := v.size - int64(len(v.tail))
	if end := off + int64(n); end > tailStart {
		from := max(off, tailStart)
		copy(p[from-off:n], v.tail[from-tailStart:])
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// TestMetadataStreams redacts a 256 MiB movie whose moov box follows the
// media data and checks that memory does not grow with the file.
func TestMetadataStreams(t *testing.T) {
	const mdatSize = 256 << 20
	ftyp := mp4Box("ftyp", []byte("isom"), []byte{0, 0, 0, 0}, []byte("isom"))
	head := append(ftyp, binary.BigEndian.AppendUint32(nil, mdatSize)...)
	head = append(head, "mdat"...)
	xyz := append(binary.BigEndian.AppendUint16(nil, uint16(len(isoLocation))), 0x15, 0xC7)
	tail := mp4Box("moov", mp4Box("udta", mp4Box("\xa9xyz", append(xyz, isoLocation...))))
	f := virtualFile{head: head, tail: tail, size: int64(len(ftyp)) + mdatSize + int64(len(tail))}

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var tailOut tailWriter
	rep, err := Metadata(&tailOut, f, f.size, "video/mp4", all)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if tailOut.n != f.size || !slices.Contains(rep.Applied, "mp4:©xyz removed") {
		t.Fatalf("wrote %d of %d bytes, report %q", tailOut.n, f.size, rep.Applied)
	}
	if bytes.Contains(tailOut.last, []byte(isoLocation)) {
		t.Error("the location is still in the copy")
	}
	grew := after.TotalAlloc - before.TotalAlloc
	t.Logf("allocated %d bytes", grew)
	if grew > 8<<20 {
		t.Errorf("allocated %d bytes to redact a %d byte file", grew, f.size)
	}
}

// tailWriter counts what it is given and keeps the last 4 KiB.
type tailWriter struct {
	n    int64
	last []byte
}

func (w *tailWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	if len(p) >= 4096 {
		w.last = append(w.last[:0], p[len(p)-4096:]...)
		return len(p), nil
	}
	keep := w.last[max(0, len(w.last)+len(p)-4096):]
	w.last = append(append(make([]byte, 0, 4096), keep...), p...)
	return len(p), nil
}

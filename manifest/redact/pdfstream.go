package redact

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/adler32"
	"io"
	"slices"

	"github.com/consignhq/consign/pipeline/extract"
)

// redactPDFMetadataStreams blanks the XMP properties s.Fields names in
// every metadata stream of a PDF compressed with FlateDecode (alone,
// without decode parameters): the stream is inflated, its packet blanked
// as any other, and deflated again to exactly its old length, so that
// the stream's /Length and every cross-reference offset stay; the copy's
// stream inflates to the blanked packet. A stream that cannot be made to
// fit is left as it is, and the check after the edits reports its
// properties kept.
func (j *job) redactPDFMetadataStreams() error {
	streams, err := extract.LocatePDFMetadataStreams(j.r, j.size)
	if err != nil {
		return err
	}
	for _, s := range streams {
		if s.Params || !slices.Equal(s.Filters, []string{"FlateDecode"}) || s.Data.N > maxXMPPacket {
			continue
		}
		data, err := readBlock(j.r, s.Data.Off, s.Data.N, maxXMPPacket, "pdf metadata stream")
		if err != nil {
			return err
		}
		packet, err := inflateLimit(data, maxXMPPacket)
		if err != nil {
			continue // not a stream this reader can inflate: left as it is
		}
		out, err := redactXMP(packet, j.strip, &j.rep)
		if err != nil || out == nil {
			continue
		}
		if fit, ok := deflateTo(out, len(data)); ok {
			j.add(patch(s.Data.Off, fit))
		}
	}
	return nil
}

// inflateLimit inflates zlib data of at most limit bytes.
func inflateLimit(b []byte, limit int64) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("inflates past %d bytes", limit)
	}
	return out, nil
}

// deflateTo compresses b as a zlib stream of exactly n bytes: its first
// m bytes deflated and flushed, the rest in stored blocks, with m chosen
// so the lengths add up (a stored byte costs one, a deflated one less).
// It reports false when no m fits at any compression level.
func deflateTo(b []byte, n int) ([]byte, bool) {
	for _, level := range []int{flate.BestCompression, flate.DefaultCompression, flate.BestSpeed} {
		size := func(m int) int { return len(deflateSplit(b, m, level)) }
		// size falls, roughly by one, as m grows: find where it crosses n,
		// then look around it for an exact fit.
		lo, hi := 0, len(b)
		if size(hi) > n || size(lo) < n {
			continue
		}
		for hi-lo > 1 {
			mid := (lo + hi) / 2
			if size(mid) >= n {
				lo = mid
			} else {
				hi = mid
			}
		}
		for m := max(0, lo-64); m <= min(len(b), lo+64); m++ {
			if out := deflateSplit(b, m, level); len(out) == n && inflatesTo(out, b) {
				return out, true
			}
		}
	}
	return nil, false
}

// deflateSplit is a zlib stream of b: b[:m] deflated at level and
// flushed to a byte boundary, then b[m:] in stored blocks, the last
// final, then the Adler-32 checksum.
func deflateSplit(b []byte, m, level int) []byte {
	var out bytes.Buffer
	out.Write([]byte{0x78, 0xDA}) // deflate, 32 KiB window; check bits for 0xDA
	fw, _ := flate.NewWriter(&out, level)
	fw.Write(b[:m])
	fw.Flush()
	rest := b[m:]
	for {
		k := min(len(rest), 0xFFFF)
		final := byte(0)
		if k == len(rest) {
			final = 1
		}
		out.WriteByte(final)
		binary.Write(&out, binary.LittleEndian, uint16(k))
		binary.Write(&out, binary.LittleEndian, ^uint16(k))
		out.Write(rest[:k])
		rest = rest[k:]
		if final == 1 {
			break
		}
	}
	binary.Write(&out, binary.BigEndian, adler32.Checksum(b))
	return out.Bytes()
}

// inflatesTo reports whether the zlib stream z inflates to b.
func inflatesTo(z, b []byte) bool {
	got, err := inflateLimit(z, int64(len(b)))
	return err == nil && bytes.Equal(got, b)
}

package extract

import (
	"bytes"
	"fmt"
	"io"
)

// oggCommentEnd demuxes the start of an Ogg stream until the Vorbis or Opus
// comment packet is complete, validates it, and returns the offset just past
// the page that completes it: the library never needs to read further.
func oggCommentEnd(r io.ReaderAt, size int64) (int64, error) {
	c, err := demuxOggComment(r, size)
	if err != nil {
		return 0, err
	}
	return c.end, nil
}

// oggComment is the comment packet of an Ogg stream as demuxed: its
// bytes, where each segment of them lies in the file, and the pages that
// hold them.
type oggComment struct {
	packet []byte
	sig    int         // length of the packet's signature ("\x03vorbis", "OpusTags")
	segs   []FileRange // the packet's bytes in the file, in order
	pages  []FileRange // the pages they lie in
	end    int64       // offset past the page that completes the packet
}

// demuxOggComment reads pages from the start of an Ogg stream until the
// Vorbis or Opus comment packet is complete, and validates it.
func demuxOggComment(r io.ReaderAt, size int64) (*oggComment, error) {
	limit := min(size, maxOggScan)
	off := int64(0)
	var pkt bytes.Buffer
	var segs, pages []FileRange
	packets := 0
	var hdr [27]byte
	var segTable [255]byte
	for off < limit {
		if _, err := r.ReadAt(hdr[:], off); err != nil {
			return nil, fmt.Errorf("read ogg page at offset %d: %w", off, err)
		}
		if string(hdr[:4]) != "OggS" {
			return nil, fmt.Errorf("ogg page at offset %d has no capture pattern", off)
		}
		ns := int(hdr[26])
		if _, err := r.ReadAt(segTable[:ns], off+27); err != nil {
			return nil, fmt.Errorf("read ogg segment table at offset %d: %w", off+27, err)
		}
		page := FileRange{Off: off, N: pageEnd(off, segTable[:ns]) - off}
		data := off + 27 + int64(ns)
		for _, s := range segTable[:ns] {
			if data+int64(s) > size {
				return nil, fmt.Errorf("ogg segment at offset %d runs past the file end: %w", data, errTagBounds)
			}
			if int64(pkt.Len())+int64(s) > maxVorbisComment {
				return nil, fmt.Errorf("ogg packet over %d bytes: %w", maxVorbisComment, errTagBounds)
			}
			if _, err := io.Copy(&pkt, io.NewSectionReader(r, data, int64(s))); err != nil {
				return nil, fmt.Errorf("read ogg segment at offset %d: %w", data, err)
			}
			segs = append(segs, FileRange{Off: data, N: int64(s)})
			if len(pages) == 0 || pages[len(pages)-1] != page {
				pages = append(pages, page)
			}
			data += int64(s)
			if s == 255 {
				continue
			}
			b := pkt.Bytes()
			for _, sig := range []string{"\x03vorbis", "OpusTags"} {
				if bytes.HasPrefix(b, []byte(sig)) {
					body := b[len(sig):]
					if err := checkVorbisComment(bytes.NewReader(body), int64(len(body))); err != nil {
						return nil, fmt.Errorf("ogg comment packet: %w", err)
					}
					return &oggComment{packet: b, sig: len(sig), segs: segs, pages: pages, end: page.Off + page.N}, nil
				}
			}
			pkt.Reset()
			segs, pages = segs[:0], pages[:0]
			if packets++; packets >= maxOggPackets {
				return nil, errNoTags
			}
		}
		off = data
	}
	return nil, errNoTags
}

// LocateOggComments finds the values of an Ogg stream's Vorbis or Opus
// comments ("vorbis:ARTIST") where the audio extractor reads them, in
// the comment packet: a value the stream's pages cut in two is given as
// two ranges of the same field. It also gives the pages that hold the
// packet, whose checksums an edit must make again.
func LocateOggComments(r io.ReaderAt, size int64) (values []FieldRange, pages []FileRange, err error) {
	c, err := demuxOggComment(r, size)
	if err != nil {
		return nil, nil, err
	}
	for _, v := range vorbisValues(c.packet[c.sig:], int64(c.sig)) {
		values = append(values, c.fileRanges(v)...)
	}
	return values, c.pages, nil
}

// fileRanges maps a range of the packet to the file, one range for each
// segment it lies in, joined where segments follow each other.
func (c *oggComment) fileRanges(v FieldRange) []FieldRange {
	var out []FieldRange
	start, end := v.Value.Off, v.Value.Off+v.Value.N
	var pos int64
	for _, s := range c.segs {
		lo, hi := max(start, pos), min(end, pos+s.N)
		if lo < hi {
			fr := FileRange{Off: s.Off + lo - pos, N: hi - lo}
			if k := len(out) - 1; k >= 0 && out[k].Value.Off+out[k].Value.N == fr.Off {
				out[k].Value.N += fr.N
			} else {
				out = append(out, FieldRange{v.Field, fr})
			}
		}
		pos += s.N
	}
	return out
}

// OggChecksum is the CRC-32 of an Ogg page (polynomial 0x04C11DB7, not
// reflected, no initial or final inversion), computed with the page's
// own checksum field, at offset 22, taken as zero.
func OggChecksum(page []byte) uint32 {
	var crc uint32
	for i, b := range page {
		if i >= 22 && i < 26 {
			b = 0
		}
		crc = crc<<8 ^ oggCRCTable[byte(crc>>24)^b]
	}
	return crc
}

var oggCRCTable = func() (t [256]uint32) {
	for i := range t {
		c := uint32(i) << 24
		for range 8 {
			if c&0x80000000 != 0 {
				c = c<<1 ^ 0x04C11DB7
			} else {
				c <<= 1
			}
		}
		t[i] = c
	}
	return t
}()

func pageEnd(off int64, segs []byte) int64 {
	end := off + 27 + int64(len(segs))
	for _, s := range segs {
		end += int64(s)
	}
	return end
}

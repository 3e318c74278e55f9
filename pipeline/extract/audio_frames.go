package extract

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"strings"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// The tag library trusts every length it reads: a picture length of 4 GiB
// makes it allocate 4 GiB before it reads a byte. These checks walk the
// same structures first, with every length tested against what is left,
// and only a region that passes is handed to the library.
const (
	maxID3v2Size     = 16 << 20 // larger ID3v2 tags are refused
	maxVorbisComment = 16 << 20 // larger Vorbis comment packets are refused
	maxFLACBlocks    = 1024     // metadata blocks before the audio frames
	maxOggScan       = 16 << 20 // bytes of an Ogg stream searched for the comment packet
	maxOggPackets    = 16       // packets read before giving up on finding the comments
)

// errTagBounds marks a length field that points outside its container.
var errTagBounds = bmff.ErrBounds

// fieldReader reads fixed-size fields from a stream of known length and
// refuses any length that runs past it.
type fieldReader struct {
	r    io.Reader
	left int64
	buf  [4]byte
}

func (f *fieldReader) u32(order binary.ByteOrder) (uint32, error) {
	if f.left < 4 {
		return 0, fmt.Errorf("4-byte field with %d bytes left: %w", f.left, errTagBounds)
	}
	if _, err := io.ReadFull(f.r, f.buf[:]); err != nil {
		return 0, err
	}
	f.left -= 4
	return order.Uint32(f.buf[:]), nil
}

func (f *fieldReader) skip(n int64) error {
	if n < 0 || n > f.left {
		return fmt.Errorf("%d-byte field with %d bytes left: %w", n, f.left, errTagBounds)
	}
	if _, err := io.CopyN(io.Discard, f.r, n); err != nil {
		return err
	}
	f.left -= n
	return nil
}

// checkVorbisComment validates a Vorbis comment body (after the packet
// type and "vorbis" or "OpusTags" signature) of n bytes, including any
// base64 METADATA_BLOCK_PICTURE it holds.
func checkVorbisComment(r io.Reader, n int64) error {
	f := &fieldReader{r: r, left: n}
	vendor, err := f.u32(binary.LittleEndian)
	if err != nil {
		return fmt.Errorf("vorbis vendor length: %w", err)
	}
	if err := f.skip(int64(vendor)); err != nil {
		return fmt.Errorf("vorbis vendor: %w", err)
	}
	count, err := f.u32(binary.LittleEndian)
	if err != nil {
		return fmt.Errorf("vorbis comment count: %w", err)
	}
	if int64(count) > f.left/4 {
		return fmt.Errorf("vorbis comment count %d in %d bytes: %w", count, f.left, errTagBounds)
	}
	const key = "metadata_block_picture="
	for i := uint32(0); i < count; i++ {
		l, err := f.u32(binary.LittleEndian)
		if err != nil {
			return fmt.Errorf("vorbis comment %d length: %w", i, err)
		}
		if int64(l) > f.left {
			return fmt.Errorf("vorbis comment %d of %d bytes with %d left: %w", i, l, f.left, errTagBounds)
		}
		lr := io.LimitReader(f.r, int64(l))
		br := bufio.NewReaderSize(lr, 64)
		p, _ := br.Peek(len(key))
		if strings.EqualFold(string(p), key) {
			_, _ = br.Discard(len(key))
			raw := int64(l) - int64(len(key))
			dec := base64.NewDecoder(base64.StdEncoding, br)
			if err := checkPicture(dec, raw*3/4); err != nil {
				return fmt.Errorf("vorbis picture comment: %w", err)
			}
		}
		if _, err := io.Copy(io.Discard, br); err != nil {
			return err
		}
		f.left -= int64(l)
	}
	return nil
}

// checkPicture validates a FLAC picture structure of at most n bytes: the
// MIME type, description and picture data must each fit in what is left.
func checkPicture(r io.Reader, n int64) error {
	f := &fieldReader{r: r, left: n}
	if _, err := f.u32(binary.BigEndian); err != nil {
		return fmt.Errorf("picture type: %w", err)
	}
	for _, what := range []string{"mime type", "description"} {
		l, err := f.u32(binary.BigEndian)
		if err != nil {
			return fmt.Errorf("picture %s length: %w", what, err)
		}
		if err := f.skip(int64(l)); err != nil {
			return fmt.Errorf("picture %s: %w", what, err)
		}
	}
	if err := f.skip(16); err != nil {
		return fmt.Errorf("picture dimensions: %w", err)
	}
	l, err := f.u32(binary.BigEndian)
	if err != nil {
		return fmt.Errorf("picture data length: %w", err)
	}
	if int64(l) > f.left {
		return fmt.Errorf("picture data of %d bytes with %d left: %w", l, f.left, errTagBounds)
	}
	return nil
}

// flacLayout is what the walk over FLAC metadata blocks learns.
type flacLayout struct {
	end      int64   // offset just past the last metadata block
	duration float64 // seconds, from STREAMINFO; 0 when unknown
}

// checkFLAC walks the metadata blocks of a FLAC stream, validating the
// lengths of every block against the file and of the Vorbis comment and
// picture blocks against their own contents.
func checkFLAC(r io.ReaderAt, size int64) (flacLayout, error) {
	var lay flacLayout
	off := int64(4)
	var hdr [4]byte
	for i := 0; ; i++ {
		if i >= maxFLACBlocks {
			return lay, fmt.Errorf("flac: more than %d metadata blocks", maxFLACBlocks)
		}
		if _, err := r.ReadAt(hdr[:], off); err != nil {
			return lay, fmt.Errorf("read flac block header at offset %d: %w", off, err)
		}
		last := hdr[0]&0x80 != 0
		typ := hdr[0] & 0x7f
		n := int64(hdr[1])<<16 | int64(hdr[2])<<8 | int64(hdr[3])
		body := off + 4
		if body+n > size {
			return lay, fmt.Errorf("flac block %d at offset %d claims %d bytes, file has %d: %w", typ, off, n, size-body, errTagBounds)
		}
		sec := io.NewSectionReader(r, body, n)
		switch typ {
		case 0:
			lay.duration = streamInfoDuration(sec, n)
		case 4:
			if err := checkVorbisComment(bufio.NewReaderSize(sec, smallReadBuffer(n)), n); err != nil {
				return lay, fmt.Errorf("flac vorbis comment at offset %d: %w", off, err)
			}
		case 6:
			if err := checkPicture(bufio.NewReaderSize(sec, smallReadBuffer(n)), n); err != nil {
				return lay, fmt.Errorf("flac picture at offset %d: %w", off, err)
			}
		}
		off = body + n
		if last {
			lay.end = off
			return lay, nil
		}
	}
}

// streamInfoDuration reads total samples over sample rate from STREAMINFO.
func streamInfoDuration(r io.Reader, n int64) float64 {
	if n < 34 {
		return 0
	}
	var b [18]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return 0
	}
	rate := uint32(b[10])<<12 | uint32(b[11])<<4 | uint32(b[12])>>4
	total := uint64(b[13]&0x0f)<<32 | uint64(binary.BigEndian.Uint32(b[14:18]))
	if rate == 0 || total == 0 {
		return 0
	}
	return float64(total) / float64(rate)
}

// LocateFLACComments finds the values of a FLAC stream's Vorbis comments
// ("vorbis:ARTIST"), where the audio extractor reads them: each the bytes
// after the '=' of its "KEY=value" entry.
func LocateFLACComments(r io.ReaderAt, size int64) ([]FieldRange, error) {
	if _, err := checkFLAC(r, size); err != nil {
		return nil, err
	}
	var out []FieldRange
	off := int64(4)
	var hdr [4]byte
	for i := 0; i < maxFLACBlocks; i++ {
		if _, err := r.ReadAt(hdr[:], off); err != nil {
			return nil, fmt.Errorf("read flac block header at offset %d: %w", off, err)
		}
		n := int64(hdr[1])<<16 | int64(hdr[2])<<8 | int64(hdr[3])
		body := off + 4
		if hdr[0]&0x7f == 4 {
			b := make([]byte, n)
			if _, err := r.ReadAt(b, body); err != nil {
				return nil, fmt.Errorf("read flac vorbis comment at offset %d: %w", off, err)
			}
			out = append(out, vorbisValues(b, body)...)
		}
		off = body + n
		if hdr[0]&0x80 != 0 {
			break
		}
	}
	return out, nil
}

// vorbisValues places the values of the Vorbis comment block b, which
// starts at off in the file; checkVorbisComment has checked its lengths.
func vorbisValues(b []byte, off int64) []FieldRange {
	var out []FieldRange
	if len(b) < 4 {
		return nil
	}
	p := 4 + int(binary.LittleEndian.Uint32(b))
	if p+4 > len(b) {
		return nil
	}
	count := binary.LittleEndian.Uint32(b[p:])
	p += 4
	for k := uint32(0); k < count && p+4 <= len(b); k++ {
		n := int(binary.LittleEndian.Uint32(b[p:]))
		p += 4
		if n < 0 || n > len(b)-p {
			break
		}
		entry := b[p : p+n]
		if eq := bytes.IndexByte(entry, '='); eq > 0 {
			out = append(out, FieldRange{fieldName("vorbis", string(entry[:eq])), FileRange{off + int64(p+eq+1), int64(n - eq - 1)}})
		}
		p += n
	}
	return out
}

package main

import (
	"crypto/md5"
	"encoding/binary"
	"fmt"
)

// flacSpec describes a generated FLAC stream: mono, 16-bit, silent audio
// with Vorbis comments and an optional front-cover picture.
type flacSpec struct {
	SampleRate   int
	TotalSamples int
	Vendor       string
	Comments     []string // "KEY=value", in file order
	Picture      []byte   // JPEG front cover, PictureW×PictureH
	PictureW     int
	PictureH     int
}

// FLAC metadata block types (FLAC format, METADATA_BLOCK_HEADER).
const (
	flacStreamInfo    = 0
	flacVorbisComment = 4
	flacPicture       = 6
	flacBlockSize     = 4096
)

// flacBlock frames body as a metadata block; last marks the final block
// before the audio frames.
func flacBlock(typ byte, last bool, body []byte) []byte {
	if last {
		typ |= 0x80
	}
	n := len(body)
	return append([]byte{typ, byte(n >> 16), byte(n >> 8), byte(n)}, body...)
}

// streamInfo is the 34-byte STREAMINFO body. The MD5 is that of the
// decoded samples, which for silence is the MD5 of zero bytes.
func (s flacSpec) streamInfo(minFrame, maxFrame int) []byte {
	b := binary.BigEndian.AppendUint16(nil, flacBlockSize)
	b = binary.BigEndian.AppendUint16(b, flacBlockSize)
	b = append(b, byte(minFrame>>16), byte(minFrame>>8), byte(minFrame))
	b = append(b, byte(maxFrame>>16), byte(maxFrame>>8), byte(maxFrame))
	// 20 bits rate, 3 bits channels-1 (0: mono), 5 bits bps-1 (15), 36 bits samples.
	packed := uint64(s.SampleRate)<<44 | uint64(0)<<41 | uint64(15)<<36 | uint64(s.TotalSamples)
	b = binary.BigEndian.AppendUint64(b, packed)
	h := md5.New()
	zero := make([]byte, 4096)
	for left := s.TotalSamples * 2; left > 0; left -= len(zero) {
		h.Write(zero[:min(left, len(zero))])
	}
	return h.Sum(b)
}

// vorbisComment is the VORBIS_COMMENT body; unlike the rest of FLAC its
// lengths are little-endian.
func (s flacSpec) vorbisComment() []byte {
	b := binary.LittleEndian.AppendUint32(nil, uint32(len(s.Vendor)))
	b = append(b, s.Vendor...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(s.Comments)))
	for _, c := range s.Comments {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(c)))
		b = append(b, c...)
	}
	return b
}

// picture is the PICTURE body for a front cover (type 3).
func (s flacSpec) picture() []byte {
	be := binary.BigEndian
	b := be.AppendUint32(nil, 3)
	b = be.AppendUint32(b, uint32(len("image/jpeg")))
	b = append(b, "image/jpeg"...)
	b = be.AppendUint32(b, 0) // empty description
	b = be.AppendUint32(b, uint32(s.PictureW))
	b = be.AppendUint32(b, uint32(s.PictureH))
	b = be.AppendUint32(b, 24) // colour depth
	b = be.AppendUint32(b, 0)  // not indexed
	b = be.AppendUint32(b, uint32(len(s.Picture)))
	return append(b, s.Picture...)
}

// flacUTF8 codes a frame number the way FLAC extends UTF-8 to 36 bits.
func flacUTF8(n uint64) []byte {
	if n < 0x80 {
		return []byte{byte(n)}
	}
	k := 1 // continuation bytes
	for n >= 1<<(5*k+6) {
		k++
	}
	out := []byte{byte(0xFF<<(7-k)) | byte(n>>(6*k))}
	for i := k - 1; i >= 0; i-- {
		out = append(out, 0x80|byte(n>>(6*i)&0x3F))
	}
	return out
}

// crc8 and crc16 are the MSB-first CRCs FLAC frames carry (polynomials
// 0x07 and 0x8005, initial value zero).
func crc8(b []byte) byte {
	var c byte
	for _, v := range b {
		c ^= v
		for range 8 {
			if c&0x80 != 0 {
				c = c<<1 ^ 0x07
			} else {
				c <<= 1
			}
		}
	}
	return c
}

func crc16(b []byte) uint16 {
	var c uint16
	for _, v := range b {
		c ^= uint16(v) << 8
		for range 8 {
			if c&0x8000 != 0 {
				c = c<<1 ^ 0x8005
			} else {
				c <<= 1
			}
		}
	}
	return c
}

// frame is one fixed-blocksize audio frame holding a CONSTANT zero
// subframe: the smallest valid encoding of silence.
func (s flacSpec) frame(number uint64, samples int) []byte {
	rateCode := byte(0) // take the rate from STREAMINFO
	switch s.SampleRate {
	case 44100:
		rateCode = 9
	case 48000:
		rateCode = 10
	}
	sizeCode := byte(12) // 256 * 2^(12-8) = 4096
	if samples != flacBlockSize {
		sizeCode = 7 // 16-bit (blocksize-1) follows the frame number
	}
	f := []byte{0xFF, 0xF8, sizeCode<<4 | rateCode, 0x08} // mono, 16 bits
	f = append(f, flacUTF8(number)...)
	if sizeCode == 7 {
		f = binary.BigEndian.AppendUint16(f, uint16(samples-1))
	}
	f = append(f, crc8(f))
	f = append(f, 0x00, 0x00, 0x00) // CONSTANT subframe, value 0
	return binary.BigEndian.AppendUint16(f, crc16(f))
}

// flacBytes builds the whole file: marker, metadata blocks, audio frames.
func flacBytes(s flacSpec) ([]byte, error) {
	if s.SampleRate <= 0 || s.SampleRate >= 1<<20 || s.TotalSamples <= 0 {
		return nil, fmt.Errorf("flac: bad rate %d or sample count %d", s.SampleRate, s.TotalSamples)
	}
	var frames []byte
	minFrame, maxFrame := 1<<24-1, 0
	for n, done := uint64(0), 0; done < s.TotalSamples; n++ {
		samples := min(flacBlockSize, s.TotalSamples-done)
		f := s.frame(n, samples)
		minFrame, maxFrame = min(minFrame, len(f)), max(maxFrame, len(f))
		frames = append(frames, f...)
		done += samples
	}
	out := append([]byte("fLaC"), flacBlock(flacStreamInfo, false, s.streamInfo(minFrame, maxFrame))...)
	out = append(out, flacBlock(flacVorbisComment, len(s.Picture) == 0, s.vorbisComment())...)
	if len(s.Picture) > 0 {
		out = append(out, flacBlock(flacPicture, true, s.picture())...)
	}
	return append(out, frames...), nil
}

// writeFLAC writes the FLAC file described by s to path.
func writeFLAC(path string, s flacSpec) error {
	b, err := flacBytes(s)
	if err != nil {
		return fmt.Errorf("build %s: %w", path, err)
	}
	return writeFile(path, b)
}

package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/consignhq/consign/pipeline/extract/bmff"

	"github.com/dhowden/tag"
)

// maxMP4TagRegion bounds the moov/udta box handed to the tag library.
const maxMP4TagRegion = 16 << 20

// errNoTags means the file carries no tag block the audio reader knows.
var errNoTags = errors.New("no audio tags")

// Audio reads the tags of MP3 (ID3v1, ID3v2.2-2.4), FLAC, Ogg Vorbis and
// Opus, M4A and DSF files, and the ID3 chunk of WAV and AIFF files, with
// github.com/dhowden/tag, and the APEv2 tags
// of Monkey's Audio, Musepack and WavPack files (audio_ape.go). The library is
// never given the whole file: each format's tag region is located and its
// length fields validated first (see audio_frames.go and audio_id3.go),
// and the library reads only that region.
type Audio struct{}

var _ Extractor = Audio{}

// NewAudio returns the audio tag extractor.
func NewAudio() Extractor { return Audio{} }

// Name implements Extractor.
func (Audio) Name() string { return "audio" }

// Applies implements Extractor: audio by sniffed kind, plus DSF, which the
// sniffer does not know.
func (Audio) Applies(src *Source) bool {
	return src.Kind == KindAudio || bytes.HasPrefix(src.Head, []byte("DSD "))
}

// tagRegion is the part of a file the library may read and how to read it.
type tagRegion struct {
	r        *io.SectionReader
	read     func(io.ReadSeeker) (tag.Metadata, error)
	duration float64
}

// Extract implements Extractor.
func (Audio) Extract(ctx context.Context, src *Source, res *Result) error {
	reg, err := locateTags(src)
	if reg.duration > 0 {
		// Known from the stream header even when the tags are broken.
		res.SetTag("duration", formatSeconds(reg.duration))
	}
	if errors.Is(err, errNoTags) {
		return nil
	}
	if err != nil {
		return err
	}
	m, err := readTagsSafely(reg)
	if err != nil {
		return fmt.Errorf("read audio tags: %w", err)
	}
	recordAudioTags(m, res)
	return nil
}

// readTagsSafely turns a library panic into an error here rather than
// leaving it to Run, so the duration and other findings already recorded
// stay next to a precise message.
func readTagsSafely(reg tagRegion) (m tag.Metadata, err error) {
	defer func() {
		if p := recover(); p != nil {
			m, err = nil, fmt.Errorf("tag library panic: %v", p)
		}
	}()
	return reg.read(reg.r)
}

// locateTags finds and validates the tag region of src by its magic bytes.
func locateTags(src *Source) (tagRegion, error) {
	h := src.Head
	switch {
	case bytes.HasPrefix(h, []byte("ID3")):
		n, err := checkID3v2(src.R, 0, src.Size)
		if err != nil {
			return tagRegion{}, err
		}
		return tagRegion{r: io.NewSectionReader(src.R, 0, n), read: tag.ReadID3v2Tags}, nil
	case bytes.HasPrefix(h, []byte("fLaC")):
		lay, err := checkFLAC(src.R, src.Size)
		if err != nil {
			return tagRegion{duration: lay.duration}, err
		}
		return tagRegion{r: io.NewSectionReader(src.R, 0, lay.end), read: tag.ReadFLACTags, duration: lay.duration}, nil
	case bytes.HasPrefix(h, []byte("OggS")):
		end, err := oggCommentEnd(src.R, src.Size)
		if err != nil {
			return tagRegion{}, err
		}
		return tagRegion{r: io.NewSectionReader(src.R, 0, end), read: readOgg}, nil
	case len(h) >= 8 && string(h[4:8]) == "ftyp":
		return locateMP4Tags(src)
	case bytes.HasPrefix(h, []byte("DSD ")):
		return locateDSFTags(src)
	}
	if len(h) >= 12 && string(h[:4]) == "RIFF" && string(h[8:12]) == "WAVE" || isAIFF(h) {
		if reg, err := locateChunkID3(src); !errors.Is(err, errNoTags) {
			return reg, err
		}
	}
	if reg, err := locateAPETags(src); !errors.Is(err, errNoTags) {
		return reg, err
	}
	return locateID3v1(src)
}

func readOgg(r io.ReadSeeker) (tag.Metadata, error) { return tag.ReadOGGTags(r) }

// locateMP4Tags hands the library only moov/udta, after checking that every
// box inside it fits in its parent.
func locateMP4Tags(src *Source) (tagRegion, error) {
	w := &bmff.Walker{R: src.R}
	udta, ok, err := w.Find(0, src.Size, "moov", "udta")
	if err != nil {
		return tagRegion{}, err
	}
	if !ok {
		return tagRegion{}, errNoTags
	}
	if udta.Size > maxMP4TagRegion {
		return tagRegion{}, fmt.Errorf("mp4 udta box of %d bytes is over the %d byte limit", udta.Size, maxMP4TagRegion)
	}
	if err := validateBoxes(w, udta, 1); err != nil {
		return tagRegion{}, err
	}
	return tagRegion{r: io.NewSectionReader(src.R, udta.Off, udta.Size), read: tag.ReadAtoms}, nil
}

// locateDSFTags follows the DSF header's pointer to its ID3v2 tag.
func locateDSFTags(src *Source) (tagRegion, error) {
	if len(src.Head) < 28 {
		return tagRegion{}, errNoTags
	}
	ptr := int64(leUint64(src.Head[20:28]))
	if ptr == 0 {
		return tagRegion{}, errNoTags
	}
	if ptr < 0 || ptr > src.Size-10 {
		return tagRegion{}, fmt.Errorf("dsf metadata pointer %d is outside the file: %w", ptr, errTagBounds)
	}
	n, err := checkID3v2(src.R, ptr, src.Size)
	if err != nil {
		return tagRegion{}, err
	}
	return tagRegion{r: io.NewSectionReader(src.R, ptr, n), read: tag.ReadID3v2Tags}, nil
}

// locateID3v1 checks for the fixed 128-byte ID3v1 tag at the end.
func locateID3v1(src *Source) (tagRegion, error) {
	if src.Size < 128 {
		return tagRegion{}, errNoTags
	}
	var magic [3]byte
	if _, err := src.R.ReadAt(magic[:], src.Size-128); err != nil {
		return tagRegion{}, fmt.Errorf("read id3v1 tag at offset %d: %w", src.Size-128, err)
	}
	if string(magic[:]) != "TAG" {
		return tagRegion{}, errNoTags
	}
	// The library seeks 128 bytes back from the end of what it is given.
	return tagRegion{r: io.NewSectionReader(src.R, src.Size-128, 128), read: tag.ReadID3v1Tags}, nil
}

func leUint64(b []byte) uint64 {
	var n uint64
	for i := 7; i >= 0; i-- {
		n = n<<8 | uint64(b[i])
	}
	return n
}

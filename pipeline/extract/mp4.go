package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// MP4 reads ISO base media (MP4, M4V, M4A, 3GP) and QuickTime (MOV)
// containers by hand: the movie header (creation time, duration), track
// headers (frame size), the user-data atoms cameras and editors write
// (©xyz location, ©mak/©mod, 3GPP loci and cprt), QuickTime mdta metadata
// (com.apple.quicktime.*), the iTunes-style item list, and XMP in its uuid
// or XMP_ box.
//
// For audio files (kind audio, e.g. M4A) the item list is left to the
// Audio extractor, which runs first and reads it with the tag library; MP4
// then adds only what the library does not read (duration, movie header
// date, location). For video files MP4 reads the item list itself.
type MP4 struct{}

var _ Extractor = MP4{}

// NewMP4 returns the MP4 / QuickTime container extractor.
func NewMP4() Extractor { return MP4{} }

// Name implements Extractor.
func (MP4) Name() string { return "mp4" }

var mp4MediaTypes = map[string]bool{
	"video/mp4": true, "video/quicktime": true, "video/x-m4v": true, "video/3gpp": true,
	"video/3gpp2": true, "audio/mp4": true, "audio/x-m4a": true, "audio/x-m4b": true,
	"audio/3gpp": true, "audio/3gpp2": true, "video/x-mj2": true,
}

// Applies implements Extractor.
func (MP4) Applies(src *Source) bool {
	if mp4MediaTypes[src.MediaType] {
		return true
	}
	if (src.Kind == KindAudio || src.Kind == KindVideo) && len(src.Head) >= 8 {
		switch string(src.Head[4:8]) {
		case "ftyp", "moov", "mdat", "wide", "free":
			return true
		}
	}
	return false
}

// mp4Reader carries one file's walk.
type mp4Reader struct {
	w        *bmff.Walker
	src      *Source
	res      *Result
	readIlst bool // false for audio: the Audio extractor owns the item list
}

// Extract implements Extractor.
func (MP4) Extract(ctx context.Context, src *Source, res *Result) error {
	m := &mp4Reader{w: &bmff.Walker{R: src.R}, src: src, res: res, readIlst: src.Kind != KindAudio}
	top, err := m.w.Children(0, src.Size)
	if len(top) == 0 {
		if err != nil {
			return err
		}
		return errors.New("no mp4 boxes")
	}
	if err != nil {
		// Truncated recordings are common: keep what the boxes before the
		// bad one hold.
		res.Errorf("mp4 top-level boxes: %w", err)
	}
	for _, b := range top {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		switch {
		case b.Type == "ftyp" && b.DataLen() >= 4:
			var brand [4]byte
			if _, err := src.R.ReadAt(brand[:], b.DataOff()); err == nil {
				res.AddField("mp4:ftyp", string(bytes.TrimRight(brand[:], " \x00")))
			}
		case b.Type == "moov":
			m.moov(b)
		case b.Type == "uuid" && b.UUID == bmff.XMPUUID:
			m.xmp(b)
		}
	}
	return nil
}

func (m *mp4Reader) moov(moov bmff.Box) {
	kids, err := m.w.Children(moov.DataOff(), moov.End())
	if err != nil {
		m.res.Errorf("mp4 moov: %w", err)
	}
	for _, b := range kids {
		switch b.Type {
		case "mvhd":
			if err := m.mvhd(b); err != nil {
				m.res.Errorf("%w", err)
			}
		case "trak":
			m.trak(b)
		case "meta":
			m.meta(b, 2)
		case "uuid":
			if b.UUID == bmff.XMPUUID {
				m.xmp(b)
			}
		}
	}
	// QuickTime metadata (mdta keys, what phones write) goes first: the
	// first value set for a tag wins over the older user-data atoms.
	for _, b := range kids {
		if b.Type == "udta" {
			m.udta(b, 2)
		}
	}
}

// mp4Epoch is where movie header times count from.
var mp4Epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)

// mvhd reads the creation time and duration of the movie header.
func (m *mp4Reader) mvhd(b bmff.Box) error {
	p, err := bmff.ReadPayload(m.src.R, b, 128)
	if err != nil {
		return err
	}
	if len(p) == 0 {
		return fmt.Errorf("mp4 mvhd at offset %d is empty", b.Off)
	}
	var created, duration uint64
	var scale uint32
	switch {
	case len(p) >= 20 && p[0] == 0:
		created = uint64(binary.BigEndian.Uint32(p[4:8]))
		scale = binary.BigEndian.Uint32(p[12:16])
		duration = uint64(binary.BigEndian.Uint32(p[16:20]))
		if duration == 0xFFFFFFFF {
			duration = 0 // unknown
		}
	case len(p) >= 32 && p[0] == 1:
		created = binary.BigEndian.Uint64(p[4:12])
		scale = binary.BigEndian.Uint32(p[20:24])
		duration = binary.BigEndian.Uint64(p[24:32])
		if duration == ^uint64(0) {
			duration = 0
		}
	default:
		return fmt.Errorf("mp4 mvhd at offset %d: version %d in %d bytes", b.Off, p[0], len(p))
	}
	if scale > 0 && duration > 0 {
		m.res.SetTag("duration", formatSeconds(float64(duration)/float64(scale)))
	}
	if t, ok := movieTime(created); ok {
		m.res.AddField("mp4:mvhd.creation_time", t.Format(time.RFC3339))
		m.res.AddDate(Date{Time: t, HasZone: true, Source: "mp4:mvhd.creation_time", Rank: RankEmbedded})
	}
	return nil
}

// movieTime converts seconds since 1904 to a time, refusing the values
// that mean "not set": zero, and the Unix epoch that tools writing a
// 1970-based zero leave behind.
func movieTime(sec uint64) (time.Time, bool) {
	const unixEpoch = 2082844800 // 1970-01-01 in seconds since 1904
	if sec == 0 || sec == unixEpoch || sec > 400*366*86400 {
		return time.Time{}, false
	}
	return mp4Epoch.Add(time.Duration(sec) * time.Second), true
}

// trak records the frame size of the first track that has one.
func (m *mp4Reader) trak(trak bmff.Box) {
	tkhd, ok, err := m.w.Find(trak.DataOff(), trak.End(), "tkhd")
	if err != nil {
		m.res.Errorf("mp4 trak at offset %d: %w", trak.Off, err)
		return
	}
	if !ok {
		return
	}
	p, err := bmff.ReadPayload(m.src.R, tkhd, 128)
	if err != nil {
		m.res.Errorf("%w", err)
		return
	}
	// Width and height are the last 8 bytes: 16.16 fixed point.
	need := 84
	if len(p) > 0 && p[0] == 1 {
		need = 96
	}
	if len(p) < need {
		return
	}
	w := binary.BigEndian.Uint32(p[need-8:need-4]) >> 16
	h := binary.BigEndian.Uint32(p[need-4:need]) >> 16
	if w == 0 || h == 0 {
		return
	}
	if _, set := m.res.Tags["width"]; set {
		return
	}
	m.res.SetTag("width", strconv.FormatUint(uint64(w), 10))
	m.res.SetTag("height", strconv.FormatUint(uint64(h), 10))
}

// xmp hands an XMP packet from a uuid or XMP_ box to the XMP extractor.
func (m *mp4Reader) xmp(b bmff.Box) {
	p, err := bmff.ReadPayload(m.src.R, b, maxXMPSize)
	if err != nil {
		m.res.Errorf("mp4 xmp: %w", err)
		return
	}
	m.res.AddXMP(p)
}

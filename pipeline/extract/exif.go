package extract

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rwcarlsen/goexif/exif"
	"github.com/rwcarlsen/goexif/tiff"
)

// EXIF reads the EXIF block of JPEG, TIFF (and TIFF-based raw), PNG,
// WebP and HEIF/AVIF images: camera, lens, size, capture dates with their
// offsets, GPS position, and the people the file names (artist, owner,
// copyright holder) with the serial numbers that tie it to a camera.
type EXIF struct{}

var _ Extractor = EXIF{}

// NewEXIF returns the EXIF extractor.
func NewEXIF() Extractor { return EXIF{} }

// Name implements Extractor.
func (EXIF) Name() string { return "exif" }

// Applies implements Extractor: images, and anything whose leading bytes
// are a container we read (a DNG sniffed as octet-stream, say).
func (EXIF) Applies(src *Source) bool {
	return src.Kind == KindImage || imageFormat(src.Head) != ""
}

// Extract implements Extractor.
func (EXIF) Extract(ctx context.Context, src *Source, res *Result) error {
	blocks, err := locateImageBlocks(src)
	for _, p := range blocks.problems {
		res.Errorf("%w", p)
	}
	if err == nil && blocks.format == formatJPEG && blocks.scan > 0 {
		// Only this extractor follows the image data: the XMP and IPTC
		// extractors locate the same blocks and need not read it again.
		err = checkJPEGData(src, blocks.scan)
	}
	if err != nil {
		res.Errorf("read %s structure: %w", blocks.format, err)
	}
	var firstErr error
	if blocks.cr3 != nil {
		if err := decodeCR3(src, blocks.cr3, res); err != nil {
			firstErr = fmt.Errorf("exif: %w", err)
		}
	}
	for _, s := range blocks.exif {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		err := decodeEXIF(s.readerAt(src), s.n, res)
		if err == nil {
			break
		}
		if firstErr == nil {
			firstErr = fmt.Errorf("exif block at offset %d: %w", s.off, err)
		}
	}
	for _, s := range blocks.notes {
		r := s.readerAt(src)
		if d, err := readTIFFDirs(r, s.n); err == nil {
			recordMakerNote(r, s.n, d, res)
		}
	}
	for _, s := range blocks.gopro {
		// A JPEG segment is at most 64 KiB long.
		if b, err := s.bytes(src, 1<<16); err == nil {
			recordGoPro(b, res)
		}
	}
	if blocks.width > 0 && blocks.height > 0 {
		res.SetTag("width", strconv.Itoa(blocks.width))
		res.SetTag("height", strconv.Itoa(blocks.height))
	}
	return firstErr
}

// decodeEXIF walks the TIFF block of n bytes in r with our bounded
// walker, hands goexif the checked and repacked directories, and records
// what both find.
func decodeEXIF(r io.ReaderAt, n int64, res *Result) error {
	dirs, err := readTIFFDirs(r, n)
	if err != nil {
		return err
	}
	x, err := exif.Decode(bytes.NewReader(repackTIFF(dirs)))
	if err != nil && (x == nil || exif.IsCriticalError(err)) {
		return fmt.Errorf("decode exif: %w", err)
	}
	recordEXIF(x, dirs, res)
	recordMakerNote(r, n, dirs, res)
	for _, p := range dirs.problems {
		res.Errorf("exif: %w", p)
	}
	if dirs.dropped > 0 {
		res.Errorf("exif: %d directory entries point outside the %d byte block", dirs.dropped, n)
	}
	return nil
}

// exifText lists the string fields recorded as exif:<Name>, with the
// curated tag each one feeds.
var exifText = []struct {
	name exif.FieldName
	tag  string
}{
	{exif.Make, "camera_make"},
	{exif.Model, "camera_model"},
	{exif.LensMake, "lens_make"},
	{exif.LensModel, "lens_model"},
	{exif.Artist, "artist"},
	{exif.Copyright, "copyright"},
	{exif.Software, "software"},
	{exif.ImageDescription, "description"},
	{exif.ImageUniqueID, ""},
}

// exifRawText lists the fields goexif does not name, read from the raw
// directories: owner and serial numbers (EXIF 2.3; Adobe Camera Raw's
// 0xFDE8 and 0xFDE9; DNG's CameraSerialNumber) and the time offsets
// (EXIF 2.31) that make a capture time absolute.
var exifRawText = []struct {
	tag  uint16
	name string
	key  string
}{
	{0xA430, "CameraOwnerName", "owner_name"},
	{0xA431, "BodySerialNumber", "body_serial"},
	{0xA435, "LensSerialNumber", "lens_serial"},
	{0xFDE8, "OwnerName", "owner_name"},
	{0xFDE9, "SerialNumber", "body_serial"},
	{0xC62F, "CameraSerialNumber", "body_serial"},
	{0x9010, "OffsetTime", ""},
	{0x9011, "OffsetTimeOriginal", ""},
	{0x9012, "OffsetTimeDigitized", ""},
}

func recordEXIF(x *exif.Exif, d *tiffDirs, res *Result) {
	for _, f := range exifText {
		if v := exifString(x, f.name); v != "" {
			res.AddField("exif:"+string(f.name), v)
			if f.tag != "" && !(f.name == exif.ImageDescription && isCameraDefaultText(v)) {
				res.SetTag(f.tag, v)
			}
		}
	}
	for _, f := range exifRawText {
		// Writers disagree on the directory of the newer tags (DNG puts
		// its serial number in IFD0): the EXIF directory wins.
		v := asciiValue(d.exif, f.tag)
		if v == "" {
			v = asciiValue(d.ifd0, f.tag)
		}
		if v != "" {
			res.AddField("exif:"+f.name, v)
			if f.key != "" {
				res.SetTag(f.key, v)
			}
		}
	}
	for _, f := range []exif.FieldName{exif.UserComment, exif.XPAuthor, exif.XPTitle, exif.XPComment, exif.XPKeywords, exif.XPSubject} {
		if v := exifEncodedText(x, f); v != "" {
			res.AddField("exif:"+string(f), v)
		}
	}
	if v := exifEncodedText(x, exif.XPAuthor); v != "" {
		res.SetTag("artist", v)
	}
	recordEXIFSize(x, res)
	recordEXIFDates(x, d, res)
	recordEXIFGPS(x, res)
}

// isCameraDefaultText reports whether an ImageDescription is the text
// cameras write by default ("OLYMPUS DIGITAL CAMERA"), which describes
// nothing the creator said.
func isCameraDefaultText(v string) bool {
	return v == strings.ToUpper(v) && strings.Contains(v, "DIGITAL CAMERA")
}

// recordEXIFSize prefers the EXIF pixel dimensions (the image as stored)
// over IFD0's, which in a JPEG describe nothing and in a TIFF the image.
func recordEXIFSize(x *exif.Exif, res *Result) {
	w, wok := exifInt(x, exif.PixelXDimension)
	h, hok := exifInt(x, exif.PixelYDimension)
	if !wok || !hok || w <= 0 || h <= 0 {
		w, wok = exifInt(x, exif.ImageWidth)
		h, hok = exifInt(x, exif.ImageLength)
	}
	if wok && hok && w > 0 && h > 0 {
		res.SetTag("width", strconv.FormatInt(w, 10))
		res.SetTag("height", strconv.FormatInt(h, 10))
	}
}

// exifString returns an ASCII field as text, or "".
func exifString(x *exif.Exif, name exif.FieldName) string {
	t, err := x.Get(name)
	if err != nil || t.Format() != tiff.StringVal {
		return ""
	}
	s, _ := t.StringVal()
	return s
}

// exifInt returns the first value of an integer field.
func exifInt(x *exif.Exif, name exif.FieldName) (int64, bool) {
	t, err := x.Get(name)
	if err != nil || t.Format() != tiff.IntVal || t.Count == 0 {
		return 0, false
	}
	v, err := t.Int64(0)
	return v, err == nil
}

// exifRat returns the i-th value of a rational field; a zero denominator
// is an unknown value, not an infinity.
func exifRat(x *exif.Exif, name exif.FieldName, i int) (float64, bool) {
	t, err := x.Get(name)
	if err != nil || t.Format() != tiff.RatVal || uint32(i) >= t.Count {
		return 0, false
	}
	num, den, err := t.Rat2(i)
	if err != nil || den == 0 {
		return 0, false
	}
	return float64(num) / float64(den), true
}

package redact

import (
	"errors"
	"fmt"
	"io"
)

// Version names what this package writes: bump it whenever a redacted
// copy's bytes or its Report change for the same input, so that pack makes
// its copies again instead of taking them from the bundle it replaces.
const Version = "4"

// Strip says which metadata Metadata removes.
type Strip struct {
	GPS     bool // positions: the EXIF GPS directory, XMP GPS properties, MP4 ©xyz and loci
	Serials bool // camera body and lens serial numbers (and GoPro's hash of the camera's)
	Owner   bool // the camera owner's name
}

func (s Strip) any() bool { return s.GPS || s.Serials || s.Owner }

// Report lists what a redaction did, in the order it was done.
type Report struct {
	// Applied names each removal, e.g. "exif:GPS removed",
	// "xmp:exif:GPSLatitude removed", "mp4:©xyz removed".
	Applied []string
	// Kept names sensitive data that was found and deliberately left in
	// place, with the reason (a raw file's maker note, which raw decoders
	// need to develop the image).
	Kept []string
}

func (r *Report) applied(s string) {
	for _, a := range r.Applied {
		if a == s {
			return
		}
	}
	r.Applied = append(r.Applied, s)
}

func (r *Report) kept(s string) {
	for _, k := range r.Kept {
		if k == s {
			return
		}
	}
	r.Kept = append(r.Kept, s)
}

// ErrUnsupported is returned by Metadata for a media type it does not
// handle (see Supports), or when the file's leading bytes are not the
// format its media type claims.
var ErrUnsupported = errors.New("redaction not supported for this format")

// formats maps the media types Metadata handles to their redactor.
var formats = map[string]func(*job) error{
	"image/jpeg":             redactJPEG,
	"image/pjpeg":            redactJPEG,
	"image/png":              redactPNG,
	"image/apng":             redactPNG,
	"image/vnd.mozilla.apng": redactPNG,
	"image/webp":             redactWebP,
	"image/tiff":             redactTIFFFile,
	"image/x-adobe-dng":      redactTIFFFile,
	"image/x-canon-cr2":      redactTIFFFile,
	"image/x-nikon-nef":      redactTIFFFile,
	"image/x-sony-arw":       redactTIFFFile,
	"image/x-pentax-pef":     redactTIFFFile,
	"image/x-olympus-orf":    redactTIFFFile,
	"image/x-canon-cr3":      redactMP4,
	"image/heic":             redactHEIF,
	"image/heif":             redactHEIF,
	"image/avif":             redactHEIF,
	"video/mp4":              redactMP4,
	"video/quicktime":        redactMP4,
	"video/x-m4v":            redactMP4,
	"video/3gpp":             redactMP4,
	"video/3gpp2":            redactMP4,
	"audio/mp4":              redactMP4,
	"audio/x-m4a":            redactMP4,
}

func isPNG(mediaType string) bool {
	return mediaType == "image/png" || mediaType == "image/apng" || mediaType == "image/vnd.mozilla.apng"
}

// Supports reports whether Metadata handles files of mediaType (as
// pipeline/extract.Sniff names them).
func Supports(mediaType string) bool {
	_, ok := formats[mediaType]
	return ok
}

// job is one file's redaction: the input, what to strip, and the edits
// and report the format's redactor builds.
type job struct {
	r     io.ReaderAt
	size  int64
	strip Strip
	edits []edit
	rep   Report
}

func (j *job) add(e edit) { j.edits = append(j.edits, e) }

// Metadata writes to dst a copy of the size bytes of src with the
// metadata s asks for removed. The image, audio and video data are copied
// byte for byte; every format except PNG (whose compressed text chunks may
// be recompressed) keeps the file's length and every offset in it.
//
// With an empty Strip the input is copied without being parsed. Otherwise
// nothing is written when the file's structure cannot be read: the error
// says where, and the caller should treat the file as not redactable. A
// write error can leave dst partly written.
func Metadata(dst io.Writer, src io.ReaderAt, size int64, mediaType string, s Strip) (Report, error) {
	fn, ok := formats[mediaType]
	if !ok {
		return Report{}, fmt.Errorf("media type %q: %w", mediaType, ErrUnsupported)
	}
	if size < 0 {
		return Report{}, fmt.Errorf("negative file size %d", size)
	}
	j := &job{r: src, size: size, strip: s}
	if s.any() {
		if err := fn(j); err != nil {
			return Report{}, err
		}
		if !isPNG(mediaType) {
			if err := j.scanXMP(); err != nil {
				return Report{}, err
			}
		}
	}
	if err := applyEdits(dst, src, size, j.edits); err != nil {
		return Report{}, err
	}
	return j.rep, nil
}

// readAt reads exactly len(p) bytes at off.
func readAt(r io.ReaderAt, p []byte, off int64) error {
	n, err := r.ReadAt(p, off)
	if n == len(p) {
		return nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("read %d bytes at offset %d: %w", len(p), off, err)
}

// readBlock reads n bytes at off into memory when n is at most limit.
func readBlock(r io.ReaderAt, off, n, limit int64, what string) ([]byte, error) {
	if n < 0 || n > limit {
		return nil, fmt.Errorf("%s of %d bytes at offset %d is over the %d byte limit", what, n, off, limit)
	}
	b := make([]byte, n)
	if err := readAt(r, b, off); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return b, nil
}

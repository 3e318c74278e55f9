package redact

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Version names what this package writes: bump it whenever a redacted
// copy's bytes or its Report change for the same input, so that pack makes
// its copies again instead of taking them from the bundle it replaces.
const Version = "8"

// Strip says which metadata Metadata removes.
type Strip struct {
	GPS     bool // positions: the EXIF GPS directory, XMP GPS properties, MP4 ©xyz and loci
	Serials bool // camera body and lens serial numbers (and GoPro's hash of the camera's)
	Owner   bool // the camera owner's name
	// Fields names single fields to remove, as pipeline/extract names
	// them ("xmp:dc:creator", "exif:Artist", "docx:cp:lastModifiedBy"):
	// where a finding was made in a name, a phone number or an address.
	// FieldSupported says which a format handles.
	Fields []string `json:",omitempty"`
	// Text names ranges of the text a scan reads from the parts of an
	// Office or OpenDocument file, by part ("word/document.xml": the
	// offsets of findings made in that part's text), to be masked as
	// Text masks a text file. TextSupported says which parts.
	Text map[string][]Range `json:",omitempty"`
}

func (s Strip) any() bool {
	return s.GPS || s.Serials || s.Owner || len(s.Fields) > 0 || len(s.Text) > 0
}

// Empty reports whether s removes nothing.
func (s Strip) Empty() bool { return !s.any() }

// field reports whether s.Fields names name.
func (s Strip) field(name string) bool { return slices.Contains(s.Fields, name) }

// fieldsWhere lists the fields s.Fields names that keep accepts.
func (s Strip) fieldsWhere(keep func(string) bool) []string {
	var out []string
	for _, f := range s.Fields {
		if keep(f) {
			out = append(out, f)
		}
	}
	return out
}

// prefixed accepts the fields that start with prefix, but for those in
// not ("mkv:DateUTC").
func prefixed(prefix string, not ...string) func(string) bool {
	return func(f string) bool { return strings.HasPrefix(f, prefix) && !slices.Contains(not, f) }
}

// makerNote reports whether s.Fields names a field read from a maker note
// ("makernote:OwnerName"): vendor formats the redactor does not edit
// field by field, so the maker note is cleared, as for serials.
func (s Strip) makerNote() bool {
	return slices.ContainsFunc(s.Fields, func(f string) bool { return strings.HasPrefix(f, "makernote:") })
}

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

// Removed reports whether the redaction removed the field named as in
// Strip.Fields: a field inside an XMP structure goes with the top-level
// property that holds it. A field Metadata was asked to remove but did
// not find where it looks, or found in XMP it could not parse (which
// Kept then names), is still in the copy.
func (r Report) Removed(field string) bool {
	for _, k := range r.Kept {
		if strings.HasPrefix(k, field+" kept") {
			return false
		}
	}
	if p, ok := strings.CutPrefix(field, "xmp:"); ok {
		field, _, _ = strings.Cut(p, "/")
		field = "xmp:" + field
	}
	if strings.HasPrefix(field, "makernote:") && slices.Contains(r.Applied, "exif:MakerNote cleared") {
		return true
	}
	return slices.Contains(r.Applied, field+" removed")
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
	"image/jpeg":                redactJPEG,
	"image/pjpeg":               redactJPEG,
	"image/png":                 redactPNG,
	"image/apng":                redactPNG,
	"image/vnd.mozilla.apng":    redactPNG,
	"image/webp":                redactWebP,
	"image/tiff":                redactTIFFFile,
	"image/x-adobe-dng":         redactTIFFFile,
	"image/x-canon-cr2":         redactTIFFFile,
	"image/x-nikon-nef":         redactTIFFFile,
	"image/x-sony-arw":          redactTIFFFile,
	"image/x-pentax-pef":        redactTIFFFile,
	"image/x-olympus-orf":       redactTIFFFile,
	"image/x-panasonic-rw2":     redactRW2,
	"image/x-fuji-raf":          redactRAF,
	"image/heic":                redactHEIF,
	"image/heif":                redactHEIF,
	"image/avif":                redactHEIF,
	"image/vnd.adobe.photoshop": redactPSD,
	"application/pdf":           redactPDF,
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   redactOffice,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         redactOffice,
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": redactOffice,
	"application/vnd.oasis.opendocument.text":                                   redactOffice,
	"application/vnd.oasis.opendocument.spreadsheet":                            redactOffice,
	"application/vnd.oasis.opendocument.presentation":                           redactOffice,
	epubType:                redactOffice, // the text of its XHTML documents, with Strip.Text
	"text/html":             redactTextDocument,
	"application/xhtml+xml": redactTextDocument,
	"text/rtf":              redactTextDocument,
	"application/rtf":       redactTextDocument,
}

// mp4Types are the media types redactMP4 edits.
var mp4Types = map[string]bool{
	"video/mp4": true, "video/quicktime": true, "video/x-m4v": true, "video/3gpp": true, "video/3gpp2": true,
	"audio/mp4": true, "audio/x-m4a": true, "image/x-canon-cr3": true,
}

func init() {
	for _, f := range []struct {
		types  map[string]bool
		redact func(*job) error
	}{
		{xmpOnlyFormats, redactXMPOnly}, {mp4Types, redactMP4}, {id3Formats, redactAudio},
		{trackTypes, redactTrack}, {oggTypes, redactOgg}, {mkvTypes, redactMatroska},
		{asfTypes, redactASF}, {oleTypes, redactOLE},
	} {
		for mt := range f.types {
			formats[mt] = f.redact
		}
	}
	formats[mobiType] = redactMOBI
	formats[fitType] = redactFIT
}

const mobiType = "application/x-mobipocket-ebook"

// job is one file's redaction: the input, what to strip, and the edits
// and report the format's redactor builds.
type job struct {
	r         io.ReaderAt
	size      int64
	mediaType string
	strip     Strip
	// content are byte ranges of a track file to mask as Text masks
	// them, with its positions.
	content []Range
	// path is the name the file is read back by, where an extractor
	// knows its format by the name's extension.
	path string
	// rawNote keeps the maker note of a JPEG's EXIF but for the values
	// asked for, as in a raw file: the JPEG is a raw file's preview.
	rawNote bool
	edits   []edit
	rep     Report
	// rewrite, when the format's redactor sets it, writes the whole copy
	// in place of the edits: an Office document, whose edited parts are
	// recompressed into a new archive.
	rewrite func(dst io.Writer) error
}

func (j *job) add(e edit) { j.edits = append(j.edits, e) }

// Metadata writes to dst a copy of the size bytes of src with the
// metadata s asks for removed. The image, audio and video data are copied
// byte for byte; every format except PNG (whose compressed text chunks may
// be recompressed) keeps the file's length and every offset in it.
//
// content, for a track file (a GPX, KML or TCX file, an NMEA or IGC log,
// a table of positions) or an XMP sidecar, are byte ranges to mask as
// Text masks them, with the fields s names; other formats take none.
//
// With an empty Strip and no content the input is copied without being
// parsed. Otherwise
// nothing is written when the file's structure cannot be read: the error
// says where, and the caller should treat the file as not redactable. A
// write error can leave dst partly written.
func Metadata(dst io.Writer, src io.ReaderAt, size int64, mediaType string, s Strip, content ...Range) (Report, error) {
	fn, ok := formats[mediaType]
	if !ok {
		return Report{}, fmt.Errorf("media type %q: %w", mediaType, ErrUnsupported)
	}
	if size < 0 {
		return Report{}, fmt.Errorf("negative file size %d", size)
	}
	if len(content) > 0 && !trackTypes[mediaType] && mediaType != sidecarType {
		return Report{}, fmt.Errorf("media type %q: content ranges are masked by Text", mediaType)
	}
	j := &job{r: src, size: size, mediaType: mediaType, strip: s, content: content}
	if s.any() || len(content) > 0 {
		if err := fn(j); err != nil {
			return Report{}, err
		}
		if err := j.redactIPTC(); err != nil {
			return Report{}, err
		}
		if !isPNG(mediaType) && !fieldsOnly(mediaType) {
			if err := j.scanXMP(); err != nil {
				return Report{}, err
			}
		}
	}
	if j.rewrite != nil {
		return j.rep, j.rewrite(dst)
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

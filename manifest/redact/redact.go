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

// makerNoteFormats are the media types whose maker note the redactor
// clears (in a raw file it is kept for the decoders, and only the values
// asked for go: rawMakerNoteFormats).
var makerNoteFormats = map[string]bool{
	"image/jpeg": true, "image/pjpeg": true, "image/png": true, "image/apng": true, "image/vnd.mozilla.apng": true,
	"image/webp": true, "image/heic": true, "image/heif": true, "image/avif": true, "image/vnd.adobe.photoshop": true,
}

// rawMakerNoteFormats are the media types whose maker note the
// redactor keeps, for raw decoders, and takes single values out of: the
// serial numbers and owner's name a scan reads there.
var rawMakerNoteFormats = map[string]bool{
	"image/tiff": true, "image/x-adobe-dng": true, "image/x-canon-cr2": true, "image/x-nikon-nef": true,
	"image/x-sony-arw": true, "image/x-pentax-pef": true, "image/x-olympus-orf": true, "image/x-canon-cr3": true,
	"image/x-panasonic-rw2": true, "image/x-fuji-raf": true,
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

// fieldsOnly reports whether Metadata removes single fields only from
// files of mediaType, each checked: documents, web pages, the formats
// whose metadata is XMP alone, audio files with ID3 tags, track files.
func fieldsOnly(mediaType string) bool {
	return isZipDocument(mediaType) || isTextDocument(mediaType) || xmpOnlyFormats[mediaType] || id3Formats[mediaType] || oggTypes[mediaType] || mkvTypes[mediaType] || asfTypes[mediaType] || oleTypes[mediaType] ||
		mediaType == "application/pdf" || mediaType == mobiType || trackTypes[mediaType] || mediaType == fitType
}

// isMovie reports whether mediaType is a movie or sound file, whose
// metadata has no EXIF.
func isMovie(mediaType string) bool {
	return strings.HasPrefix(mediaType, "video/") || strings.HasPrefix(mediaType, "audio/")
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

// StripsKinds reports whether Metadata removes positions, serial numbers
// and owner names (Strip's GPS, Serials and Owner) from files of
// mediaType: the photo and movie formats. An Office document's and a
// PDF's fields are removed one by one, by Strip.Fields.
func StripsKinds(mediaType string) bool {
	return Supports(mediaType) && !fieldsOnly(mediaType)
}

// FieldSupported reports whether Metadata removes the field called name
// (as pipeline/extract names it) from files of mediaType, when
// Strip.Fields names it: XMP properties and EXIF text in the formats
// whose XMP and EXIF it edits, a maker note's fields where it clears the
// maker note, IPTC datasets in JPEG, TIFF and PSD
// files, the keys of a PDF's Info dictionary, the document properties of
// Office Open XML and OpenDocument files and the comment authors of the
// former, a web page's <meta> contents, contact links and comments, and
// an RTF document's \info values, and the positions of track files
// (gpx:trkpt, nmea:trkpt, csv:position, fit:record) and a FIT file's
// serial numbers.
func FieldSupported(mediaType, name string) bool {
	switch {
	case !Supports(mediaType):
		return false
	case isOffice(mediaType):
		return officeField(name).part != ""
	case mediaType == epubType:
		return false
	case isTextDocument(mediaType):
		return textDocumentField(mediaType, name)
	case mediaType == "application/pdf":
		return strings.HasPrefix(name, "pdf:") || strings.HasPrefix(name, "xmp:")
	case trackTypes[mediaType] || mediaType == fitType:
		return trackField(mediaType, name)
	case oggTypes[mediaType]:
		key, ok := strings.CutPrefix(name, "vorbis:")
		return ok && key != ""
	case mkvTypes[mediaType]:
		key, ok := strings.CutPrefix(name, "mkv:")
		return ok && key != "" && key != "DateUTC"
	case oleTypes[mediaType]:
		return oleFieldPrefix(name) && !strings.Contains(name, ":dcterms:") && !strings.HasSuffix(name, ":app:Pages") && !strings.HasSuffix(name, ":app:Words")
	case asfTypes[mediaType]:
		key, ok := strings.CutPrefix(name, "asf:")
		return ok && key != "" && key != "CreationDate" && key != "WM/Picture"
	case xmpOnlyFormats[mediaType]:
		return strings.HasPrefix(name, "xmp:")
	case mediaType == mobiType:
		return strings.HasPrefix(name, "mobi:") && name != "mobi:CreateDate"
	case id3Formats[mediaType]:
		// A frame by its ID, or a user-defined frame by its ID and
		// description (id3:TXXX:comment).
		if key, ok := strings.CutPrefix(name, "vorbis:"); ok {
			return isFLAC(mediaType) && key != ""
		}
		if key, ok := strings.CutPrefix(name, "ape:"); ok {
			return key != ""
		}
		if key, ok := strings.CutPrefix(name, "id3v1:"); ok {
			return key != "" && key != "genre" && key != "track"
		}
		id, ok := strings.CutPrefix(name, "id3:")
		if frame, desc, found := strings.Cut(id, ":"); ok && found {
			// A user-defined frame, by its description (id3:TXXX:comment).
			return userFrames[frame] && desc != ""
		}
		return ok && id != "" || iffText(mediaType, name)
	case strings.HasPrefix(name, "mp4:"):
		// A metadata atom, not what the scan reads from the movie's
		// structure (its brand, its header's creation time, the size of
		// its cover art) or a position (which Strip.GPS takes).
		switch name {
		case "mp4:ftyp", "mp4:mvhd.creation_time", "mp4:covr", "mp4:loci", "mp4:©xyz":
			return false
		}
		return mp4Types[mediaType]
	case strings.HasPrefix(name, "xmp:"):
		return true
	case strings.HasPrefix(name, "makernote:"):
		return makerNoteFormats[mediaType] || rawMakerNoteFormats[mediaType]
	case strings.HasPrefix(name, "iptc:"):
		return iptcFormats[mediaType]
	case strings.HasPrefix(name, "exif:"):
		_, ok := exifTextTags[strings.TrimPrefix(name, "exif:")]
		return ok && !isMovie(mediaType)
	}
	return false
}

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

package redact

// Which formats and fields Metadata handles.

import "strings"

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

// fieldsOnly reports whether Metadata removes single fields only from
// files of mediaType, each checked: documents, web pages, the formats
// whose metadata is XMP alone, tagged audio and video, track files.
func fieldsOnly(mediaType string) bool {
	return isZipDocument(mediaType) || isTextDocument(mediaType) || xmpOnlyFormats[mediaType] ||
		id3Formats[mediaType] || oggTypes[mediaType] || mkvTypes[mediaType] || asfTypes[mediaType] || oleTypes[mediaType] ||
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
		return ok && vorbisText(key)
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
			return isFLAC(mediaType) && vorbisText(key)
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

// vorbisText reports whether a Vorbis comment key names a text the
// redactors blank: not the cover picture (its value is base64 a reader
// decodes) and not the vendor string, which is no entry.
func vorbisText(key string) bool {
	switch key {
	case "", "VENDOR", "METADATA_BLOCK_PICTURE", "COVERART":
		return false
	}
	return true
}

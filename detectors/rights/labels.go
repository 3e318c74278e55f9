package rights

import (
	"strings"
	"unicode"

	"github.com/consignhq/consign/detectors"
)

// roleWords are the labels of credit and ownership fields. A value made
// of them alone ("Artist", "Album Artist", "Copyright notice") is the
// form's label left in place by a template or a tagging tool, not the
// name of someone whose work this is.
var roleWords = map[string]bool{
	"artist": true, "artists": true, "albumartist": true, "album": true, "composer": true,
	"composers": true, "lyricist": true, "performer": true, "credit": true, "credits": true,
	"source": true, "photographer": true, "copyright": true, "notice": true, "author": true,
	"creator": true, "writer": true, "owner": true, "holder": true, "name": true, "publisher": true,
}

// fillerWords may stand before a label in a field label: "A Composer",
// "Test Artist", "Unknown Artist", "My Credit".
var fillerWords = map[string]bool{
	"a": true, "an": true, "the": true, "my": true, "your": true, "test": true, "sample": true,
	"example": true, "unknown": true, "no": true, "some": true, "default": true,
}

// firstPerson words open a value that speaks of whoever filled the
// field in: "me", "I'm the author", "My camera". In a photo or document
// that is the creator, never a third party.
var firstPerson = map[string]bool{"i": true, "i'm": true, "im": true, "me": true, "my": true, "myself": true, "mine": true}

// maxLabelWords bounds the words of a field label: a longer value
// is a real statement even if it uses label words.
const maxLabelWords = 4

// words splits v into lower-case words at spaces and punctuation other
// than the apostrophe, so "AlbumArtist" stays one word and "I'm" too.
func words(v string) []string {
	return strings.FieldsFunc(strings.ToLower(v), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
	})
}

// standardNames are the metadata standards a test file's values name
// themselves after: "WRONG1of2-IPTC-Creator", "RIGHT-XMP-Copyright" say
// which field a reader took a value from, not whose the work is.
var standardNames = []string{"exif", "iptc", "xmp", "id3", "mwg", "vorbis", "ape"}

// isStandardName reports whether w names a metadata standard, with or
// without a version ("id3v2", "exif2.3").
func isStandardName(w string) bool {
	for _, n := range standardNames {
		if strings.HasPrefix(w, n) && strings.Trim(w[len(n):], "v0123456789.") == "" {
			return true
		}
	}
	return false
}

// isFieldLabel reports whether v is a field label, optionally after
// filler words, rather than a name; or a test value that names its
// field's standard beside a label.
func isFieldLabel(v string) bool {
	ws := words(v)
	if len(ws) == 0 || len(ws) > maxLabelWords {
		return false
	}
	label, standard, other := false, false, false
	for _, w := range ws {
		switch {
		case roleWords[w]:
			label = true
		case isStandardName(w):
			standard = true
		case fillerWords[w] && !label:
		default:
			other = true
		}
	}
	return label && (!other || standard)
}

// isFirstPerson reports whether v speaks of its writer ("me", "I'm the
// source", "My camera").
func isFirstPerson(v string) bool {
	ws := words(strings.ReplaceAll(v, "’", "'"))
	return len(ws) > 0 && firstPerson[ws[0]]
}

// noValues are what a tool or a person writes in a field when nobody is
// known or nothing was said ("unknown", "n/a", "none"): the field is
// empty in all but form, and names no one.
var noValues = map[string]bool{
	"unknown": true, "n/a": true, "n.a.": true, "none": true, "null": true,
	"-": true, "--": true, "?": true, "??": true, "???": true, "unspecified": true, "not specified": true,
	"not available": true, "not known": true, "no name": true, "noname": true, "nobody": true,
	"who knows": true, "dont know": true, "don't know": true, "do not know": true, "not sure": true,
	"no idea": true, "various": true, "tbd": true, "tba": true, "to be determined": true,
}

// isNoValue reports whether v is an empty field in all but form: compared
// in lower case, with the punctuation around its words dropped ("Who
// knows?", "N/A").
func isNoValue(v string) bool {
	lv := strings.ToLower(strings.TrimSpace(v))
	return noValues[lv] || noValues[strings.Join(words(lv), " ")]
}

// originWords describe where a picture came from, not who owns it: a
// scanner, film, a digital camera. IPTC Source and photoshop:Source
// often hold them ("DIGITAL", "Scanned film negative").
var originWords = map[string]bool{
	"digital": true, "digitized": true, "digitised": true, "scan": true, "scanned": true, "scanner": true,
	"film": true, "negative": true, "negatives": true, "slide": true, "slides": true, "transparency": true,
	"print": true, "prints": true, "photo": true, "photograph": true, "original": true, "camera": true,
	"image": true, "file": true, "raw": true, "jpeg": true, "jpg": true, "tiff": true, "capture": true,
	"still": true, "video": true, "frame": true, "grab": true, "screenshot": true, "screen": true,
	"analog": true, "analogue": true, "color": true, "colour": true, "black": true, "and": true, "white": true,
}

// isSourceField reports whether a field is a Source field, which names a
// supplier or, as often, the medium the picture came from.
func isSourceField(name string) bool {
	return name == "xmp:photoshop:Source" || name == "iptc:Source"
}

// DescribesOrigin reports whether a Source value only describes the
// medium ("DIGITAL", "Scanned negative", "35mm film"): rights/metadata
// reports no finding for it.
func DescribesOrigin(v string) bool {
	ws := words(v)
	if len(ws) == 0 || len(ws) > maxLabelWords {
		return false
	}
	for _, w := range ws {
		if !originWords[w] && !fillerWords[w] && strings.TrimRight(w, "0123456789m") != "" {
			return false
		}
	}
	return true
}

// cameraDefaultWords may surround the model in a camera's default
// copyright ("(C) by <model> User").
var cameraDefaultWords = map[string]bool{"c": true, "by": true, "user": true, "copyright": true, "owner": true}

// freeUseValues are copyright values that state terms anyone may use the
// work under, naming no owner ("Free for all", "Public domain").
var freeUseValues = map[string]bool{
	"free for all": true, "free to use": true, "free for any use": true, "free": true, "public domain": true,
	"no rights reserved": true, "copyright free": true, "royalty free": true, "no copyright": true,
}

// NamesNobody reports whether a credit, creator or copyright value
// claims nothing for anyone, so that rights/metadata reports no finding
// for it: a field label, optionally after filler words ("My Credit"); a
// stand-in for no value ("unknown", "n/a"); the writer speaking of
// themselves ("I'm the source"); or, for a copyright value of a photo
// whose camera model is known, the camera's default, or terms that let
// anyone use the work ("Free for all").
func NamesNobody(v, cameraModel string, copyright bool) bool {
	return isFieldLabel(v) || isNoValue(v) || isFirstPerson(v) ||
		(copyright && (isCameraDefault(cameraModel, v) || freeUseValues[strings.Join(words(v), " ")]))
}

// cameraModel is the item's exif:Model, or "".
func cameraModel(item *detectors.Item) string {
	for _, f := range item.Fields {
		if f.Name == "exif:Model" {
			return f.Value
		}
	}
	return ""
}

// isCameraDefault reports whether a copyright value is what a camera's
// firmware writes by default: the camera's own model, alone or as
// "(C) by <model> User". Such a value claims nothing for anyone; a value
// that names someone beside the model is kept.
func isCameraDefault(cameraModel, v string) bool {
	model := strings.ToLower(strings.TrimSpace(cameraModel))
	lv := strings.ToLower(v)
	if len(model) < 3 || !strings.Contains(lv, model) {
		return false
	}
	for _, w := range words(strings.Replace(lv, model, " ", 1)) {
		if !cameraDefaultWords[w] {
			return false
		}
	}
	return true
}

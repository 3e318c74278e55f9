package extract

import (
	"bytes"
	"path"
	"strings"

	"github.com/gabriel-vasile/mimetype"
)

func init() {
	// The head handed to the sniffer is what the pipeline read; limit the
	// library to it so it never asks for more.
	mimetype.SetLimit(HeadSize)
	// The library knows no FIT file; its header says what it is.
	mimetype.Lookup("application/octet-stream").Extend(sniffFIT, mediaFIT, ".fit")
}

// Sniff decides a file's media type and kind from its leading bytes, the
// way a browser would, falling back on the file name only where content
// says nothing more specific (plain text that is really Markdown, a
// subtitle file, or a ZIP that is an EPUB with a broken mimetype entry).
func Sniff(name string, head []byte) (mediaType, kind string) {
	m := mimetype.Detect(head)
	mt := m.String()
	if i := strings.IndexByte(mt, ';'); i >= 0 {
		mt = mt[:i]
	}
	ext := strings.ToLower(path.Ext(name))
	if refined, ok := refineByName(mt, ext, head); ok {
		mt = refined
	}
	return mt, kindOf(mt)
}

// textualByExt names formats that content sniffing can only call
// text/plain: their extension decides which text they are.
var textualByExt = map[string]string{
	".md":       "text/markdown",
	".markdown": "text/markdown",
	".mdx":      "text/markdown",
	".srt":      "application/x-subrip",
	".vtt":      "text/vtt",
	".csv":      "text/csv",
	".tsv":      "text/tab-separated-values",
	".yml":      "application/yaml",
	".yaml":     "application/yaml",
	".json":     "application/json",
	".txt":      "text/plain",
	".rtf":      "text/rtf",
	".xmp":      "application/rdf+xml",
	".html":     "text/html",
	".htm":      "text/html",
}

func refineByName(mt, ext string, head []byte) (string, bool) {
	switch mt {
	case "text/plain", "application/octet-stream":
		if t, ok := textualByExt[ext]; ok {
			if mt == "application/octet-stream" && !looksTextual(head) {
				return "", false
			}
			return t, true
		}
	case "application/zip":
		// An EPUB or OOXML file whose first entry is not where the sniffer
		// expects it still carries its own extension.
		switch ext {
		case ".epub":
			return "application/epub+zip", true
		case ".docx":
			return "application/vnd.openxmlformats-officedocument.wordprocessingml.document", true
		case ".pptx":
			return "application/vnd.openxmlformats-officedocument.presentationml.presentation", true
		case ".xlsx":
			return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", true
		case ".odt":
			return "application/vnd.oasis.opendocument.text", true
		}
	case "text/xml", "application/xml":
		if bytes.Contains(head, []byte("<x:xmpmeta")) || ext == ".xmp" {
			return "application/rdf+xml", true
		}
	}
	return "", false
}

// looksTextual reports whether head has no NUL bytes and is mostly UTF-8.
func looksTextual(head []byte) bool {
	if len(head) == 0 {
		return true
	}
	return bytes.IndexByte(head, 0) < 0
}

func kindOf(mt string) string {
	switch {
	case strings.HasPrefix(mt, "image/"):
		return KindImage
	case strings.HasPrefix(mt, "audio/"):
		return KindAudio
	case strings.HasPrefix(mt, "video/"), mt == mediaMXF:
		return KindVideo
	case isDocument(mt):
		return KindDocument
	case strings.HasPrefix(mt, "text/"), isTextApplication(mt):
		return KindText
	}
	return KindOther
}

func isDocument(mt string) bool {
	switch mt {
	case "application/pdf", "application/epub+zip", "text/rtf", "application/rtf",
		"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
		"application/x-mobipocket-ebook", "image/vnd.djvu", "application/postscript", mediaINDD:
		return true
	}
	return strings.HasPrefix(mt, "application/vnd.openxmlformats-officedocument.") ||
		strings.HasPrefix(mt, "application/vnd.oasis.opendocument.")
}

func isTextApplication(mt string) bool {
	switch mt {
	case "application/json", "application/yaml", "application/x-subrip", "application/xml",
		"application/rdf+xml", "application/javascript", "application/x-sh", "application/geo+json",
		"application/gpx+xml", "application/vnd.google-earth.kml+xml", "application/x-ndjson",
		"application/xhtml+xml", "application/x-php", "application/x-python", "message/rfc822":
		return true
	}
	return false
}

package extract

import (
	"slices"
	"testing"
)

func TestTagsOfField(t *testing.T) {
	for field, want := range map[string][]string{
		"exif:Artist":              {"artist"},
		"exif:XPAuthor":            {"artist"},
		"exif:ImageDescription":    {"description"},
		"exif:BodySerialNumber":    {"body_serial"},
		"xmp:dc:creator":           {"artist", "author"},
		"xmp:photoshop:Headline":   {"title"},
		"docx:dc:creator":          {"author"},
		"xlsx:cp:lastModifiedBy":   {"last_modified_by"},
		"pptx:app:Application":     {"software"},
		"docx:app:Company":         nil,
		"odt:meta:initial-creator": {"author"},
		"docx:custom:Client":       nil,
		"iptc:By-line":             nil,
		"html:meta:author":         {"author"},
		"html:meta:og:title":       {"title"},
		"html:link:mailto":         nil,
		"rtf:operator":             {"last_modified_by"},
	} {
		if got := TagsOfField(field); !slices.Equal(got, want) {
			t.Errorf("TagsOfField(%s) = %v, want %v", field, got, want)
		}
	}
}

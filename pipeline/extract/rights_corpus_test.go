package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/detectors/rights"
)

// exiftoolRightsTags maps the rights tags exiftool reports, by group and
// name, to the field our extractors record them under.
var exiftoolRightsTags = map[string]string{
	"IFD0:Copyright":                "exif:Copyright",
	"XMP-dc:Rights":                 "xmp:dc:rights",
	"IPTC:CopyrightNotice":          "iptc:CopyrightNotice",
	"IPTC:Credit":                   "iptc:Credit",
	"IPTC:Source":                   "iptc:Source",
	"XMP-photoshop:Credit":          "xmp:photoshop:Credit",
	"XMP-photoshop:Source":          "xmp:photoshop:Source",
	"XMP-xmpRights:WebStatement":    "xmp:xmpRights:WebStatement",
	"XMP-xmpRights:Marked":          "xmp:xmpRights:Marked",
	"XMP-xmpRights:UsageTerms":      "xmp:xmpRights:UsageTerms",
	"XMP-plus:LicensorName":         "xmp:plus:Licensor/plus:LicensorName",
	"XMP-plus:CopyrightOwnerName":   "xmp:plus:CopyrightOwner/plus:CopyrightOwnerName",
	"XMP-plus:CopyrightStatus":      "xmp:plus:CopyrightStatus",
	"XMP-plus:DataMining":           "xmp:plus:DataMining",
	"XMP-plus:OtherConstraints":     "xmp:plus:OtherConstraints",
	"XMP-iptcExt:DigitalSourceType": "xmp:Iptc4xmpExt:DigitalSourceType",
	"Vorbis:Copyright":              "vorbis:COPYRIGHT",
	"ID3v2_3:Copyright":             "id3:TCOP",
	"ID3v2_4:Copyright":             "id3:TCOP",
	"ItemList:Copyright":            "mp4:cprt",
}

// claimTags are the tags that name a holder or a credit, the ones
// rights/metadata reads as claims (the others are marks and statuses).
var claimTags = map[string]bool{
	"IFD0:Copyright": true, "XMP-dc:Rights": true, "IPTC:CopyrightNotice": true,
	"IPTC:Credit": true, "IPTC:Source": true, "XMP-photoshop:Credit": true, "XMP-photoshop:Source": true,
	"XMP-plus:LicensorName": true, "XMP-plus:CopyrightOwnerName": true,
}

// rightsComparedTypes are the media types whose rights metadata the
// extractors claim to read.
var rightsComparedTypes = map[string]bool{
	"image/jpeg": true, "image/tiff": true, "image/png": true, "image/webp": true, "image/heif": true,
	"audio/mpeg": true, "audio/flac": true, "audio/ogg": true, "audio/x-m4a": true,
	"application/rdf+xml": true,
}

// TestCorpusRightsAgreeWithExiftool checks that every copyright or rights
// field exiftool reports in the shared corpus is extracted and reaches
// the file's rights: a finding of a rights detector at that field (a
// source type only when it names synthetic media), and a rights object.
func TestCorpusRightsAgreeWithExiftool(t *testing.T) {
	corpus := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("skipping: the shared corpus is not available at %s: %v", corpus, err)
	}
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Skip("skipping: exiftool is not installed (apt-get install libimage-exiftool-perl)")
	}
	args := []string{"-r", "-json", "-G1", "-q", "-q"}
	for tag := range exiftoolRightsTags {
		args = append(args, "-"+tag)
	}
	out, err := exec.Command("exiftool", append(args, corpus)...).Output()
	if err != nil && len(out) == 0 {
		t.Fatalf("exiftool: %v", err)
	}
	var recs []map[string]any
	if err := json.Unmarshal(out, &recs); err != nil {
		t.Fatalf("exiftool output: %v", err)
	}
	compared := 0
	for _, rec := range recs {
		path, _ := rec["SourceFile"].(string)
		src := openSource(t, path)
		if !rightsComparedTypes[src.MediaType] {
			continue
		}
		res, findings, r := rightsOf(t, detectors.Config{}, src, nil)
		at := map[string]bool{}
		for _, f := range findings {
			at[f.Location.Field] = true
		}
		for key, v := range rec {
			field, ok := exiftoolRightsTags[key]
			if !ok {
				continue
			}
			value := strings.TrimSpace(fmt.Sprint(v))
			if value == "" {
				continue // nothing to report, and the extractors skip empty values
			}
			// A template's label, the writer's own note or a camera's
			// default copyright names nobody: rights/metadata reports no
			// finding for it, on purpose.
			if claimTags[key] && rights.NamesNobody(value, fieldValue(res, "exif:Model"), key != "IPTC:Credit" && key != "IPTC:Source" && !strings.HasPrefix(key, "XMP-photoshop:")) {
				continue
			}
			// A Source that only names the medium ("DIGITAL") is no
			// supplier's claim either.
			if (key == "IPTC:Source" || key == "XMP-photoshop:Source") && rights.DescribesOrigin(value) {
				continue
			}
			compared++
			if !hasField(res, field) {
				t.Errorf("%s: exiftool reports %s %q; no field %s", path, key, value, field)
				continue
			}
			if !at[field] && !(key == "XMP-iptcExt:DigitalSourceType" && !strings.Contains(value, "Algorithmic") && !strings.Contains(value, "Synthetic")) {
				t.Errorf("%s: %s %q has no rights finding", path, key, value)
			}
			// A status that the work is in the public domain
			// (xmpRights:Marked False) claims nothing: alone, it leaves
			// the file without a rights object, on purpose.
			if r == nil && !publicDomainAt(findings, field) {
				t.Errorf("%s: %s %q but no rights object", path, key, value)
			}
		}
	}
	if compared == 0 {
		t.Skip("skipping: exiftool reported no rights fields in the corpus")
	}
	t.Logf("compared %d rights fields", compared)
}

// publicDomainAt reports whether a finding at field says that the work is
// in the public domain.
func publicDomainAt(findings []detectors.Finding, field string) bool {
	for i := range findings {
		if findings[i].Location.Field == field && rights.IsPublicDomainStatus(&findings[i]) {
			return true
		}
	}
	return false
}

// fieldValue is the first value of res's field name, or "".
func fieldValue(res *Result, name string) string {
	for _, f := range res.Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

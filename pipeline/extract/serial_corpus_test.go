package extract_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/detectors/pii"
)

// serialGaps are corpus images with a serial number exiftool reads from a
// maker note or segment consign does not parse, with the reason.
var serialGaps = map[string]string{
	"misc/exiftool-samples/Motorola.jpg":                 "Motorola maker notes are not parsed",
	"misc/exiftool-samples/Pentax.jpg":                   "Pentax maker notes are not parsed",
	"misc/exiftool-samples/Ricoh2.jpg":                   "Ricoh maker notes are not parsed",
	"misc/exiftool-samples/ExifTool.jpg":                 "the serial is in Olympus's PictureInfo text segment",
	"photos/exif-samples/jpg/exif-org/olympus-d320l.jpg": "the serial is in Olympus's PictureInfo text segment",
}

// TestCorpusSerialsAgreeWithExiftool checks that every corpus JPEG or
// TIFF whose serial numbers exiftool reads (EXIF, XMP or a maker note)
// gets a device_serial finding, and that every owner name gets an
// owner_name finding.
func TestCorpusSerialsAgreeWithExiftool(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		t.Skip("skipping: ../shared/corpus is not available")
	}
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Skip("skipping: exiftool is not installed (apt-get install libimage-exiftool-perl)")
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("exiftool", "-r", "-json", "-q", "-q", "-ext", "jpg", "-ext", "jpeg", "-ext", "tif", "-ext", "tiff",
		"-SerialNumber", "-InternalSerialNumber", "-LensSerialNumber", "-OwnerName", "-CameraOwnerName", abs).Output()
	if err != nil && len(out) == 0 {
		t.Fatalf("exiftool: %v", err)
	}
	var recs []map[string]any
	if err := json.Unmarshal(out, &recs); err != nil {
		t.Fatalf("exiftool output: %v", err)
	}
	serial, owner := pii.NewDeviceSerial(detectors.Config{}), pii.NewOwner(detectors.Config{})
	for _, r := range recs {
		src, _ := r["SourceFile"].(string)
		rel, err := filepath.Rel(abs, src)
		if err != nil {
			t.Fatal(err)
		}
		rel = filepath.ToSlash(rel)
		hasSerial := meaningful(r["SerialNumber"]) || meaningful(r["InternalSerialNumber"]) || meaningful(r["LensSerialNumber"])
		hasOwner := meaningful(r["OwnerName"]) || meaningful(r["CameraOwnerName"])
		if !hasSerial && !hasOwner {
			continue
		}
		t.Run(rel, func(t *testing.T) {
			if reason, ok := serialGaps[rel]; ok {
				t.Skipf("known gap: %s", reason)
			}
			if got := corpusFindings(t, abs, rel, serial); hasSerial && len(got) == 0 {
				t.Errorf("no device_serial finding; exiftool reads serial %v, internal %v, lens %v",
					r["SerialNumber"], r["InternalSerialNumber"], r["LensSerialNumber"])
			}
			if got := corpusFindings(t, abs, rel, owner); hasOwner && len(got) == 0 {
				t.Errorf("no owner_name finding; exiftool reads %v", r["OwnerName"])
			}
		})
	}
}

// meaningful reports whether exiftool's value names something: not
// blank, not zeros, not "unknown".
func meaningful(v any) bool {
	if v == nil {
		return false
	}
	s := strings.TrimSpace(strings.ToLower(strings.Trim(strings.TrimSpace(toString(v)), "0")))
	return s != "" && s != "unknown"
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return ""
}

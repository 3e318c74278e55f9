package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline"
)

// supportedForComparison names the media types whose metadata consign
// claims to read; a disagreement with exiftool on them is consign's fault.
// On other formats (raw files, RIFF video, ...) disagreements are listed
// but tolerated: consign does not parse them yet.
var supportedForComparison = map[string]bool{
	"image/jpeg": true, "image/tiff": true, "image/png": true, "image/webp": true, "image/heif": true,
	"audio/mpeg": true, "audio/flac": true, "audio/ogg": true, "audio/x-m4a": true,
	"video/mp4": true, "video/quicktime": true,
}

// knownDifferences are disagreements on supported formats that are not
// consign's fault, or are metadata consign deliberately does not read,
// keyed by path and exiftool tag, with the reason.
var knownDifferences = map[string]string{
	"misc/exiftool-samples/ExifTool.jpg DateTimeOriginal":                 "exiftool prefers the embedded CIFF block; consign reports the EXIF IFD value, which exiftool also lists",
	"misc/exiftool-samples/ExifTool.jpg Make":                             "as above: CIFF versus the EXIF IFD0 Make",
	"misc/exiftool-samples/ExifTool.jpg Model":                            "as above: CIFF versus the EXIF IFD0 Model",
	"misc/exiftool-samples/CasioQVCI.jpg DateTimeOriginal":                "the date is in Casio's proprietary QVCI segment, not in EXIF or XMP",
	"photos/exif-samples/jpg/exif-org/olympus-d320l.jpg DateTimeOriginal": "the date is in Olympus's PictureInfo text segment, not in EXIF or XMP",
	"misc/exiftool-samples/QuickTime.mov Make":                            "the make is in a Pentax maker-note atom, which consign does not parse",
	"misc/exiftool-samples/CanonRaw.cr3 Make":                             "Canon CR3 keeps EXIF in CMT boxes, which consign does not parse yet",
	"misc/exiftool-samples/CanonRaw.cr3 Model":                            "as above",
}

// exiftoolRecord holds the values exiftool reports that records carry.
type exiftoolRecord struct {
	SourceFile         string
	DateTimeOriginal   any
	OffsetTimeOriginal any
	GPSLatitude        any
	GPSLongitude       any
	Make               any
	Model              any
	Artist             any
	Title              any
	Album              any
}

// TestCorpusAgreesWithExiftool compares dates, GPS, camera, artist and
// audio tags with exiftool's reading of the same files.
func TestCorpusAgreesWithExiftool(t *testing.T) {
	corpus, recs, _ := corpusRecords(t)
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Skip("skipping: exiftool is not installed (make tools installs it)")
	}
	out, err := exec.Command("exiftool", "-r", "-json", "-n", "-q", "-q",
		"-DateTimeOriginal", "-OffsetTimeOriginal", "-GPSLatitude", "-GPSLongitude",
		"-Make", "-Model", "-Artist", "-Title", "-Album", corpus).Output()
	if err != nil && len(out) == 0 {
		t.Fatalf("exiftool: %v", err)
	}
	var ets []exiftoolRecord
	if err := json.Unmarshal(out, &ets); err != nil {
		t.Fatalf("exiftool output: %v", err)
	}
	var faults, tolerated []string
	compared := 0
	for _, et := range ets {
		rel, _ := filepath.Rel(corpus, et.SourceFile)
		rec := recs[filepath.ToSlash(rel)]
		if rec == nil {
			faults = append(faults, rel+": no record")
			continue
		}
		for _, d := range compareWithExiftool(rec, et) {
			compared++
			if d == "" {
				continue
			}
			msg := fmt.Sprintf("%s (%s): %s", rec.Path, rec.MediaType, d)
			field, _, _ := strings.Cut(d, ":")
			if why, ok := knownDifferences[rec.Path+" "+field]; ok {
				tolerated = append(tolerated, msg+" — "+why)
			} else if supportedForComparison[rec.MediaType] {
				faults = append(faults, msg)
			} else {
				tolerated = append(tolerated, msg)
			}
		}
	}
	sort.Strings(tolerated)
	for _, d := range tolerated {
		t.Logf("tolerated: %s", d)
	}
	sort.Strings(faults)
	for _, d := range faults {
		t.Errorf("disagrees with exiftool: %s", d)
	}
	t.Logf("%d values compared, %d disagreements on supported formats, %d tolerated", compared, len(faults), len(tolerated))
}

// compareWithExiftool returns one entry per value exiftool has: "" when the
// record agrees, else what differs.
func compareWithExiftool(rec *pipeline.Record, et exiftoolRecord) []string {
	var out []string
	text := func(name, tag string, v any) {
		want := strings.TrimSpace(fmt.Sprint(v))
		if v == nil || want == "" {
			return
		}
		got := rec.Tags[tag]
		if !strings.EqualFold(strings.Join(strings.Fields(got), " "), strings.Join(strings.Fields(want), " ")) {
			out = append(out, fmt.Sprintf("%s: consign %q, exiftool %q", name, got, want))
			return
		}
		out = append(out, "")
	}
	number := func(name, tag string, v any) {
		want, ok := v.(float64)
		if !ok {
			return
		}
		got, err := strconv.ParseFloat(rec.Tags[tag], 64)
		if err != nil || math.Abs(got-want) > 1e-5 {
			out = append(out, fmt.Sprintf("%s: consign %q, exiftool %v", name, rec.Tags[tag], want))
			return
		}
		out = append(out, "")
	}
	text("Make", "camera_make", et.Make)
	text("Model", "camera_model", et.Model)
	text("Artist", "artist", et.Artist)
	if rec.Kind == "audio" || rec.Kind == "video" {
		text("Title", "title", et.Title)
		text("Album", "album", et.Album)
	}
	number("GPSLatitude", "gps_latitude", et.GPSLatitude)
	number("GPSLongitude", "gps_longitude", et.GPSLongitude)
	if s, ok := et.DateTimeOriginal.(string); ok && len(s) >= 19 && !strings.HasPrefix(s, "0000") {
		want := strings.Replace(strings.Replace(s[:19], ":", "-", 2), " ", "T", 1)
		got := ""
		if rec.ContentDate != nil {
			got = rec.ContentDate.Value
		}
		if !strings.HasPrefix(got, want) {
			out = append(out, fmt.Sprintf("DateTimeOriginal: consign %q, exiftool %q", got, s))
		} else if off, ok := et.OffsetTimeOriginal.(string); ok && off != "" && !strings.HasSuffix(strings.Replace(got, "Z", "+00:00", 1), off) {
			out = append(out, fmt.Sprintf("OffsetTimeOriginal: consign %q, exiftool %q", got, off))
		} else {
			out = append(out, "")
		}
	}
	return out
}

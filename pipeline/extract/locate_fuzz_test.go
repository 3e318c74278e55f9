package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/consignhq/consign/pipeline/extract/filetest"
)

// FuzzLocators runs the locators the redactor places fields with over
// any input: none may panic, and every range they give lies in the input.
func FuzzLocators(f *testing.F) {
	f.Add([]byte("ID3\x03\x00\x00\x00\x00\x00\x0fTPE1\x00\x00\x00\x05\x00\x00\x00Ann!"))
	f.Add([]byte("fLaC\x84\x00\x00\x08\x07\x00\x00\x00cons\x00\x00\x00\x00"))
	f.Add([]byte("FORM\x00\x00\x00\x12AIFFAUTH\x00\x00\x00\x03Ann\x00"))
	f.Add([]byte("RIFF\x00\x00\x00\x1aWAVELIST\x00\x00\x00\x0eINFOIART\x00\x00\x00\x02A\x00"))
	f.Add([]byte(`<meta name=author content="Ann"><a href=mailto:a@b>x</a><!-- c --><?php x ?>`))
	f.Add([]byte(`{\rtf1{\info{\author Ann \u8220?}}x}`))
	f.Add(filetest.MOBIBook(time.Unix(1e9, 0), "T", map[uint32]string{100: "Ann"}))
	f.Add(filetest.WMA(time.Unix(1e9, 0), [5]string{"T", "Ann", "", "", ""}, map[string]string{"WM/Composer": "Bob"}))
	f.Add(filetest.Matroska("T", time.Unix(1e9, 0), true, filetest.SimpleTag("ARTIST", "Ann")))
	f.Add([]byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Metadata 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Metadata /Length 3 0 R /Filter [/FlateDecode] >>\nstream\nxx\nendstream\nendobj\n3 0 obj\n2\nendobj\n"))
	f.Add([]byte(`<gpx><trk><trkpt lat="43.6" lon = '-116.0'/></trk></gpx>`))
	f.Add([]byte(`<kml><coordinates>1,2 3,4</coordinates><coord><![CDATA[1 2]]></coord></kml>`))
	f.Add([]byte("$GPRMC,123520,A,4807.040,N,01131.002,E,022.4*6A\nB1101355206343N00006198WA0058700558\n"))
	f.Add([]byte("\xef\xbb\xbflat,lon\n\"1.5\",2.5\n"))
	for _, name := range []string{"ride.fit", "tone.ogg", "photo.tif"} {
		if b, err := os.ReadFile(filepath.Join("testdata", "samples", name)); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, size := bytes.NewReader(data), int64(len(data))
		var all []FieldRange
		if frames, err := LocateID3Frames(r, size); err == nil {
			for _, fr := range frames {
				all = append(all, FieldRange{fr.Field, fr.Body})
			}
		}
		for _, locate := range []func() ([]FieldRange, error){
			func() ([]FieldRange, error) { return LocateFLACComments(r, size) },
			func() ([]FieldRange, error) { return LocateIFFText(r, size) },
			func() ([]FieldRange, error) { return LocateHTMLFields(data) },
			func() ([]FieldRange, error) { return LocateRTFInfo(data) },
			func() ([]FieldRange, error) { return LocateMOBIFields(r, size) },
			func() ([]FieldRange, error) { return LocateAPEItems(r, size) },
			func() ([]FieldRange, error) { return LocateID3v1(r, size) },
			func() ([]FieldRange, error) { return LocateASFFields(r, size) },
		} {
			found, _ := locate()
			all = append(all, found...)
		}
		for _, format := range []string{"gpx", "kml", "tcx", "nmea", "igc", "csv", "tsv"} {
			found, _ := LocateTrackPositions(format, data)
			for _, r := range found {
				all = append(all, FieldRange{format, r})
			}
		}
		if values, pages, err := LocateOggComments(r, size); err == nil {
			all = append(all, values...)
			for _, p := range pages {
				all = append(all, FieldRange{"ogg:page", p})
			}
		}
		if fields, sums, err := LocateMatroskaFields(r, size); err == nil {
			all = append(all, fields...)
			for _, c := range sums {
				all = append(all, FieldRange{"mkv:crc", c.At}, FieldRange{"mkv:covered", c.Covered})
			}
		}
		if streams, err := LocatePDFMetadataStreams(r, size); err == nil {
			for _, st := range streams {
				all = append(all, FieldRange{"pdf:stream", st.Data})
			}
		}
		if _, found, err := LocateMakerNote(r, size); err == nil {
			all = append(all, found...)
		}
		if found, err := LocateCR3MakerNote(r, size); err == nil {
			all = append(all, found...)
		}
		fit := &FITFields{}
		fit.Position = func(v FITValue) { all = append(all, FieldRange{"fit:position", v.FileRange}) }
		fit.Serial = func(v FITValue) { all = append(all, FieldRange{"fit:serial", v.FileRange}) }
		if files, err := LocateFITFields(data, fit); err == nil {
			for _, file := range files {
				all = append(all, FieldRange{"fit:file", file.Covered})
				if file.CRC >= 0 {
					all = append(all, FieldRange{"fit:crc", FileRange{file.CRC, 2}})
				}
			}
		}
		for _, fr := range all {
			if fr.Value.Off < 0 || fr.Value.N < 0 || fr.Value.Off+fr.Value.N > size {
				t.Fatalf("%s at [%d, +%d) in %d bytes", fr.Field, fr.Value.Off, fr.Value.N, size)
			}
		}
	})
}

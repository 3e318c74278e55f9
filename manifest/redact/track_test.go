package redact

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/muktihari/fit/decoder"

	"github.com/consignhq/consign/pipeline/extract"
)

// positionFields are the fields a scan reads a track's positions into.
func positionFields(fields map[string]string) []string {
	var out []string
	for name := range fields {
		if extract.TrackFormat(name, "") != "" || strings.HasPrefix(name, "fit:") && name != "fit:TimeCreated" && name != "fit:points" {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

func TestTrackPositions(t *testing.T) {
	cases := []struct {
		name, mediaType, data string
		fields                []string // named in Strip.Fields
		gone                  []string // coordinates that must not be in the copy
		stay                  []string // text that must stay
	}{{
		name: "walk.gpx", mediaType: "text/xml",
		data: `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">
 <wpt lat="43.100001" lon="-116.100001"><name>Home</name></wpt>
 <rte><rtept lat = '43.2' lon="-116.2" /></rte>
 <trk><trkseg>
  <trkpt lat="43.612345" lon="-116.012345"><ele>800.5</ele><time>2003-05-24T17:10:05Z</time></trkpt>
  <trkpt lon="-116.654321" lat="43.654321"/>
 </trkseg></trk>
</gpx>`,
		fields: []string{"gpx:trkpt", "gpx:wpt", "gpx:rtept"},
		gone:   []string{"43.1", "116.1", "43.2", "116.2", "43.61", "116.01", "43.65", "116.65"},
		stay:   []string{"<name>Home</name>", "<ele>800.5</ele>", "2003-05-24T17:10:05Z", `lat="`, "lat = '"},
	}, {
		name: "places.kml", mediaType: extractKML,
		data: `<?xml version="1.0"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
<Placemark><name>Ride</name><LineString><coordinates>
  -106.01,34.11,1500 -106.02,34.12,1510
  -106.03,34.13,1520
</coordinates></LineString></Placemark>
<Placemark><gx:Track><when>2013-11-13T01:03:34-08:00</when><gx:coord><![CDATA[-106.5 34.5 1600]]></gx:coord></gx:Track></Placemark>
</kml>`,
		fields: []string{"kml:coordinates"},
		gone:   []string{"106.0", "34.1", "106.5", "34.5"},
		stay:   []string{"<name>Ride</name>", "<![CDATA[", "2013-11-13T01:03:34-08:00"},
	}, {
		name: "run.tcx", mediaType: "text/xml",
		data: `<?xml version="1.0"?>
<TrainingCenterDatabase><Activities><Activity><Lap><Track>
<Trackpoint><Time>2004-08-28T13:45:00Z</Time><Position><LatitudeDegrees> 43.6512 </LatitudeDegrees><LongitudeDegrees>-79.5123</LongitudeDegrees></Position></Trackpoint>
</Track></Lap></Activity></Activities></TrainingCenterDatabase>`,
		fields: []string{"tcx:trkpt"},
		gone:   []string{"43.65", "79.51"},
		stay:   []string{"<LatitudeDegrees> X", "2004-08-28T13:45:00Z"},
	}, {
		name: "drive.log", mediaType: "text/plain",
		data: "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\r\n" +
			"$GPRMC,123520,V,4807.040,N,01131.002,E,022.4,084.4,230394,003.1,W*6A\n" +
			"$GPRMC,123521,A,4807.041,N,01131.003,E,022.4,084.4,230394,003.1,W*6A\n",
		fields: []string{"nmea:trkpt"},
		gone:   []string{"4807.0", "01131.0", ",N,", ",E,"},
		stay:   []string{"$GPGGA,123519,", ",1,08,0.9,545.4,M", "022.4,084.4,230394"},
	}, {
		name: "flight.igc", mediaType: "text/plain",
		data:   "AXXX001\nHFDTE150520\nHOPLTPILOT: Jane Kerr\nB1101355206343N00006198WA0058700558\nB1101455206259N00006295WA0059300556\n",
		fields: []string{"igc:trkpt"},
		gone:   []string{"5206343N", "00006198W", "5206259N"},
		stay:   []string{"B110135", "A0058700558", "HFDTE150520"},
	}, {
		name: "flight.csv", mediaType: "text/csv",
		data: "\xef\xbb\xbfTime,Latitude,Longitude,Altitude\n" +
			"07:50:31,-44.612345,170.412345,12\n" +
			"07:50:32,\"-44.612399\",170.412399,13\n" +
			"07:50:33,,,14\n",
		fields: []string{"csv:position"},
		gone:   []string{"44.61", "170.41"},
		stay:   []string{"Time,Latitude,Longitude,Altitude", "07:50:32,\"X", ",12\n", ",,,14"},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := []byte(c.data)
			before := scanFields(t, c.name, c.mediaType, data)
			if len(positionFields(before)) == 0 {
				t.Fatalf("fixture has no position: %v", before)
			}
			out, rep := redactNamed(t, c.name, data, c.mediaType, Strip{Fields: c.fields})
			if len(out) != len(data) {
				t.Errorf("length %d, want %d", len(out), len(data))
			}
			if got := positionFields(scanFields(t, c.name, c.mediaType, out)); len(got) > 0 {
				t.Errorf("positions still read: %v", got)
			}
			for _, f := range c.fields {
				if before[f] != "" && !rep.Removed(f) {
					t.Errorf("report %v does not say %s was removed", rep, f)
				}
			}
			for _, s := range c.gone {
				if bytes.Contains(out, []byte(s)) {
					t.Errorf("copy still holds %q", s)
				}
			}
			for _, s := range c.stay {
				if !bytes.Contains(out, []byte(s)) {
					t.Errorf("copy lost %q", s)
				}
			}
			if t.Failed() {
				t.Logf("copy:\n%s", out)
			}
			// Strip.GPS finds the same positions by itself.
			if gps, _ := redactNamed(t, c.name, data, c.mediaType, Strip{GPS: true}); !bytes.Equal(gps, out) {
				t.Errorf("Strip.GPS made\n%s\nStrip.Fields\n%s", gps, out)
			}
		})
	}
}

const extractKML = "application/vnd.google-earth.kml+xml"

// redactNamed is redactBytes for a file whose format an extractor knows
// by its name: the check reads the copy back as the scan reads it.
func redactNamed(t *testing.T, name string, data []byte, mediaType string, s Strip, content ...Range) ([]byte, Report) {
	t.Helper()
	var out bytes.Buffer
	j := &job{r: bytes.NewReader(data), size: int64(len(data)), mediaType: mediaType, strip: s, content: content, path: name}
	if err := formats[mediaType](j); err != nil {
		t.Fatalf("redact %s: %v", name, err)
	}
	if err := applyEdits(&out, j.r, j.size, j.edits); err != nil {
		t.Fatal(err)
	}
	return out.Bytes(), j.rep
}

// TestTrackWithText masks an IGC log's positions and its pilot's name in
// one pass, as pack does when the policy masks both.
func TestTrackWithText(t *testing.T) {
	data := []byte("HFDTE150520\nHOPLTPILOT: Jane Kerr\nB1101355206343N00006198WA0058700558\n")
	start := int64(bytes.Index(data, []byte("Jane")))
	var out bytes.Buffer
	rep, err := Metadata(&out, bytes.NewReader(data), int64(len(data)), "text/plain", Strip{Fields: []string{"igc:trkpt"}}, Range{start, start + 9})
	if err != nil {
		t.Fatal(err)
	}
	want := "HFDTE150520\nHOPLTPILOT: XXXXXXXXX\nB110135XXXXXXXXXXXXXXXXXA0058700558\n"
	if out.String() != want {
		t.Errorf("copy\n%s\nwant\n%s", out.String(), want)
	}
	if !slices.Contains(rep.Applied, "content[24:33] masked") {
		t.Errorf("report %v does not name the masked text", rep.Applied)
	}
	// Metadata read the copy as "track.igc", so the position was checked.
	if !rep.Removed("igc:trkpt") {
		t.Errorf("report %v does not say igc:trkpt was removed", rep)
	}
	if _, err := Metadata(&out, bytes.NewReader(data), int64(len(data)), "image/jpeg", Strip{}, Range{0, 1}); err == nil {
		t.Error("content ranges taken for a JPEG")
	}
}

// TestTrackCharsets: a GPX file in a one-byte charset (as older
// mapping programs write them) has its positions placed; one in UTF-16
// is reported kept, so that pack keeps the finding open.
func TestTrackCharsets(t *testing.T) {
	latin1 := []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><gpx><trk><name>Caf\xe9 \xe0 Z\xfcrich</name><trkpt lat=\"43.6\" lon=\"-116.0\"/></trk></gpx>")
	out, rep := redactNamed(t, "old.gpx", latin1, "text/xml", Strip{Fields: []string{"gpx:trkpt"}})
	want := bytes.Replace(latin1, []byte(`lat="43.6" lon="-116.0"`), []byte(`lat="XXXX" lon="XXXXXX"`), 1)
	if !bytes.Equal(out, want) || !rep.Removed("gpx:trkpt") {
		t.Errorf("copy %q, report %v", out, rep)
	}
	utf16 := utf16Bytes(`<?xml version="1.0" encoding="UTF-16"?><gpx><trk><trkpt lat="43.6" lon="-116.0"/></trk></gpx>`, false, true)
	out, rep = redactNamed(t, "wide.gpx", utf16, "text/xml", Strip{Fields: []string{"gpx:trkpt"}})
	if !bytes.Equal(out, utf16) || rep.Removed("gpx:trkpt") || len(rep.Kept) == 0 {
		t.Errorf("copy %q, report %v: want the file as it was, the field kept", out, rep)
	}
}

func TestFITPositionsAndSerials(t *testing.T) {
	ride, err := os.ReadFile(filepath.Join("..", "..", "pipeline", "extract", "testdata", "samples", "ride.fit"))
	if err != nil {
		t.Fatal(err)
	}
	inputs := map[string][]byte{"ride.fit": ride, "chain.fit": append(slices.Clone(ride), ride...)}
	if corpus, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", "misc", "exiftool-samples", "Garmin.fit")); err == nil {
		inputs["Garmin.fit"] = corpus
	} else {
		t.Logf("shared corpus not available: %v (its Garmin.fit is not checked)", err)
	}
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			before := scanFields(t, name, fitType, data)
			for _, f := range []string{"fit:record", "fit:SerialNumber"} {
				if before[f] == "" {
					t.Fatalf("fixture has no %s: %v", f, before)
				}
			}
			fields := []string{"fit:record", "fit:SerialNumber"}
			for _, f := range []string{"fit:lap", "fit:session"} {
				if before[f] != "" {
					fields = append(fields, f)
				}
			}
			out, rep := redactBytes(t, data, fitType, Strip{Fields: fields})
			if len(out) != len(data) {
				t.Errorf("length %d, want %d", len(out), len(data))
			}
			after := scanFields(t, name, fitType, out)
			if got := positionFields(after); len(got) > 0 {
				t.Errorf("still read: %v", got)
			}
			if after["fit:TimeCreated"] != before["fit:TimeCreated"] {
				t.Errorf("creation time %q, want %q", after["fit:TimeCreated"], before["fit:TimeCreated"])
			}
			for _, f := range fields {
				if !rep.Removed(f) {
					t.Errorf("report %v does not say %s was removed", rep, f)
				}
			}
			// Each file of the chain keeps a right checksum.
			if checksumRight(data) {
				dec := decoder.New(bytes.NewReader(out))
				for dec.Next() {
					if _, err := dec.Decode(); err != nil {
						t.Errorf("copy does not decode with its checksums checked: %v", err)
						break
					}
				}
			}
			// Serials alone leave the positions.
			out, _ = redactBytes(t, data, fitType, Strip{Fields: []string{"fit:SerialNumber"}})
			if after := scanFields(t, name, fitType, out); after["fit:SerialNumber"] != "" || after["fit:record"] != before["fit:record"] {
				t.Errorf("serials only: %v", after)
			}
		})
	}
}

// checksumRight reports whether every FIT file of data has a right
// checksum.
func checksumRight(data []byte) bool {
	dec := decoder.New(bytes.NewReader(data))
	for dec.Next() {
		if _, err := dec.Decode(); err != nil {
			return false
		}
	}
	return true
}

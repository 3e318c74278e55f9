package extract

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/kit/datetime"
	"github.com/muktihari/fit/profile/factory"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"
)

// The sample ride: made on 2021-06-03 at 12:22:10 UTC by a Garmin Edge
// 530 ("edge_530" in the FIT profile) with serial 3312345678, starting at the Eiffel Tower.
var (
	fitSampleTime   = time.Date(2021, 6, 3, 12, 22, 10, 0, time.UTC)
	fitSampleSerial = uint32(3312345678)
)

// semicircles converts degrees to FIT's semicircles.
func semicircles(deg float64) int32 { return int32(deg * (1 << 31) / 180) }

func fitField(mesg typedef.MesgNum, num byte, v any) proto.Field {
	return factory.CreateField(mesg, num).WithValue(v)
}

// fitRecord is a record message at a position, t seconds into the ride.
func fitRecord(t int, lat, lon float64) proto.Message {
	return proto.Message{Num: mesgnum.Record, Fields: []proto.Field{
		fitField(mesgnum.Record, fieldnum.RecordTimestamp, datetime.ToUint32(fitSampleTime.Add(time.Duration(t)*time.Second))),
		fitField(mesgnum.Record, fieldnum.RecordPositionLat, semicircles(lat)),
		fitField(mesgnum.Record, fieldnum.RecordPositionLong, semicircles(lon)),
		fitField(mesgnum.Record, fieldnum.RecordHeartRate, uint8(120)),
	}}
}

// fitFileID is the file_id message of the sample ride.
func fitFileID() proto.Message {
	return proto.Message{Num: mesgnum.FileId, Fields: []proto.Field{
		fitField(mesgnum.FileId, fieldnum.FileIdType, typedef.FileActivity.Byte()),
		fitField(mesgnum.FileId, fieldnum.FileIdManufacturer, typedef.ManufacturerGarmin.Uint16()),
		fitField(mesgnum.FileId, fieldnum.FileIdProduct, typedef.GarminProductEdge530.Uint16()),
		fitField(mesgnum.FileId, fieldnum.FileIdSerialNumber, fitSampleSerial),
		fitField(mesgnum.FileId, fieldnum.FileIdTimeCreated, datetime.ToUint32(fitSampleTime)),
	}}
}

// fitSample is a small activity as a device writes it: a file_id, a first
// record before the GPS had a fix, three records with positions, a lap
// and a session.
func fitSample() []proto.Message {
	noFix := fitRecord(0, 0, 0)
	noFix.Fields[1].Value, noFix.Fields[2].Value = proto.Int32(0x7FFFFFFF), proto.Int32(0x7FFFFFFF)
	start := func(num typedef.MesgNum, latNum, lonNum byte) proto.Message {
		return proto.Message{Num: num, Fields: []proto.Field{
			fitField(num, latNum, semicircles(48.8584)),
			fitField(num, lonNum, semicircles(2.2945)),
		}}
	}
	return []proto.Message{
		fitFileID(),
		noFix,
		fitRecord(1, 48.8584, 2.2945),
		fitRecord(2, 48.8590, 2.2950),
		fitRecord(3, 48.8600, 2.2960),
		start(mesgnum.Lap, fieldnum.LapStartPositionLat, fieldnum.LapStartPositionLong),
		start(mesgnum.Session, fieldnum.SessionStartPositionLat, fieldnum.SessionStartPositionLong),
	}
}

// encodeFIT encodes each list of messages as one FIT file of a chain.
func encodeFIT(t testing.TB, files ...[]proto.Message) []byte {
	t.Helper()
	var out bytes.Buffer
	for _, msgs := range files {
		var buf bytes.Buffer
		if err := encoder.New(&buf).Encode(&proto.FIT{Messages: msgs}); err != nil {
			t.Fatalf("encode fit: %v", err)
		}
		out.Write(buf.Bytes())
	}
	return out.Bytes()
}

// TestFITSampleFile holds testdata/samples/ride.fit to what the encoder
// makes of fitSample; CONSIGN_WRITE_FIT_SAMPLE=1 rewrites it.
func TestFITSampleFile(t *testing.T) {
	p := filepath.Join("testdata", "samples", "ride.fit")
	want := encodeFIT(t, fitSample())
	if os.Getenv("CONSIGN_WRITE_FIT_SAMPLE") == "1" {
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the encoded sample; rewrite it with CONSIGN_WRITE_FIT_SAMPLE=1", p)
	}
}

func TestFIT(t *testing.T) {
	src := openSource(t, filepath.Join("testdata", "samples", "ride.fit"))
	if src.MediaType != mediaFIT || src.Kind != KindOther {
		t.Fatalf("sniffed %s, %s; want %s, other", src.MediaType, src.Kind, mediaFIT)
	}
	var res Result
	Run(context.Background(), Default(), src, &res)
	if len(res.Errors) > 0 {
		t.Errorf("errors: %v", res.Errors)
	}
	wantFields := []Field{
		{"fit:SerialNumber", "3312345678"},
		{"fit:record", "48.858400,2.294500"},
		{"fit:lap", "48.858400,2.294500"},
		{"fit:session", "48.858400,2.294500"},
		{"fit:points", "3"},
	}
	for _, f := range wantFields {
		if got := fieldValues(&res, f.Name); !slices.Equal(got, []string{f.Value}) {
			t.Errorf("%s = %q, want %q", f.Name, got, f.Value)
		}
	}
	d, ok := res.ContentDate()
	if !ok || d.String() != "2021-06-03T12:22:10Z" || d.Source != "fit:TimeCreated" {
		t.Errorf("content date %v (%s), want 2021-06-03T12:22:10Z from fit:TimeCreated", d, d.Source)
	}
	for k, v := range map[string]string{"device_make": "garmin", "device_model": "edge_530", "device_serial": "3312345678"} {
		if res.Tags[k] != v {
			t.Errorf("tag %s = %q, want %q", k, res.Tags[k], v)
		}
	}
}

// fitResult runs the FIT extractor over data.
func fitResult(t *testing.T, data []byte) *Result {
	t.Helper()
	return runExtractor(t, NewFIT(), "ride.fit", mediaFIT, data)
}

func TestFITCases(t *testing.T) {
	productName := proto.Message{Num: mesgnum.FileId, Fields: []proto.Field{
		fitField(mesgnum.FileId, fieldnum.FileIdManufacturer, typedef.ManufacturerBryton.Uint16()),
		fitField(mesgnum.FileId, fieldnum.FileIdProduct, uint16(1901)),
		fitField(mesgnum.FileId, fieldnum.FileIdProductName, "Rider 420"),
	}}
	systemTime := fitFileID()
	systemTime.Fields[4].Value = proto.Uint32(1234) // seconds since power-up
	noSerial := fitFileID()
	noSerial.Fields[3].Value = proto.Uint32(0)
	unknownMaker := fitFileID()
	unknownMaker.Fields[1].Value = proto.Uint16(9999)
	device := func(index uint8, serial uint32) proto.Message {
		return proto.Message{Num: mesgnum.DeviceInfo, Fields: []proto.Field{
			fitField(mesgnum.DeviceInfo, fieldnum.DeviceInfoDeviceIndex, index),
			fitField(mesgnum.DeviceInfo, fieldnum.DeviceInfoSerialNumber, serial),
		}}
	}
	coursePoint := func(name string, lat, lon float64) proto.Message {
		return proto.Message{Num: mesgnum.CoursePoint, Fields: []proto.Field{
			fitField(mesgnum.CoursePoint, fieldnum.CoursePointPositionLat, semicircles(lat)),
			fitField(mesgnum.CoursePoint, fieldnum.CoursePointPositionLong, semicircles(lon)),
			fitField(mesgnum.CoursePoint, fieldnum.CoursePointName, name),
		}}
	}
	tests := []struct {
		name   string
		files  [][]proto.Message
		fields map[string][]string
		tags   map[string]string
		date   string
	}{
		{
			name:  "chain of two rides",
			files: [][]proto.Message{{fitFileID(), fitRecord(1, 48.8584, 2.2945)}, {fitFileID(), fitRecord(1, -33.8568, 151.2153), fitRecord(2, -33.8570, 151.2150)}},
			fields: map[string][]string{
				"fit:record":       {"48.858400,2.294500", "-33.856800,151.215300"},
				"fit:points":       {"3"},
				"fit:SerialNumber": {"3312345678"},
			},
			date: "2021-06-03T12:22:10Z",
		},
		{
			// The watch's own device_info repeats its serial; a heart-rate
			// strap and a power meter come at the start and again after a
			// pause. Only the watch's serial is the device_serial tag.
			name: "paired sensors",
			files: [][]proto.Message{{
				fitFileID(), device(0, fitSampleSerial), device(1, 1234567), device(2, 3987654321),
				fitRecord(1, 48.8584, 2.2945),
				device(0, fitSampleSerial), device(1, 1234567), device(2, 3987654321), device(3, 0), device(4, 0xFFFFFFFF),
			}},
			fields: map[string][]string{"fit:SerialNumber": {"3312345678", "1234567", "3987654321"}},
			tags:   map[string]string{"device_serial": "3312345678"},
			date:   "2021-06-03T12:22:10Z",
		},
		{
			// A course planned by hand: its named places, and no track.
			name:  "course points",
			files: [][]proto.Message{{fitFileID(), coursePoint("Home", 0, 0), coursePoint("Home", 51.501364, -0.14189), coursePoint("Café", 51.5033, -0.1276)}},
			fields: map[string][]string{
				"fit:course_point": {"51.501364,-0.141890"},
				"fit:record":       nil,
				"fit:points":       nil,
			},
			date: "2021-06-03T12:22:10Z",
		},
		{
			name:   "no fix at null island",
			files:  [][]proto.Message{{fitFileID(), fitRecord(1, 0, 0)}},
			fields: map[string][]string{"fit:record": nil, "fit:points": nil},
			date:   "2021-06-03T12:22:10Z",
		},
		{
			name:   "product name and another maker",
			files:  [][]proto.Message{{productName}},
			fields: map[string][]string{"fit:SerialNumber": nil},
			tags:   map[string]string{"device_make": "bryton", "device_model": "Rider 420"},
		},
		{
			name:   "time since power-up is no date",
			files:  [][]proto.Message{{systemTime}},
			fields: map[string][]string{"fit:SerialNumber": {"3312345678"}},
		},
		{
			name:   "no serial",
			files:  [][]proto.Message{{noSerial}},
			fields: map[string][]string{"fit:SerialNumber": nil},
			tags:   map[string]string{"device_serial": ""},
			date:   "2021-06-03T12:22:10Z",
		},
		{
			name:   "maker the profile does not know",
			files:  [][]proto.Message{{unknownMaker}},
			fields: map[string][]string{"fit:SerialNumber": {"3312345678"}},
			tags:   map[string]string{"device_make": "", "device_model": "", "device_serial": "3312345678"},
			date:   "2021-06-03T12:22:10Z",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := fitResult(t, encodeFIT(t, tt.files...))
			if len(res.Errors) > 0 {
				t.Errorf("errors: %v", res.Errors)
			}
			for name, want := range tt.fields {
				if got := fieldValues(res, name); !slices.Equal(got, want) {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
			for k, v := range tt.tags {
				if res.Tags[k] != v {
					t.Errorf("tag %s = %q, want %q", k, res.Tags[k], v)
				}
			}
			d, ok := res.ContentDate()
			if got := d.String(); ok != (tt.date != "") || (ok && got != tt.date) {
				t.Errorf("content date %q (%v), want %q", got, ok, tt.date)
			}
		})
	}
}

// TestFITSniff: a FIT file is known by its header, whatever its name.
func TestFITSniff(t *testing.T) {
	data := encodeFIT(t, fitSample())
	for _, name := range []string{"ride.fit", "ride.bin", "ride", "ride.txt", "RIDE.FIT"} {
		if mt, kind := Sniff(name, data); mt != mediaFIT || kind != KindOther {
			t.Errorf("Sniff(%s) = %s, %s; want %s, other", name, mt, kind, mediaFIT)
		}
	}
	notFIT := slices.Clone(data)
	copy(notFIT[8:], ".FIX")
	if mt, _ := Sniff("ride.fit", notFIT); mt == mediaFIT {
		t.Errorf("a header without .FIT sniffed as %s", mt)
	}
	notFIT[0] = 13
	copy(notFIT[8:], ".FIT")
	if mt, _ := Sniff("ride.fit", notFIT); mt == mediaFIT {
		t.Errorf("a 13-byte header sniffed as %s", mt)
	}
}

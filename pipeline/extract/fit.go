package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"
)

// FIT reads Garmin's FIT files (Flexible and Interoperable Data Transfer),
// the binary activity, course and monitoring logs of GPS watches, bike
// computers and fitness apps. Like a GPX track, an activity is a record of
// where someone was, and the file also names the device that logged it.
//
// Fields, with points written "lat,lon" in decimal degrees to 6 places:
// fit:record (the first position of each FIT file of a chain: its first
// record message with a fix), fit:lap and fit:session (the start position
// of its first lap and first session), fit:course_point (the position of
// its first course point: a course's turns, climbs and named places, which
// a course planned by hand may hold without any record), fit:points (the
// positions of all record messages); fit:SerialNumber, the serial numbers
// of the device that made the file (file_id) and of the devices it names
// in device_info messages: the sensors paired with it (a heart-rate strap,
// a power meter, a radar), each as telling of its owner as the watch. The
// file's creation time (file_id) is the content date, fit:TimeCreated;
// the maker, product and serial of the device that made it are the
// device_make, device_model and device_serial tags.
type FIT struct{}

var _ Extractor = FIT{}

// NewFIT returns the FIT activity file extractor.
func NewFIT() Extractor { return FIT{} }

// Name implements Extractor.
func (FIT) Name() string { return "fit" }

// mediaFIT is the media type registered for FIT files.
const mediaFIT = "application/vnd.ant.fit"

// fitSerialField is the field of the device's serial number, exiftool's
// name for file_id's serial_number.
const fitSerialField = "fit:SerialNumber"

// The decoder keeps every developer field description (what a Connect IQ
// app says of the fields it adds), and looks each developer field of each
// message up among them in turn. maxFITDescriptions bounds the
// descriptions, so that a file of them alone cannot cost memory in
// proportion to its size; a device with a few apps writes a few dozen.
// maxFITLookups bounds the look-ups, so that a file of developer fields
// cannot cost time in proportion to its size times the descriptions (32
// MiB of them took 8 s): a day's ride at one record a second, with 30
// developer fields and 50 descriptions, makes 130 million.
const (
	maxFITDescriptions = 256
	maxFITLookups      = 1 << 28
)

var (
	errFITDescriptions = fmt.Errorf("more than %d developer field descriptions", maxFITDescriptions)
	errFITLookups      = fmt.Errorf("developer fields need more than %d look-ups of their descriptions", maxFITLookups)
)

// isFITHeader reports whether head starts with a FIT file header: its
// size (12 bytes, or 14 with a CRC), then ".FIT" at offset 8.
func isFITHeader(head []byte) bool {
	return len(head) >= 12 && (head[0] == 12 || head[0] == 14) && string(head[8:12]) == ".FIT"
}

// sniffFIT is the content sniffer's test for a FIT file.
func sniffFIT(raw []byte, _ uint32) bool { return isFITHeader(raw) }

// Applies implements Extractor: a file the sniffer saw a FIT header in.
func (FIT) Applies(src *Source) bool { return src.MediaType == mediaFIT }

// Extract implements Extractor. The decoder hands each message to a
// listener and keeps none; the bytes it may read are bounded as for the
// other track formats, and the file's context stops it between messages.
func (FIT) Extract(ctx context.Context, src *Source, res *Result) error {
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	l := &fitListener{res: res, stop: stop}
	dec := decoder.New(io.NewSectionReader(src.R, 0, min(src.Size, maxTrackBytes)),
		decoder.WithMesgListener(l), decoder.WithMesgDefListener(l), decoder.WithBroadcastOnly(),
		// consign wants what the file says, not whether it is intact:
		// devices and converters write files whose CRC is wrong or zero.
		decoder.WithIgnoreChecksum(),
		// Positions, dates and serials are plain fields; expanding
		// components is work for values consign does not read.
		decoder.WithNoComponentExpansion())
	var err error
	for dec.Next() {
		l.newFile()
		if _, err = dec.DecodeWithContext(ctx); err != nil {
			break
		}
	}
	l.finish()
	if cause := context.Cause(ctx); errors.Is(cause, errFITDescriptions) || errors.Is(cause, errFITLookups) {
		err = cause
	}
	if src.Size > maxTrackBytes {
		res.Errorf("fit: read the first %d of %d bytes", maxTrackBytes, src.Size)
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil // cut by the bound, already said
		}
	}
	return err
}

// fitListener records what consign wants of the decoded messages.
type fitListener struct {
	res  *Result
	stop context.CancelCauseFunc

	descriptions int
	devFields    [proto.LocalMesgNumMask + 1]int // developer fields of each local message type
	lookups      int
	points       int
	fields       int
	dated        bool
	serials      []string
	// starts holds the first position of each kind of message in
	// fitStarts, for the FIT file of a chain being read.
	starts [len(fitStarts)]fitStart
}

// fitStarts names the messages whose first position is a field, in the
// order of the fields: the GPS detector reports the first, which should
// be where the track starts whether or not a device writes its laps and
// sessions before its records.
var fitStarts = [...]string{startRecord: "fit:record", startLap: "fit:lap", startSession: "fit:session", startCoursePoint: "fit:course_point"}

// The kinds of message in fitStarts.
const (
	startRecord = iota
	startLap
	startSession
	startCoursePoint
)

// fitStart is a position, if set.
type fitStart struct {
	set      bool
	lat, lon float64
}

var (
	_ decoder.MesgListener    = (*fitListener)(nil)
	_ decoder.MesgDefListener = (*fitListener)(nil)
)

// newFile starts a FIT file of a chain.
func (l *fitListener) newFile() {
	l.endFile()
	l.starts = [len(fitStarts)]fitStart{}
}

// endFile records the first positions of the FIT file read, within the
// track formats' bound on fields.
func (l *fitListener) endFile() {
	for i, p := range l.starts {
		if p.set && l.fields < maxTrackFields {
			l.fields++
			l.res.AddField(fitStarts[i], formatDegrees(p.lat)+","+formatDegrees(p.lon))
		}
	}
}

// OnMesg implements decoder.MesgListener. The message is the decoder's
// until OnMesg returns.
func (l *fitListener) OnMesg(m proto.Message) {
	switch m.Num {
	case mesgnum.FileId:
		l.fileID(&m)
	case mesgnum.DeviceInfo:
		l.serial(m.FieldValueByNum(fieldnum.DeviceInfoSerialNumber).Uint32z())
	case mesgnum.Record:
		if lat, lon, ok := fitPosition(&m, fieldnum.RecordPositionLat, fieldnum.RecordPositionLong); ok {
			l.points++
			l.first(startRecord, lat, lon)
		}
	case mesgnum.Lap:
		if lat, lon, ok := fitPosition(&m, fieldnum.LapStartPositionLat, fieldnum.LapStartPositionLong); ok {
			l.first(startLap, lat, lon)
		}
	case mesgnum.Session:
		if lat, lon, ok := fitPosition(&m, fieldnum.SessionStartPositionLat, fieldnum.SessionStartPositionLong); ok {
			l.first(startSession, lat, lon)
		}
	case mesgnum.CoursePoint:
		if lat, lon, ok := fitPosition(&m, fieldnum.CoursePointPositionLat, fieldnum.CoursePointPositionLong); ok {
			l.first(startCoursePoint, lat, lon)
		}
	case mesgnum.FieldDescription:
		if l.descriptions++; l.descriptions > maxFITDescriptions {
			l.stop(errFITDescriptions)
		}
	}
	if l.lookups += l.devFields[proto.LocalMesgNum(m.Header)] * l.descriptions; l.lookups > maxFITLookups {
		l.stop(errFITLookups)
	}
}

// OnMesgDef implements decoder.MesgDefListener: it counts the developer
// fields of each local message type.
func (l *fitListener) OnMesgDef(def proto.MessageDefinition) {
	l.devFields[def.Header&proto.LocalMesgNumMask] = len(def.DeveloperFieldDefinitions)
}

// first keeps the position of a message of kind fitStarts[i] unless the
// FIT file being read gave one before.
func (l *fitListener) first(i int, lat, lon float64) {
	if !l.starts[i].set {
		l.starts[i] = fitStart{true, lat, lon}
	}
}

// fitEpoch is when FIT's date_time counts from: 1989-12-31 00:00 UTC.
var fitEpoch = time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC)

// fitMinDateTime is the smallest date_time that is a date: smaller values
// count seconds from the device's power-up.
const fitMinDateTime = 0x10000000

// fileID records the creation time, the device's serial number, maker and
// product of a file_id message.
func (l *fitListener) fileID(m *proto.Message) {
	if t := m.FieldValueByNum(fieldnum.FileIdTimeCreated).Uint32(); !l.dated && t >= fitMinDateTime && t != 0xFFFFFFFF {
		l.dated = true
		l.res.AddDate(Date{Time: fitEpoch.Add(time.Duration(t) * time.Second), HasZone: true, Source: "fit:TimeCreated", Rank: RankCapture})
	}
	if sn := m.FieldValueByNum(fieldnum.FileIdSerialNumber).Uint32z(); sn != 0 {
		l.serial(sn)
		l.res.SetTag("device_serial", strconv.FormatUint(uint64(sn), 10))
	}
	maker := typedef.Manufacturer(m.FieldValueByNum(fieldnum.FileIdManufacturer).Uint16())
	// The profile's name of a maker, "ManufacturerInvalid(N)" for a
	// number it does not know.
	if name := maker.String(); !strings.Contains(name, "(") {
		l.res.SetTag("device_make", name)
	}
	if v := m.FieldValueByNum(fieldnum.FileIdProductName); v.Type() == proto.TypeString {
		l.res.SetTag("device_model", v.String())
	}
	switch maker {
	case typedef.ManufacturerGarmin, typedef.ManufacturerDynastream, typedef.ManufacturerDynastreamOem, typedef.ManufacturerTacx:
		// Garmin's product numbers have names; other makers' do not.
		if name := typedef.GarminProduct(m.FieldValueByNum(fieldnum.FileIdProduct).Uint16()).String(); !strings.Contains(name, "(") {
			l.res.SetTag("device_model", name)
		}
	}
}

// serial records a device's serial number once: the FIT files of a chain
// repeat their device's, and device_info messages repeat the file_id's
// for the device that made the file (device index 0) and come again at
// every start and stop. A serial of 0 (the field's invalid value) or of
// all ones, a filler, is none.
func (l *fitListener) serial(sn uint32) {
	if sn == 0 || sn == 0xFFFFFFFF {
		return
	}
	s := strconv.FormatUint(uint64(sn), 10)
	if len(l.serials) < maxTrackFields && !slices.Contains(l.serials, s) {
		l.serials = append(l.serials, s)
		l.res.AddField(fitSerialField, s)
	}
}

// fitPosition reads a position kept as two semicircle fields (2^31
// semicircles make 180 degrees). A field that is absent, holds the
// invalid value or lies out of range, or a position at 0,0 (what some
// devices log before a fix), is no position.
func fitPosition(m *proto.Message, latNum, lonNum byte) (lat, lon float64, ok bool) {
	la := m.FieldValueByNum(latNum).Int32()
	lo := m.FieldValueByNum(lonNum).Int32()
	const invalid = 0x7FFFFFFF
	if la == invalid || lo == invalid || (la == 0 && lo == 0) {
		return 0, 0, false
	}
	lat, lon = float64(la)*(180.0/(1<<31)), float64(lo)*(180.0/(1<<31))
	return lat, lon, validCoord(lat, 90) && validCoord(lon, 180)
}

// finish records the positions of the last FIT file read and the number
// of positions.
func (l *fitListener) finish() {
	l.endFile()
	if l.points > 0 {
		l.res.AddField("fit:points", strconv.Itoa(l.points))
	}
}

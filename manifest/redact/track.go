package redact

import (
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/consignhq/consign/pipeline/extract"
)

// trackTypes are the media types a track file of positions comes as: GPX,
// KML and TCX files (often sniffed as plain XML), NMEA and IGC logs and
// tables with latitude and longitude columns. Their positions go with
// the field a finding names (gpx:trkpt, nmea:trkpt, csv:position), and
// their text may be masked at the same time (a pilot's name in an IGC
// header), with Metadata's content ranges.
var trackTypes = map[string]bool{
	"application/gpx+xml": true, "application/vnd.google-earth.kml+xml": true,
	"text/xml": true, "application/xml": true, "text/plain": true,
	"text/csv": true, "text/tab-separated-values": true,
}

const fitType = "application/vnd.ant.fit"

// trackExt is the file name extension the extractors know each track
// format by, for reading a copy back.
var trackExt = map[string]string{"gpx": ".gpx", "kml": ".kml", "tcx": ".tcx", "igc": ".igc", "nmea": ".log", "csv": ".csv", "tsv": ".tsv"}

// trackField reports whether name is a position field of a track file of
// mediaType, or a position or serial number of a FIT file.
func trackField(mediaType, name string) bool {
	if mediaType == fitType {
		switch name {
		case "fit:record", "fit:lap", "fit:session", "fit:course_point", "fit:SerialNumber":
			return true
		}
		return false
	}
	return extract.TrackFormat(name, mediaType) != ""
}

// redactTrack masks every position of a track file, as a text file's
// values are masked (X for each digit and point), when Strip.Fields names
// one of its position fields or Strip.GPS is set, and masks the job's
// content ranges. The
// copy is read back through the extractors: a position field they still
// find is reported kept.
func redactTrack(j *job) error {
	named := j.strip.Fields
	if j.strip.GPS {
		// Every position field the file has, for the format they name.
		res, err := j.read()
		if err != nil {
			return err
		}
		for _, f := range res.Fields {
			named = append(named, f.Name)
		}
	}
	// The fields by the format they name: a file is one format, but a
	// text file may read as two (an NMEA sentence in an XML file).
	byFormat := map[string][]string{}
	var formatsNamed []string
	for _, f := range named {
		tf := extract.TrackFormat(f, j.mediaType)
		if tf == "" || slices.Contains(byFormat[tf], f) {
			continue
		}
		if byFormat[tf] == nil {
			formatsNamed = append(formatsNamed, tf)
		}
		byFormat[tf] = append(byFormat[tf], f)
	}
	// The file is read once, for every format's positions and the masks;
	// one past the extractors' bound has its content ranges read alone.
	var data []byte
	if j.size <= extract.MaxTrackBytes {
		var err error
		if data, err = readBlock(j.r, 0, j.size, extract.MaxTrackBytes, "track"); err != nil {
			return err
		}
	}
	ranges := slices.Clone(j.content)
	for _, format := range formatsNamed {
		found, err := extract.LocateTrackPositions(format, data)
		if data == nil {
			err = fmt.Errorf("positions are read from the first %d of the file's %d bytes", extract.MaxTrackBytes, j.size)
		}
		if err != nil {
			for _, f := range byFormat[format] {
				j.rep.kept(f + " kept: " + err.Error())
			}
			delete(byFormat, format)
		}
		for _, r := range found {
			ranges = append(ranges, Range{r.Off, r.Off + r.N})
		}
	}
	rs, err := mergeRanges(ranges)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if r.End > j.size {
			return fmt.Errorf("range [%d,%d) ends past the %d byte file: %w", r.Start, r.End, j.size, ErrBadRange)
		}
		var b []byte
		if data != nil {
			b = data[r.Start:r.End]
		} else if b, err = readBlock(j.r, r.Start, r.End-r.Start, maxTrackRange, "masked range"); err != nil {
			return err
		}
		j.add(patch(r.Start, maskSlice(b)))
	}
	for _, r := range j.content {
		if r.End > r.Start {
			j.rep.Applied = append(j.rep.Applied, fmt.Sprintf("content[%d:%d] masked", r.Start, r.End))
		}
	}
	// Each format's fields are checked in the copy read under a name
	// of that format, since some extractors know a format by its name.
	for _, format := range formatsNamed {
		fields := byFormat[format]
		if len(fields) == 0 {
			continue
		}
		done := map[string]bool{}
		for _, f := range fields {
			done[f] = true
		}
		j.path = "track" + trackExt[format]
		if err := j.checkFields(fields, done); err != nil {
			return err
		}
	}
	return nil
}

// maxTrackRange bounds one masked range of a track file held in memory.
const maxTrackRange = extract.MaxTrackBytes

// redactFIT sets every position of a FIT file (in any message, in
// semicircles) to the format's invalid value, when Strip.Fields names a
// position field or Strip.GPS is set, and every serial number to its
// invalid value, zero, when it names fit:SerialNumber or Strip.Serials
// is set; then it makes the checksum of each FIT
// file of the chain again where it was right. The copy is read back
// through the extractors.
func redactFIT(j *job) error {
	var fields []string
	positions, serials := false, false
	for _, f := range j.strip.Fields {
		if !trackField(fitType, f) {
			continue
		}
		fields = append(fields, f)
		if f == "fit:SerialNumber" {
			serials = true
		} else {
			positions = true
		}
	}
	positions = positions || j.strip.GPS
	serials = serials || j.strip.Serials
	if !positions && !serials {
		return nil
	}
	if j.strip.GPS || j.strip.Serials {
		res, err := j.read()
		if err != nil {
			return err
		}
		for _, f := range res.Fields {
			if trackField(fitType, f.Name) && !slices.Contains(fields, f.Name) &&
				(f.Name == "fit:SerialNumber" && j.strip.Serials || f.Name != "fit:SerialNumber" && j.strip.GPS) {
				fields = append(fields, f.Name)
			}
		}
	}
	data, err := readBlock(j.r, 0, j.size, extract.MaxTrackBytes, "fit file")
	if err != nil {
		for _, f := range fields {
			j.rep.kept(f + " kept: " + err.Error())
		}
		return nil
	}
	// The edits are made in a copy of the file, whose checksums are then
	// computed; each edited FIT file becomes one patch.
	out := slices.Clone(data)
	edited := false
	fit := &extract.FITFields{}
	if positions {
		fit.Position = func(v extract.FITValue) {
			for p := v.Off; p+4 <= v.Off+v.N; p += 4 {
				order := binary.ByteOrder(binary.LittleEndian)
				if v.BigEndian {
					order = binary.BigEndian
				}
				order.PutUint32(out[p:], 0x7FFFFFFF) // sint32's invalid value
			}
			edited = true
		}
	}
	if serials {
		fit.Serial = func(v extract.FITValue) {
			clear(out[v.Off : v.Off+v.N]) // uint32z's invalid value
			edited = true
		}
	}
	files, err := extract.LocateFITFields(data, fit)
	if err != nil {
		for _, f := range fields {
			j.rep.kept(f + " kept: " + err.Error())
		}
		return nil
	}
	if !edited {
		return nil
	}
	for _, f := range files {
		covered := f.Covered
		if f.CRC < 0 || !fitChecksumRight(data, covered, f.CRC) {
			continue // a file whose checksum was wrong or zero keeps it
		}
		binary.LittleEndian.PutUint16(out[f.CRC:], extract.FITChecksum(out[covered.Off:covered.Off+covered.N]))
	}
	for _, f := range files {
		end := f.Covered.Off + f.Covered.N
		if f.CRC >= 0 {
			end = f.CRC + 2
		}
		if !slices.Equal(out[f.Covered.Off:end], data[f.Covered.Off:end]) {
			j.add(patch(f.Covered.Off, out[f.Covered.Off:end]))
		}
	}
	done := map[string]bool{}
	for _, f := range fields {
		done[f] = true
	}
	j.path = "activity.fit"
	return j.checkFields(fields, done)
}

// fitChecksumRight reports whether the checksum at crc is that of the
// covered bytes of data.
func fitChecksumRight(data []byte, covered extract.FileRange, crc int64) bool {
	sum := binary.LittleEndian.Uint16(data[crc:])
	return sum != 0 && sum == extract.FITChecksum(data[covered.Off:covered.Off+covered.N])
}

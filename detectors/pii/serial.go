package pii

import (
	"github.com/consignhq/consign/detectors"
)

// DeviceSerialName names the device serial number detector.
const DeviceSerialName = "pii/device_serial"

// serialFields are the local names of the fields cameras and raw
// converters write serial numbers to: EXIF 2.3 (BodySerialNumber,
// LensSerialNumber), Adobe's SerialNumber, DNG's CameraSerialNumber, XMP
// aux:SerialNumber and aux:LensSerialNumber, and the maker-note serials
// (InternalSerialNumber) under whatever namespace their reader gives them.
var serialFields = map[string]bool{
	"BodySerialNumber": true, "SerialNumber": true, "LensSerialNumber": true,
	"InternalSerialNumber": true, "CameraSerialNumber": true,
}

// goproSerialHash is the field of the hash of the camera serial that
// GoPro's movies carry (udta CAME): one value per camera, so as telling
// as the serial. A SerialNumberHash in another namespace is not
// reported: nothing says what it holds, and the XMP redaction, which goes
// by names ending in SerialNumber, would not remove it.
const goproSerialHash = "gopro:SerialNumberHash"

// fitSerial is the field of the serial number of the device (a GPS watch,
// a bike computer) that made a FIT activity file.
const fitSerial = "fit:SerialNumber"

// DeviceSerial reports camera and lens serial numbers, and those of the
// GPS watches and bike computers that write FIT activity files. A serial
// number ties every photo or ride to one device, and so to its owner,
// across catalogs and sites: a buyer can link the creator's sold files
// with the ones they posted elsewhere, or with a stolen-camera register.
type DeviceSerial struct{ fieldListDetector }

var _ detectors.Detector = (*DeviceSerial)(nil)

// NewDeviceSerial returns the device serial number detector.
func NewDeviceSerial(detectors.Config) detectors.Detector {
	return &DeviceSerial{fieldListDetector{
		name: DeviceSerialName,
		rule: fieldRule{kind: "device_serial", severity: detectors.SeverityMedium, confidence: 0.95, action: actionRemove},
		match: func(field string) bool {
			return (isCameraField(field) && serialFields[localName(field)]) || field == goproSerialHash || field == fitSerial
		},
		values: serialValue,
	}}
}

// minSerialLen is the shortest serial number reported: shorter values
// ("1", "A2") are model codes or counters, not a device's identity.
const minSerialLen = 3

// serialValue keeps a serial number unless it is a filler value: blank,
// "0000000000", "unknown".
func serialValue(_, v string) []string {
	v = normalizeText(v)
	if len(v) < minSerialLen || saysNothing(v) || isCountingRun(v) {
		return nil
	}
	return []string{v}
}

// minCountingRun is the shortest run of counting digits taken for a
// filler: a shorter one can be part of a real serial.
const minCountingRun = 6

// isCountingRun reports whether v is the digits counted up from 0 or 1
// ("0123456789", "12345678"), what sample files and anonymised exports
// write in place of a camera's serial. A run that wraps past 9 or starts
// elsewhere is kept: it can be a real serial.
func isCountingRun(v string) bool {
	if len(v) < minCountingRun || (v[0] != '0' && v[0] != '1') {
		return false
	}
	for i := 1; i < len(v); i++ {
		if v[i] != v[i-1]+1 || v[i] > '9' {
			return false
		}
	}
	return true
}

// Version implements the pipeline's versioned detector: "2" drops
// counting-digit fillers, "3" reads gopro:SerialNumberHash and "4"
// fit:SerialNumber, so cached findings are made again.
func (*DeviceSerial) Version() string { return "4" }

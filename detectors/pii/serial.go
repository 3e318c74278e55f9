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

// DeviceSerial reports camera and lens serial numbers. A serial number
// ties every photo to one camera, and so to its owner, across catalogs
// and sites: a buyer can link the creator's sold files with the ones
// they posted elsewhere, or with a stolen-camera register.
type DeviceSerial struct{ fieldListDetector }

var _ detectors.Detector = (*DeviceSerial)(nil)

// NewDeviceSerial returns the device serial number detector.
func NewDeviceSerial(detectors.Config) detectors.Detector {
	return &DeviceSerial{fieldListDetector{
		name: DeviceSerialName,
		rule: fieldRule{kind: "device_serial", severity: detectors.SeverityMedium, confidence: 0.95, action: actionRemove},
		match: func(field string) bool {
			return isCameraField(field) && serialFields[localName(field)]
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
	if len(v) < minSerialLen || saysNothing(v) {
		return nil
	}
	return []string{v}
}

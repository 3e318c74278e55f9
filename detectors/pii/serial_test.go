package pii

import (
	"testing"

	"github.com/consignhq/consign/detectors"
)

var serialCases = []fieldCase{
	{"exif body and lens", fields("exif:BodySerialNumber", "012345678901", "exif:LensSerialNumber", "LS998877"),
		[]string{"exif:BodySerialNumber=012345678901", "exif:LensSerialNumber=LS998877"}},
	{"adobe and dng", fields("exif:SerialNumber", "SN-4242", "exif:CameraSerialNumber", "3109876"),
		[]string{"exif:SerialNumber=SN-4242", "exif:CameraSerialNumber=3109876"}},
	{"xmp aux", fields("xmp:aux:SerialNumber", " AUX  123 ", "xmp:aux:LensSerialNumber", "0000000000"),
		[]string{"xmp:aux:SerialNumber=AUX 123"}},
	{"maker note", fields("makernote:InternalSerialNumber", "PV1234567"),
		[]string{"makernote:InternalSerialNumber=PV1234567"}},
	{"gopro gpmf", fields("gopro:CameraSerialNumber", "C3221324657219"), []string{"gopro:CameraSerialNumber=C3221324657219"}},
	{"gopro lens and serial hash", fields("gopro:LensSerialNumber", "LAJ7061317601275", "gopro:SerialNumberHash", "2e42b0cdffea08c4fccfb6454401d21f"),
		[]string{"gopro:LensSerialNumber=LAJ7061317601275", "gopro:SerialNumberHash=2e42b0cdffea08c4fccfb6454401d21f"}},
	{"fit device", fields("fit:SerialNumber", "3499711370", "fit:points", "1234"), []string{"fit:SerialNumber=3499711370"}},
	{"zeros", fields("exif:BodySerialNumber", "0000000000"), nil},
	{"blank and dashes", fields("exif:BodySerialNumber", "   ", "exif:LensSerialNumber", "----"), nil},
	{"unknown", fields("exif:LensSerialNumber", "Unknown", "xmp:aux:SerialNumber", "N/A"), nil},
	{"too short", fields("exif:BodySerialNumber", "12"), nil},
	{"counting fillers", fields("exif:BodySerialNumber", "0123456789", "xmp:aux:SerialNumber", "1234567"), nil},
	{"counting digits in real serials", fields("exif:BodySerialNumber", "4123456789", "exif:LensSerialNumber", "01234"),
		[]string{"exif:BodySerialNumber=4123456789", "exif:LensSerialNumber=01234"}},
	{"document custom property", fields("docx:custom:SerialNumber", "INV-2021-0042"), nil},
	{"serial hash outside gopro", fields("xmp:x:SerialNumberHash", "2e42b0cdffea08c4fccfb6454401d21f"), nil},
	{"other fields", fields("exif:Model", "EOS R6", "exif:ImageUniqueID", "A1B2C3D4E5"), nil},
}

func TestDeviceSerial(t *testing.T) {
	runFieldCases(t, NewDeviceSerial(detectors.Config{}), "device_serial", detectors.SeverityMedium, "remove", serialCases)
}

var ownerCases = []fieldCase{
	{"exif camera owner", fields("exif:CameraOwnerName", "Jane Owner"), []string{"exif:CameraOwnerName=Jane Owner"}},
	{"adobe owner", fields("exif:OwnerName", "Studio  North"), []string{"exif:OwnerName=Studio North"}},
	{"xmp aux", fields("xmp:aux:OwnerName", "Ann Body"), []string{"xmp:aux:OwnerName=Ann Body"}},
	{"maker note", fields("canon-makernote:OwnerName", "Ben K"), []string{"canon-makernote:OwnerName=Ben K"}},
	{"placeholder", fields("exif:CameraOwnerName", "unknown", "exif:OwnerName", "Owner"), nil},
	{"no letters", fields("exif:OwnerName", "0000"), nil},
	{"artist is not the owner", fields("exif:Artist", "Jane Creator"), nil},
	{"document field", fields("docx:custom:OwnerName", "Legal"), nil},
}

func TestOwner(t *testing.T) {
	runFieldCases(t, NewOwner(detectors.Config{}), "owner_name", detectors.SeverityMedium, "remove", ownerCases)
}

func TestIsPlaceholder(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", true}, {"0000000000", true}, {"  --  ", true}, {"Unknown", true}, {"N/A", true},
		{"Microsoft Office User", true}, {"x", true},
		{"Jane", false}, {"012345678901", false}, {"AB", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := saysNothing(tt.in); got != tt.want {
				t.Errorf("saysNothing(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzDeviceSerial(f *testing.F) {
	fuzzMetaDetector(f, NewDeviceSerial(detectors.Config{}), []string{"exif:BodySerialNumber", "xmp:aux:SerialNumber"},
		[]string{"012345678901", "0000", "", "\xff\xfe"})
}

package main

// exifSpec describes the EXIF metadata of a generated image. Empty strings
// and a nil GPS leave the matching fields out of the block.
type exifSpec struct {
	BigEndian          bool
	Make               string
	Model              string
	Software           string
	DateTime           string // IFD0 DateTime, "YYYY:MM:DD HH:MM:SS"
	Artist             string
	Copyright          string
	DateTimeOriginal   string
	DateTimeDigitized  string
	OffsetTime         string
	OffsetTimeOriginal string
	OffsetTimeDigital  string
	OwnerName          string
	BodySerial         string
	LensMake           string
	LensModel          string
	LensSerial         string
	Width, Height      uint32
	GPS                *gpsSpec
}

// gpsSpec is a GPS position as EXIF stores it: degrees, minutes and
// seconds as rationals, with hemisphere references.
type gpsSpec struct {
	LatRef   string // "N" or "S"
	Lat      [3]rational
	LonRef   string // "E" or "W"
	Lon      [3]rational
	Altitude rational // metres above sea level
}

// EXIF and GPS tag numbers (EXIF 2.32, CIPA DC-008).
const (
	tagMake              = 0x010F
	tagModel             = 0x0110
	tagOrientation       = 0x0112
	tagXResolution       = 0x011A
	tagYResolution       = 0x011B
	tagResolutionUnit    = 0x0128
	tagSoftware          = 0x0131
	tagDateTime          = 0x0132
	tagArtist            = 0x013B
	tagYCbCrPositioning  = 0x0213
	tagCopyright         = 0x8298
	tagExifIFD           = 0x8769
	tagGPSIFD            = 0x8825
	tagExifVersion       = 0x9000
	tagDateTimeOriginal  = 0x9003
	tagDateTimeDigitized = 0x9004
	tagOffsetTime        = 0x9010
	tagComponentsConfig  = 0x9101
	tagFlashpixVersion   = 0xA000
	tagOffsetTimeOrig    = 0x9011
	tagOffsetTimeDigit   = 0x9012
	tagColorSpace        = 0xA001
	tagPixelXDimension   = 0xA002
	tagPixelYDimension   = 0xA003
	tagCameraOwnerName   = 0xA430
	tagBodySerialNumber  = 0xA431
	tagLensMake          = 0xA433
	tagLensModel         = 0xA434
	tagLensSerialNumber  = 0xA435
	tagGPSVersionID      = 0x0000
	tagGPSLatitudeRef    = 0x0001
	tagGPSLatitude       = 0x0002
	tagGPSLongitudeRef   = 0x0003
	tagGPSLongitude      = 0x0004
	tagGPSAltitudeRef    = 0x0005
	tagGPSAltitude       = 0x0006
)

// tiff builds the bare TIFF stream of the spec: IFD0, the EXIF sub-IFD and,
// when a position is set, the GPS sub-IFD. PNG eXIf chunks hold exactly
// this; JPEG APP1 prefixes it with "Exif\0\0".
func (s exifSpec) tiff() []byte {
	ifd0 := &tiffIFD{}
	ifd0.ascii(tagMake, s.Make)
	ifd0.ascii(tagModel, s.Model)
	ifd0.short(tagOrientation, 1)
	ifd0.rational(tagXResolution, rational{72, 1})
	ifd0.rational(tagYResolution, rational{72, 1})
	ifd0.short(tagResolutionUnit, 2)
	ifd0.ascii(tagSoftware, s.Software)
	ifd0.ascii(tagDateTime, s.DateTime)
	ifd0.ascii(tagArtist, s.Artist)
	ifd0.short(tagYCbCrPositioning, 1) // centred, as the JPEG encoder samples
	ifd0.ascii(tagCopyright, s.Copyright)

	ex := &tiffIFD{}
	ex.raw(tagExifVersion, tiffUndefined, []byte("0232"))
	ex.ascii(tagDateTimeOriginal, s.DateTimeOriginal)
	ex.ascii(tagDateTimeDigitized, s.DateTimeDigitized)
	ex.ascii(tagOffsetTime, s.OffsetTime)
	ex.ascii(tagOffsetTimeOrig, s.OffsetTimeOriginal)
	ex.ascii(tagOffsetTimeDigit, s.OffsetTimeDigital)
	ex.raw(tagComponentsConfig, tiffUndefined, []byte{1, 2, 3, 0}) // Y, Cb, Cr
	ex.raw(tagFlashpixVersion, tiffUndefined, []byte("0100"))
	ex.short(tagColorSpace, 1)
	if s.Width > 0 && s.Height > 0 {
		ex.long(tagPixelXDimension, s.Width)
		ex.long(tagPixelYDimension, s.Height)
	}
	ex.ascii(tagCameraOwnerName, s.OwnerName)
	ex.ascii(tagBodySerialNumber, s.BodySerial)
	ex.ascii(tagLensMake, s.LensMake)
	ex.ascii(tagLensModel, s.LensModel)
	ex.ascii(tagLensSerialNumber, s.LensSerial)
	ifd0.child(tagExifIFD, ex)

	if g := s.GPS; g != nil {
		gps := &tiffIFD{}
		gps.raw(tagGPSVersionID, tiffByte, []byte{2, 3, 0, 0})
		gps.ascii(tagGPSLatitudeRef, g.LatRef)
		gps.rational(tagGPSLatitude, g.Lat[:]...)
		gps.ascii(tagGPSLongitudeRef, g.LonRef)
		gps.rational(tagGPSLongitude, g.Lon[:]...)
		gps.raw(tagGPSAltitudeRef, tiffByte, []byte{0})
		gps.rational(tagGPSAltitude, g.Altitude)
		ifd0.child(tagGPSIFD, gps)
	}
	return tiffBlock(ifd0, s.BigEndian)
}

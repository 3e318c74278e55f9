package detectors

// copyrightFields hold a copyright statement or the name of a rights
// holder.
var copyrightFields = map[string]bool{
	"exif:Copyright": true, "xmp:dc:rights": true, "iptc:CopyrightNotice": true,
	"xmp:xmpRights:Owner": true, "xmp:plus:CopyrightOwner/plus:CopyrightOwnerName": true,
	"xmp:plus:Licensor/plus:LicensorName": true, "xmp:photoshop:Copyright": true,
	"epub:dc:rights": true, "html:meta:copyright": true, "html:meta:dcterms.rights": true,
	"html:meta:dc.rights": true, "riff:ICOP": true, "pdf:Copyright": true, "rtf:copyright": true,
	"id3:TCOP": true, "id3:TCR": true, "vorbis:COPYRIGHT": true, "mp4:cprt": true, "mp4:©cpy": true,
	"ape:COPYRIGHT": true, "aiff:Copyright": true, "mobi:Rights": true, "mkv:COPYRIGHT": true,
	"mkv:PRODUCTION_COPYRIGHT": true, "asf:Copyright": true,
}

// IsCopyrightField reports whether a metadata field ("exif:Copyright",
// "id3:TCOP") holds a copyright statement or names a rights holder.
func IsCopyrightField(name string) bool { return copyrightFields[name] }

package redact

import (
	"strings"

	"github.com/consignhq/consign/pipeline/extract"
)

// makerNoteValues are the edits that zero the values of a raw file's
// maker note s asks for, found where the EXIF extractor reads them
// (found, in a note of maker's layout; err when the note could not be
// walked): its serial numbers with Serials, its owner's name with Owner,
// and the fields Fields names (makernote:InternalSerialNumber). The
// note's directory and every other value stay, for the raw decoders that
// read them; a value zeroed reads as none (a string of NULs, a number 0).
// A Nikon note's serial numbers are kept and reported: a NEF's colour
// data is encrypted with them.
func makerNoteValues(maker string, found []extract.FieldRange, err error, s Strip, rep *Report) []edit {
	if err != nil {
		rep.kept("exif:MakerNote kept: " + err.Error())
		return nil
	}
	var out []edit
	for _, f := range found {
		name := strings.TrimPrefix(f.Field, "makernote:")
		if !(s.Serials && strings.HasSuffix(name, "SerialNumber") || s.Owner && name == "OwnerName" || s.field(f.Field)) {
			continue
		}
		if maker == "NIKON" && strings.HasSuffix(name, "SerialNumber") {
			rep.kept(f.Field + " kept: raw decoders decrypt a Nikon raw file's colour data with the maker note's serial number")
			continue
		}
		out = append(out, zeros(f.Value.Off, f.Value.N))
		rep.applied(f.Field + " removed")
	}
	return out
}

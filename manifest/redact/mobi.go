package redact

import (
	"bytes"
	"strings"

	"github.com/consignhq/consign/pipeline/extract"
)

// redactMOBI blanks the values of a Mobipocket book's EXTH records (and
// its full name) that s.Fields names (mobi:Author, mobi:Contributor):
// each value's bytes become spaces, which the extractor trims to
// nothing, and the record keeps its length, so nothing in the book
// moves. The edited book is read again as a scan reads it.
func redactMOBI(j *job) error {
	var fields []string
	for _, f := range j.strip.Fields {
		if strings.HasPrefix(f, "mobi:") {
			fields = append(fields, f)
		}
	}
	if len(fields) == 0 {
		return nil
	}
	values, err := extract.LocateMOBIFields(j.r, j.size)
	if err != nil {
		for _, f := range fields {
			j.rep.kept(f + " kept: " + err.Error())
		}
		return nil
	}
	blanked := map[string]bool{}
	for _, v := range values {
		if j.strip.field(v.Field) && v.Value.N > 0 {
			j.add(patch(v.Value.Off, bytes.Repeat([]byte{' '}, int(v.Value.N))))
			blanked[v.Field] = true
		}
	}
	if len(blanked) == 0 {
		return nil
	}
	return j.checkFields(fields, blanked)
}

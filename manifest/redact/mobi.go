package redact

import (
	"github.com/consignhq/consign/pipeline/extract"
)

// redactMOBI blanks the values of a Mobipocket book's EXTH records (and
// its full name) that s.Fields names (mobi:Author, mobi:Contributor):
// each value's bytes become spaces, which the extractor trims to
// nothing, and the record keeps its length, so nothing in the book
// moves. The edited book is read again as a scan reads it.
func redactMOBI(j *job) error {
	fields := j.strip.fieldsWhere(prefixed("mobi:"))
	if len(fields) == 0 {
		return nil
	}
	values, err := extract.LocateMOBIFields(j.r, j.size)
	blanked := map[string]bool{}
	j.editFields(fields, values, err, blankValue, blanked)
	return j.checkFields(fields, blanked)
}

package pii

import (
	"strconv"

	"github.com/nyaruka/phonenumbers"
)

// Most numbers in English text are North American ones written without
// the trunk 1: ten digits, the first 2-9. phonenumbers.Parse spends most
// of a validation on such a number running its general patterns (for an
// international prefix, an extension, a country code, a trunk prefix),
// none of which can match ten such digits read in region US: it returns
// country code 1 and the digits as they stand. nanpNumber builds that
// number directly; TestNANPNumberAgreesWithParse holds it to Parse.

// nanpNumber returns the number Parse reads from text in region US when
// text is ten digits with the first 2-9, with its E.164 form.
func nanpNumber(text, region string) (*phonenumbers.PhoneNumber, string, bool) {
	if region != "US" || len(text) != 10 || text[0] < '2' || text[0] > '9' {
		return nil, "", false
	}
	n, err := strconv.ParseUint(text, 10, 64)
	if err != nil {
		return nil, "", false // not all digits
	}
	cc := int32(1)
	return &phonenumbers.PhoneNumber{CountryCode: &cc, NationalNumber: &n}, "+1" + text, true
}

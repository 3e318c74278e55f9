package pii

import "slices"

// fixedKinds are the kinds this package's detectors report besides the
// national id and token kinds their rule tables hold. A redaction policy
// in consign.yaml is checked against Kinds, so a kind a detector reports
// must be listed here (runCases holds every test sample to that).
var fixedKinds = []string{
	"card", "crypto_wallet", "date_of_birth", "device_serial", "email",
	"gps_location", "iban", "ip", "itin", "jwt", "mac", "owner_name",
	"password", "person_in_image", "person_name", "phone", "postcode",
	"private_key", "social_handle", "ssn", "street_address",
}

// Kinds lists every kind of finding this package reports, sorted.
func Kinds() []string {
	ks := slices.Clone(fixedKinds)
	ks = append(ks, NationalIDKinds()...)
	for _, r := range tokenRules {
		ks = append(ks, r.kind)
	}
	slices.Sort(ks)
	return slices.Compact(ks)
}

package detectors

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
)

// KindSelf is the kind of a finding that is the creator's own detail.
const KindSelf = "self"

// minPhoneDigits is the shortest digit string compared as a phone number:
// shorter ones (years, counts) would match by accident.
const minPhoneDigits = 7

// SelfFilter recognises the creator's own names, handles, emails, phones
// and domains among matched values.
type SelfFilter struct {
	values  map[string]bool // normalized names, aliases, handles, emails, domains
	domains map[string]bool
	phones  []string // digits only
}

// NewSelfFilter prepares id for matching.
func NewSelfFilter(id Identity) *SelfFilter {
	s := &SelfFilter{values: make(map[string]bool), domains: make(map[string]bool)}
	for _, list := range [][]string{id.Names, id.Aliases, id.Handles, id.Emails, id.Domains} {
		for _, v := range list {
			if n := normalizeSelf(v); n != "" {
				s.values[n] = true
			}
		}
	}
	for _, e := range id.Emails {
		// An address kept as its Gravatar hash (see pii's hashed
		// emails) is still the creator's own.
		if n := normalizeSelf(e); n != "" {
			md5Sum, sha256Sum := md5.Sum([]byte(n)), sha256.Sum256([]byte(n))
			s.values[hex.EncodeToString(md5Sum[:])] = true
			s.values[hex.EncodeToString(sha256Sum[:])] = true
		}
	}
	for _, d := range id.Domains {
		if n := normalizeSelf(d); n != "" {
			s.domains[n] = true
		}
	}
	for _, p := range id.Phones {
		if d := digitsOnly(p); len(d) >= minPhoneDigits {
			s.phones = append(s.phones, d)
		}
	}
	return s
}

// IsSelf reports whether a matched value is the creator's own. An email
// address at one of the creator's domains counts as theirs, and so does
// the MD5 or SHA-256 of one of their addresses. Phones match
// when the digits of one end with the digits of the other, so "+44 20 7946
// 0000" in the profile matches "020 7946 0000" with its trunk prefix
// dropped to "20 7946 0000".
func (s *SelfFilter) IsSelf(value string) bool {
	if s == nil {
		return false
	}
	n := normalizeSelf(value)
	if n == "" {
		return false
	}
	if s.values[n] {
		return true
	}
	if at := strings.LastIndexByte(n, '@'); at > 0 && s.domains[n[at+1:]] {
		return true
	}
	if d := digitsOnly(value); len(d) >= minPhoneDigits && len(d)*2 > len(value) {
		for _, p := range s.phones {
			if sameNumber(d, p) {
				return true
			}
		}
	}
	return false
}

// sameNumber compares phone digits up to a country code or trunk zero
// present on one side only.
func sameNumber(a, b string) bool {
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if len(a) < len(b) {
		a, b = b, a
	}
	return len(b) >= minPhoneDigits && strings.HasSuffix(a, b) && len(a)-len(b) <= 3
}

// normalizeSelf folds case, collapses spaces and drops a handle's "@".
func normalizeSelf(v string) string {
	v = strings.Join(strings.Fields(strings.ToLower(v)), " ")
	v = strings.TrimPrefix(v, "@")
	return strings.TrimSuffix(v, ".")
}

func digitsOnly(v string) string {
	var b strings.Builder
	for _, r := range v {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else if unicode.IsLetter(r) {
			return ""
		}
	}
	return b.String()
}

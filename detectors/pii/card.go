package pii

import (
	"strconv"

	"github.com/consignhq/consign/detectors"
)

// CardName names the payment card detector.
const CardName = "pii/card"

// Card number lengths (ISO/IEC 7812).
const (
	minCardDigits = 12
	maxCardDigits = 19
	// maxCardGroups bounds the digit groups a candidate may have.
	maxCardGroups = 6
)

// Card finds payment card numbers: 12-19 digits, written solid or in
// groups split by one consistent separator, that pass the Luhn check and
// start with an issuer's IIN range at a length that issuer uses.
type Card struct{ textOnly }

var _ detectors.TextDetector = (*Card)(nil)

// NewCard returns the payment card detector.
func NewCard(detectors.Config) detectors.Detector { return &Card{} }

// Name implements detectors.Detector.
func (*Card) Name() string { return CardName }

// MaxLen implements detectors.TextDetector: 19 digits and 18 separators.
func (*Card) MaxLen() int { return 2*maxCardDigits - 1 }

// Find implements detectors.TextDetector. It visits digit runs only.
func (*Card) Find(item *detectors.Item, chunk []byte) []detectors.Match {
	dg := digitsOf(item, chunk)
	var out []detectors.Match
	for i := 0; i < len(chunk); {
		if i = dg.next(i); i == len(chunk) {
			break
		}
		start := i
		var groups [maxCardGroups + 1]int // group end offsets
		n, sep := 0, byte(0)
		for {
			for i < len(chunk) && asciiDigit(chunk[i]) {
				i++
			}
			groups[n] = i
			n++
			if n > maxCardGroups || i+1 >= len(chunk) || !asciiDigit(chunk[i+1]) {
				break
			}
			if c := chunk[i]; (c == ' ' || c == '-') && (sep == 0 || sep == c) {
				sep = c
				i++
				continue
			}
			break
		}
		if !alnumBefore(chunk, start) && standsAlone(chunk, start, groups[n-1]) {
			if m, ok := cardIn(chunk, start, groups[:n], sep); ok {
				out = append(out, m)
			}
		}
		// Skip the rest of a run that had too many groups.
		for i < len(chunk) && (asciiDigit(chunk[i]) || chunk[i] == sep) {
			i++
		}
	}
	return out
}

// standsAlone rejects digits glued to a word or to a longer number such
// as a decimal, a date or a dotted version.
func standsAlone(chunk []byte, start, end int) bool {
	if alnumBefore(chunk, start) || (start > 1 && isNumberJoiner(chunk[start-1]) && asciiDigit(chunk[start-2])) {
		return false
	}
	return !alnumAt(chunk, end) && !(end+1 < len(chunk) && isNumberJoiner(chunk[end]) && asciiDigit(chunk[end+1]))
}

func isNumberJoiner(b byte) bool { return b == '.' || b == ',' || b == '/' || b == '-' || b == ':' }

// cardIn tries the longest run of consecutive groups that is laid out as
// cards are printed and holds a valid number, so that a card between other
// numbers ("page 3 4111 1111 1111 1111 2025") is still found. groups holds
// each group's end; groups follow each other after one separator byte.
// Dashes bind groups into one number, so with them only the first group
// may start a card.
func cardIn(chunk []byte, start int, groups []int, sep byte) (detectors.Match, bool) {
	for first := range groups {
		if first > 0 && sep == '-' {
			break
		}
		from := start
		if first > 0 {
			from = groups[first-1] + 1
		}
		for last := len(groups) - 1; last >= first; last-- {
			if m, ok := cardFrom(chunk, from, groups[first:last+1]); ok {
				return m, true
			}
		}
	}
	return detectors.Match{}, false
}

// cardFrom checks the number made of the groups starting at from.
func cardFrom(chunk []byte, from int, groups []int) (detectors.Match, bool) {
	var digits [maxCardDigits]byte
	var sizes [maxCardGroups + 1]int
	nd, prev := 0, from
	for i, g := range groups {
		if g-prev+nd > maxCardDigits {
			return detectors.Match{}, false
		}
		nd += copy(digits[nd:], chunk[prev:g])
		sizes[i] = g - prev
		prev = g + 1
	}
	if nd < minCardDigits || !cardLayout(sizes[:len(groups)]) {
		return detectors.Match{}, false
	}
	num := string(digits[:nd])
	if !luhn(num) || issuer(num) == "" {
		return detectors.Match{}, false
	}
	return detectors.Match{
		Start: from, End: groups[len(groups)-1], Value: num,
		Kind: "card", Severity: detectors.SeverityHigh, Confidence: 0.9,
	}, true
}

// cardLayout accepts one solid run, groups of four with a shorter last
// group, and the 4-6-5 and 4-6-4 layouts of Amex and Diners.
func cardLayout(sizes []int) bool {
	if len(sizes) == 1 {
		return true
	}
	if len(sizes) == 3 && sizes[0] == 4 && sizes[1] == 6 && (sizes[2] == 5 || sizes[2] == 4) {
		return true
	}
	for i, s := range sizes {
		last := i == len(sizes)-1
		if (!last && s != 4) || (last && (s < 1 || s > 4)) {
			return false
		}
	}
	return true
}

// luhn checks the mod-10 check digit of an all-digit string.
func luhn(num string) bool {
	sum, double := 0, false
	for i := len(num) - 1; i >= 0; i-- {
		d := int(num[i] - '0')
		if double {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// issuer names the card network whose IIN range and lengths num fits.
func issuer(num string) string {
	n := len(num)
	p := func(k int) int { v, _ := strconv.Atoi(num[:k]); return v }
	in := func(lo, hi int) bool {
		return n >= minCardDigits && p(len(strconv.Itoa(lo))) >= lo && p(len(strconv.Itoa(hi))) <= hi
	}
	switch {
	case num[0] == '4' && (n == 13 || n == 16 || n == 19):
		return "visa"
	case (in(51, 55) || in(2221, 2720)) && n == 16:
		return "mastercard"
	case (in(34, 34) || in(37, 37)) && n == 15:
		return "amex"
	case (in(6011, 6011) || in(644, 649) || in(65, 65) || in(622126, 622925)) && n >= 16:
		return "discover"
	case in(3528, 3589) && n >= 16:
		return "jcb"
	case (in(300, 305) || in(36, 36) || in(38, 39)) && n >= 14:
		return "diners"
	case in(62, 62) && n >= 16:
		return "unionpay"
	case in(5018, 5018) || in(5020, 5020) || in(5038, 5038) || in(5893, 5893) ||
		in(6304, 6304) || in(6759, 6759) || in(6761, 6763):
		return "maestro"
	}
	return ""
}

package pii

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/consignhq/consign/detectors"
	"github.com/nyaruka/phonenumbers"
)

// PhoneName names the phone number detector.
const PhoneName = "pii/phone"

// languageRegion maps a text's language (ISO 639-1) to the region whose
// numbering plan its national-format numbers most likely follow.
var languageRegion = map[string]string{
	"en": "US", "fr": "FR", "de": "DE", "es": "ES", "it": "IT", "pt": "BR",
	"nl": "NL", "pl": "PL", "sv": "SE", "da": "DK", "nb": "NO", "nn": "NO",
	"no": "NO", "fi": "FI", "cs": "CZ", "sk": "SK", "hu": "HU", "ro": "RO",
	"el": "GR", "tr": "TR", "ru": "RU", "uk": "UA", "ja": "JP", "ko": "KR",
	"zh": "CN", "hi": "IN", "he": "IL", "id": "ID", "vi": "VN", "th": "TH",
	"bg": "BG", "hr": "HR", "sl": "SI", "et": "EE", "lv": "LV", "lt": "LT",
	"ga": "IE", "ca": "ES", "eu": "ES", "gl": "ES", "ms": "MY",
}

// phoneRegion is a numbering plan to read national-format numbers in, and
// the digits such a number must be written with first ("" for any).
type phoneRegion struct {
	code, lead string
}

// languageAlsoRegion is a second region for languages written widely in
// two numbering plans that cannot be confused: British numbers in national
// format are written with the trunk 0, which starts no US number, and
// Portugal's nine-digit numbers are shorter than any Brazilian one with
// its area code.
var languageAlsoRegion = map[string]phoneRegion{"en": {"GB", "0"}, "pt": {"PT", ""}}

// Phone finds phone numbers. Candidates are runs of digits written the way
// people write phone numbers; runs written like dates, amounts, versions,
// cards or ISBNs are dropped, and the rest must be a valid number in the
// numbering plan (github.com/nyaruka/phonenumbers) of a "+" country code or
// of the text's region. Values are E.164 ("+12025550143").
type Phone struct {
	region string
}

var _ detectors.TextDetector = (*Phone)(nil)

// NewPhone returns a phone detector. defaultRegion (ISO 3166-1 alpha-2,
// e.g. "GB") is the region tried first for numbers without a country code;
// when empty, the region follows the item's language, then "US".
func NewPhone(defaultRegion string) *Phone {
	return &Phone{region: strings.ToUpper(defaultRegion)}
}

// LoadPhonePlans unpacks the numbering plans of every region and indexes
// them by region and calling code (a region's plan is decoded the first
// time a number is checked against it), which the phone detector
// otherwise does on the first number it checks: about 2 ms and 0.4 MB,
// during which every file with a candidate number waits. A program that knows it will scan text may call it in a
// goroutine of its own first, while its other cores are idle; calling it
// again, or at the same time as a scan, is safe and costs nothing.
func LoadPhonePlans() {
	phonenumbers.GetSupportedRegions()
}

// CheckPhoneRegion reports an error, saying what to write instead, when
// region is not one whose numbering plan the detector has: with such a
// region no number written without a country code is read, and nothing
// else would say so.
func CheckPhoneRegion(region string) error {
	r := strings.ToUpper(region)
	if phonenumbers.GetSupportedRegions()[r] {
		return nil
	}
	if r == "UK" {
		return fmt.Errorf("unknown region %q: the United Kingdom is GB", region)
	}
	return fmt.Errorf("unknown region %q: want an ISO 3166-1 alpha-2 code, such as GB or US", region)
}

// Name implements detectors.Detector.
func (*Phone) Name() string { return PhoneName }

// Applies implements detectors.Detector: any text may hold a number.
func (*Phone) Applies(*detectors.Item) bool { return true }

// Detect implements detectors.Detector; the work happens in Find.
func (*Phone) Detect(context.Context, *detectors.Item) ([]detectors.Finding, error) {
	return nil, nil
}

// Version implements the pipeline's versioned detector: "2" reads the TEL
// properties of vCards, seven-digit local numbers included, so cached
// findings are made again.
func (*Phone) Version() string { return "2" }

// MaxLen implements detectors.TextDetector: a formatted number with an
// extension, and the context words around it.
func (*Phone) MaxLen() int { return 48 + cueBefore + cueAfter }

// FindKey implements detectors.FindKeyer: Find reads the item's language,
// which picks the numbering plans of numbers without a country code.
func (*Phone) FindKey(item *detectors.Item) string { return strings.ToLower(item.Language) }

// regions lists the regions to read national-format numbers in, most
// likely first.
func (p *Phone) regions(item *detectors.Item) []phoneRegion {
	var lang string
	var also phoneRegion
	if item != nil {
		code := strings.ToLower(item.Language)
		lang, also = languageRegion[code], languageAlsoRegion[code]
	}
	var out []phoneRegion
	for _, r := range []phoneRegion{{code: p.region}, {code: lang}, also} {
		if r.code != "" && !slices.ContainsFunc(out, func(o phoneRegion) bool { return o.code == r.code }) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return []phoneRegion{{code: "US"}}
	}
	return out
}

// Find implements detectors.TextDetector.
func (p *Phone) Find(item *detectors.Item, b []byte) []detectors.Match {
	dg := digitsOf(item, b)
	var regions []phoneRegion
	regionsOf := func() []phoneRegion {
		if regions == nil {
			regions = p.regions(item)
		}
		return regions
	}
	tels := vcardPhones(b, regionsOf)
	out := tels
	var c phoneCand
	for i := dg.next(0); i < len(b); {
		ok, next := scanPhone(b, i, &c)
		i = dg.next(max(next, i+1))
		if !ok || !phoneLeftClean(b, c.s) || !rightClean(b, c.e) || notPhone(b, &c) || overlapsAny(tels, c.s, c.e) {
			continue
		}
		regionsOf()
		e164, ok := validPhone(c.dialled(), regions, c.plus)
		if !ok {
			continue
		}
		out = append(out, detectors.Match{
			Start: c.s, End: c.e, Value: e164, Kind: "phone",
			Severity: detectors.SeverityMedium, Confidence: phoneConfidence(b, &c),
		})
	}
	if len(tels) > 0 {
		slices.SortFunc(out, func(x, y detectors.Match) int { return x.Start - y.Start })
	}
	return out
}

// phoneLeftClean is leftClean, but lets a label end in a colon right
// before the number ("Tel:+44 20 ..."), and a field separator stand right
// before a "+" number, as in a CSV row ("ola@example.no,+47 22 12 34 56"):
// no amount or list of figures goes on with a "+".
func phoneLeftClean(b []byte, s int) bool {
	if s >= 2 && b[s-1] == ':' && isLetter(b[s-2]) {
		return true
	}
	if s >= 1 && b[s] == '+' && (b[s-1] == ',' || b[s-1] == ';' || b[s-1] == '|') {
		return true
	}
	return leftClean(b, s)
}

// validPhone parses text, a number as dialled, as a number of one of the
// regions and returns it in E.164 when the numbering plan says it is
// valid.
func validPhone(text string, regions []phoneRegion, plus bool) (string, bool) {
	if plus {
		regions = regions[:1]
	}
	for _, r := range regions {
		if !plus && !strings.HasPrefix(text, r.lead) {
			continue
		}
		if num, e164, ok := nanpNumber(text, r.code); ok {
			if validNumber(num, r.code) {
				return e164, true
			}
			continue
		}
		num, err := phonenumbers.Parse(text, r.code)
		if err != nil || !validNumber(num, r.code) {
			continue
		}
		return phonenumbers.Format(num, phonenumbers.E164), true
	}
	return "", false
}

// validNumber is phonenumbers.IsValidNumber, asking first about the
// region the number was read in: IsValidNumber matches the number against
// every region of its country code (25 share +1) to find its own, and a
// number is most often of the region it was read in.
func validNumber(num *phonenumbers.PhoneNumber, region string) bool {
	return phonenumbers.IsValidNumberForRegion(num, region) || phonenumbers.IsValidNumber(num)
}

// phoneConfidence rates how surely c is a phone number from how it is
// written and what stands near it.
func phoneConfidence(b []byte, c *phoneCand) float64 {
	conf := 0.7
	switch {
	case c.plus:
		conf = 0.85
	case c.paren:
		conf = 0.8
	case c.n == 1:
		conf = 0.5
	}
	if phoneCues.near(b, c.s, c.e) {
		conf += 0.15
	}
	return min(conf, 0.95)
}

package main

import (
	"bytes"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
)

// Plant is one planted value: the file it is in, where, and what a scan
// must report there. Offsets are bytes into the file, End exclusive, the
// same as a finding's location in content.
type Plant struct {
	Path     string `json:"path"`
	Detector string `json:"detector"`
	Category string `json:"category"`
	Kind     string `json:"kind"`
	Value    string `json:"value"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// plantKinds are planted in turn; each draws its value from the planter's
// random source and puts it in a sentence of its own.
var plantKinds = []struct {
	detector, category, kind string
	value                    func(*rand.Rand) string
	sentence                 string // %s is the value
}{
	{"pii/email", "pii", "email", plantEmail, "Reply to %s before Friday."},
	{"pii/phone", "pii", "phone", plantPhone, "Call %s in the evening."},
	{"pii/card", "pii", "card", plantCard, "Card %s for the print."},
	{"pii/iban", "pii", "iban", plantIBAN, "Bank %s for transfers."},
	{"rights/copyright", "third_party", "copyright_notice", plantCopyright, "%s"},
	{"rights/license", "rights", "license", plantLicense, "%s"},
}

// planter plants values into text files and remembers where. It has a
// random source of its own, so planting leaves the other files' content
// as it was.
type planter struct {
	rng    *rand.Rand
	plants []Plant
}

func newPlanter(seed uint64) *planter {
	return &planter{rng: rand.New(rand.NewPCG(seed, 0x706c616e74))} // "plant"
}

// plant inserts the next planted value into content as a paragraph of its
// own, after the first blank line (after front matter, or after the first
// paragraph), or at the end when there is none.
func (p *planter) plant(rel string, content []byte) []byte {
	k := plantKinds[len(p.plants)%len(plantKinds)]
	value := k.value(p.rng)
	line := fmt.Sprintf(k.sentence, value)
	at := len(content)
	if i := bytes.Index(content, []byte("\n\n")); i >= 0 {
		at = i + 2
	} else if at > 0 && content[at-1] != '\n' {
		content = append(content, '\n')
		at++
	}
	start := at + strings.Index(line, value)
	p.plants = append(p.plants, Plant{
		Path: rel, Detector: k.detector, Category: k.category, Kind: k.kind,
		Value: value, Start: start, End: start + len(value),
	})
	out := make([]byte, 0, len(content)+len(line)+2)
	out = append(out, content[:at]...)
	out = append(out, line+"\n\n"...)
	return append(out, content[at:]...)
}

// manifest renders the plants as indented JSON, in planting order (which
// is path order).
func (p *planter) manifest() ([]byte, error) {
	return jsonBytes(struct {
		Plants []Plant `json:"plants"`
	}{Plants: append([]Plant{}, p.plants...)})
}

var (
	plantNames   = []string{"oliver.grant", "maria.keller", "sam.okafor", "lena.novak", "tom.hughes", "ines.moreau"}
	plantDomains = []string{"fastmail.com", "posteo.de", "gmail.com", "outlook.com", "proton.me"}
	plantHolders = []string{"Northwind Pictures Ltd", "Harbour Stock Agency", "Blue Finch Records", "Meridian Press"}
	plantSPDX    = []string{"CC-BY-NC-4.0", "CC-BY-ND-4.0", "CC-BY-SA-4.0", "CC-BY-4.0"}
)

func plantEmail(rng *rand.Rand) string {
	return fmt.Sprintf("%s%d@%s", plantNames[rng.IntN(len(plantNames))], rng.IntN(100), plantDomains[rng.IntN(len(plantDomains))])
}

// plantPhone draws a UK mobile number in an allocated range (07400): the
// phone detector rightly ignores unallocated ranges and Ofcom's numbers
// reserved for drama.
func plantPhone(rng *rand.Rand) string {
	return fmt.Sprintf("07400 %06d", rng.IntN(1000000))
}

// plantCard draws a Visa number with a valid Luhn check digit.
func plantCard(rng *rand.Rand) string {
	digits := []byte("4539")
	for len(digits) < 15 {
		digits = append(digits, byte('0'+rng.IntN(10)))
	}
	sum := 0
	for i := range digits {
		d := int(digits[len(digits)-1-i] - '0')
		if i%2 == 0 { // doubled: these sit second from the right once the check digit is added
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	digits = append(digits, byte('0'+(10-sum%10)%10))
	return fmt.Sprintf("%s %s %s %s", digits[0:4], digits[4:8], digits[8:12], digits[12:16])
}

// plantIBAN draws a British IBAN with valid check digits (ISO 13616).
func plantIBAN(rng *rand.Rand) string {
	bban := "WEST"
	for range 14 {
		bban += string(rune('0' + rng.IntN(10)))
	}
	var num strings.Builder
	for _, c := range bban + "GB00" {
		if c >= 'A' && c <= 'Z' {
			fmt.Fprintf(&num, "%d", c-'A'+10)
		} else {
			num.WriteRune(c)
		}
	}
	n, _ := new(big.Int).SetString(num.String(), 10)
	check := 98 - new(big.Int).Mod(n, big.NewInt(97)).Int64()
	iban := fmt.Sprintf("GB%02d%s", check, bban)
	var groups []string
	for i := 0; i < len(iban); i += 4 {
		groups = append(groups, iban[i:min(i+4, len(iban))])
	}
	return strings.Join(groups, " ")
}

func plantCopyright(rng *rand.Rand) string {
	return fmt.Sprintf("© %d %s. All rights reserved.", 2005+rng.IntN(20), plantHolders[rng.IntN(len(plantHolders))])
}

func plantLicense(rng *rand.Rand) string {
	return "SPDX-License-Identifier: " + plantSPDX[rng.IntN(len(plantSPDX))]
}

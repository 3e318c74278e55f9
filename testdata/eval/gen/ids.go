package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

func pick(rng *rand.Rand, s string) byte { return s[rng.IntN(len(s))] }

// genNINO: {{uk_nino}} "AB 12 34 56 C", {{uk_nino:compact}} "AB123456C".
func genNINO(rng *rand.Rand, args []string) (string, string, error) {
	var p string
	for {
		p = string([]byte{pick(rng, "ABCEGHJKLMNPRSTWXYZ"), pick(rng, "ABCEGHJKLMNPRSTWXYZ")})
		if !strings.Contains(" BG GB KN NK NT TN ZZ ", " "+p+" ") {
			break
		}
	}
	d := digits(rng, 6)
	suffix := string(pick(rng, "ABCD"))
	if len(args) > 0 && args[0] == "compact" {
		return "uk_nino", p + d + suffix, nil
	}
	return "uk_nino", p + " " + group(d, " ", 2, 2) + " " + suffix, nil
}

// genNHS: {{uk_nhs:space}}; weights 10..2, check 11 - sum mod 11.
func genNHS(rng *rand.Rand, args []string) (string, string, error) {
	for {
		d := digits(rng, 9)
		sum := 0
		for i := range 9 {
			sum += int(d[i]-'0') * (10 - i)
		}
		c := 11 - sum%11
		if c == 10 {
			continue
		}
		if c == 11 {
			c = 0
		}
		return "uk_nhs", group(fmt.Sprintf("%s%d", d, c), sepArg(args, 0), 3, 3), nil
	}
}

// genSIN: {{ca_sin:dash}}; Luhn, not starting with 0, 8 or 9.
func genSIN(rng *rand.Rand, args []string) (string, string, error) {
	payload := string(pick(rng, "1234567")) + digits(rng, 7)
	return "ca_sin", group(payload+string(luhnDigit(payload)), sepArg(args, 0), 3, 3), nil
}

const dniLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

// genDNI: {{es_dni}} "12345678Z", {{es_dni:dash}} "12345678-Z".
func genDNI(rng *rand.Rand, args []string) (string, string, error) {
	n := 10000000 + rng.IntN(89999999)
	return "es_dni", fmt.Sprintf("%08d%s%c", n, sepArg(args, 0), dniLetters[n%23]), nil
}

// genNIE: {{es_nie}} "X1234567L".
func genNIE(rng *rand.Rand, args []string) (string, string, error) {
	lead := rng.IntN(3)
	n := rng.IntN(10000000)
	sep := sepArg(args, 0)
	return "es_nie", fmt.Sprintf("%c%s%07d%s%c", "XYZ"[lead], sep, n, sep, dniLetters[(lead*10000000+n)%23]), nil
}

// Codice fiscale check tables: the value of 0-9 then A-Z at odd positions.
var cfOdd = []int{1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23}

func cfIndex(c byte) int {
	if c >= '0' && c <= '9' {
		return int(c - '0')
	}
	return int(c-'A') + 10
}

// genFiscalCode: {{it_fiscal_code}} "RSSMRA85T10A562S".
func genFiscalCode(rng *rand.Rand, _ []string) (string, string, error) {
	var b []byte
	for range 6 {
		b = append(b, pick(rng, "BCDFGLMNPRSTVZ"))
	}
	b = fmt.Appendf(b, "%02d%c", rng.IntN(100), pick(rng, "ABCDEHLMPRST"))
	day := 1 + rng.IntN(28)
	if rng.IntN(2) == 0 {
		day += 40
	}
	b = fmt.Appendf(b, "%02d%c%03d", day, pick(rng, "ABCDEFGHL"), 1+rng.IntN(999))
	sum := 0
	for i, c := range b {
		v := cfIndex(c)
		if i%2 == 0 {
			sum += cfOdd[v]
		} else if c <= '9' {
			sum += int(c - '0')
		} else {
			sum += int(c - 'A')
		}
	}
	return "it_fiscal_code", string(append(b, upper[sum%26])), nil
}

// genNIR: {{fr_nir:space}} "1 85 05 78 006 084 36".
func genNIR(rng *rand.Rand, args []string) (string, string, error) {
	dept := 1 + rng.IntN(95)
	if dept == 20 {
		dept = 21
	}
	body := fmt.Sprintf("%d%02d%02d%02d%03d%03d", 1+rng.IntN(2), rng.IntN(100), 1+rng.IntN(12), dept, 1+rng.IntN(999), 1+rng.IntN(999))
	key := 97 - mod97(body)
	nir := fmt.Sprintf("%s%02d", body, key)
	if sepArg(args, 0) == " " {
		return "fr_nir", group(nir, " ", 1, 2, 2, 2, 3, 3), nil
	}
	return "fr_nir", nir, nil
}

// genSteuerID: {{de_tax_id}}; ten digits with one digit doubled, then the
// ISO 7064 MOD 11,10 check digit.
func genSteuerID(rng *rand.Rand, args []string) (string, string, error) {
	for {
		perm := rng.Perm(10)
		d := make([]byte, 10)
		for i, v := range perm {
			d[i] = byte('0' + v)
		}
		// Drop one digit and double another: exactly one repeat.
		d[rng.IntN(10)] = d[rng.IntN(10)]
		if d[0] == '0' || repeats(d) != 1 {
			continue
		}
		product := 10
		for _, c := range d {
			sum := (int(c-'0') + product) % 10
			if sum == 0 {
				sum = 10
			}
			product = sum * 2 % 11
		}
		check := 11 - product
		if check == 10 {
			check = 0
		}
		id := fmt.Sprintf("%s%d", d, check)
		return "de_tax_id", group(id, sepArg(args, 0), 2, 3, 3), nil
	}
}

func repeats(d []byte) int {
	var count [10]int
	for _, c := range d {
		count[c-'0']++
	}
	n := 0
	for _, c := range count {
		if c == 2 {
			n++
		} else if c > 2 {
			return -1
		}
	}
	return n
}

// Verhoeff tables.
var (
	vD   = [10][10]int{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1}, {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}}
	vP   = [8][10]int{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1}, {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}}
	vInv = [10]int{0, 4, 3, 2, 1, 5, 6, 7, 8, 9}
)

// genAadhaar: {{in_aadhaar:space}}; first digit 2-9, Verhoeff check.
func genAadhaar(rng *rand.Rand, args []string) (string, string, error) {
	payload := string(pick(rng, "23456789")) + digits(rng, 10)
	c := 0
	for i := range len(payload) {
		c = vD[c][vP[(i+1)%8][payload[len(payload)-1-i]-'0']]
	}
	return "in_aadhaar", group(fmt.Sprintf("%s%d", payload, vInv[c]), sepArg(args, 0), 4, 4), nil
}

// genCPF: {{br_cpf}} "000.000.000-00", {{br_cpf:plain}}.
func genCPF(rng *rand.Rand, args []string) (string, string, error) {
	d := digits(rng, 9)
	for _, w := range []int{10, 11} {
		sum := 0
		for i := range len(d) {
			sum += int(d[i]-'0') * (w - i)
		}
		r := sum % 11
		c := 0
		if r >= 2 {
			c = 11 - r
		}
		d += string(byte('0' + c))
	}
	if len(args) > 0 && args[0] == "plain" {
		return "br_cpf", d, nil
	}
	return "br_cpf", d[:3] + "." + d[3:6] + "." + d[6:9] + "-" + d[9:], nil
}

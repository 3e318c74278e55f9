package pii

// The check-digit schemes the identifiers in this package use. Each takes
// ASCII digits (callers have checked them) and reports whether the last
// digit or digits are right.

// luhnValid is the Luhn mod-10 check (payment cards, Canadian SIN).
func luhnValid(d []byte) bool {
	sum := 0
	double := false
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if double {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		double = !double
	}
	return len(d) > 1 && sum%10 == 0
}

// The Verhoeff tables: the dihedral group D5 multiplication and the
// position permutation.
var (
	verhoeffD = [10][10]byte{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
		{1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
		{2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
		{3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
		{4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
		{5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
		{6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
		{7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
		{8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
		{9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
	}
	verhoeffP = [8][10]byte{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
		{1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
		{5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
		{8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
		{9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
		{4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
		{2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
		{7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
	}
)

// verhoeffValid is the Verhoeff check (India's Aadhaar).
func verhoeffValid(d []byte) bool {
	var c byte
	for i := range d {
		c = verhoeffD[c][verhoeffP[i%8][d[len(d)-1-i]-'0']]
	}
	return len(d) > 1 && c == 0
}

// nhsValid is the NHS number check: weights 10..2 over the first nine
// digits, check = 11 - sum mod 11, where 11 reads as 0 and 10 is never
// issued.
func nhsValid(d []byte) bool {
	if len(d) != 10 {
		return false
	}
	sum := 0
	for i := range 9 {
		sum += int(d[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(d[9]-'0')
}

// iso7064Mod1110Valid is ISO 7064 MOD 11,10, the check of Germany's
// Steuer-ID.
func iso7064Mod1110Valid(d []byte) bool {
	if len(d) < 2 {
		return false
	}
	product := 10
	for _, c := range d[:len(d)-1] {
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
	return check == int(d[len(d)-1]-'0')
}

// cpfValid checks Brazil's CPF: two mod-11 digits over weights 10..2 and
// 11..2.
func cpfValid(d []byte) bool {
	if len(d) != 11 {
		return false
	}
	for n := 9; n <= 10; n++ {
		sum := 0
		for i := range n {
			sum += int(d[i]-'0') * (n + 1 - i)
		}
		check := sum * 10 % 11
		if check == 10 {
			check = 0
		}
		if check != int(d[n]-'0') {
			return false
		}
	}
	return true
}

// isbn13Valid is the EAN-13 check an ISBN-13 carries.
func isbn13Valid(d []byte) bool {
	if len(d) != 13 {
		return false
	}
	sum := 0
	for i, c := range d {
		w := 1
		if i%2 == 1 {
			w = 3
		}
		sum += int(c-'0') * w
	}
	return sum%10 == 0
}

// isbn10Valid is the mod-11 check of an ISBN-10 written with digits only.
func isbn10Valid(d []byte) bool {
	if len(d) != 10 {
		return false
	}
	sum := 0
	for i, c := range d {
		sum += int(c-'0') * (10 - i)
	}
	return sum%11 == 0
}

// mod97 returns the value of the decimal digits d modulo 97.
func mod97(d []byte) int {
	r := 0
	for _, c := range d {
		r = (r*10 + int(c-'0')) % 97
	}
	return r
}

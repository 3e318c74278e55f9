package pii

// The national identifiers written with digits alone. Each is a shape, a
// set of words that name it, and a check.

// nhsRule: the UK NHS number, ten digits with a mod-11 check, written
// 3-3-4. Written with spaces it stands alone; with dashes or run together
// it looks too much like other numbers to go without a word naming it.
var nhsRule = digitRule{
	shapes: []idShape{
		{shape{lens: []int{3, 3, 4}, seps: " "}, false, 0.6},
		{shape{lens: []int{3, 3, 4}, seps: "-"}, true, 0.8},
		{shape{lens: []int{10}}, true, 0.8},
	},
	cues:   cueSet{"nhs", "national health", "health service", "chi number", "chi no"},
	unless: phoneCues,
	valid:  nhsValid,
}

// sinRule: Canada's social insurance number, nine digits with the Luhn
// check, written 3-3-3. Numbers starting with 8 are business numbers.
// Spaces group thousands and Spanish phone numbers too, so the spaced form
// needs a word naming it.
var sinRule = digitRule{
	shapes: []idShape{
		{shape{lens: []int{3, 3, 3}, seps: "-"}, false, 0.6},
		{shape{lens: []int{3, 3, 3}, seps: " "}, true, 0.8},
		{shape{lens: []int{9}}, true, 0.75},
	},
	cues:   cueSet{"sin", "social insurance", "assurance sociale", "nas"},
	unless: phoneCues,
	valid:  func(d []byte) bool { return d[0] != '8' && luhnValid(d) },
}

// aadhaarRule: India's Aadhaar number, twelve digits with the Verhoeff
// check, never starting with 0 or 1, written 4-4-4.
var aadhaarRule = digitRule{
	shapes: []idShape{
		{shape{lens: []int{4, 4, 4}, seps: " -"}, false, 0.7},
		{shape{lens: []int{12}}, true, 0.8},
	},
	cues:  cueSet{"aadhaar", "aadhar", "uidai", "uid", "आधार"},
	valid: func(d []byte) bool { return d[0] >= '2' && verhoeffValid(d) },
}

// cpfRule: Brazil's CPF, eleven digits with two mod-11 check digits,
// written 000.000.000-00.
var cpfRule = digitRule{
	shapes: []idShape{
		{shape{lens: []int{3, 3, 3, 2}, exact: "..-"}, false, 0.9},
		{shape{lens: []int{9, 2}, seps: "-"}, true, 0.8},
		{shape{lens: []int{3, 3, 3, 2}, seps: " .-"}, true, 0.8},
		{shape{lens: []int{11}}, true, 0.8},
	},
	cues:  cueSet{"cpf", "cadastro de pessoa*", "cic"},
	valid: cpfValid,
}

// steuerIDRule: Germany's Steuerliche Identifikationsnummer, eleven digits
// with an ISO 7064 MOD 11,10 check and a rule on repeated digits. Eleven
// checked digits are still common enough that it always needs a word
// naming it.
var steuerIDRule = digitRule{
	shapes: []idShape{
		{shape{lens: []int{11}}, true, 0.85},
		{shape{lens: []int{2, 3, 3, 3}, seps: " /"}, true, 0.85},
	},
	cues:  cueSet{"steuer*", "idnr", "id-nr", "identifikationsnummer", "tax id*", "tin", "tax identification"},
	valid: steuerIDValid,
}

// steuerIDValid checks a Steuer-ID: no leading zero; in the first ten
// digits exactly one digit occurs twice or three times (three never in a
// row) and the others at most once; then the check digit.
func steuerIDValid(d []byte) bool {
	if len(d) != 11 || d[0] == '0' {
		return false
	}
	var count [10]int
	for _, c := range d[:10] {
		count[c-'0']++
	}
	repeated := 0
	for _, n := range count {
		switch {
		case n == 2 || n == 3:
			repeated++
		case n > 3:
			return false
		}
	}
	if repeated != 1 {
		return false
	}
	for i := 2; i < 10; i++ {
		if d[i] == d[i-1] && d[i] == d[i-2] {
			return false
		}
	}
	return iso7064Mod1110Valid(d)
}

package pii

import "testing"

// Published check vectors for each scheme, right and with one digit off.
func TestChecksums(t *testing.T) {
	tests := []struct {
		name  string
		check func([]byte) bool
		valid string
		wrong string
	}{
		{"luhn", luhnValid, "79927398713", "79927398710"},
		{"verhoeff", verhoeffValid, "2363", "2364"},
		{"nhs", nhsValid, "9434765919", "9434765910"},
		{"iso7064 mod 11,10", iso7064Mod1110Valid, "86095742719", "86095742710"},
		{"cpf", cpfValid, "11144477735", "11144477736"},
		{"isbn13", isbn13Valid, "9783161484100", "9783161484101"},
		{"isbn10", isbn10Valid, "0306406152", "0306406153"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.check([]byte(tt.valid)) {
				t.Errorf("%s rejects %s", tt.name, tt.valid)
			}
			if tt.check([]byte(tt.wrong)) {
				t.Errorf("%s accepts %s", tt.name, tt.wrong)
			}
		})
	}
}

func TestNextDigitFindsEveryDigit(t *testing.T) {
	tests := []struct {
		text string
		from int
		want int
	}{
		{"", 0, 0},
		{"abc", 0, 3},
		{"abcdefghijklmnop9", 0, 16},
		{"abcdefgh5", 0, 8},
		{"0", 0, 0},
		{"a/:b\xff\x80\xb9 9", 0, 8},
		{"12345", 3, 3},
		{"ab\xc2\xa0cd  x ///:::99", 0, 16},
	}
	for _, tt := range tests {
		if got := nextDigit([]byte(tt.text), tt.from); got != tt.want {
			t.Errorf("nextDigit(%q, %d) = %d, want %d", tt.text, tt.from, got, tt.want)
		}
	}
}

func FuzzNextDigitIdentifiers(f *testing.F) {
	f.Add([]byte("abcdefgh12"), 0)
	f.Fuzz(func(t *testing.T, b []byte, from int) {
		if from < 0 || from > len(b) {
			return
		}
		want := from
		for want < len(b) && !isDigit(b[want]) {
			want++
		}
		if got := nextDigit(b, from); got != want {
			t.Fatalf("nextDigit(%q, %d) = %d, want %d", b, from, got, want)
		}
	})
}

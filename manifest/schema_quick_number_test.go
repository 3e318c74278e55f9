package manifest

import (
	"math"
	"strconv"
	"testing"
)

// exactAgrees fails t if exactFloat takes a literal and gives another
// value than strconv.ParseFloat, or takes one it should not: with an
// exponent, or more than 15 significant digits.
func exactAgrees(t *testing.T, lit string) {
	t.Helper()
	f, exact := exactFloat(lit)
	if !exact {
		return
	}
	want, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		t.Fatalf("exactFloat(%q) = %v, ParseFloat fails: %v", lit, f, err)
	}
	if math.Float64bits(f) != math.Float64bits(want) {
		t.Fatalf("exactFloat(%q) = %v, ParseFloat says %v", lit, f, want)
	}
	digits := 0
	for _, c := range lit {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c != '-' && c != '.':
			t.Fatalf("exactFloat(%q) takes a literal with %q", lit, c)
		}
	}
	if digits > 15 {
		t.Fatalf("exactFloat(%q) takes %d digits", lit, digits)
	}
}

func TestExactFloatMatchesParseFloat(t *testing.T) {
	tests := []struct {
		lit   string
		exact bool
	}{
		{"0", true}, {"-0", true}, {"7", true}, {"0.7", true}, {"0.9", true}, {"-0.1", true},
		{"1.00", true}, {"0.30000000000001", true}, {"123456789012345", true}, {"1234567.89012345", true},
		{"0.00000000000001", true}, {"0.000000000000001", false}, {"-9999999.99999999", true},
		{"1234567890123456", false}, {"0.1234567890123456", false}, {"1e3", false}, {"5E-1", false},
		{"1.2.3", false}, {"-", false}, {"", false}, {"1x", false},
	}
	for _, tt := range tests {
		t.Run(tt.lit, func(t *testing.T) {
			exactAgrees(t, tt.lit)
			if _, exact := exactFloat(tt.lit); exact != tt.exact {
				t.Errorf("exactFloat(%q) exact = %v, want %v", tt.lit, exact, tt.exact)
			}
		})
	}
}

// FuzzExactFloat: any number exactFloat takes, it converts as
// strconv.ParseFloat does.
func FuzzExactFloat(f *testing.F) {
	for _, seed := range []string{"0.7", "-12.5", "999999999999999", "0.000000000000001", "3"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, lit string) {
		exactAgrees(t, lit)
		exactAgrees(t, "0."+lit)
	})
}

package pii

import "testing"

var cardCases = []detectorCase{
	{"visa solid", "card 4111111111111111 exp", []string{"4111111111111111"}},
	{"visa spaced", "4111 1111 1111 1111", []string{"4111 1111 1111 1111"}},
	{"mastercard dashed", "5555-5555-5555-4444.", []string{"5555-5555-5555-4444"}},
	{"mastercard 2-series", "2223003122003222", []string{"2223003122003222"}},
	{"amex 4-6-5", "3782 822463 10005", []string{"3782 822463 10005"}},
	{"discover", "6011111111111117", []string{"6011111111111117"}},
	{"jcb", "3530111333300000", []string{"3530111333300000"}},
	{"diners 14", "30569309025904", []string{"30569309025904"}},
	{"unionpay", "6200000000000005", []string{"6200000000000005"}},
	{"maestro", "6759649826438453", []string{"6759649826438453"}},
	{"followed by a year", "4111 1111 1111 1111 2025", []string{"4111 1111 1111 1111"}},
	{"after a page number", "page 3 4111 1111 1111 1111", []string{"4111 1111 1111 1111"}},
	{"luhn fails", "4111111111111112", nil},
	{"no issuer", "9111111111111119", nil},
	{"wrong length for visa", "41111111111111111", nil},
	{"mixed separators", "4111 1111-1111 1111", nil},
	{"odd grouping", "41 1111 1111 1111 11", nil},
	{"inside a longer number", "14111111111111111", nil},
	{"decimal", "4111111111111111.50", nil},
	{"glued to a word", "id4111111111111111", nil},
	{"part of a dashed id", "12-4111-1111-1111-1111", nil},
	{"too many digits", "4111111111111111111111", nil},
}

func TestCard(t *testing.T) { runCases(t, &Card{}, cardCases) }

func TestCardValueIsDigits(t *testing.T) {
	ms := (&Card{}).Find(nil, []byte("4111-1111-1111-1111"))
	if len(ms) != 1 || ms[0].Value != "4111111111111111" || ms[0].Kind != "card" {
		t.Fatalf("got %+v", ms)
	}
}

func FuzzCard(f *testing.F) { fuzzDetector(f, &Card{}, cardCases) }

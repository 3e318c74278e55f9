package pii

import (
	"slices"
	"testing"
)

func TestSSN(t *testing.T) {
	runSamples(t, NewSSN(), nil, []sample{
		{"dashes", "SSN 536-22-8745 on the form", []string{"536228745"}},
		{"dashes no cue", "employee 536-22-8745 joined", []string{"536228745"}},
		{"spaces", "number 536 22 8745.", []string{"536228745"}},
		{"bare with cue", "social security number: 536228745", []string{"536228745"}},
		{"dots with cue", "SSN 536.22.8745", []string{"536228745"}},
		{"itin", "ITIN 912-70-1234", []string{"912701234"}},
		{"itin range 94", "taxpayer id 987-94-4321", []string{"987944321"}},
		{"bare no cue", "order 536228745 shipped", nil},
		{"dots no cue", "536.22.8745", nil},
		{"area 000", "000-12-3456", nil},
		{"area 666", "666-12-3456", nil},
		{"group 00", "536-00-8745", nil},
		{"serial 0000", "536-22-0000", nil},
		{"woolworth", "078-05-1120", nil},
		{"pamphlet", "219-09-9999", nil},
		{"sequence", "123-45-6789", nil},
		{"all same", "555-55-5555", nil},
		{"9xx not itin", "912-45-1234", nil},
		{"phone", "202-555-0143", nil},
		{"date", "2021-06-03", nil},
		{"longer number", "1-536-22-8745", nil},
		{"in token", "ID536-22-8745", nil},
		{"trailing group", "536-22-8745-12", nil},
		{"order label", "Order 536-22-8745 was split", nil},
		{"order label and cue", "Order form, SSN 536-22-8745", []string{"536228745"}},
	})
}

func TestSSNKinds(t *testing.T) {
	got := kinds(NewSSN(), "SSN 536-22-8745, ITIN 912-70-1234")
	if want := []string{"ssn", "itin"}; !slices.Equal(got, want) {
		t.Errorf("kinds = %q, want %q", got, want)
	}
}

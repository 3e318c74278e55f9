package main

import (
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
)

// TestUnreachedSays: pack names each kind it cannot redact once, with
// every action its findings were given, in order, and where the actions
// came from.
func TestUnreachedSays(t *testing.T) {
	u := unreachedFindings{}
	first := &detectors.Finding{ID: "a1", Kind: "email", Path: "letter.pdf"}
	u.add([]unreachedFinding{
		{first, "mask", ""},
		{&detectors.Finding{ID: "b2", Kind: "email", Path: "tune.mp3"}, "remove", ""},
		{&detectors.Finding{ID: "c3", Kind: "email", Path: "song.mp3"}, "mask", ""},
	}, "application/pdf")
	x := u["email"]
	if x.count != 3 || x.first != first || strings.Join(x.actions, ",") != "mask,remove" {
		t.Fatalf("unreached = %+v", x)
	}
	for key, want := range map[string]string{
		"":        "consign.yaml's redaction policy does not name email, and the detectors that found it suggest mask and remove",
		"default": "consign.yaml's redaction policy says mask and remove by default",
		"email":   "consign.yaml's redaction policy says mask and remove for email",
	} {
		x.policyKey = key
		if got := x.says(); got != want {
			t.Errorf("policy key %q: says %q, want %q", key, got, want)
		}
	}
}

package detectors

import "testing"

func TestSealer(t *testing.T) {
	fp := NewFingerprinter(make([]byte, KeySize))
	self := NewSelfFilter(Identity{Names: []string{"Ada Lovelace"}})
	mk := func() []Finding {
		return []Finding{
			{Path: "a.jpg", Detector: "pii/author", Kind: "person_name", Severity: SeverityMedium,
				Location: Location{In: InMetadata, Field: "exif:Artist"}, Value: "Ada Lovelace"},
			{Path: "a.jpg", Detector: "pii/author", Kind: "person_name", Severity: SeverityMedium,
				Location: Location{In: InMetadata, Field: "xmp:dc:creator"}, Value: "Charles Babbage"},
			{Path: "a.jpg", Detector: "pii/author", Kind: "person_name", Severity: SeverityMedium,
				Location: Location{In: InMetadata, Field: "xmp:dc:creator"}, Value: "Charles Babbage"},
		}
	}
	got := mk()
	(&Sealer{Fingerprinter: fp, Self: self}).Seal(got)
	if got[0].Kind != KindSelf || got[0].Severity != SeverityInfo {
		t.Errorf("creator's own name: kind %q severity %q, want self/info", got[0].Kind, got[0].Severity)
	}
	if got[1].Kind != "person_name" {
		t.Errorf("third party name became %q", got[1].Kind)
	}
	if got[1].ID == got[2].ID || got[1].ID == "" {
		t.Errorf("repeated value ids %q, %q: want distinct and non-empty", got[1].ID, got[2].ID)
	}
	if got[1].ValueHash != got[2].ValueHash {
		t.Error("same value hashed differently")
	}
	for _, f := range got {
		if f.Value != "" || f.Status != StatusOpen || f.Category != CategoryPII {
			t.Errorf("sealed finding %+v: want value dropped, status open, category pii", f)
		}
	}
	again := mk()
	(&Sealer{Fingerprinter: fp, Self: self}).Seal(again)
	for i := range got {
		if got[i].ID != again[i].ID {
			t.Errorf("finding %d: id changed between runs", i)
		}
	}
	shown := mk()
	(&Sealer{Fingerprinter: fp, ShowValues: true}).Seal(shown)
	if shown[1].Value != "Charles Babbage" {
		t.Errorf("--show-values lost the value: %q", shown[1].Value)
	}
}

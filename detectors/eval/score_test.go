package eval

import (
	"math"
	"slices"
	"testing"
)

func TestIoUCountsCharacters(t *testing.T) {
	// "Zoë" is three characters and four bytes: a byte IoU would differ.
	text := "Zoë Müller, zoe@example.com"
	tests := []struct {
		name string
		a, b Span
		want float64
	}{
		{"same", Span{0, 4, "x"}, Span{0, 4, "x"}, 1},
		{"disjoint", Span{0, 4, "x"}, Span{13, 29, "x"}, 0},
		{"touching", Span{0, 4, "x"}, Span{4, 12, "x"}, 0},
		{"prefix in characters", Span{0, 12, "x"}, Span{0, 4, "x"}, 3.0 / 10},
		{"one character short", Span{0, 12, "x"}, Span{0, 11, "x"}, 9.0 / 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IoU(text, tt.a, tt.b); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("IoU = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCounts(t *testing.T) {
	tests := []struct {
		name    string
		c       Counts
		p, r, f float64
	}{
		{"perfect", Counts{Gold: 4, TP: 4}, 1, 1, 1},
		{"nothing predicted", Counts{Gold: 4, FN: 4}, 1, 0, 0},
		{"nothing to find", Counts{FP: 2}, 0, 1, 0},
		{"half and half", Counts{Gold: 4, TP: 2, FP: 2, FN: 2}, 0.5, 0.5, 0.5},
		{"recall weighs more", Counts{Gold: 4, TP: 4, FP: 4}, 0.5, 1, 5 * 0.5 / (4*0.5 + 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if p, r, f := tt.c.Precision(), tt.c.Recall(), tt.c.F2(); math.Abs(p-tt.p)+math.Abs(r-tt.r)+math.Abs(f-tt.f) > 1e-9 {
				t.Errorf("P, R, F2 = %v, %v, %v, want %v, %v, %v", p, r, f, tt.p, tt.r, tt.f)
			}
		})
	}
}

// scored evaluates one example with the given predictions.
func scored(ex Example, pred []Span) (*Score, *Run) {
	run := &Run{
		Preset:     "default",
		Detectors:  []string{"pii/email", "pii/phone", "pii/ssn", "pii/national_id"},
		Registered: []string{"pii/email", "pii/mac", "pii/phone", "pii/ssn", "pii/national_id"},
		Predicted:  map[string][]Span{ex.ID: pred},
	}
	return Evaluate([]Example{ex}, run), run
}

func TestEvaluate(t *testing.T) {
	ex := Example{ID: "t-1", Lang: "en", Text: "Call Ann on 020 7946 0958 or ann@mail.com.", Spans: []Span{
		{5, 8, "person_name"}, {12, 25, "phone"}, {29, 41, "email"},
	}}
	tests := []struct {
		name     string
		pred     []Span
		phone    Counts
		email    Counts
		any      Counts
		failures int
	}{
		{"exact", []Span{{12, 25, "phone"}, {29, 41, "email"}},
			Counts{1, 1, 0, 0}, Counts{1, 1, 0, 0}, Counts{3, 2, 0, 1}, 0},
		{"one extra character is within the overlap bar", []Span{{12, 25, "phone"}, {29, 42, "email"}},
			Counts{1, 1, 0, 0}, Counts{1, 1, 0, 0}, Counts{3, 2, 0, 1}, 0},
		{"half a phone", []Span{{12, 16, "phone"}, {29, 41, "email"}},
			Counts{1, 0, 1, 1}, Counts{1, 1, 0, 0}, Counts{3, 1, 1, 2}, 1},
		{"right span wrong kind", []Span{{12, 25, "ssn"}, {29, 41, "email"}},
			Counts{1, 0, 0, 1}, Counts{1, 1, 0, 0}, Counts{3, 2, 0, 1}, 2},
		{"two detectors agree", []Span{{12, 25, "phone"}, {12, 25, "uk_nhs"}, {29, 41, "email"}},
			Counts{1, 1, 0, 0}, Counts{1, 1, 0, 0}, Counts{3, 2, 0, 1}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, run := scored(ex, tt.pred)
			if got := s.ByKind["phone"]; got != tt.phone {
				t.Errorf("phone %+v, want %+v", got, tt.phone)
			}
			if got := s.ByKind["email"]; got != tt.email {
				t.Errorf("email %+v, want %+v", got, tt.email)
			}
			if s.Any != tt.any {
				t.Errorf("any %+v, want %+v", s.Any, tt.any)
			}
			if f := s.Failures(run); len(f) != tt.failures {
				t.Errorf("failures %q, want %d", f, tt.failures)
			}
		})
	}
}

func TestCoverageGates(t *testing.T) {
	ex := Example{ID: "t-2", Lang: "en", Text: "Jo, 00:1A:2B:3C:4D:5E", Spans: []Span{{0, 2, "person_name"}, {4, 21, "mac"}}}
	s, run := scored(ex, nil)
	if cv := s.Cover(run, "person_name"); cv.Registered {
		t.Errorf("person_name covered without a detector: %+v", cv)
	}
	if cv := s.Cover(run, "mac"); !cv.Registered || cv.InPreset {
		t.Errorf("mac coverage %+v, want registered outside the preset", cv)
	}
	if s.AllCovered(run) || len(s.Failures(run)) != 0 {
		t.Errorf("gates ran without detectors for every kind: %q", s.Failures(run))
	}
	// A detector that reports person_name, once it exists, brings the
	// overall gate in.
	s, run = scored(ex, []Span{{0, 2, "person_name"}})
	if !s.AllCovered(run) {
		t.Fatal("person_name not covered by its findings")
	}
	if f := s.Failures(run); !slices.ContainsFunc(f, func(m string) bool { return m[:3] == "any" }) {
		t.Errorf("any-PII gate did not run: %q", f)
	}
}

func TestMatchIsOneToOne(t *testing.T) {
	text := "aaaaaaaaaa"
	gold := []Span{{0, 10, "k"}}
	pred := []Span{{0, 10, "k"}, {0, 10, "k"}}
	g, p := match(text, gold, pred)
	if !g[0] || p[0] == p[1] {
		t.Errorf("gold %v, pred %v: one prediction should match, one should not", g, p)
	}
}

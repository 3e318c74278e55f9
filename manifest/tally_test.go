package manifest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// TestTallyNextCommand checks that the summary's "next" line fits the
// state of the folder.
func TestTallyNextCommand(t *testing.T) {
	finding := func(action, status string) detectors.Finding {
		return detectors.Finding{Category: "pii", Kind: "email", Severity: "medium", Action: action, Status: status}
	}
	for _, tc := range []struct {
		name     string
		root     string
		findings []detectors.Finding
		want     []string
		not      []string
	}{
		{"nothing found: pack", "photos", nil,
			[]string{"next       consign pack photos -o OUT   packs the folder into a signed bundle"}, []string{"consign ignore"}},
		{"only ignored findings: pack", "photos", []detectors.Finding{finding(detectors.ActionMask, detectors.StatusIgnored)},
			[]string{"next       consign pack photos -o OUT   packs the folder into"}, []string{"redaction policy"}},
		{"redactable findings: pack redacts", "photos", []detectors.Finding{finding(detectors.ActionMask, detectors.StatusOpen)},
			[]string{"next       consign pack photos -o OUT   packs the folder, masking", "redaction policy of consign.yaml"}, []string{"--format jsonl"}},
		{"a finding to review: list and ignore", "photos", []detectors.Finding{finding(detectors.ActionReview, detectors.StatusOpen)},
			[]string{"next       consign scan photos --format jsonl", "           consign ignore ID --reason TEXT -C photos"}, []string{"consign pack"}},
		{"a file to exclude: list and ignore", "photos", []detectors.Finding{finding(detectors.ActionExclude, detectors.StatusOpen)},
			[]string{"consign scan photos --format jsonl"}, []string{"consign pack"}},
		{"a folder name with a space is quoted", "my photos", nil,
			[]string{"consign pack 'my photos' -o OUT"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tally := newFindingTally()
			tally.add(&pipeline.Record{Path: "a.txt", Findings: tc.findings})
			var buf bytes.Buffer
			tally.write(&buf, tc.root, 1)
			out := buf.String()
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("summary lacks %q:\n%s", w, out)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(out, n) {
					t.Errorf("summary has %q:\n%s", n, out)
				}
			}
		})
	}
}

func TestShellQuote(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain path", "/home/ada/my-content/2021", "/home/ada/my-content/2021"},
		{"tilde is not expanded", "~x", "'~x'"},
		{"space", "my content", "'my content'"},
		{"single quote", "Ada's", `'Ada'\''s'`},
		{"dollar", "$HOME", "'$HOME'"},
		{"empty", "", "''"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := shellQuote(tc.in); got != tc.want {
				t.Errorf("shellQuote(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestTallyUnreadFileIsNotClear checks that a file consign could not
// fully read is never counted clear to sell: what was not read may hold
// what the audit looks for.
func TestTallyUnreadFileIsNotClear(t *testing.T) {
	for _, tc := range []struct {
		name string
		rec  pipeline.Record
		want string
	}{
		{"unread, no findings: review", pipeline.Record{Path: "a.jpg", Error: "read jpeg structure: bad length"},
			"0 of 1 files clear to sell\n           0 to redact (pack masks and strips what the policy says)\n           1 to review (1 could not be fully read)\n"},
		{"read, no findings: clear", pipeline.Record{Path: "a.jpg"},
			"1 of 1 files clear to sell\n           0 to redact (pack masks and strips what the policy says)\n           0 to review\n"},
		{"unread, to exclude: exclude", pipeline.Record{Path: "a.jpg", Error: "truncated",
			Findings: []detectors.Finding{{Category: "rights", Kind: "data_mining", Severity: "high", Action: detectors.ActionExclude, Status: detectors.StatusOpen}}},
			"           0 to review\n           1 to exclude"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tally := newFindingTally()
			tally.add(&tc.rec)
			var buf bytes.Buffer
			tally.write(&buf, "photos", 1)
			if !strings.Contains(buf.String(), tc.want) {
				t.Errorf("summary lacks %q:\n%s", tc.want, buf.String())
			}
		})
	}
}

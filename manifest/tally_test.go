package manifest

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// TestTallyNextCommand checks that the summary's "next" line fits the
// state of the folder.
func TestTallyNextCommand(t *testing.T) {
	finding := func(action, status string) detectors.Finding {
		return detectors.Finding{Category: "pii", Kind: "email", Severity: "medium", Action: action, Status: status,
			Location: detectors.Location{In: detectors.InContent, Start: 10, End: 27}}
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
		{"a name pack refuses: review", "backslash", nil,
			[]string{"1 to review (1 with a name pack refuses: not UTF-8, or with a backslash)", "and rename the files whose names pack refuses"}, []string{"consign pack backslash"}},
		{"no file at all: nothing to pack", "empty", nil,
			[]string{"next       nothing to pack: no file was found (is empty the right folder, or is every file excluded?)"}, []string{"consign pack"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tally := newFindingTally()
			files := 0
			switch tc.root {
			case "empty":
			case "backslash":
				tally.add(&pipeline.Record{Path: `a\b.txt`, MediaType: "text/plain"})
				files = 1
			default:
				tally.add(&pipeline.Record{Path: "a.txt", MediaType: "text/plain", Findings: tc.findings})
				files = 1
			}
			var buf bytes.Buffer
			tally.write(&buf, tc.root, files)
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

// TestTallyVerdictFollowsPack checks that the verdict counts a file "to
// redact" only when pack can mask or strip its values in that format: a
// value in the text of a PDF, or in metadata pack does not rewrite, stays in the bundle as it is, so the file is one to review.
// The summary used to count such files to redact.
func TestTallyVerdictFollowsPack(t *testing.T) {
	inPart := func(kind, action, part string) detectors.Finding {
		return detectors.Finding{Category: "pii", Kind: kind, Severity: "medium", Action: action, Status: detectors.StatusOpen,
			Location: detectors.Location{In: detectors.InText, Part: part, Start: 4, End: 14}}
	}
	inText := func(kind, action string) detectors.Finding { return inPart(kind, action, "word/document.xml") }
	inContent := func(kind, action string) detectors.Finding {
		return detectors.Finding{Category: "pii", Kind: kind, Severity: "medium", Action: action, Status: detectors.StatusOpen,
			Location: detectors.Location{In: detectors.InContent, Start: 4, End: 14}}
	}
	inField := func(kind, action, field string) detectors.Finding {
		return detectors.Finding{Category: "pii", Kind: kind, Severity: "high", Action: action, Status: detectors.StatusOpen,
			Location: detectors.Location{In: detectors.InMetadata, Field: field}}
	}
	const (
		docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		pdf  = "application/pdf"
	)
	const redact, review, exclude, clear = "redact", "review", "exclude", "clear"
	for _, tc := range []struct {
		name      string
		mediaType string
		policy    map[string]string
		findings  []detectors.Finding
		want      string // the file's verdict
		unreached bool   // counted among the files pack cannot redact
	}{
		{"email in a text file: masked", "text/plain", nil,
			[]detectors.Finding{inContent("email", detectors.ActionMask)}, redact, false},
		{"email in a Word document's text: masked", docx, nil,
			[]detectors.Finding{inText("email", detectors.ActionMask)}, redact, false},
		{"email in an EPUB chapter: masked", "application/epub+zip", nil,
			[]detectors.Finding{inPart("email", detectors.ActionMask, "OEBPS/ch1.xhtml")}, redact, false},
		{"email in a web page's text: masked", "text/html", nil,
			[]detectors.Finding{inPart("email", detectors.ActionMask, "")}, redact, false},
		{"email in an RTF document's text: masked", "text/rtf", nil,
			[]detectors.Finding{inPart("email", detectors.ActionMask, "body")}, redact, false},
		{"email in a Word document's settings, where no text is read: left open", docx, nil,
			[]detectors.Finding{inPart("email", detectors.ActionMask, "word/settings.xml")}, review, true},
		{"name in a PDF's text under a mask policy: left open", pdf, map[string]string{"person_name": RedactMask},
			[]detectors.Finding{inText("person_name", detectors.ActionMask)}, review, true},
		{"author in a Word document's metadata: removed", docx, nil,
			[]detectors.Finding{inField("person_name", detectors.ActionRemove, "docx:dc:creator")}, redact, false},
		{"author in a PDF's info dictionary: removed", pdf, nil,
			[]detectors.Finding{inField("person_name", detectors.ActionRemove, "pdf:Author")}, redact, false},
		{"author in a PDF's XMP: removed", pdf, nil,
			[]detectors.Finding{inField("person_name", detectors.ActionRemove, "xmp:dc:creator")}, redact, false},
		{"GPS in a JPEG: stripped", "image/jpeg", nil,
			[]detectors.Finding{inField("gps_location", detectors.ActionRemove, "exif:GPSLatitude")}, redact, false},
		{"GPS in a GPX track: masked", "text/xml", nil,
			[]detectors.Finding{inField("gps_location", detectors.ActionRemove, "gpx:trkpt")}, redact, false},
		{"GPS in a track read as Markdown: left open", "text/markdown", nil,
			[]detectors.Finding{inField("gps_location", detectors.ActionRemove, "gpx:trkpt")}, review, true},
		{"artist name in a JPEG's EXIF: removed", "image/jpeg", nil,
			[]detectors.Finding{inField("person_name", detectors.ActionRemove, "exif:Artist")}, redact, false},
		{"by-line in a JPEG's IPTC: removed", "image/jpeg", nil,
			[]detectors.Finding{inField("person_name", detectors.ActionRemove, "iptc:By-line")}, redact, false},
		{"a name in an MP3's ID3 tags: removed", "audio/mpeg", nil,
			[]detectors.Finding{inField("person_name", detectors.ActionRemove, "id3:TPE1")}, redact, false},
		{"a name in a FLAC's Vorbis comments: removed", "audio/flac", nil,
			[]detectors.Finding{inField("person_name", detectors.ActionRemove, "vorbis:ARTIST")}, redact, false},
		{"a name in an Ogg file's Vorbis comments: removed", "audio/ogg", nil,
			[]detectors.Finding{inField("person_name", detectors.ActionRemove, "vorbis:ARTIST")}, redact, false},
		{"a name in a Windows Media file's tags: removed", "video/x-ms-wmv", nil,
			[]detectors.Finding{inField("person_name", detectors.ActionRemove, "asf:Author")}, redact, false},
		{"an author in a Word 97 document's properties: removed", "application/msword", nil,
			[]detectors.Finding{inField("person_name", detectors.ActionRemove, "doc:dc:creator")}, redact, false},
		{"a raw video's position: pack strips no such field", "video/mp2t", nil,
			[]detectors.Finding{inField("gps_location", detectors.ActionRemove, "avchd:GPS")}, review, true},
		{"kept by the policy: nothing to do", pdf, map[string]string{"email": RedactKeep},
			[]detectors.Finding{inText("email", detectors.ActionMask)}, clear, false},
		{"excluded by the policy: left out", pdf, map[string]string{"email": RedactExclude},
			[]detectors.Finding{inText("email", detectors.ActionMask)}, exclude, false},
		{"another finding excludes the file", docx, nil,
			[]detectors.Finding{inText("email", detectors.ActionMask),
				{Category: "rights", Kind: "data_mining", Severity: "high", Action: detectors.ActionExclude, Status: detectors.StatusOpen}}, exclude, false},
		{"no-AI mark under default: review: pack leaves the file in, open", "image/jpeg", map[string]string{"default": RedactReview},
			[]detectors.Finding{{Category: "rights", Kind: "data_mining", Severity: "high", Action: detectors.ActionExclude, Status: detectors.StatusOpen}}, review, false},
		{"a review suggestion the policy masks, in a text file: masked", "text/plain", map[string]string{"person_name": RedactMask},
			[]detectors.Finding{inContent("person_name", detectors.ActionReview)}, redact, false},
		{"a kind the policy keeps though the detector would exclude", "image/jpeg", map[string]string{"data_mining": RedactKeep},
			[]detectors.Finding{{Category: "rights", Kind: "data_mining", Severity: "high", Action: detectors.ActionExclude, Status: detectors.StatusOpen}}, clear, false},
		{"information the policy excludes: pack leaves the file out", "text/plain", map[string]string{"default": RedactExclude},
			[]detectors.Finding{{Category: "rights", Kind: "license", Severity: "info", Action: detectors.ActionAttribute, Status: detectors.StatusOpen}}, exclude, false},
		{"ignored: nothing to do", docx, nil,
			[]detectors.Finding{{Category: "pii", Kind: "email", Severity: "medium", Action: detectors.ActionMask, Status: detectors.StatusIgnored,
				Location: detectors.Location{In: detectors.InText, Start: 4, End: 14}}}, clear, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tally := newFindingTally()
			if tc.policy != nil {
				p := &Profile{Redaction: tc.policy}
				tally.policy = p.RedactionAction
			}
			for i := range tc.findings {
				tc.findings[i].Path = "a"
			}
			tally.add(&pipeline.Record{Path: "a", MediaType: tc.mediaType, Findings: tc.findings})
			var buf bytes.Buffer
			tally.write(&buf, "photos", 1)
			out := buf.String()
			n := map[string]int{tc.want: 1}
			lines := []string{
				fmt.Sprintf("verdict    %d of 1 files clear to sell\n", n[clear]),
				fmt.Sprintf("           %d to redact (pack masks and strips what the policy says)\n", n[redact]),
				fmt.Sprintf("           %d to exclude", n[exclude]),
			}
			if tc.unreached {
				lines = append(lines, "           1 to review (1 with values pack cannot mask or strip in that format)\n")
			} else {
				lines = append(lines, fmt.Sprintf("           %d to review\n", n[review]))
			}
			for _, l := range lines {
				if !strings.Contains(out, l) {
					t.Errorf("summary lacks %q:\n%s", l, out)
				}
			}
		})
	}
}

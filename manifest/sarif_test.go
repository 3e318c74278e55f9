package manifest

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// sarifSchemaFile is the OASIS SARIF 2.1.0 schema (errata 01), vendored:
// see testdata/sarif/README.md for where it comes from.
const sarifSchemaFile = "testdata/sarif/sarif-schema-2.1.0.json"

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(sarifSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// sarifRecords covers every kind of location, an ignored finding, a
// finding of a detector that did not register a rule, and a path that
// needs percent-encoding.
func sarifRecords() []*pipeline.Record {
	recs := sampleRecords()
	recs = append(recs,
		&pipeline.Record{Path: "docs/my report #2.docx", Size: 900, Kind: "document", Findings: []detectors.Finding{
			{ID: "t1", Path: "docs/my report #2.docx", Detector: "pii/phone", Category: "pii", Kind: "phone", Severity: "medium",
				Location: detectors.Location{In: "text", Part: "word/document.xml", Start: 40, End: 52, Line: 3, Column: 7},
				Excerpt:  "+44 ***", Value: "+442079460958", ValueHash: "h1", Action: "mask", Status: "open"},
			{ID: "m1", Path: "docs/my report #2.docx", Detector: "pii/author", Category: "pii", Kind: "author", Severity: "low",
				Location: detectors.Location{In: "metadata", Field: "docx:dc:creator"}, Excerpt: "J*** D**", Action: "remove", Status: "open"},
			{ID: "r1", Path: "docs/my report #2.docx", Detector: "rights/licence", Category: "rights", Kind: "licence", Severity: "info",
				Location: detectors.Location{In: "metadata", Field: "xmp:xmpRights:WebStatement"}, Detail: "CC-BY-4.0", Action: "attribute", Status: "open"},
		}},
	)
	return recs
}

func writeSARIF(t *testing.T, showValues bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	cfg := ReportConfig{Root: t.TempDir(), Detectors: []string{"pii/author", "pii/email", "pii/phone"}, ToolVersion: "v1.2.3", ShowValues: showValues}
	r, err := NewReport("sarif", &buf, cfg)
	if err != nil {
		t.Fatal(err)
	}
	sum := pipeline.Summary{}
	for _, rec := range sarifRecords() {
		if err := r.Record(rec); err != nil {
			t.Fatal(err)
		}
		sum.Files++
	}
	if err := r.Close(sum); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	sch := compileSARIFSchema(t)
	for _, tc := range []struct {
		name string
		out  []byte
	}{
		{"masked", writeSARIF(t, false)},
		{"show values", writeSARIF(t, true)},
		{"no findings", func() []byte {
			var buf bytes.Buffer
			r, err := NewReport("sarif", &buf, ReportConfig{Root: "."})
			if err != nil {
				t.Fatal(err)
			}
			if err := r.Close(pipeline.Summary{}); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(tc.out))
			if err != nil {
				t.Fatalf("not JSON: %v\n%s", err, tc.out)
			}
			if err := sch.Validate(doc); err != nil {
				t.Fatalf("invalid SARIF: %v\n%s", err, tc.out)
			}
		})
	}
}

// sarifLog is the part of a log the tests look at.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver sarifDriver `json:"driver"`
		} `json:"tool"`
		OriginalURIBaseIDs map[string]struct {
			URI string `json:"uri"`
		} `json:"originalUriBaseIds"`
		Results     []sarifResult `json:"results"`
		Invocations []struct {
			ExecutionSuccessful bool        `json:"executionSuccessful"`
			Notifications       []sarifNote `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

func TestSARIFContent(t *testing.T) {
	var log sarifLog
	if err := json.Unmarshal(writeSARIF(t, false), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q with %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if got := len(run.Tool.Driver.Rules); got != 3 {
		t.Errorf("%d rules, want one per detector that ran (3)", got)
	}
	if base := run.OriginalURIBaseIDs["SRCROOT"].URI; !strings.HasPrefix(base, "file:///") || !strings.HasSuffix(base, "/") {
		t.Errorf("SRCROOT = %q, want an absolute file URI ending in /", base)
	}
	if inv := run.Invocations; len(inv) != 1 || len(inv[0].Notifications) != 1 ||
		inv[0].Notifications[0].Level != "error" || inv[0].Notifications[0].Message.Text != "open: permission denied" ||
		inv[0].Notifications[0].Locations[0].Physical.Artifact.URI != "c.bin" {
		t.Errorf("invocations %+v, want one error notification for c.bin", inv)
	}
	byID := map[string]sarifResult{}
	for _, r := range run.Results {
		byID[r.PartialFingerprints["consign/v1"]] = r
	}
	if len(byID) != 5 {
		t.Fatalf("%d results, want 5", len(byID))
	}
	for _, tc := range []struct {
		name, id, level, uri string
		check                func(t *testing.T, r sarifResult)
	}{
		{"content finding has a byte and line region", "f1", "error", "b.md", func(t *testing.T, r sarifResult) {
			reg := r.Locations[0].Physical.Region
			if reg == nil || *reg.ByteOffset != 1 || *reg.ByteLength != 3 || reg.StartLine != 1 || reg.StartColumn != 2 {
				t.Errorf("region %+v", reg)
			}
			if r.RuleIndex == nil || run.Tool.Driver.Rules[*r.RuleIndex].ID != "pii/email" {
				t.Errorf("ruleIndex %v does not point at pii/email", r.RuleIndex)
			}
		}},
		{"ignored finding is suppressed with its reason", "f2", "warning", "b.md", func(t *testing.T, r sarifResult) {
			if len(r.Suppressions) != 1 || r.Suppressions[0].Kind != "external" || r.Suppressions[0].Justification != "shop number" {
				t.Errorf("suppressions %+v", r.Suppressions)
			}
		}},
		{"text finding names its part", "t1", "warning", "docs/my%20report%20%232.docx", func(t *testing.T, r sarifResult) {
			if r.Locations[0].Physical.Region != nil {
				t.Error("offsets into extracted text written as a region of the file")
			}
			if l := r.Locations[0].Logical; len(l) != 1 || l[0].Name != "word/document.xml" {
				t.Errorf("logical locations %+v", l)
			}
			if strings.Contains(r.Message.Text, "2079460958") || r.Properties["value"] != nil {
				t.Errorf("raw value leaked without --show-values: %q %v", r.Message.Text, r.Properties)
			}
		}},
		{"metadata finding names its field", "m1", "note", "docs/my%20report%20%232.docx", func(t *testing.T, r sarifResult) {
			if l := r.Locations[0].Logical; len(l) != 1 || l[0].Name != "docx:dc:creator" || l[0].Kind != "property" {
				t.Errorf("logical locations %+v", l)
			}
			if r.Properties["action"] != "remove" || r.Properties["category"] != "pii" || r.Properties["status"] != "open" {
				t.Errorf("properties %v", r.Properties)
			}
		}},
		{"finding of a detector without a rule", "r1", "note", "docs/my%20report%20%232.docx", func(t *testing.T, r sarifResult) {
			if r.RuleIndex != nil || r.RuleID != "rights/licence" {
				t.Errorf("ruleId %q ruleIndex %v", r.RuleID, r.RuleIndex)
			}
			if !strings.Contains(r.Message.Text, "CC-BY-4.0") {
				t.Errorf("message %q lacks the detail", r.Message.Text)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, ok := byID[tc.id]
			if !ok {
				t.Fatalf("no result for %s", tc.id)
			}
			if r.Level != tc.level {
				t.Errorf("level %q, want %q", r.Level, tc.level)
			}
			if a := r.Locations[0].Physical.Artifact; a.URI != tc.uri || a.URIBaseID != "SRCROOT" {
				t.Errorf("artifact %+v, want uri %q", a, tc.uri)
			}
			tc.check(t, r)
		})
	}
}

func TestSARIFShowValues(t *testing.T) {
	out := string(writeSARIF(t, true))
	if !strings.Contains(out, "+442079460958") {
		t.Error("--show-values did not put the raw value in the log")
	}
}

func TestPercentEncodePath(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "photos/2021/beach.jpg", "photos/2021/beach.jpg"},
		{"space and hash", "my notes/#1.md", "my%20notes/%231.md"},
		{"colon cannot become a scheme", "c:notes.txt", "c%3Anotes.txt"},
		{"percent", "100%.txt", "100%25.txt"},
		{"non-ASCII", "café.md", "caf%C3%A9.md"},
		{"query mark", "what?.md", "what%3F.md"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := percentEncodePath(tc.in); got != tc.want {
				t.Errorf("percentEncodePath(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSARIFLevel(t *testing.T) {
	for sev, want := range map[string]string{"high": "error", "medium": "warning", "low": "note", "info": "note"} {
		t.Run(sev, func(t *testing.T) {
			if got := sarifLevel(sev); got != want {
				t.Errorf("sarifLevel(%q) = %q, want %q", sev, got, want)
			}
		})
	}
}

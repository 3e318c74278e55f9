package manifest

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
	"github.com/consignhq/consign/pipeline/extract"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixtureProfile is a complete consign.yaml, as ParseProfile returns it.
func fixtureProfile(t *testing.T) *Profile {
	t.Helper()
	src := `version: 1
creator:
  name: Ada Lovelace
  emails: [ada@private.example]
  organisation: Analytical Engines Ltd
  contact: {email: licensing@example.com, url: "https://example.com/ada"}
catalog:
  title: Ada's notes and photographs
  description: Field notes, photographs and a song, 2019-2021.
  keywords: [notes, photography]
  external_identifier: urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e
  origin_geography: [GB]
licence:
  uses: [training, fine_tuning, retrieval]
  model_types: [language, image]
  commercial: true
  exclusivity: non_exclusive
  territory: [GB, FR]
  term: {months: 24, renewal: by_agreement}
  revocation_notice_days: 90
  compensation: {currency: EUR, one_time_fee: 5000, revenue_share_percent: 10, per_use_rate: 0.002, per_use_unit: "1000 generations"}
  reporting: {cadence: quarterly, audit_rights: true, audit_notice_days: 30}
  attribution: {required: true, text: "Contains work by Ada Lovelace"}
  sublicensing: prohibited
  assignment: with_consent
  privacy: {obligations: [no re-identification], breach_notice_hours: 72}
  deletion: {on_termination: true, within_days: 30, model_remediation: retrain, certify: true}
consent:
  - who: Charles
    what: model release including AI training
    files: ["photos/**"]
    reference: releases/charles.pdf
    date: 2021-05-30
monetization: {currency: EUR, as_of: 2024-12-31, annual_revenue: 1800, audience: [{platform: blog, followers: 900}]}
redaction: {gps: remove, email: mask, phone: mask, copyright: keep}
`
	p, err := ParseProfile("consign.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func finding(id, path, det, cat, kind, sev string, loc detectors.Location) detectors.Finding {
	return detectors.Finding{ID: id, Path: path, Detector: det, Category: cat, Kind: kind, Severity: sev,
		Confidence: 0.9, Location: loc, Status: "open", Action: "review"}
}

func fixtureRecords() []*pipeline.Record {
	ignored := finding("f-copy", "audio/song.mp3", "rights/copyright", "rights", "copyright", "medium", detectors.Location{In: "metadata", Field: "id3:TCOP"})
	ignored.Status, ignored.Reason = "ignored", "licensed sample"
	return []*pipeline.Record{
		{Path: "audio/song.mp3", Size: 4000, SHA256: strings.Repeat("1", 64), MediaType: "audio/mpeg", Kind: "audio",
			Rights:     &detectors.Rights{Copyright: "(c) Label", Owner: detectors.OwnerThirdParty},
			FindingIDs: []string{"f-copy"}, Findings: []detectors.Finding{ignored}},
		{Path: "notes/README", Size: 12, SHA256: strings.Repeat("2", 64), MediaType: "text/plain", Kind: "text",
			Languages: []extract.Language{{Code: "en", Confidence: 1}}},
		{Path: "photos/beach.jpg", Size: 1900, SHA256: strings.Repeat("5", 64), MediaType: "image/jpeg", Kind: "image",
			// In a bundle, a redacted copy's record carries the copy's
			// digest and keeps the original's in Redaction.
			Redaction:   &pipeline.Redaction{OriginalSHA256: strings.Repeat("3", 64), OriginalSize: 2048, Applied: []string{"gps removed"}},
			ContentDate: &pipeline.ContentDate{Value: "2021-06-03T14:22:10+02:00", Source: "exif:DateTimeOriginal"},
			FindingIDs:  []string{"f-gps"},
			Findings:    []detectors.Finding{finding("f-gps", "photos/beach.jpg", "pii/gps", "pii", "gps", "high", detectors.Location{In: "metadata", Field: "exif:GPSLatitude"})}},
		{Path: "posts/hello.md", Size: 300, SHA256: strings.Repeat("4", 64), MediaType: "text/markdown", Kind: "text",
			ContentDate: &pipeline.ContentDate{Value: "2019-01-02", Source: "frontmatter:date"},
			Languages:   []extract.Language{{Code: "en", Confidence: 0.9}, {Code: "fr", Confidence: 0.1}},
			FindingIDs:  []string{"f-mail", "f-tel"},
			Findings: []detectors.Finding{
				finding("f-mail", "posts/hello.md", "pii/email", "pii", "email", "high", detectors.Location{In: "content", Start: 10, End: 25, Line: 2, Column: 1}),
				finding("f-tel", "posts/hello.md", "pii/phone", "pii", "phone", "high", detectors.Location{In: "content", Start: 40, End: 52, Line: 3, Column: 5}),
			}},
	}
}

func fixtureFacts() *BundleFacts {
	return &BundleFacts{
		Created:        time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC),
		ConsignVersion: "v0.3.0",
		Files: []BundleFile{
			{Path: FilesJSONL, Size: 1234, SHA256: strings.Repeat("a", 64)},
			{Path: FindingsJSONL, Size: 987, SHA256: strings.Repeat("b", 64)},
			{Path: "data/audio/song.mp3", Size: 4000, SHA256: strings.Repeat("1", 64)},
			{Path: "data/photos/beach.jpg", Size: 1900, SHA256: strings.Repeat("5", 64)},
		},
		Applied:  map[string]string{"f-gps": RedactRemove, "f-mail": RedactMask},
		Excluded: []ExcludedFile{{Path: "private/diary.txt", Reason: "excluded by consign.yaml: private/"}},
	}
}

type generator struct {
	doc string // bundle path
	gen func(*Profile, []*pipeline.Record, *BundleFacts) ([]byte, error)
}

var generators = []generator{
	{"croissant.json", Croissant},
	{"metadata/content-profile.json", ContentProfile},
	{"metadata/dps.json", DPS},
	{"README.md", DatasetCard},
}

func TestGeneratorsMatchGoldenAndValidate(t *testing.T) {
	p := fixtureProfile(t)
	for _, g := range generators {
		t.Run(g.doc, func(t *testing.T) {
			got, err := g.gen(p, fixtureRecords(), fixtureFacts())
			if err != nil {
				t.Fatal(err)
			}
			if err := ValidateDocument(g.doc, got); err != nil {
				t.Fatalf("output fails its schema: %v", err)
			}
			again, _ := g.gen(p, fixtureRecords(), fixtureFacts())
			if !bytes.Equal(got, again) {
				t.Fatal("same input gave different bytes")
			}
			golden := filepath.Join("testdata", "golden", strings.ReplaceAll(g.doc, "/", "_"))
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./manifest -run Golden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (review, then -update):\n%s", g.doc, golden, got)
			}
		})
	}
}

func TestGeneratorsNeedTheCatalogIdentifier(t *testing.T) {
	p := &Profile{Creator: Creator{Name: "Ada"}}
	for _, g := range generators {
		_, err := g.gen(p, fixtureRecords(), fixtureFacts())
		if !errors.Is(err, ErrIncompleteProfile) || !strings.Contains(err.Error(), "catalog.external_identifier") {
			t.Errorf("%s: err = %v", g.doc, err)
		}
	}
}

// A profile with nothing but the identifier still gives valid documents
// that say what is missing, and offer no use at all.
func TestGeneratorsWithABareProfile(t *testing.T) {
	p, err := ParseProfile("consign.yaml", []byte("external_identifier: urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.Missing(), ","); got != "creator.name,catalog.title,licence.uses" {
		t.Errorf("Missing() = %s", got)
	}
	for _, g := range generators {
		got, err := g.gen(p, fixtureRecords(), fixtureFacts())
		if err != nil {
			t.Fatalf("%s: %v", g.doc, err)
		}
		if err := ValidateDocument(g.doc, got); err != nil {
			t.Errorf("%s fails its schema: %v", g.doc, err)
		}
		if !strings.Contains(string(got), "not named in consign.yaml") {
			t.Errorf("%s does not say the creator is not named", g.doc)
		}
	}
	b, _ := Croissant(p, fixtureRecords(), fixtureFacts())
	var doc struct {
		Usage map[string]any `json:"usageInfo"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Usage["odrl:permission"] != nil || !strings.Contains(string(mustJSON(doc.Usage["odrl:prohibition"])), `"odrl:use"`) {
		t.Errorf("an offer with no uses permits something: %v", doc.Usage)
	}
}

func TestGeneratorsWithNoRecords(t *testing.T) {
	p := fixtureProfile(t)
	for _, g := range generators {
		got, err := g.gen(p, nil, fixtureFacts())
		if err != nil {
			t.Fatalf("%s: %v", g.doc, err)
		}
		if err := ValidateDocument(g.doc, got); err != nil {
			t.Errorf("%s of an empty bundle fails its schema: %v", g.doc, err)
		}
	}
}

// TestGeneratorsWithEveryFileLeftOut: a catalog whose policy excluded
// every file says "0 files", not "0 files by Ada: ." with an empty list.
func TestGeneratorsWithEveryFileLeftOut(t *testing.T) {
	p, err := ParseProfile("consign.yaml", []byte("creator: {name: Ada}\nexternal_identifier: urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range generators {
		got, err := g.gen(p, nil, fixtureFacts())
		if err != nil {
			t.Fatalf("%s: %v", g.doc, err)
		}
		for _, empty := range []string{": .", "): \n", "Ada: \""} {
			if strings.Contains(string(got), empty) {
				t.Errorf("%s lists no kinds after a colon (%q):\n%s", g.doc, empty, got)
			}
		}
	}
}

// TestGeneratorsDescribeOneFile: a catalog with no description of its
// own is described as "1 file by Ada", not "1 files".
func TestGeneratorsDescribeOneFile(t *testing.T) {
	p, err := ParseProfile("consign.yaml", []byte("creator: {name: Ada}\nexternal_identifier: urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range generators {
		if g.doc == "metadata/content-profile.json" {
			continue // counts in numbers, not words
		}
		got, err := g.gen(p, fixtureRecords()[1:2], fixtureFacts())
		if err != nil {
			t.Fatalf("%s: %v", g.doc, err)
		}
		if !strings.Contains(string(got), "1 file by Ada: text 1.") {
			t.Errorf("%s does not describe the catalog as 1 file by Ada:\n%s", g.doc, got)
		}
	}
}

func TestCroissantNeedsFilesJSONL(t *testing.T) {
	facts := fixtureFacts()
	facts.Files = nil
	if _, err := Croissant(fixtureProfile(t), fixtureRecords(), facts); err == nil || !strings.Contains(err.Error(), FilesJSONL) {
		t.Fatalf("err = %v", err)
	}
}

func TestCroissantContent(t *testing.T) {
	b, err := Croissant(fixtureProfile(t), fixtureRecords(), fixtureFacts())
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		ConformsTo []string         `json:"conformsTo"`
		Timeframe  []string         `json:"rai:dataCollectionTimeframe"`
		PSI        []string         `json:"rai:personalSensitiveInformation"`
		Dist       []map[string]any `json:"distribution"`
		Usage      map[string]any   `json:"usageInfo"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if strings.Join(doc.ConformsTo, " ") != CroissantSpec+" "+RAISpec {
		t.Errorf("conformsTo %v", doc.ConformsTo)
	}
	if strings.Join(doc.Timeframe, " ") != "2019-01-02 2021-06-03" {
		t.Errorf("timeframe %v", doc.Timeframe)
	}
	psi := strings.Join(doc.PSI, "\n")
	for _, want := range []string{"pii/gps: 1 finding in 1 file; removed 1.", "pii/phone: 1 finding in 1 file; open 1.", "rights/copyright: 1 finding in 1 file; ignored 1.", "1 consent record from people who appear in the content is listed"} {
		if !strings.Contains(psi, want) {
			t.Errorf("personalSensitiveInformation lacks %q:\n%s", want, psi)
		}
	}
	sets := map[string]any{}
	for _, d := range doc.Dist {
		sets[d["@id"].(string)] = d["includes"]
	}
	if d := doc.Dist[0]; d["@id"] != FilesJSONL || d["sha256"] != strings.Repeat("a", 64) {
		t.Errorf("first distribution %v", d)
	}
	for id, want := range map[string]string{"data-image": "[data/**/*.jpg]", "data-text": "[data/**/*.md,data/notes/README]", "data-audio": "[data/**/*.mp3]"} {
		if got := jsonString(sets[id]); got != want {
			t.Errorf("%s includes %v, want %s", id, sets[id], want)
		}
	}
	usage := string(mustJSON(doc.Usage))
	for _, want := range []string{`"odrl:purpose"`, `"consign:training"`, `"odrl:spatial"`, `"P24M"`, `"odrl:payAmount"`, `"5000"`, `"odrl:percentage"`, `"odrl:attribute"`, `"odrl:grantUse"`, `"PT72H"`, `"odrl:delete"`, `"retrain"`} {
		if !strings.Contains(usage, want) {
			t.Errorf("usageInfo lacks %s", want)
		}
	}
	if strings.Contains(string(b), "ada@private.example") {
		t.Error("croissant.json publishes the creator's matching-only email")
	}
}

// TestBundleTextsAgreeWithTheirCounts: the sentences the bundle's
// documents count in say "1 finding is" and "2 findings are", never
// "finding(s)".
func TestBundleTextsAgreeWithTheirCounts(t *testing.T) {
	p := fixtureProfile(t)
	recs, facts := fixtureRecords(), fixtureFacts()
	p.Consent = append(p.Consent, p.Consent[0])
	facts.Excluded = append(facts.Excluded, ExcludedFile{Path: "private/notes.txt", Reason: "excluded by consign.yaml: private/"})
	// A second phone number and a second copyright notice, each in a
	// second file, and a second file that names another owner.
	tel := finding("f-tel2", "photos/beach.jpg", "pii/phone", "pii", "phone", "high", detectors.Location{In: "metadata", Field: "exif:UserComment"})
	recs[2].FindingIDs, recs[2].Findings = append(recs[2].FindingIDs, tel.ID), append(recs[2].Findings, tel)
	copyright := finding("f-copy2", "notes/README", "rights/copyright", "rights", "copyright", "medium", detectors.Location{In: "content", Start: 0, End: 9, Line: 1, Column: 1})
	recs[1].FindingIDs, recs[1].Findings = []string{copyright.ID}, []detectors.Finding{copyright}
	recs[1].Rights = &detectors.Rights{Copyright: "(c) Someone", Owner: detectors.OwnerThirdParty}

	var all strings.Builder
	for _, g := range generators {
		got, err := g.gen(p, recs, facts)
		if err != nil {
			t.Fatalf("%s: %v", g.doc, err)
		}
		if bytes.Contains(got, []byte("(s)")) {
			t.Errorf("%s counts with (s):\n%s", g.doc, got)
		}
		all.Write(got)
	}
	for _, want := range []string{
		"**2 findings are still open**: the creator accepted the bundle with them;",
		"pii/phone: 2 findings in 2 files; open 2.",
		"pii/email: 1 finding in 1 file; masked 1.",
		"2 consent records from people who appear in the content are listed",
		"2 files were left out; content-profile.json lists them with the reason.",
		"2 third-party or rights findings; 2 files name another owner.",
	} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("the bundle's documents lack %q", want)
		}
	}
}

func jsonString(v any) string {
	var parts []string
	for _, x := range v.([]any) {
		parts = append(parts, x.(string))
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// The files.jsonl and findings.jsonl schemas describe the Go types pack
// writes those files from.
func TestRecordAndFindingSchemasFitTheTypes(t *testing.T) {
	var files, findings bytes.Buffer
	for _, r := range fixtureRecords() {
		files.Write(mustJSON(r))
		files.WriteByte('\n')
		for _, f := range r.Findings {
			findings.Write(mustJSON(f))
			findings.WriteByte('\n')
		}
	}
	if err := ValidateDocument(FilesJSONL, files.Bytes()); err != nil {
		t.Error(err)
	}
	if err := ValidateDocument(FindingsJSONL, findings.Bytes()); err != nil {
		t.Error(err)
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestCorpusSARIFValid scans the shared corpus, a folder of real files
// with findings in content, extracted text and metadata, with --format
// sarif, and validates the log against the OASIS SARIF 2.1.0 schema that
// manifest's tests vendor.
func TestCorpusSARIFValid(t *testing.T) {
	corpus := sharedDir(t, "corpus")
	if testing.Short() {
		t.Skip("skipping the corpus scan in -short mode")
	}
	schemaPath := filepath.Join("..", "..", "manifest", "testdata", "sarif", "sarif-schema-2.1.0.json")
	f, err := os.Open(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}

	var stdout, stderr bytes.Buffer
	code := run([]string{"scan", "--format", "sarif", "--detectors", "strict", "--quiet", "--state", t.TempDir(), corpus}, &stdout, &stderr)
	if code != exitOK && code != exitPartial {
		t.Fatalf("scan of the corpus exited %d:\n%s", code, stderr.String())
	}
	log, err := jsonschema.UnmarshalJSON(bytes.NewReader(stdout.Bytes()))
	if err != nil {
		t.Fatalf("the log is not JSON: %v", err)
	}
	if err := sch.Validate(log); err != nil {
		t.Fatalf("the log is not valid SARIF 2.1.0: %v", err)
	}
	var parsed struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					Physical struct {
						Region *struct{ ByteOffset *int64 } `json:"region"`
					} `json:"physicalLocation"`
					Logical []struct{ Kind string } `json:"logicalLocations"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &parsed); err != nil {
		t.Fatal(err)
	}
	regions, logical := 0, 0
	for _, r := range parsed.Runs[0].Results {
		for _, l := range r.Locations {
			if l.Physical.Region != nil {
				regions++
			}
			logical += len(l.Logical)
		}
	}
	if regions == 0 || logical == 0 {
		t.Errorf("%d results with a region and %d logical locations: the corpus should give both", regions, logical)
	}
}

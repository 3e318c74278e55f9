package eval

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/detectors/pii"
)

var (
	evalDir    = flag.String("eval.dir", filepath.Join("..", "..", "testdata", "eval", "pii"), "directory of the labelled *.jsonl files")
	evalPreset = flag.String("eval.preset", detectors.PresetDefault, "detector preset to evaluate")
	evalShow   = flag.Int("eval.show", 40, "how many misses and false positives to list")
)

// TestEval runs the detectors over the labelled evaluation set, prints
// the scores, and fails when a gated kind misses its target (make eval).
func TestEval(t *testing.T) {
	examples, err := Load(*evalDir)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := detectors.NewRegistry(pii.All())
	if err != nil {
		t.Fatal(err)
	}
	run, err := Detect(reg, *evalPreset, examples)
	if err != nil {
		t.Fatal(err)
	}
	s := Evaluate(examples, run)
	t.Logf("%d examples, preset %s (%d detectors)", len(examples), run.Preset, len(run.Detectors))
	if testing.Verbose() {
		if err := WriteReport(os.Stdout, s, run, *evalShow); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range s.Failures(run) {
		t.Error(f)
	}
}

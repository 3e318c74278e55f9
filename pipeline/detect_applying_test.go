package pipeline

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
)

// suffixDetector is a text detector applying to the paths ending in its
// suffix ("" for all).
type suffixDetector struct{ name, suffix string }

func (d suffixDetector) Name() string { return d.name }
func (d suffixDetector) Applies(item *detectors.Item) bool {
	return strings.HasSuffix(item.Path, d.suffix)
}
func (suffixDetector) Detect(context.Context, *detectors.Item) ([]detectors.Finding, error) {
	return nil, nil
}
func (suffixDetector) MaxLen() int                                    { return 8 }
func (suffixDetector) Find(*detectors.Item, []byte) []detectors.Match { return nil }

// TestApplyingKeepsOrder: the text detectors of a file are those that
// apply to it, in the order given; with all applying, the shared list,
// and with the same ones applying, the same list.
func TestApplyingKeepsOrder(t *testing.T) {
	dt := newDetector(&Detection{Detectors: []detectors.Detector{
		suffixDetector{"a", ""}, suffixDetector{"b", ".txt"}, suffixDetector{"c", ""},
		suffixDetector{"d", ".md"}, suffixDetector{"e", "t"},
	}})
	names := func(ds []detectors.TextDetector) string {
		var out []string
		for _, d := range ds {
			out = append(out, d.Name())
		}
		return strings.Join(out, " ")
	}
	for path, want := range map[string]string{
		"x.txt": "a b c e", "x.md": "a c d", "x.jpg": "a c", "x.t": "a c e",
	} {
		if got := names(dt.applying(&detectors.Item{Path: path})); got != want {
			t.Errorf("%s: %s, want %s", path, got, want)
		}
	}
	if a, b := dt.applying(&detectors.Item{Path: "x.md"}), dt.applying(&detectors.Item{Path: "y.md"}); &a[0] != &b[0] {
		t.Error("two files with the same detectors applying got lists of their own")
	}
	all := newDetector(&Detection{Detectors: []detectors.Detector{suffixDetector{"a", ""}, suffixDetector{"c", ""}}})
	if got := all.applying(&detectors.Item{Path: "x"}); fmt.Sprintf("%p", got) != fmt.Sprintf("%p", all.text) {
		t.Error("with every detector applying, a new list was made")
	}
}

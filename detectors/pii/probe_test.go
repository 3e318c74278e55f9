package pii

import (
	"github.com/consignhq/consign/detectors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProbeCorpus(t *testing.T) {
	root := os.Getenv("PROBE_DIR")
	if root == "" {
		t.Skip("no PROBE_DIR")
	}
	ds := []interface {
		Name() string
	}{}
	_ = ds
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !(strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".vcf") || strings.HasSuffix(p, ".ics")) {
			return nil
		}
		b, _ := os.ReadFile(p)
		for _, d := range []interface{ Find(*detectors.Item, []byte) []detectors.Match }{} {
			_ = d
		}
		for _, m := range (&Name{}).Find(nil, b) {
			fmt.Printf("NAME\t%.2f\t%q\t%s\n", m.Confidence, b[m.Start:m.End], filepath.Base(p))
		}
		for _, m := range (&Address{}).Find(nil, b) {
			fmt.Printf("ADDR\t%s\t%q\t%s\n", m.Kind, b[m.Start:m.End], filepath.Base(p))
		}
		for _, m := range (&DOB{}).Find(nil, b) {
			fmt.Printf("DOB\t%q\t%s\n", b[m.Start:m.End], filepath.Base(p))
		}
		return nil
	})
}

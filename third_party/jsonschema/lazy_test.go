package jsonschema

// Tests for the change from upstream: the drafts' meta-schemas compile when
// the first Compiler is made, not in a package init.

import (
	"os"
	"strings"
	"sync"
	"testing"
)

// TestMain checks, before any test has made a Compiler, that linking the
// package compiled no meta-schema.
func TestMain(m *testing.M) {
	for _, d := range []*Draft{Draft4, Draft6, Draft7, Draft2019, Draft2020} {
		if d.sch != nil {
			println("jsonschema: the meta-schema of", d.String(), "was compiled before first use")
			os.Exit(1)
		}
	}
	os.Exit(m.Run())
}

// TestFirstCompilersAtOnce makes the first compilers from many goroutines
// at once; under -race this checks the meta-schemas are published safely,
// and each compiler must still reject a schema its draft's meta-schema
// rejects and validate instances against a valid one.
func TestFirstCompilersAtOnce(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := NewCompiler()
			bad, _ := UnmarshalJSON(strings.NewReader(`{"type": 5}`))
			if err := c.AddResource("bad.json", bad); err != nil {
				errs <- err.Error()
				return
			}
			if _, err := c.Compile("bad.json"); err == nil {
				errs <- `{"type": 5} compiled: the meta-schema did not apply`
			}
			good, _ := UnmarshalJSON(strings.NewReader(`{"type": "string", "maxLength": 3}`))
			if err := c.AddResource("good.json", good); err != nil {
				errs <- err.Error()
				return
			}
			sch, err := c.Compile("good.json")
			if err != nil {
				errs <- err.Error()
				return
			}
			if sch.Validate("abcd") == nil {
				errs <- `"abcd" passed maxLength 3`
			}
			if err := sch.Validate("abc"); err != nil {
				errs <- err.Error()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	for _, d := range []*Draft{Draft4, Draft6, Draft7, Draft2019, Draft2020} {
		if d.sch == nil {
			t.Errorf("%s: no meta-schema after the first compiler", d)
		}
	}
}

package phonenumbers

// Tests for the change from upstream: the embedded metadata loads on first
// use, not in a package init.

import (
	"os"
	"sync"
	"testing"
)

// TestMain checks, before any test has touched the library, that linking
// the package loaded no metadata.
func TestMain(m *testing.M) {
	if currentMetadata != nil || len(shortNumberRegionToMetadataMap) != 0 {
		println("phonenumbers: metadata was loaded before first use")
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// TestFirstUseFromManyGoroutines parses from many goroutines at once before
// anything else has loaded the metadata; under -race this checks the lazy
// load publishes it safely, and every goroutine must see the full metadata.
func TestFirstUseFromManyGoroutines(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan string, 32)
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			num, err := Parse("+44 20 7946 0958", "")
			if err != nil {
				errs <- err.Error()
				return
			}
			if !IsValidNumber(num) || GetRegionCodeForNumber(num) != "GB" {
				errs <- "+44 20 7946 0958 not a valid GB number"
			}
			if !IsPossibleShortNumberForRegion(mustParse(t, "112", "FR"), "FR") {
				errs <- "112 not a possible short number in FR"
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if len(GetSupportedRegions()) < 200 {
		t.Errorf("%d supported regions after first use, want the full metadata", len(GetSupportedRegions()))
	}
}

func mustParse(t *testing.T, s, region string) *PhoneNumber {
	num, err := Parse(s, region)
	if err != nil {
		t.Errorf("parse %q: %v", s, err)
		return &PhoneNumber{}
	}
	return num
}

package phonenumbers

// Tests for the change from upstream: the embedded metadata loads on first
// use, not in a package init.

import (
	"os"
	"sync"
	"testing"
)

// lazyPatterns are the package-level regular expressions that upstream
// compiles in package init.
var lazyPatterns = map[string]*lazyRegexp{
	"UNIQUE_INTERNATIONAL_PREFIX":          UNIQUE_INTERNATIONAL_PREFIX,
	"PLUS_CHARS_PATTERN":                   PLUS_CHARS_PATTERN,
	"SEPARATOR_PATTERN":                    SEPARATOR_PATTERN,
	"NOT_SEPARATOR_PATTERN":                NOT_SEPARATOR_PATTERN,
	"CAPTURING_DIGIT_PATTERN":              CAPTURING_DIGIT_PATTERN,
	"VALID_START_CHAR_PATTERN":             VALID_START_CHAR_PATTERN,
	"SECOND_NUMBER_START_PATTERN":          SECOND_NUMBER_START_PATTERN,
	"UNWANTED_END_CHAR_PATTERN":            UNWANTED_END_CHAR_PATTERN,
	"VALID_ALPHA_PHONE_PATTERN":            VALID_ALPHA_PHONE_PATTERN,
	"EXTN_PATTERN":                         EXTN_PATTERN,
	"VALID_PHONE_NUMBER_PATTERN":           VALID_PHONE_NUMBER_PATTERN,
	"NON_DIGITS_PATTERN":                   NON_DIGITS_PATTERN,
	"DIGITS_PATTERN":                       DIGITS_PATTERN,
	"FIRST_GROUP_PATTERN":                  FIRST_GROUP_PATTERN,
	"NP_PATTERN":                           NP_PATTERN,
	"FG_PATTERN":                           FG_PATTERN,
	"CC_PATTERN":                           CC_PATTERN,
	"FIRST_GROUP_ONLY_PREFIX_PATTERN":      FIRST_GROUP_ONLY_PREFIX_PATTERN,
	"RFC3966_GLOBAL_NUMBER_DIGITS_PATTERN": RFC3966_GLOBAL_NUMBER_DIGITS_PATTERN,
	"RFC3966_DOMAINNAME_PATTERN":           RFC3966_DOMAINNAME_PATTERN,
}

// TestMain checks, before any test has touched the library, that linking
// the package loaded no metadata and compiled none of its patterns.
func TestMain(m *testing.M) {
	if currentMetadata != nil || len(shortNumberRegionToMetadataMap) != 0 {
		println("phonenumbers: metadata was loaded before first use")
		os.Exit(1)
	}
	for name, p := range lazyPatterns {
		if p.re != nil {
			println("phonenumbers:", name, "was compiled before first use")
			os.Exit(1)
		}
	}
	os.Exit(m.Run())
}

// TestFirstUseFromManyGoroutines parses from many goroutines at once before
// anything else has loaded the metadata or compiled a pattern; under -race
// this checks the lazy load publishes both safely, and every goroutine must
// see the full metadata.
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

// TestLazyPatternsCompile checks that every pattern compiles, once, to the
// expression its source text gives (a pattern that did not compile would
// panic here, as upstream's init would have).
func TestLazyPatternsCompile(t *testing.T) {
	for name, p := range lazyPatterns {
		re := p.Regexp()
		if re == nil || re.String() != p.String() || re != p.Regexp() {
			t.Errorf("%s compiled to %v, want %q compiled once", name, re, p.String())
		}
	}
}

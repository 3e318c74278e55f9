package anchor

import (
	"slices"
	"testing"

	"github.com/consignhq/consign/detectors"
)

// TestShared registers words as two packages would, finds both packages'
// words in one pass, and refuses words registered after the pass.
func TestShared(t *testing.T) {
	first := Register(false, "zzyzx road", "passcode")
	exact := Register(true, "ZQX")
	if exact != first+2 {
		t.Fatalf("Register numbered the words %d then %d, want consecutive", first, exact)
	}
	text := []byte("on Zzyzx Road, PASSCODE ZQX zqx")
	want := []Hit{{3, first}, {15, first + 1}, {24, exact}}
	if got := SharedHits(nil, text); !slices.Equal(got, want) {
		t.Errorf("SharedHits without an item = %v, want %v", got, want)
	}
	if got := SharedHits(&detectors.Item{}, text); !slices.Equal(got, want) {
		t.Errorf("SharedHits = %v, want %v", got, want)
	}
	defer func() {
		if recover() == nil {
			t.Error("Register after the shared set was built did not panic")
		}
	}()
	Register(false, "late")
}

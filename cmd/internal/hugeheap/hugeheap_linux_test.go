//go:build linux && !race

package hugeheap

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

func TestHeapAdvisedForHugePages(t *testing.T) {
	if disabled(os.Getenv("GODEBUG")) || !worthAdvising(readSetting(thpSetting), readSetting(overcommitSetting)) {
		t.Skipf("%s does not select madvise, or overcommit is strict: nothing to advise", thpSetting)
	}
	if !advised {
		t.Fatal("start-up did not advise the heap")
	}
	// Objects allocated after start-up, small and large, lie in memory
	// the kernel may back with huge pages; after a Reserve, so do those
	// past start-up's reserve.
	small := new([256]byte)
	large := make([]byte, 8<<20)
	Reserve(4 * reserve)
	runtime.GC() // the collection Reserve sets off, finished
	past := make([]byte, 2*reserve)
	for name, p := range map[string]uintptr{
		"small object":        uintptr(unsafe.Pointer(small)),
		"large object":        uintptr(unsafe.Pointer(unsafe.SliceData(large))),
		"object past reserve": uintptr(unsafe.Pointer(unsafe.SliceData(past))),
		"object past its end": uintptr(unsafe.Pointer(unsafe.SliceData(past))) + uintptr(len(past)) - 1,
	} {
		eligible, err := thpEligible(p)
		if err != nil {
			t.Fatal(err)
		}
		if !eligible {
			t.Errorf("the %s at %#x is in a mapping not eligible for huge pages", name, p)
		}
	}
}

func TestWorthAdvising(t *testing.T) {
	for _, c := range []struct {
		thp, overcommit string
		want            bool
	}{
		{"always [madvise] never\n", "0\n", true},
		{"always [madvise] never\n", "1\n", true},
		{"always [madvise] never\n", "2\n", false},
		{"[always] madvise never\n", "0\n", false},
		{"always madvise [never]\n", "0\n", false},
		{"", "0\n", false},
		{"always [madvise] never\n", "", true},
	} {
		if got := worthAdvising([]byte(c.thp), []byte(c.overcommit)); got != c.want {
			t.Errorf("worthAdvising(%q, %q) = %v, want %v", c.thp, c.overcommit, got, c.want)
		}
	}
}

func TestDisabledByGODEBUG(t *testing.T) {
	for godebug, want := range map[string]bool{
		"":                          false,
		"disablethp=1":              true,
		"gctrace=1,disablethp=1":    true,
		"disablethp=0":              false,
		"disablethp=1,disablethp=0": false,
		"madvdontneed=1":            false,
		" disablethp=1 ":            true,
	} {
		if got := disabled(godebug); got != want {
			t.Errorf("disabled(%q) = %v, want %v", godebug, got, want)
		}
	}
}

// thpEligible reads /proc/self/smaps for the mapping that holds p.
func thpEligible(p uintptr) (bool, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return false, err
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 {
			in = lo <= p && p < hi
			continue
		}
		if in && strings.HasPrefix(line, "THPeligible:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "THPeligible:")) == "1", nil
		}
	}
	if err := sc.Err(); err != nil {
		return false, err
	}
	return false, fmt.Errorf("no mapping in /proc/self/smaps holds %#x", p)
}

//go:build linux && !race

package hugeheap

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// adviseEnv, set to 1, makes start-up advise the heap whatever a page
// fault costs: TestAdviceOnAnyHost runs the tests of the advice in a
// child process with it. Package variables are set before init runs.
const adviseEnv = "HUGEHEAP_TEST_ADVISE"

var adviseAnyway = os.Getenv(adviseEnv) == "1" && lowerAdviseFrom()

func lowerAdviseFrom() bool {
	adviseFrom = 0
	return true
}

// adviceTests are the tests of what the advice did.
const adviceTests = "^(TestHeapAdvisedForHugePages|TestReserveTakesNoMemory|TestFirstPagesCollapsed)$"

// TestAdviceOnAnyHost: where page faults are cheap start-up does not
// advise, and the tests of the advice would skip; they run again in a
// child process whose start-up advises whatever a fault costs.
func TestAdviceOnAnyHost(t *testing.T) {
	if advised || adviseAnyway {
		t.Skip("start-up advised the heap: this process runs the tests of the advice")
	}
	if disabled(os.Getenv("GODEBUG")) || !worthAdvising(readSetting(thpSetting), readSetting(overcommitSetting)) {
		t.Skip("nothing to advise")
	}
	cmd := exec.Command(os.Args[0], "-test.run="+adviceTests, "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), adviseEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the tests of the advice failed in a child process: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: TestHeapAdvisedForHugePages") {
		t.Fatalf("the child process did not pass TestHeapAdvisedForHugePages:\n%s", out)
	}
	t.Logf("%s", out)
}

func TestHeapAdvisedForHugePages(t *testing.T) {
	if disabled(os.Getenv("GODEBUG")) || !worthAdvising(readSetting(thpSetting), readSetting(overcommitSetting)) {
		t.Skipf("%s does not select madvise, or overcommit is strict: nothing to advise", thpSetting)
	}
	if faultCost < adviseFrom {
		t.Skipf("a page fault took %v at start-up, under %v: huge pages do not pay here (TestAdviceOnAnyHost checks the advice)", faultCost, adviseFrom)
	}
	if !advised {
		t.Fatal("start-up did not advise the heap")
	}
	// Objects allocated after start-up, small and large, lie in memory
	// the kernel may back with huge pages.
	small := new([256]byte)
	large := make([]byte, 8<<20)
	for name, p := range map[string]uintptr{
		"small object": uintptr(unsafe.Pointer(small)),
		"large object": uintptr(unsafe.Pointer(unsafe.SliceData(large))),
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

// TestAdvisedWhereFaultsAreDear: start-up timed a page fault, and advised
// the heap only if the fault was dear.
func TestAdvisedWhereFaultsAreDear(t *testing.T) {
	if disabled(os.Getenv("GODEBUG")) || !worthAdvising(readSetting(thpSetting), readSetting(overcommitSetting)) {
		if faultCost != 0 || advised {
			t.Fatalf("nothing to advise, yet start-up timed a fault (%v) or advised the heap (%v)", faultCost, advised)
		}
		t.Skip("nothing to advise: no fault timed")
	}
	t.Logf("a 4 KiB page fault took %v at start-up; huge pages from %v", faultCost, adviseFrom)
	if faultCost <= 0 {
		t.Fatalf("start-up timed a page fault at %v", faultCost)
	}
	if faultCost < adviseFrom && advised {
		t.Errorf("start-up advised the heap though a fault took %v, under %v", faultCost, adviseFrom)
	}
}

// TestTimeFaultWritesFreshPages: each timed write is a fault, so the
// process's count of minor faults grows by at least one a page.
func TestTimeFaultWritesFreshPages(t *testing.T) {
	before := minorFaults(t)
	if d := timeFault(); d <= 0 {
		t.Fatalf("timeFault() = %v", d)
	}
	if got := minorFaults(t) - before; got < probePages {
		t.Errorf("timing made %d page faults, want at least %d", got, probePages)
	}
}

// minorFaults is the process's count of minor page faults.
func minorFaults(t *testing.T) int64 {
	t.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return ru.Minflt
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

// TestReserveTakesNoMemory: the block start-up allocates is never written,
// so it costs no memory; a block placed over pages used before would be
// cleared by the runtime, a page fault for each of its pages.
func TestReserveTakesNoMemory(t *testing.T) {
	if !advised {
		t.Skip("start-up did not advise the heap")
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if kb, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var n int
			if _, err := fmt.Sscanf(strings.TrimSpace(kb), "%d kB", &n); err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			if n*1024 >= reserve/2 {
				t.Errorf("peak resident memory %d kB: the reserve of %d MiB was written", n, reserve>>20)
			}
			return
		}
	}
	t.Fatal("no VmHWM line in /proc/self/status")
}

func TestReserveFor(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"pack", "dir", "-o", "out"}, wholeFolderReserve},
		{[]string{"-q", "status", "dir"}, wholeFolderReserve},
		{[]string{"verify", "pack"}, reserve},
		{[]string{"scan", "dir"}, reserve},
		{nil, reserve},
	} {
		if got := reserveFor(tc.args); got != tc.want {
			t.Errorf("reserveFor(%q) = %d MiB, want %d MiB", tc.args, got>>20, tc.want>>20)
		}
	}
}

// TestFirstPagesCollapsed: the heap's first 2 MiB, written in 4 KiB
// pages before the advice, was made one huge page at start-up.
func TestFirstPagesCollapsed(t *testing.T) {
	if !advised {
		t.Skip("start-up did not advise the heap")
	}
	if collapsed == 0 {
		switch collapseErr {
		case syscall.EINVAL:
			t.Skip("the kernel cannot collapse pages into a huge page (MADV_COLLAPSE needs Linux 6.1)")
		case syscall.ENOMEM, syscall.EBUSY, syscall.EAGAIN:
			t.Skipf("the kernel had no huge page at hand at start-up: %v", collapseErr)
		}
		t.Fatalf("start-up did not collapse the heap's first pages (errno %d)", collapseErr)
	}
	// The kernel said yes. Whether the huge page is still whole is the
	// runtime's doing from then on: returning free pages to the system
	// splits it. What start-up collapsed must be the advised heap.
	if collapsed%hugePage != 0 {
		t.Errorf("start-up collapsed at %#x, not at the start of a huge page", collapsed)
	}
	eligible, err := thpEligible(collapsed)
	if err != nil {
		t.Fatal(err)
	}
	if !eligible {
		t.Errorf("start-up collapsed at %#x, in a mapping not advised for huge pages", collapsed)
	}
}

// thpEligible reads /proc/self/smaps for the mapping that holds p.
func thpEligible(p uintptr) (bool, error) {
	v, err := smapsField(p, "THPeligible:")
	return v == "1", err
}

// smapsField reads a field of /proc/self/smaps for the mapping that
// holds p.
func smapsField(p uintptr, field string) (string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return "", err
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
		if v, ok := strings.CutPrefix(line, field); ok && in {
			return strings.TrimSpace(v), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("no mapping in /proc/self/smaps holds %#x", p)
}

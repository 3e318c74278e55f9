//go:build linux && !race

package hugeheap

import (
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"syscall"
	"time"
	"unsafe"

	"github.com/consignhq/consign/cmd/internal/cmdline"
)

const (
	// reserve is how much heap is mapped and advised at start-up: more
	// than a verify or a scan holds. Mapping costs address space, and the
	// runtime's record of each 8 KiB page of it, written when the block is
	// made and freed: about a millisecond for each 64 MiB here. A page
	// takes memory only when first written.
	reserve = 64 << 20
	// wholeFolderReserve is the reserve of the commands that hold a
	// record of every file of a folder at once (pack and status): a pack
	// of 20,000 files grows its heap to some 120 MiB, and past a reserve
	// of 64 MiB each 4 KiB page it took cost a fault, 19,000 of them in
	// a repack, a fifth of its CPU time.
	wholeFolderReserve = 256 << 20
	// hugePage is the size of an x86-64 and arm64 transparent huge page.
	hugePage = 2 << 20
	// madvHugepage is MADV_HUGEPAGE, which the syscall package lacks.
	madvHugepage = 14
	// madvCollapse is MADV_COLLAPSE (Linux 6.1 and later).
	madvCollapse = 25
	// thpSetting says when Linux backs memory with transparent huge pages.
	thpSetting = "/sys/kernel/mm/transparent_hugepage/enabled"
	// overcommitSetting says whether Linux lets a program map more memory
	// than it could back.
	overcommitSetting = "/proc/sys/vm/overcommit_memory"
	// probePages is how many fresh 4 KiB pages start-up writes to time a
	// page fault; probePage is their size.
	probePages = 16
	probePage  = 4 << 10
	// dearFault is the cost of a 4 KiB page fault from which huge pages
	// pay. A huge page costs one fault, but of 2 MiB of fresh memory: in
	// a virtual machine whose host has taken that memory back (see
	// docs/scale.md) 3–7 ms, as much as 512 faults of 6–14 µs. Where a
	// fault costs 20–40 µs, as where the host shadows the guest's page
	// tables, huge pages save time whether the memory is fresh or not;
	// where it costs 2–3 µs, as in a virtual machine measured with nested
	// paging, they saved about half a millisecond a 2 MiB when the host
	// still backed the memory and lost several when it did not; on bare
	// metal a fault costs well under a microsecond.
	dearFault = 8 * time.Microsecond
)

// advised says whether start-up advised the heap; faultCost is what a
// 4 KiB page fault cost when start-up timed it (0 if it did not).
var (
	advised   bool
	faultCost time.Duration
)

// adviseFrom is the fault cost from which start-up advises the heap:
// dearFault, which a test lowers to 0 to check the advice on any host.
var adviseFrom = dearFault

// collapsed is the start of the huge page start-up made of the heap's
// first pages, or 0 if the kernel could not; collapseErr says why not.
var (
	collapsed   uintptr
	collapseErr syscall.Errno
)

func init() {
	godebug, _ := syscall.Getenv("GODEBUG")
	if disabled(godebug) || !worthAdvising(readSetting(thpSetting), readSetting(overcommitSetting)) {
		return
	}
	faultCost = timeFault()
	if faultCost >= adviseFrom {
		advised = advise(reserveFor(os.Args[1:]))
	}
}

// timeFault writes one byte to each of probePages pages of a fresh
// anonymous mapping, timing each write, and returns the median: the
// cost of a page fault here, less the rare write that waited for
// something else. It returns 0 if the mapping cannot be made.
func timeFault() time.Duration {
	b, err := syscall.Mmap(-1, 0, probePages*probePage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return 0
	}
	defer syscall.Munmap(b)
	var took [probePages]time.Duration
	for i := range took {
		start := time.Now()
		b[i*probePage] = 1
		took[i] = time.Since(start)
	}
	slices.Sort(took[:])
	return took[probePages/2]
}

// reserveFor is the reserve for a run with the command line args. A
// global flag given with its value apart (--state DIR) hides the command
// (see cmdline.Command), and the run takes the smaller reserve, which
// only costs it faults.
func reserveFor(args []string) int {
	if c := cmdline.Command(args); c == "pack" || c == "status" {
		return wholeFolderReserve
	}
	return reserve
}

// disabled says whether GODEBUG holds disablethp=1, Go's own setting for
// a heap without transparent huge pages, which consign honours too.
func disabled(godebug string) bool {
	on := false
	for _, kv := range bytes.Split([]byte(godebug), []byte(",")) {
		if k, v, ok := bytes.Cut(bytes.TrimSpace(kv), []byte("=")); ok && string(k) == "disablethp" {
			on = string(v) == "1" // the last setting wins, as in the runtime
		}
	}
	return on
}

// worthAdvising says, from the two settings' contents, whether asking
// helps and reserving is safe. Only in "madvise" mode does asking change
// anything: "always" gives the heap huge pages already, "never" refuses
// them. Under strict overcommit accounting (mode 2) the reserve would
// count against the system's limit as if it were used, and could fail.
func worthAdvising(thp, overcommit []byte) bool {
	return bytes.Contains(thp, []byte("[madvise]")) && string(bytes.TrimSpace(overcommit)) != "2"
}

// advise maps n bytes of heap and marks the heap's address range for
// huge pages. The Go runtime maps its heap as it grows, and a fresh
// mapping does not carry an earlier advice; so the range is made to exist
// first, by allocating one large block, which a collection then frees for
// everything allocated after. The collection is waited for: left to run
// beside the program, it sometimes finished only after the heap had grown
// past the block, and a pack then took the page faults of no advice at
// all (one run in seven).
//
// The heap's first 4 MiB, which the runtime mapped before any package
// started, is advised too. The two ranges are advised apart: should the
// block land in a part of the address space away from the first, the
// mappings between them are none of consign's heap.
//
// Advice only shapes later faults, and the runtime and the packages
// initialised before this one have already faulted in 4 KiB pages of the
// heap's first 2 MiB, where the rest of start-up goes on allocating (a
// hundred more faults in a verify). MADV_COLLAPSE makes those 2 MiB one
// huge page now, copying the pages written so far.
func advise(n int) bool {
	// The block is far past the runtime's first goal, 4 MiB: left on,
	// pacing would start a collection as soon as it is allocated, and the
	// one below would wait for that one to end before making its own.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	first := uintptr(unsafe.Pointer(new([64]byte)))
	block := make([]byte, n)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(block)))
	if madvise(first&^(firstChunk-1), firstChunk) {
		collapsed, collapseErr = collapse(first)
	}
	ok := madvise(start, uintptr(n))
	runtime.KeepAlive(block)
	runtime.GC()
	return ok
}

// firstChunk is the size and alignment of the runtime's heap mappings.
const firstChunk = 4 << 20

// madvise asks for huge pages over [p, p+n), widened to whole huge pages.
func madvise(p, n uintptr) bool {
	low := p &^ (hugePage - 1)
	high := (p + n + hugePage - 1) &^ (hugePage - 1)
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, low, high-low, madvHugepage)
	return errno == 0
}

// collapse asks the kernel to back the huge page holding p with one huge
// page at once; it returns that page's start, or 0 and the reason the
// kernel could not: EINVAL before Linux 6.1, ENOMEM or EBUSY with no
// huge page at hand, EAGAIN for a page another thread held, which is
// worth one more try.
func collapse(p uintptr) (uintptr, syscall.Errno) {
	low := p &^ (hugePage - 1)
	var errno syscall.Errno
	for range 2 {
		if _, _, errno = syscall.Syscall(syscall.SYS_MADVISE, low, hugePage, madvCollapse); errno != syscall.EAGAIN {
			break
		}
	}
	if errno != 0 {
		return 0, errno
	}
	return low, 0
}

// readSetting reads a small file of /proc or /sys; nil if it cannot.
func readSetting(path string) []byte {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	defer syscall.Close(fd)
	buf := make([]byte, 128)
	n, err := syscall.Read(fd, buf)
	if err != nil || n <= 0 {
		return nil
	}
	return buf[:n]
}

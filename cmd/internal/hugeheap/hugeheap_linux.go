package hugeheap

import (
	"bytes"
	"runtime"
	"syscall"
	"unsafe"
)

const (
	// reserve is how much heap is mapped and advised at start-up: more
	// than a scan of a few thousand files or a verify ever holds. Mapping
	// costs address space only; a page takes memory when first written.
	reserve = 64 << 20
	// hugePage is the size of an x86-64 and arm64 transparent huge page.
	hugePage = 2 << 20
	// madvHugepage is MADV_HUGEPAGE, which the syscall package lacks.
	madvHugepage = 14
	// thpSetting is where Linux says when it uses transparent huge pages.
	thpSetting = "/sys/kernel/mm/transparent_hugepage/enabled"
)

// advised says whether start-up advised the heap, for tests.
var advised bool

func init() { advised = advise() }

// advise maps reserve bytes of heap and marks the heap's address range
// for huge pages. The Go runtime maps its heap as it grows, and a fresh
// mapping does not carry an earlier advice; so the range is made to exist
// first, by allocating one large block, which a collection then frees for
// everything allocated after.
func advise() bool {
	if !madviseMode() {
		return false
	}
	first := uintptr(unsafe.Pointer(new([64]byte)))
	block := make([]byte, reserve)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(block)))
	low, high := min(first, start), max(first+64, start+reserve)
	low &^= hugePage - 1
	high = (high + hugePage - 1) &^ (hugePage - 1)
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, low, high-low, madvHugepage)
	runtime.KeepAlive(block)
	runtime.GC()
	return errno == 0
}

// madviseMode says whether the system backs a program's memory with huge
// pages only where the program asks. In "always" mode the heap has them
// already; in "never" mode asking does nothing.
func madviseMode() bool {
	fd, err := syscall.Open(thpSetting, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer syscall.Close(fd)
	var buf [128]byte
	n, err := syscall.Read(fd, buf[:])
	if err != nil || n <= 0 {
		return false
	}
	return bytes.Contains(buf[:n], []byte("[madvise]"))
}

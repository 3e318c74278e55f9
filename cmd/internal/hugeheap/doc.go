// Package hugeheap asks Linux to back consign's heap with transparent huge
// pages where the system leaves that choice to each program (the THP
// "madvise" mode, the default of most distributions) and does not account
// for memory strictly. The commands import it for its side effect, before
// the packages whose initialisation allocates.
//
// A page fault costs well under a microsecond on bare metal but 20–40 µs
// in virtual machines whose guest page tables the host shadows; there a
// short command such as verifying a small bag spent half its time in
// them. With a huge page one fault maps 2 MiB instead of 4 KiB.
//
// A huge page is 2 MiB of fresh memory, though, which a virtual machine's
// host may have taken back since the guest last freed it (free page
// reporting): finding it again cost 3–7 ms a huge page in one such
// machine whose 4 KiB faults cost 2–3 µs, against about 1 ms for the
// same memory in 4 KiB pages. So start-up first times a few page faults
// and asks for huge pages only where a fault is dear (8 µs or more),
// where they save time whether the host still backs the memory or not;
// elsewhere the heap is the Go runtime's default.
//
// GODEBUG=disablethp=1, the Go runtime's setting for a heap without
// transparent huge pages, turns it off.
package hugeheap

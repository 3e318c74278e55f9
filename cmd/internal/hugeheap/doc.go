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
// GODEBUG=disablethp=1, the Go runtime's setting for a heap without
// transparent huge pages, turns it off.
package hugeheap

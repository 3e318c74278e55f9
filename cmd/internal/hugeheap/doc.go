// Package hugeheap asks Linux to back consign's heap with transparent huge
// pages where the system leaves that choice to each program (the THP
// "madvise" mode, the default of most distributions). Imported for its
// side effect by the commands, before the packages whose initialisation
// allocates.
//
// A page fault costs a few hundred nanoseconds on bare metal but 20–40 µs
// in virtual machines whose guest page tables are shadowed by the host; a
// short command such as verifying a small bag spent half its time there.
// With a huge page one fault maps 2 MiB instead of 4 KiB.
package hugeheap

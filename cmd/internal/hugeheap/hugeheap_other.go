//go:build !linux

package hugeheap

// advised is false where there are no transparent huge pages to ask for.
var advised bool

//go:build !linux || race

package hugeheap

// advised is false where there are no transparent huge pages to ask for,
// and under the race detector, whose shadow of the reserve would cost more
// than the reserve saves: it clears the shadow of every freed block.
var advised bool

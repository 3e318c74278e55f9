//go:build !linux

package bagit

// listsStatInodes is false where consign reads no folder listing's inode
// numbers: a file Reuse finds is then checked with a stat when a new bag
// keeps it.
func listsStatInodes(string) bool { return false }

// listWithInodes is not called where listsStatInodes is false.
func listWithInodes(dir string) ([]listed, error) { return listPlain(dir) }

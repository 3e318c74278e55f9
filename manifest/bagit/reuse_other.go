//go:build !linux

package bagit

// listWithInodes lists dir without inode numbers: a file Reuse finds is
// then checked with a stat when a new bag keeps it.
func listWithInodes(dir string) ([]listed, error) { return listPlain(dir) }

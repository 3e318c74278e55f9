package bagit

import "encoding/hex"

// maxDigest is the longest digest of the algorithms (sha512's).
const maxDigest = 64

// sumSource is the manifest a checksum comes from: every check of a
// manifest points at one, rather than each carrying its names.
type sumSource struct {
	alg, name string
}

// check is one checksum a file must have, decoded. A bag of many files
// holds one for every payload file and payload manifest until the file is
// hashed: as hex strings cut from the manifests' text, they kept the
// whole text of every payload manifest in memory for the run, and their
// comparison needed each digest hex-encoded first.
type check struct {
	src  *sumSource
	size uint8 // bytes of sum in use: the algorithm's digest size
	sum  [maxDigest]byte
}

// newCheck makes the check of sum, a checksum of src's algorithm in
// lower-case hexadecimal as parseManifest leaves it.
func newCheck(src *sumSource, sum string) check {
	c := check{src: src, size: uint8(len(sum) / 2)}
	// parseManifest let through only lower-case hexadecimal digits of
	// the algorithm's length; decoding from the string spares a copy of
	// it as bytes for every line.
	for i := range int(c.size) {
		c.sum[i] = unhex(sum[2*i])<<4 | unhex(sum[2*i+1])
	}
	return c
}

func unhex(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return c - 'a' + 10
}

// digest is the checksum's bytes.
func (c *check) digest() []byte { return c.sum[:c.size] }

// hex is the checksum as the manifest lists it, lower-cased.
func (c *check) hex() string { return hex.EncodeToString(c.digest()) }

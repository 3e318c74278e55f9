package pdf

import (
	"fmt"
	"io"
)

// Limits on what a file can make the reader allocate, each bounded by
// what the file's size can justify. (Change from upstream
// ledongthuc/pdf: upstream sized its tables from the numbers a file
// declares, so a few hundred bytes could make it allocate gigabytes,
// recurse without end or loop for hours.)
const (
	// minXrefEntries is the cross-reference table every file may have,
	// however small: 64Ki entries, 2 MiB.
	minXrefEntries = 1 << 16
	// bytesPerObject is the least a file spends on one object it uses:
	// its entry in a compressed xref stream and its number and offset in
	// an object stream take more than this even before the object itself.
	bytesPerObject = 4
	// maxXrefEntries caps the table whatever the file's size.
	maxXrefEntries = 1 << 22
	// maxXrefSections bounds the /Prev chain of incremental updates.
	maxXrefSections = 1024
	// maxXrefWidth is the widest field of an xref stream entry: decodeInt
	// keeps 8 bytes.
	maxXrefWidth = 8
	// maxObjectStream is the most an object stream may inflate to: writers
	// put a few hundred small objects in each, some kilobytes; parsed into
	// values, inflated bytes cost several times their size.
	maxObjectStream = 8 << 20
	// maxExtends bounds the /Extends chain of object streams.
	maxExtends = 64
	// maxPredictorColumns bounds the row of a PNG predictor, which the
	// reader allocates twice (an xref stream's rows are a few bytes).
	maxPredictorColumns = 1 << 20
	// maxResolveDepth bounds indirect references resolved while
	// resolving another: an object in an object stream needs the stream,
	// whose /Length or /N may be indirect, a few levels at most.
	maxResolveDepth = 32
	// maxOperands bounds the operand stack of Interpret: a content
	// stream's operators take a few operands, a CMap block at most 100
	// pairs; 32 bytes each.
	maxOperands = 1 << 16
	// maxDifferences bounds the entries read of a font's /Differences
	// array, which names at most 256 codes.
	maxDifferences = 4096
	// maxParents bounds the /Parent chain searched for inherited page
	// attributes, and Page's descent from the root; page trees are a few
	// levels deep.
	maxParents = 256
)

// maxXref returns how many cross-reference entries a file of size bytes
// may have: object numbers at or past it are refused.
func maxXref(size int64) int {
	n := size / bytesPerObject
	if n < minXrefEntries {
		return minXrefEntries
	}
	if n > maxXrefEntries {
		return maxXrefEntries
	}
	return int(n)
}

// checkObjectNumber returns an error unless object x fits in the table of
// a file of size bytes.
func checkObjectNumber(x int64, size int64) error {
	if x < 0 || x >= int64(maxXref(size)) {
		return fmt.Errorf("object number %d outside 0 to %d, the most a file of %d bytes can justify", x, maxXref(size)-1, size)
	}
	return nil
}

// checkXrefSubsection returns an error unless the n objects from start
// fit in the table of a file of size bytes.
func checkXrefSubsection(start, n, size int64) error {
	limit := int64(maxXref(size))
	if start < 0 || n < 0 || start > limit || n > limit-start {
		return fmt.Errorf("xref subsection of %d objects from %d past %d, the most a file of %d bytes can justify", n, start, limit, size)
	}
	return nil
}

// errObjectStreamTooLarge is returned by a capped object stream reader
// once the stream inflates past maxObjectStream.
var errObjectStreamTooLarge = fmt.Errorf("object stream inflates past %d bytes", maxObjectStream)

// cappedReader returns an error, not io.EOF, once more than n bytes are
// read from r: a stream that inflates past its cap is malformed, not
// short.
type cappedReader struct {
	r   io.Reader
	n   int64
	err error
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.n <= 0 {
		// At the cap: the end of the stream, or a stream too large.
		var one [1]byte
		k, err := c.r.Read(one[:])
		if k > 0 || err == nil {
			return 0, c.err
		}
		return 0, err
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	k, err := c.r.Read(p)
	c.n -= int64(k)
	return k, err
}

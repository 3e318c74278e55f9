package detectors

import "context"

// Field is one metadata value of a file, named "namespace:Tag"
// ("exif:GPSLatitude", "docx:dc:creator", "id3:COMM").
type Field struct {
	Name  string
	Value string
}

// Item is what a detector sees of one file.
type Item struct {
	Path      string // relative to the scanned folder, "/"-separated
	MediaType string
	Kind      string
	Language  string // the file's main language (ISO 639-1), if known
	Size      int64
	Fields    []Field // metadata

	memo *chunkMemo // set by a TextScanner while its detectors read a chunk
}

// A Detector looks for one kind of thing. Applies is a cheap filter on the
// item; Detect does the work. Detectors that read text implement
// TextDetector as well, so that one chunked pass over a file's text feeds
// them all.
type Detector interface {
	Name() string
	Applies(item *Item) bool
	Detect(ctx context.Context, item *Item) ([]Finding, error)
}

// Match is a span a text detector found in a chunk, with offsets relative
// to the chunk's start.
type Match struct {
	Start, End int
	Value      string // the normalized value, which the finding's id and hash are made of
	Category   string // CategoryPII when empty
	Kind       string
	Severity   string
	Confidence float64
	// Detail is a public qualifier of the match that the finding carries
	// as is, never masked: a licence's SPDX id, a data mining value, a
	// TDM policy URL, a stock agency's name, or the holder of a copyright
	// notice as the file writes it ("© 2021 Jane Doe Photography"): an
	// ownership statement the file itself publishes, which the rights
	// assessment compares with the creator. Never put other personal
	// data here.
	Detail string
	// Action is what the finding asks of the creator (ActionMask, ...),
	// empty when the detector leaves it to the caller.
	Action string
}

// A TextDetector finds matches in a chunk of text. Find is called on
// chunks that overlap, so a value straddling a chunk boundary is whole in
// one of them; the scanner keeps a match only from the chunk that owns its
// start. MaxLen is the longest match the detector can return: each chunk
// carries more than the largest MaxLen of context before and after the
// region it owns, so a detector that decides a match from the match and a
// few bytes around it decides alike in every chunk that holds it. Find
// must not keep chunk, which the scanner reuses, and what it returns must
// follow from item and the chunk's bytes alone: the scanner hands a
// metadata value that several fields of an item hold to Find once.
type TextDetector interface {
	Detector
	MaxLen() int
	Find(item *Item, chunk []byte) []Match
}

// A FindKeyer is a TextDetector that says what of an item its Find reads
// besides the chunk's bytes: two items with the same FindKey get the same
// matches in the same bytes ("" for a detector that reads nothing of the
// item). A scan with a FieldMemo remembers, across files, what its text
// detectors found in a metadata value when every one of them is a
// FindKeyer.
type FindKeyer interface {
	FindKey(item *Item) string
}

package bagit

import (
	"slices"
	"strings"
)

// The payload manifests: made once the payload is sealed, on a goroutine
// of their own, and written by Close.

// SealPayload ends the payload: an add after it fails, as after Close,
// while tag files can still be added. The payload manifests are made on
// a goroutine of their own meanwhile, and Close, which seals the payload
// if the caller has not, writes them. A caller seals once every add has
// returned. Made in Close, after the tag files, the manifests of a bag of
// 20,000 files kept one core busy for some 20 ms while the other waited.
func (w *Writer) SealPayload() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.sealed != nil {
		return
	}
	done := make(chan struct{})
	w.sealed = done
	lines, changes := w.manifestLines(), w.changes
	go func() {
		defer close(done)
		made := manifestsOf(lines)
		made.changes = changes
		w.mu.Lock()
		w.made = made
		w.mu.Unlock()
	}()
}

// madeManifests are the payload manifests of a bag, with the octets and
// the number of files Payload-Oxum counts; changes is the payload's count
// of changes (Writer.changes) when they were made.
type madeManifests struct {
	changes        uint64
	octets         int64
	files          int
	sha256, sha512 []byte
}

// manifests makes the payload manifests; the caller holds w.mu.
func (w *Writer) manifests() madeManifests {
	made := manifestsOf(w.manifestLines())
	made.changes = w.changes
	return made
}

// manifestLines are the payload's manifest lines, unsorted; the caller
// holds w.mu.
func (w *Writer) manifestLines() []manifestLine {
	// Encoded once, not at every comparison of the sort.
	lines := make([]manifestLine, 0, len(w.payload))
	for p, s := range w.payload {
		lines = append(lines, manifestLine{EncodePath(p), s})
	}
	return lines
}

// manifestsOf sorts lines by path and makes the manifests from them.
func manifestsOf(lines []manifestLine) madeManifests {
	slices.SortFunc(lines, func(a, b manifestLine) int { return strings.Compare(a.path, b.path) })
	made := madeManifests{files: len(lines)}
	for _, l := range lines {
		made.octets += l.sum.size
	}
	made.sha256 = payloadManifest(lines, func(s payloadSum) string { return s.sha256 })
	made.sha512 = payloadManifest(lines, func(s payloadSum) string { return s.sha512 })
	return made
}

// manifestLine is a payload file as its manifest lines name it: the path
// under data/, encoded, and its digests.
type manifestLine struct {
	path string
	sum  payloadSum
}

// payloadManifest formats the lines, sorted by path, of one payload
// manifest: a line a file, tens of thousands of them in a large bag.
func payloadManifest(lines []manifestLine, sum func(payloadSum) string) []byte {
	const sep = "  data/"
	size := 0
	for _, l := range lines {
		size += len(sum(l.sum)) + len(sep) + len(l.path) + 1
	}
	b := make([]byte, 0, size)
	for _, l := range lines {
		b = append(b, sum(l.sum)...)
		b = append(b, sep...)
		b = append(b, l.path...)
		b = append(b, '\n')
	}
	return b
}

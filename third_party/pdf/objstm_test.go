package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
)

// objectStreamFile is a file whose objects 1 to len(packed) are in an
// uncompressed object stream (object len(packed)+len(plain)+1) with the
// given header, and plain the ordinary objects after them.
func objectStreamFile(header string, packed []string, plain []string) []byte {
	var body strings.Builder
	for _, o := range packed {
		body.WriteString(o + "\n")
	}
	stm := len(packed) + len(plain) + 1
	objs := make([]string, 0, stm)
	for range packed {
		objs = append(objs, "<< /Stale true >>") // the xref sends readers to the stream instead
	}
	objs = append(objs, plain...)
	data := header + body.String()
	objs = append(objs, fmt.Sprintf("<< /Type /ObjStm /N %d /First %d /Length %d >>\nstream\n%s\nendstream", len(packed), len(header), len(data), data))
	entries := []xrefEntry{{typ: 0, f3: 65535}}
	for i := range packed {
		entries = append(entries, xrefEntry{typ: 2, f2: uint32(stm), f3: uint16(i)})
	}
	for n := len(packed) + 1; n <= stm; n++ {
		entries = append(entries, xrefEntry{typ: 1, useOffOf: n})
	}
	return hostileFile(objs, streamXref(entries, "/Root 1 0 R"))
}

// headerOf gives each object its offset in the stream's body.
func headerOf(packed []string) string {
	var h strings.Builder
	off := 0
	for i, o := range packed {
		fmt.Fprintf(&h, "%d %d ", i+1, off)
		off += len(o) + 1
	}
	return h.String()
}

func openBytes(t *testing.T, data []byte) *Reader {
	t.Helper()
	r, err := NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Objects come out of a kept object stream as they did when the stream
// was read again for each: every object of the stream, looked up in any
// order and more than once, and the first of two header pairs that name
// the same object.
func TestObjectStreamLookups(t *testing.T) {
	packed := []string{"<< /Type /Catalog /Pages 2 0 R /N 1 >>", "<< /Type /Pages /N 2 >>", "<< /N 3 >>", "<< /N 4 >>"}
	r := openBytes(t, objectStreamFile(headerOf(packed), packed, nil))
	for _, id := range []uint32{4, 1, 3, 2, 4, 1} {
		v := r.resolve(objptr{}, objptr{id: id})
		if got := v.Key("N").Int64(); got != int64(id) {
			t.Errorf("object %d: /N = %d", id, got)
		}
	}
	if n := len(r.objStms.entries); n != 1 {
		t.Errorf("the stream is kept %d times, want once", n)
	}

	// Object 3 named twice: the first pair wins, cached or not.
	at := 0
	for _, o := range packed {
		at += len(o) + 1
	}
	dup := headerOf(packed) + fmt.Sprintf("3 %d ", at) // names the object after them 3
	packed = append(packed, "<< /N 5 >>")
	r = openBytes(t, objectStreamFile(dup, packed, nil))
	for range 2 {
		if got := r.resolve(objptr{}, objptr{id: 3}).Key("N").Int64(); got != 3 {
			t.Errorf("object 3 named twice: /N = %d, want the first pair's 3", got)
		}
	}
}

// A stream larger than the cache takes is read from its start each time,
// and finds its objects the same.
func TestObjectStreamTooLargeToKeep(t *testing.T) {
	packed := []string{"<< /Type /Catalog /N 1 >>", "<< /N 2 /Pad (" + strings.Repeat("x", objStmCacheMax) + ") >>", "<< /N 3 >>"}
	r := openBytes(t, objectStreamFile(headerOf(packed), packed, nil))
	for _, id := range []uint32{3, 1, 3} {
		if got := r.resolve(objptr{}, objptr{id: id}).Key("N").Int64(); got != int64(id) {
			t.Errorf("object %d: /N = %d", id, got)
		}
	}
	if n := len(r.objStms.entries); n != 0 {
		t.Errorf("%d streams kept, want none past %d bytes", n, objStmCacheMax)
	}
	if n := len(r.objStms.large); n != 1 {
		t.Errorf("%d streams remembered as too large, want 1", n)
	}
}

// The cache keeps objStmCacheEntries streams and objStmCacheBytes at
// most, the oldest going first.
func TestObjectStreamCacheBounded(t *testing.T) {
	r := &Reader{}
	for i := range 3 * objStmCacheEntries {
		e := &objStm{ptr: objptr{id: uint32(i + 1)}, data: []byte("1 0 << >>"), err: errObjectStreamTooLarge}
		r.objStms.keep(e)
	}
	if n := len(r.objStms.entries); n != objStmCacheEntries {
		t.Fatalf("%d streams kept, want %d", n, objStmCacheEntries)
	}
	if got := r.objStms.entries[0].ptr.id; got != 2*objStmCacheEntries+1 {
		t.Errorf("oldest kept stream is %d, want %d: the oldest go first", got, 2*objStmCacheEntries+1)
	}

	r = &Reader{}
	big := make([]byte, objStmCacheMax)
	for i := range 6 {
		r.objStms.keep(&objStm{ptr: objptr{id: uint32(i + 1)}, data: big, err: io.EOF})
	}
	if n, want := len(r.objStms.entries), objStmCacheBytes/objStmCacheMax; n != want || r.objStms.size != want*objStmCacheMax {
		t.Errorf("%d streams of %d bytes kept (%d in all), want %d", n, objStmCacheMax, r.objStms.size, want)
	}
}

// A font's ToUnicode map is read once however many pages use the font.
func TestToUnicodeReadOnce(t *testing.T) {
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n1 beginbfrange <41> <5A> <0061> endbfrange\nendcmap end end"
	data := hostileFile([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F9 5 0 R >> >> >>",
		"<< /Type /Font /Subtype /Type1 /ToUnicode 6 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(cmap), cmap),
	}, classicXref("/Root 1 0 R"))
	r := openBytes(t, data)
	var maps []TextEncoding
	for i, name := range []string{"F1", "F9"} {
		f := r.Page(i + 1).Font(name)
		enc := f.Encoder()
		if got := enc.Decode("HELLO"); got != "hello" {
			t.Errorf("page %d: %q decodes as %q", i+1, "HELLO", got)
		}
		maps = append(maps, enc)
	}
	if maps[0] != maps[1] {
		t.Error("the map was read again for the second page")
	}
}

// An error quotes a few bytes of what follows it, not the rest of a kept
// stream.
func TestObjectStreamErrorQuotesLittle(t *testing.T) {
	packed := []string{"<< /Type /Catalog /Bad <4G> /Pad (" + strings.Repeat("x", 100<<10) + ") >>"}
	r := openBytes(t, objectStreamFile(headerOf(packed), packed, nil))
	var msg string
	func() {
		defer func() { msg = fmt.Sprint(recover()) }()
		r.resolve(objptr{}, objptr{id: 1})
	}()
	if !strings.Contains(msg, "malformed hex string") || len(msg) > 200 {
		t.Errorf("error of %d bytes: %.300s", len(msg), msg)
	}
}

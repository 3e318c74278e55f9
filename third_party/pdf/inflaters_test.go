package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
)

// Streams read one after the other, each closed before the next, reuse
// the FlateDecode readers and still decode each to its own bytes; a
// stream closed is not read again; and interpreting a page of many
// streams allocates little more than one reader.
func TestInflatersReused(t *testing.T) {
	var objs []string
	for i := range 20 {
		objs = append(objs, flateStream(t, fmt.Appendf(nil, "BT (stream %d %s) Tj ET ", i, strings.Repeat("x", i*100))))
	}
	refs := ""
	for i := range objs {
		refs += fmt.Sprintf("%d 0 R ", i+4)
	}
	data := pageWithContent("["+refs+"]", objs...)
	r, err := NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	contents := r.Page(1).V.Key("Contents")
	for round := range 2 {
		for i := range contents.Len() {
			rc := contents.Index(i).Reader()
			got, err := io.ReadAll(rc)
			if err != nil {
				t.Fatalf("round %d, stream %d: %v", round, i, err)
			}
			if want := fmt.Sprintf("BT (stream %d %s) Tj ET ", i, strings.Repeat("x", i*100)); string(got) != want {
				t.Fatalf("round %d, stream %d = %.40q, want %.40q", round, i, got, want)
			}
			rc.Close()
			if _, err := rc.Read(make([]byte, 1)); err == nil {
				t.Fatalf("stream %d read after Close", i)
			}
		}
	}
	// One reader is about 43 KB; twenty made afresh were 860 KB. Under
	// the race detector a pool drops a quarter of what it is given, at
	// random, and a collection empties it: the least of a few runs counts.
	least := int64(-1)
	for range 5 {
		var strs []string
		n, err := allocated(func() error {
			Interpret(contents, func(stk *Stack, op string) {
				if op == "Tj" {
					strs = append(strs, stk.Pop().RawString())
				}
				for stk.Len() > 0 {
					stk.Pop()
				}
			})
			return nil
		})
		if err != nil || len(strs) != 20 {
			t.Fatalf("interpreted %d strings, err %v", len(strs), err)
		}
		if least < 0 || int64(n) < least {
			least = int64(n)
		}
	}
	if least > 600<<10 {
		t.Errorf("interpreting 20 streams allocated %d bytes at least", least)
	}
}

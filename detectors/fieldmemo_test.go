package detectors

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// keyedDetector is countingDetector saying that Find reads the item's
// language.
type keyedDetector struct{ countingDetector }

func (keyedDetector) FindKey(item *Item) string { return item.Language }

// scanFields runs dets over item's fields with memo (nil for none).
func scanFields(t *testing.T, dets []TextDetector, item *Item, memo *FieldMemo) []Finding {
	t.Helper()
	s := NewTextScanner(dets, item, ScanOptions{
		Fingerprinter: NewFingerprinter(make([]byte, KeySize)),
		FieldMemo:     memo,
	})
	defer s.Release()
	if err := s.ScanFields(); err != nil {
		t.Error(err) // not Fatal: goroutines call it too
	}
	return s.Findings()
}

var memoFields = []Field{
	{Name: "exif:Artist", Value: "by xxxxxx"},
	{Name: "exif:Make", Value: "Canon"},
	{Name: "exif:Copyright", Value: "xxxxx and xxxxxxx"},
}

// TestFieldMemoReadsAValueOncePerScan: the second file holding the same
// values is not read by the detector, and gets the findings a scan without
// the memo gives it; a file whose key differs is read again.
func TestFieldMemoReadsAValueOncePerScan(t *testing.T) {
	calls := 0
	dets := []TextDetector{keyedDetector{countingDetector{calls: &calls}}}
	memo := NewFieldMemo()
	first := scanFields(t, dets, &Item{Path: "a.jpg", Language: "en", Fields: memoFields}, memo)
	if calls != 3 || len(first) != 3 {
		t.Fatalf("first file: %d reads, %d findings; want 3 and 3", calls, len(first))
	}
	second := &Item{Path: "b/b.jpg", Language: "en", Fields: memoFields}
	got := scanFields(t, dets, second, memo)
	if calls != 3 {
		t.Errorf("second file with the same key: %d reads in all, want the first file's 3", calls)
	}
	without := scanFields(t, dets, second, nil)
	if !reflect.DeepEqual(got, without) {
		t.Errorf("findings with the memo differ from those without:\n%+v\n%+v", got, without)
	}
	if got[0].Path != "b/b.jpg" || got[0].ID == first[0].ID {
		t.Errorf("a recalled finding kept the first file's path or id: %+v", got[0])
	}
	calls = 0
	scanFields(t, dets, &Item{Path: "c.jpg", Language: "de", Fields: memoFields}, memo)
	if calls != 3 {
		t.Errorf("a file with another key: %d reads, want 3", calls)
	}
}

// TestFieldMemoNeedsEveryKey: with one detector that does not say what it
// reads of an item, every file's values are read by all.
func TestFieldMemoNeedsEveryKey(t *testing.T) {
	keyed, plain := 0, 0
	dets := []TextDetector{keyedDetector{countingDetector{calls: &keyed}}, countingDetector{calls: &plain}}
	memo := NewFieldMemo()
	for _, p := range []string{"a.jpg", "b.jpg"} {
		scanFields(t, dets, &Item{Path: p, Fields: memoFields}, memo)
	}
	if keyed != 6 || plain != 6 {
		t.Errorf("reads %d and %d, want 6 and 6", keyed, plain)
	}
}

// TestFieldMemoBounded: a long value is not kept, nor any value past the
// memo's room, and both are read again in the next file.
func TestFieldMemoBounded(t *testing.T) {
	calls := 0
	dets := []TextDetector{keyedDetector{countingDetector{calls: &calls}}}
	memo := NewFieldMemo()
	var fields []Field
	for i := range maxRecalledValues {
		fields = append(fields, Field{Name: "f", Value: fmt.Sprint(i)})
	}
	long := strings.Repeat("y", maxRecalledValue) + " xxxxx"
	extra := []Field{{Name: "long", Value: long}, {Name: "past", Value: "past the room"}}
	scanFields(t, dets, &Item{Path: "a", Fields: append(fields, extra...)}, memo)
	if memo.n != maxRecalledValues {
		t.Fatalf("memo holds %d values, want %d", memo.n, maxRecalledValues)
	}
	calls = 0
	got := scanFields(t, dets, &Item{Path: "b", Fields: append(fields[:10:10], extra...)}, memo)
	if calls != 2 {
		t.Errorf("%d reads, want the long value's and the one past the room", calls)
	}
	if len(got) != 1 || got[0].Location.Field != "long" {
		t.Errorf("findings %+v, want the long value's run", got)
	}
}

// TestFieldMemoConcurrent: scanners of several goroutines share one memo
// (run with -race) and each gets the findings of a scan without it.
func TestFieldMemoConcurrent(t *testing.T) {
	memo := NewFieldMemo()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			calls := 0
			dets := []TextDetector{keyedDetector{countingDetector{calls: &calls}}}
			for i := range 50 {
				item := &Item{Path: fmt.Sprintf("%d/%d.jpg", g, i), Language: []string{"en", "fr"}[i%2], Fields: []Field{
					memoFields[i%3],
					{Name: "exif:ImageUniqueID", Value: fmt.Sprintf("xxxxx %d", i%7)},
				}}
				got := scanFields(t, dets, item, memo)
				if want := scanFields(t, dets, item, nil); !reflect.DeepEqual(got, want) {
					t.Errorf("%s: findings with the memo differ from those without", item.Path)
				}
			}
		})
	}
	wg.Wait()
}

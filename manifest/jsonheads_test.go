package manifest

import (
	"bytes"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

// A valid finding, with %s where the tests put other members.
const headsFinding = `{"id":"f1","path":"a.md",%s"detector":"pii/email","category":"pii","kind":"email","severity":"high","confidence":0.9,"location":{"in":"content","start":1},"status":"open"}`

func findingLine(extra string) string { return strings.Replace(headsFinding, "%s", extra, 1) }

// keepHead copies a head scanLines gives, whose values it reuses.
func keepHead(l *lineHead) lineHead {
	h := *l
	h.vals = nil
	for _, v := range l.vals {
		h.vals = append(h.vals, bytes.Clone(v))
	}
	return h
}

// headsOf is every head scanLines reads of findings.jsonl's data, one
// for each line, blank lines included.
func headsOf(data []byte, heads *lineHeads) (got []lineHead, tooLong bool, err error) {
	tooLong, _, err = scanLines(FindingsJSONL, FindingSchema, bytes.NewReader(data), heads, func(l *lineHead) {
		got = append(got, keepHead(l))
	})
	return got, tooLong, err
}

// sameHeads fails t unless scanLines reads every line of data as
// decodeTop does on its own, and returns how many lines the quick scan
// settled.
func sameHeads(t *testing.T, data []byte) (noted int) {
	t.Helper()
	var decoded atomic.Int64 // lines the workers left to decodeTop
	heads := &lineHeads{keys: findingKeys, decode: func(line []byte) ([]string, error) {
		decoded.Add(1)
		return decodeFindingHead(line)
	}}
	got, _, _ := headsOf(data, heads)
	noted = len(got) - int(decoded.Load())
	for i, text := range bytes.Split(data, []byte("\n")) {
		if i >= len(got) {
			break
		}
		g := got[i]
		line := bytes.TrimSpace(text)
		if len(line) == 0 {
			if g.n != 0 {
				t.Errorf("blank line %d read as %+v", i+1, g)
			}
			noted--
			continue
		}
		want, wantErr := decodeFindingHead(line)
		switch {
		case g.n != i+1:
			t.Errorf("line %d read as line %d", i+1, g.n)
		case (g.err == nil) != (wantErr == nil), g.err != nil && g.err.Error() != wantErr.Error():
			t.Errorf("line %d: err = %v, decodeTop says %v", i+1, g.err, wantErr)
		case !slices.EqualFunc(g.vals, want, func(b []byte, s string) bool { return string(b) == s }):
			t.Errorf("line %d: read %q, decodeTop reads %q", i+1, g.vals, want)
		}
	}
	return noted
}

func TestScanLinesReadsHeadsAsDecodeTop(t *testing.T) {
	tests := []struct {
		name  string
		line  string
		noted bool // the quick scan settles it
	}{
		{"plain", findingLine(""), true},
		{"escaped path", strings.Replace(findingLine(""), `"a.md"`, `"a\"b\u00e9.md"`, 1), true},
		{"utf-8 path", strings.Replace(findingLine(""), `"a.md"`, `"résumé.md"`, 1), true},
		{"spaces around", " \t" + findingLine("") + " ", true},
		{"crlf", findingLine("") + "\r", true},
		{"no status", strings.Replace(findingLine(""), `,"status":"open"`, "", 1), false},
		{"key in other case", findingLine(`"ID":"x",`), false},
		{"number path", strings.Replace(findingLine(""), `"a.md"`, `3`, 1), false},
		{"not json", `{"id":`, false},
		{"not an object", `["id"]`, false},
		{"blank", "  ", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Many copies, so that several workers read them.
			lines := slices.Repeat([]string{tt.line}, 3*linesPerBatch)
			noted := sameHeads(t, []byte(strings.Join(lines, "\n")+"\n"))
			if tt.noted && noted != len(lines) {
				t.Errorf("the quick scan settled %d of %d lines", noted, len(lines))
			}
		})
	}
}

func TestScanLinesStopsHeadsAtOverlongLine(t *testing.T) {
	long := `{"id":"` + strings.Repeat("a", maxJSONLine) + `"}`
	data := findingLine("") + "\n\n" + long + "\n" + findingLine("") + "\n"
	got, tooLong, err := headsOf([]byte(data), findingHeads)
	if !tooLong || err == nil || len(got) != 2 || got[0].n != 1 || got[1].n != 0 {
		t.Fatalf("got %d heads (%+v), tooLong %v, err %v; want the two lines before the long one", len(got), got, tooLong, err)
	}
}

func FuzzScanLinesHeads(f *testing.F) {
	f.Add([]byte(findingLine("") + "\n" + findingLine(`"excerpt":"x\ty",`) + "\n"))
	f.Add([]byte(`{"id":"x","Id":"y"}` + "\n\n" + `{"id":"\u0078","path":"a\"b","status":"open"}`))
	f.Add([]byte("{\"path\":\"a\xffb\"}\r\n[1]\n{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		sameHeads(t, data)
	})
}

package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// The tests here hold the limits of limits.go: each input is a few
// hundred bytes (or a small Flate stream) that made the reader allocate
// hundreds of megabytes, recurse until the Go stack overflowed (a fatal
// error no recover catches), or loop for hours.

// hostileFile writes objs (numbered from 1) and then the cross-reference
// section xref(offsets, xrefOffset) returns, with startxref pointing at it.
func hostileFile(objs []string, xref func(offs []int, at int) string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := make([]int, len(objs)+1)
	for i, o := range objs {
		offs[i+1] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	at := b.Len()
	b.WriteString(xref(offs, at))
	fmt.Fprintf(&b, "\nstartxref\n%d\n%%%%EOF\n", at)
	return b.Bytes()
}

// classicXref is a cross-reference table for objs with the given trailer
// dictionary body.
func classicXref(trailer string) func([]int, int) string {
	return func(offs []int, _ int) string {
		var b strings.Builder
		fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs))
		for _, off := range offs[1:] {
			fmt.Fprintf(&b, "%010d 00000 n \n", off)
		}
		fmt.Fprintf(&b, "trailer\n<< /Size %d %s >>", len(offs), trailer)
		return b.String()
	}
}

// xrefEntry is one entry of an xref stream with /W [1 4 2].
type xrefEntry struct {
	typ      byte
	f2       uint32
	f3       uint16
	useOffOf int // if > 0, f2 is the offset of this object
}

// streamXref is an uncompressed xref stream, object len(objs)+1, holding
// entries for objects 0..len(entries)-1 and itself, with extra keys in its
// dictionary.
func streamXref(entries []xrefEntry, extra string) func([]int, int) string {
	return func(offs []int, at int) string {
		var data []byte
		for _, e := range entries {
			f2 := e.f2
			if e.useOffOf > 0 {
				f2 = uint32(offs[e.useOffOf])
			}
			data = append(data, e.typ, byte(f2>>24), byte(f2>>16), byte(f2>>8), byte(f2), byte(e.f3>>8), byte(e.f3))
		}
		self := uint32(at)
		data = append(data, 1, byte(self>>24), byte(self>>16), byte(self>>8), byte(self), 0, 0)
		n := len(offs)
		return fmt.Sprintf("%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Length %d %s >>\nstream\n%s\nendstream\nendobj", n, n, len(data), extra, data)
	}
}

func deflate(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

// allocated runs fn, recovering a panic into the returned error, and
// returns the bytes it allocated.
func allocated(fn func() error) (bytes uint64, err error) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	func() {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("panic: %v", p)
			}
		}()
		err = fn()
	}()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, err
}

// open opens data and, when that works, runs use on the reader.
func open(data []byte, use func(r *Reader)) func() error {
	return func() error {
		r, err := NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return err
		}
		if use != nil {
			use(r)
		}
		return nil
	}
}

func rootOf(r *Reader) { r.Trailer().Key("Root").Key("Type") }

func TestHostileInputsAreRefusedCheaply(t *testing.T) {
	const budget = 16 << 20 // bytes any of these inputs may cost
	row := deflate(t, []byte{2, 1, 0, 0, 0})
	bomb := deflate(t, append(append([]byte("1 0 ("), bytes.Repeat([]byte("a"), 64<<20)...), ')'))
	tests := []struct {
		name string
		data []byte
		use  func(*Reader)
		want string // in the error
		cost uint64 // bytes it may allocate, if not budget
	}{
		{
			// 4M entries of 32 bytes: 128 MB from a 150-byte file.
			name: "xref stream declares 4M objects",
			data: []byte("%PDF-1.5\n1 0 obj\n<< /Type /XRef /Size 4000000 /W [1 2 1] /Length 0 >>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n"),
			want: "can justify",
		},
		{
			name: "xref table subsection starts at object 4M",
			data: hostileFile([]string{"<< /Type /Catalog >>"}, func(offs []int, _ int) string {
				return fmt.Sprintf("xref\n4000000 1\n%010d 00000 n \ntrailer\n<< /Size 4000001 /Root 4000000 0 R >>", offs[1])
			}),
			want: "can justify",
		},
		{
			name: "xref stream Index starts at object 4M",
			data: hostileFile(nil, streamXref(nil, "/Index [4000000 1]")),
			want: "can justify",
		},
		{
			// One entry 1 GB wide, read into one buffer.
			name: "xref stream field a gigabyte wide",
			data: []byte("%PDF-1.5\n1 0 obj\n<< /Type /XRef /Size 1 /W [0 1073741824 0] /Length 0 >>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n"),
			want: "invalid W array",
		},
		{
			// Two rows of a gigabyte each.
			name: "PNG predictor of a billion columns",
			data: []byte(fmt.Sprintf("%%PDF-1.5\n1 0 obj\n<< /Type /XRef /Size 1 /W [1 2 1] /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 1073741824 >> /Length %d >>\nstream\n%s\nendstream\nendobj\nstartxref\n9\n%%%%EOF\n", len(row), row)),
			want: "predictor",
		},
		{
			name: "xref Prev points at itself",
			data: hostileFile([]string{"<< /Type /Catalog >>"}, func(offs []int, at int) string {
				return classicXref(fmt.Sprintf("/Root 1 0 R /Prev %d", at))(offs, at)
			}),
			want: "loops",
		},
		{
			// Object 1 is in object stream 2 and object 2 in object
			// stream 1: resolving either recursed until the stack overflowed.
			name: "object streams inside each other",
			data: hostileFile([]string{"<< >>", "<< >>"}, streamXref([]xrefEntry{
				{typ: 0, f3: 65535}, {typ: 2, f2: 2}, {typ: 2, f2: 1},
			}, "/Root 1 0 R")),
			use:  rootOf,
			want: "itself in an object stream",
		},
		{
			// Object stream 2's /N is object 1, which is in object stream 2.
			name: "object stream whose N is inside it",
			data: hostileFile([]string{"<< >>", "<< /Type /ObjStm /N 1 0 R /First 4 /Length 8 >>\nstream\n1 0 1234\nendstream"}, streamXref([]xrefEntry{
				{typ: 0, f3: 65535}, {typ: 2, f2: 2}, {typ: 1, useOffOf: 2},
			}, "/Root 1 0 R")),
			use:  rootOf,
			want: "nest deeper",
		},
		{
			// /N of 2^40 with a header of no pairs read io.EOF 2^40 times.
			name: "object stream declares 2^40 objects",
			data: hostileFile([]string{"<< >>", "<< /Type /ObjStm /N 1099511627776 /First 4 /Length 4 >>\nstream\n7 0 \nendstream"}, streamXref([]xrefEntry{
				{typ: 0, f3: 65535}, {typ: 2, f2: 2}, {typ: 1, useOffOf: 2},
			}, "/Root 1 0 R")),
			use:  rootOf,
			want: "cannot find object in stream",
		},
		{
			// 64 KB of Flate holding one 64 MB string.
			name: "object stream inflates to 64 MB",
			data: hostileFile([]string{"<< >>", fmt.Sprintf("<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", len(bomb), bomb)}, streamXref([]xrefEntry{
				{typ: 0, f3: 65535}, {typ: 2, f2: 2}, {typ: 1, useOffOf: 2},
			}, "/Root 1 0 R")),
			use:  rootOf,
			want: "inflates past",
			// The string grows to maxObjectStream by steps of a quarter.
			cost: 6 * maxObjectStream,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, err := allocated(open(tc.data, tc.use))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one saying %q", err, tc.want)
			}
			if tc.cost == 0 {
				tc.cost = budget
			}
			if n > tc.cost {
				t.Errorf("%d bytes of input allocated %d bytes", len(tc.data), n)
			}
		})
	}
}

// A ToUnicode map declaring 4M character mappings and holding none made
// the map reader append 4M empty mappings (256 MB with the slice's growth).
func TestCMapCountWithoutEntries(t *testing.T) {
	cm := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n4194304 beginbfchar endbfchar\n4194304 beginbfrange endbfrange\nendcmap end end"
	data := hostileFile([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> >>",
		"<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /ToUnicode 5 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(cm), cm),
	}, classicXref("/Root 1 0 R"))
	var m *cmap
	n, err := allocated(open(data, func(r *Reader) {
		f := r.Page(1).Font("F1")
		m, _ = f.Encoder().(*cmap)
	}))
	if err != nil {
		t.Fatal(err)
	}
	if m == nil {
		t.Fatal("the ToUnicode map was not read")
	}
	// What else is on the stack may be popped as an entry, as before.
	if len(m.bfchar) > 2 || len(m.bfrange) > 2 {
		t.Errorf("%d bfchar and %d bfrange entries from a map that holds none", len(m.bfchar), len(m.bfrange))
	}
	if n > 16<<20 {
		t.Errorf("%d bytes allocated for an empty map", n)
	}
}

// A page whose /Parent is itself made Resources loop for ever.
func TestInheritedAttributeParentCycle(t *testing.T) {
	data := hostileFile([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 3 0 R >>",
	}, classicXref("/Root 1 0 R"))
	r, err := NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if res := r.Page(1).Resources(); !res.IsNull() {
		t.Errorf("Resources = %v, want null", res)
	}
}

// A page tree node whose kid is itself made Page loop for ever.
func TestPageTreeCycle(t *testing.T) {
	data := hostileFile([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R] /Count 5 >>",
	}, classicXref("/Root 1 0 R"))
	r, err := NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if p := r.Page(1); !p.V.IsNull() {
		t.Errorf("Page(1) = %v, want null", p.V)
	}
}

// upstreamDifferencesDecode is upstream's dictEncoder.Decode, which walked
// the whole /Differences array for each byte.
func upstreamDifferencesDecode(v Value, raw string) string {
	r := make([]rune, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		ch := rune(raw[i])
		n := -1
		for j := 0; j < v.Len(); j++ {
			x := v.Index(j)
			if x.Kind() == Integer {
				n = int(x.Int64())
				continue
			}
			if x.Kind() == Name {
				if int(raw[i]) == n {
					if r := nameToRune()[x.Name()]; r != 0 {
						ch = r
						break
					}
				}
				n++
			}
		}
		r = append(r, ch)
	}
	return string(r)
}

// A font's /Differences array of 100,000 unknown glyph names made each
// byte of text walk all of it: a 100 KB string took 10^10 steps.
func TestDifferencesDecodeOnce(t *testing.T) {
	long := array{int64(0)}
	for range 100000 {
		long = append(long, name("qq"))
	}
	e := &dictEncoder{v: testValue(long)}
	raw := strings.Repeat("z", 100000)
	if got := e.Decode(raw); got != raw {
		t.Errorf("Decode through unknown names changed the text")
	}
	// The table answers as upstream's walk did.
	for _, diffs := range []array{
		{int64(65), name("Alpha"), name("Beta")},
		{int64(65), name("qq"), int64(65), name("Gamma")},
		{int64(65), name("Alpha"), int64(65), name("Gamma")},
		{int64(-3), name("a"), name("b"), name("c"), name("d"), int64(300), name("e")},
		{name("a"), int64(255), name("b"), name("c")},
		{int64(66), int64(65), name("eacute"), float64(3), name("agrave")},
	} {
		raw := "\x00ABCDE\xff\x01"
		e := &dictEncoder{v: testValue(diffs)}
		if got, want := e.Decode(raw), upstreamDifferencesDecode(testValue(diffs), raw); got != want {
			t.Errorf("Decode with %v = %q, upstream %q", diffs, got, want)
		}
	}
}

// upstreamCMapDecode is upstream's cmap.Decode, which walked every entry
// of the map for each code.
func upstreamCMapDecode(m *cmap, raw string) string {
	var r []rune
Parse:
	for len(raw) > 0 {
		for n := 1; n <= 4 && n <= len(raw); n++ {
			for _, space := range m.space[n-1] {
				if space.low <= raw[:n] && raw[:n] <= space.high {
					text := raw[:n]
					raw = raw[n:]
					for _, bfchar := range m.bfchar {
						if len(bfchar.orig) == n && bfchar.orig == text {
							r = append(r, []rune(utf16Decode(bfchar.repl))...)
							continue Parse
						}
					}
					for _, bfrange := range m.bfrange {
						if len(bfrange.lo) == n && bfrange.lo <= text && text <= bfrange.hi {
							if bfrange.dst.Kind() == String {
								s := bfrange.dst.RawString()
								if bfrange.lo != text {
									b := []byte(s)
									b[len(b)-1] += text[len(text)-1] - bfrange.lo[len(bfrange.lo)-1]
									s = string(b)
								}
								r = append(r, []rune(utf16Decode(s))...)
								continue Parse
							}
							r = append(r, noRune)
							continue Parse
						}
					}
					r = append(r, noRune)
					continue Parse
				}
			}
		}
		r = append(r, noRune)
		raw = raw[1:]
	}
	return string(r)
}

// A ToUnicode map of 500,000 entries made each code of the text walk all
// of them: 50,000 codes took 2.5*10^10 steps.
func TestCMapDecodeIndexed(t *testing.T) {
	m := &cmap{space: [4][]byteRange{1: {{"\x00\x00", "\xff\xff"}}}}
	for i := range 500000 {
		code := 0x8000 + i%0x7000
		m.bfchar = append(m.bfchar, bfchar{string([]byte{byte(code >> 8), byte(code)}), "\x00A"})
	}
	if got := m.Decode(strings.Repeat("\x00\x01", 50000)); got != strings.Repeat(string(noRune), 50000) {
		t.Errorf("Decode of unmapped codes = %.20q...", got)
	}
	// The index answers as upstream's walk did, overlapping or not.
	for i, tc := range []struct {
		chars  []bfchar
		ranges []bfrange
	}{
		{chars: []bfchar{{"\x01", "\x00A"}, {"\x01", "\x00B"}, {"\x00\x02", "\x00C"}}},
		{ranges: []bfrange{{"\x00\x10", "\x00\x20", testValue("\x00a")}, {"\x00\x30", "\x00\x40", testValue("\x00b")}}},
		{ranges: []bfrange{{"\x00\x10", "\x00\x40", testValue("\x00a")}, {"\x00\x18", "\x00\x20", testValue("\x00b")}}},
		{ranges: []bfrange{{"\x00\x18", "\x00\x20", testValue("\x00b")}, {"\x00\x10", "\x00\x40", testValue("\x00a")}}},
		{ranges: []bfrange{{"\x00\x20", "\x00\x10", testValue("\x00b")}, {"\x00\x10", "\x00\x12", testValue(int64(1))}}},
		{chars: []bfchar{{"\x00\x11", "\x00Z"}}, ranges: []bfrange{{"\x00\x10", "\x00\x40", testValue("\x00a")}, {"\x05", "\x07", testValue("\x00q")}}},
	} {
		m := &cmap{space: [4][]byteRange{{{"\x05", "\x07"}}, {{"\x00\x00", "\x00\xff"}}}, bfchar: tc.chars, bfrange: tc.ranges}
		raw := "\x00\x01\x00\x02\x00\x10\x00\x11\x00\x19\x00\x20\x00\x21\x00\x35\x00\x40\x00\x41\x06\x01"
		if got, want := m.Decode(raw), upstreamCMapDecode(&cmap{space: m.space, bfchar: tc.chars, bfrange: tc.ranges}, raw); got != want {
			t.Errorf("map %d: Decode = %q, upstream %q", i, got, want)
		}
	}
}

// Files of ordinary size keep the room they need: the limit grows with
// the file, up to maxXrefEntries.
func TestXrefLimitGrowsWithFile(t *testing.T) {
	for _, tc := range []struct {
		size int64
		want int
	}{
		{100, minXrefEntries},
		{4 << 20, 1 << 20},
		{1 << 40, maxXrefEntries},
	} {
		if got := maxXref(tc.size); got != tc.want {
			t.Errorf("maxXref(%d) = %d, want %d", tc.size, got, tc.want)
		}
	}
	if err := checkXrefSubsection(0, minXrefEntries, 100); err != nil {
		t.Errorf("a full table of a small file: %v", err)
	}
	if err := checkXrefSubsection(1, minXrefEntries, 100); err == nil {
		t.Error("one past the table of a small file accepted")
	}
	if err := checkXrefSubsection(10, 1<<62, 1<<40); err == nil {
		t.Error("an overflowing count accepted")
	}
}

// pageWithContent is a one-page file whose page's /Contents is contents,
// with the objects after the page numbered from 4.
func pageWithContent(contents string, objs ...string) []byte {
	return hostileFile(append([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents " + contents + " >>",
	}, objs...), classicXref("/Root 1 0 R"))
}

func flateStream(t *testing.T, data []byte) string {
	z := deflate(t, data)
	return fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", len(z), z)
}

// A content stream of 32 KB of Flate held 15M numbers, in one array or
// none: the interpreter kept each as a 32-byte value on its stack, or
// in the array, a gigabyte in all.
func TestInterpretBoundsOperands(t *testing.T) {
	zeros := bytes.Repeat([]byte("0 "), 15<<20)
	for _, tc := range []struct {
		name    string
		content []byte
	}{
		{"numbers without an operator", zeros},
		{"one array of numbers", append(append([]byte("["), zeros...), "] TJ"...)},
		{"arrays of arrays", bytes.Repeat([]byte("[[0 0 0 0] [0 0 0 0]] "), 1<<20)},
		{"the same names redefined", append([]byte("<< >> begin "), bytes.Repeat([]byte("/k 0 def /l 1 def "), 1<<19)...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := pageWithContent("4 0 R", flateStream(t, tc.content))
			n, err := allocated(open(data, func(r *Reader) {
				Interpret(r.Page(1).V.Key("Contents"), func(stk *Stack, op string) {
					for stk.Len() > 0 {
						stk.Pop()
					}
				})
			}))
			if tc.name == "the same names redefined" {
				// Redefining the same two names holds two values.
				if err != nil {
					t.Errorf("err = %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "values") {
				t.Errorf("err = %v, want one about values", err)
			}
			if n > 64<<20 {
				t.Errorf("%d bytes of pdf allocated %d bytes", len(data), n)
			}
		})
	}
}

// A page whose /Contents lists a stream 5,000 times: the interpreter
// opened all 5,000 Flate readers, 40 KB each, before reading a byte.
func TestInterpretOpensContentStreamsInTurn(t *testing.T) {
	data := pageWithContent("["+strings.Repeat("4 0 R ", 5000)+"]", flateStream(t, []byte("BT (a) Tj ET ")))
	r, err := NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	contents := r.Page(1).V.Key("Contents")
	var peak uint64
	ops := 0
	runtime.GC()
	Interpret(contents, func(stk *Stack, op string) {
		if ops++; ops == 1 {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = m.HeapAlloc
		}
		for stk.Len() > 0 {
			stk.Pop()
		}
	})
	if ops != 3*5000 {
		t.Errorf("%d operators, want %d", ops, 3*5000)
	}
	if peak > 32<<20 {
		t.Errorf("%d bytes in use at the first operator", peak)
	}
}

package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"testing"
	"time"
	"unicode/utf16"
)

var le = binary.LittleEndian

// oleProp is one property of a property set: its id and typed value.
type oleProp struct {
	id  uint32
	val []byte // the type, padding and value
}

// lpstr is a VT_LPSTR property value.
func lpstr(s string) []byte {
	b := le.AppendUint32([]byte{0x1E, 0, 0, 0}, uint32(len(s)+1))
	b = append(append(b, s...), 0)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

// filetime is a VT_FILETIME property value.
func filetime(t time.Time) []byte {
	ft := uint64(t.Unix()+11644473600) * 10000000
	return le.AppendUint64([]byte{0x40, 0, 0, 0}, ft)
}

// propertySetStream is an MS-OLEPS stream of one property set, format
// fmtid, with a code page of 1252, padded to 4096 bytes so that the
// compound file keeps it in ordinary sectors.
func propertySetStream(fmtid []byte, props ...oleProp) []byte {
	props = append([]oleProp{{1, []byte{2, 0, 0, 0, 0xE4, 0x04, 0, 0}}}, props...)
	var body []byte
	offs := make([]uint32, len(props))
	head := 8 + 8*len(props)
	for i, p := range props {
		offs[i] = uint32(head + len(body))
		body = append(body, p.val...)
	}
	set := le.AppendUint32(nil, uint32(head+len(body)))
	set = le.AppendUint32(set, uint32(len(props)))
	for i, p := range props {
		set = le.AppendUint32(le.AppendUint32(set, p.id), offs[i])
	}
	set = append(set, body...)
	s := []byte{0xFE, 0xFF, 0, 0, 2, 1, 0, 0}
	s = append(s, make([]byte, 16)...)
	s = le.AppendUint32(s, 1)
	s = append(s, fmtid...)
	s = le.AppendUint32(s, 48)
	s = append(s, set...)
	return append(s, make([]byte, 4096-len(s))...)
}

var (
	fmtidSummary    = []byte{0xE0, 0x85, 0x9F, 0xF2, 0xF9, 0x4F, 0x68, 0x10, 0xAB, 0x91, 0x08, 0x00, 0x2B, 0x27, 0xB3, 0xD9}
	fmtidDocSummary = []byte{0x02, 0xD5, 0xCD, 0xD5, 0x9C, 0x2E, 0x1B, 0x10, 0x93, 0x97, 0x08, 0x00, 0x2B, 0x2C, 0xF9, 0xAE}
)

// compoundFile builds an OLE compound file (512-byte sectors, version 3)
// of streams of 4096 bytes each, named as given: sector 0 holds the FAT,
// sector 1 the directory, the streams follow.
func compoundFile(names []string, streams [][]byte) []byte {
	const sector, endOfChain, fatSect, free = 512, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
	hdr := append([]byte{}, oleSignature...)
	hdr = append(hdr, make([]byte, 16)...)                   // CLSID
	hdr = append(hdr, 0x3E, 0, 3, 0, 0xFE, 0xFF, 9, 0, 6, 0) // minor, major version, byte order, sector shift, mini shift
	hdr = append(hdr, make([]byte, 6)...)
	hdr = le.AppendUint32(hdr, 0)          // directory sectors (0 in version 3)
	hdr = le.AppendUint32(hdr, 1)          // FAT sectors
	hdr = le.AppendUint32(hdr, 1)          // first directory sector
	hdr = le.AppendUint32(hdr, 0)          // transaction
	hdr = le.AppendUint32(hdr, 4096)       // mini stream cutoff
	hdr = le.AppendUint32(hdr, endOfChain) // first mini FAT sector
	hdr = le.AppendUint32(hdr, 0)          // mini FAT sectors
	hdr = le.AppendUint32(hdr, endOfChain) // first DIFAT sector
	hdr = le.AppendUint32(hdr, 0)          // DIFAT sectors
	hdr = le.AppendUint32(hdr, 0)          // DIFAT[0]: the FAT is sector 0
	for len(hdr) < sector {
		hdr = le.AppendUint32(hdr, free)
	}
	fat := le.AppendUint32(nil, fatSect)
	fat = le.AppendUint32(fat, endOfChain) // the directory
	next := uint32(2)
	starts := make([]uint32, len(streams))
	for i, s := range streams {
		starts[i] = next
		n := uint32(len(s) / sector)
		for k := uint32(0); k < n; k++ {
			if k == n-1 {
				fat = le.AppendUint32(fat, endOfChain)
			} else {
				fat = le.AppendUint32(fat, next+k+1)
			}
		}
		next += n
	}
	for len(fat) < sector {
		fat = le.AppendUint32(fat, free)
	}
	entry := func(name string, typ byte, left, right, child, start uint32, size uint64) []byte {
		u := utf16.Encode([]rune(name))
		e := make([]byte, 128)
		for i, c := range u {
			le.PutUint16(e[2*i:], c)
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66], e[67] = typ, 1 // black
		le.PutUint32(e[68:], left)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint64(e[120:], size)
		return e
	}
	const none = 0xFFFFFFFF
	dir := entry("Root Entry", 5, none, none, 1, endOfChain, 0)
	for i, name := range names {
		right := uint32(none)
		if i+1 < len(names) {
			right = uint32(i + 2)
		}
		dir = append(dir, entry(name, 2, none, right, none, starts[i], uint64(len(streams[i])))...)
	}
	for len(dir) < sector {
		dir = append(dir, entry("", 0, none, none, none, 0, 0)...)
	}
	return bytes.Join([][]byte{hdr, fat, dir, bytes.Join(streams, nil)}, nil)
}

// wordDoc is a Word document's compound file with its two property sets.
func wordDoc() []byte {
	created := time.Date(2003, 4, 5, 6, 7, 8, 0, time.UTC)
	summary := propertySetStream(fmtidSummary,
		oleProp{2, lpstr("Chapter One")}, oleProp{4, lpstr("Ann Writer")}, oleProp{8, lpstr("Bob Editor")},
		oleProp{0x12, lpstr("Microsoft Word 10.0")}, oleProp{0x0C, filetime(created)})
	docSummary := propertySetStream(fmtidDocSummary, oleProp{0x0F, lpstr("Small Press Ltd")}, oleProp{0x0E, lpstr("Carol Boss")})
	return compoundFile([]string{"\x05SummaryInformation", "\x05DocumentSummaryInformation"}, [][]byte{summary, docSummary})
}

func TestOLEProperties(t *testing.T) {
	src := bytesSource("novel.doc", wordDoc())
	var res Result
	Run(context.Background(), Default(), src, &res)
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	for field, want := range map[string]string{
		"doc:dc:creator": "Ann Writer", "doc:cp:lastModifiedBy": "Bob Editor", "doc:dc:title": "Chapter One",
		"doc:app:Company": "Small Press Ltd", "doc:app:Manager": "Carol Boss", "doc:app:Application": "Microsoft Word 10.0",
		"doc:dcterms:created": "2003-04-05T06:07:08Z",
	} {
		if got, _ := res.Field(field); got != want {
			t.Errorf("%s = %q, want %q (media type %s)", field, got, want, src.MediaType)
		}
	}
	if res.Tags["author"] != "Ann Writer" || res.Tags["last_modified_by"] != "Bob Editor" {
		t.Errorf("tags %v", res.Tags)
	}
	if d, ok := res.ContentDate(); !ok || d.String() != "2003-04-05T06:07:08Z" {
		t.Errorf("content date %v", d)
	}
}

func TestOLEDamaged(t *testing.T) {
	doc := wordDoc()
	bad := bytes.Clone(doc)
	copy(bad[512*3+44:], []byte{0xFF, 0xFF, 0xFF, 0x7F}) // the property set's offset, past the stream
	var res Result
	Run(context.Background(), []Extractor{NewOLE()}, bytesSource("bad.doc", bad), &res)
	if len(res.Errors) == 0 || bytes.Contains([]byte(res.Errors[0].Error()), []byte("panic")) {
		t.Errorf("a property set pointing past its stream: errors %v", res.Errors)
	}
	res = Result{}
	Run(context.Background(), []Extractor{NewOLE()}, bytesSource("cut.doc", doc[:600]), &res)
	if len(res.Errors) == 0 {
		t.Error("a compound file cut short: no error")
	}
}

func TestOLECorpus(t *testing.T) {
	_, res := corpusSample(t, "FlashPix.ppt")
	// exiftool: Author "author", LastModifiedBy "user name", Company "company", CreateDate 2007:02:09 16:23:23.
	for field, want := range map[string]string{"ppt:dc:creator": "author", "ppt:cp:lastModifiedBy": "user name", "ppt:app:Company": "company"} {
		if got, _ := res.Field(field); got != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
	if d, ok := res.ContentDate(); !ok || d.String() != "2007-02-09T16:23:23Z" || len(res.Errors) > 0 {
		t.Errorf("date %v, errors %v", d, res.Errors)
	}
}

// FuzzOLE feeds compound files to the property set reader: a panic in
// the libraries is recovered by Run, and is a failure here.
func FuzzOLE(f *testing.F) {
	f.Add(wordDoc())
	f.Fuzz(func(t *testing.T, data []byte) {
		src := bytesSource("f.doc", data)
		src.Head = append(append([]byte{}, oleSignature...), data[min(len(data), 8):min(len(data), HeadSize)]...)
		var res Result
		n := allocDuring(func() { Run(context.Background(), []Extractor{NewOLE()}, src, &res) })
		for _, err := range res.Errors {
			if bytes.Contains([]byte(err.Error()), []byte("parser panic")) {
				t.Fatal(err)
			}
		}
		if n > 64<<20 {
			t.Errorf("allocated %d bytes for a %d byte file", n, len(data))
		}
		checkValues(t, &res)
	})
}

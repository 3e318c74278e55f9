package extract

import (
	"context"
	"encoding/binary"
	"testing"

	"github.com/consignhq/consign/pipeline/extract/filetest"
)

func TestAIFFAndWAVTags(t *testing.T) {
	id3 := filetest.ID3v2(3, 0, filetest.ID3Frame(3, "TIT2", "\x00Night Drive"), filetest.ID3Frame(3, "TPE1", "\x00The Other Band"))
	be, le := binary.BigEndian, binary.LittleEndian
	comm := filetest.IFFChunk(be, "COMM", make([]byte, 18))
	for _, tt := range []struct {
		name string
		data []byte
		want map[string]string // fields
	}{
		{"song.aif", filetest.IFF(be, "FORM", "AIFF", comm, filetest.IFFChunk(be, "NAME", []byte("Night Drive take 2")),
			filetest.IFFChunk(be, "AUTH", []byte("Ann Lee\x00")), filetest.IFFChunk(be, "(c) ", []byte("(c) 2019 Ann Lee")),
			filetest.IFFChunk(be, "ID3 ", id3), filetest.IFFChunk(be, "SSND", make([]byte, 40))),
			map[string]string{"aiff:Name": "Night Drive take 2", "aiff:Author": "Ann Lee", "aiff:Copyright": "(c) 2019 Ann Lee", "id3:TPE1": "The Other Band"}},
		{"song.wav", filetest.IFF(le, "RIFF", "WAVE", filetest.IFFChunk(le, "fmt ", make([]byte, 16)), filetest.IFFChunk(le, "data", make([]byte, 40)),
			filetest.IFFChunk(le, "id3 ", id3)),
			map[string]string{"id3:TIT2": "Night Drive", "id3:TPE1": "The Other Band"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var res Result
			Run(context.Background(), Default(), bytesSource(tt.name, tt.data), &res)
			if len(res.Errors) > 0 {
				t.Fatalf("errors %v", res.Errors)
			}
			for k, want := range tt.want {
				if got, _ := res.Field(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			// The ID3 tag's artist wins the tag; AUTH names whoever made
			// the recording and stays a field.
			if res.Tags["artist"] != "The Other Band" || res.Tags["title"] != "Night Drive" {
				t.Errorf("tags %v", res.Tags)
			}
		})
	}
	// An ID3 chunk whose tag claims more than the chunk holds.
	bad := filetest.ID3v2(3, 0, filetest.ID3Frame(3, "TIT2", "\x00x"))
	bad[9] = 0x7F
	var res Result
	Run(context.Background(), []Extractor{NewAudio()}, bytesSource("bad.aif", filetest.IFF(be, "FORM", "AIFF", comm, filetest.IFFChunk(be, "ID3 ", bad))), &res)
	if len(res.Errors) == 0 {
		t.Error("an ID3 tag longer than its chunk: no error")
	}
}

func FuzzAIFF(f *testing.F) {
	be := binary.BigEndian
	f.Add(filetest.IFF(be, "FORM", "AIFF", filetest.IFFChunk(be, "NAME", []byte("x")), filetest.IFFChunk(be, "ID3 ", filetest.ID3v2(3, 0, filetest.ID3Frame(3, "TIT2", "\x00t")))))
	f.Fuzz(func(t *testing.T, data []byte) {
		src := bytesSource("f.aif", data)
		var res Result
		n := allocDuring(func() { Run(context.Background(), []Extractor{NewAIFF(), NewAudio()}, src, &res) })
		if n > 64<<20 {
			t.Errorf("allocated %d bytes for a %d byte file", n, len(data))
		}
		checkValues(t, &res)
	})
}

// TestAVIRecordingTime reads an AVI's IDIT chunk in the layouts cameras
// write.
func TestAVIRecordingTime(t *testing.T) {
	le := binary.LittleEndian
	for idit, want := range map[string]string{
		"Mon Mar 10 15:04:43 2003\n\x00": "2003-03-10T15:04:43",
		"Tue Mar  4 09:05:06 2003\n\x00": "2003-03-04T09:05:06",
		"2009/10/27 12:14:34\x00":        "2009-10-27T12:14:34",
		"yesterday at noon\x00":          "",
	} {
		hdrl := append([]byte("hdrl"), filetest.IFFChunk(le, "avih", make([]byte, 56))...)
		hdrl = append(hdrl, filetest.IFFChunk(le, "IDIT", []byte(idit))...)
		avi := filetest.IFF(le, "RIFF", "AVI ", filetest.IFFChunk(le, "LIST", hdrl))
		var res Result
		Run(context.Background(), []Extractor{NewRIFF()}, bytesSource("clip.avi", avi), &res)
		if got, _ := res.Field("riff:IDIT"); got != want || len(res.Errors) > 0 {
			t.Errorf("IDIT %q: %q, want %q (errors %v)", idit, got, want, res.Errors)
		}
	}
}

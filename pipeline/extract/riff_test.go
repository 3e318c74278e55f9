package extract

import (
	"encoding/binary"
	"strings"
	"testing"
)

// chunk builds a RIFF chunk, padded to even length.
func chunk(id string, body []byte) []byte {
	b := binary.LittleEndian.AppendUint32([]byte(id), uint32(len(body)))
	b = append(b, body...)
	if len(body)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

func riffFile(form string, chunks ...[]byte) []byte {
	body := []byte(form)
	for _, c := range chunks {
		body = append(body, c...)
	}
	return chunk("RIFF", body)
}

func wavFmt(rate, byteRate uint32) []byte {
	b := []byte{1, 0, 1, 0}
	b = binary.LittleEndian.AppendUint32(b, rate)
	b = binary.LittleEndian.AppendUint32(b, byteRate)
	return append(b, 2, 0, 16, 0)
}

func info(kv ...string) []byte {
	body := []byte("INFO")
	for i := 0; i+1 < len(kv); i += 2 {
		body = append(body, chunk(kv[i], append([]byte(kv[i+1]), 0))...)
	}
	return chunk("LIST", body)
}

func TestRIFF(t *testing.T) {
	avih := make([]byte, 56)
	binary.LittleEndian.PutUint32(avih[0:], 40000) // 25 frames a second
	binary.LittleEndian.PutUint32(avih[16:], 75)
	binary.LittleEndian.PutUint32(avih[32:], 640)
	binary.LittleEndian.PutUint32(avih[36:], 480)
	truncated := riffFile("WAVE", chunk("fmt ", wavFmt(8000, 16000)), chunk("data", make([]byte, 8000)))
	binary.LittleEndian.PutUint32(truncated[len(truncated)-8000-4:], 0xFFFFFFFF) // a recorder that never finished
	tests := []struct {
		name    string
		in      []byte
		tags    map[string]string
		fields  map[string]string
		date    string
		wantErr string
	}{
		{name: "wav with info", in: riffFile("WAVE", chunk("fmt ", wavFmt(8000, 16000)), info("INAM", "Song", "IART", "Ana", "ICOP", "(c) Ana", "ICRD", "2021-05-04", "ICMT", "odd"), chunk("data", make([]byte, 32000))),
			tags:   map[string]string{"title": "Song", "artist": "Ana", "copyright": "(c) Ana", "comment": "odd", "duration": "2.000", "year": "2021"},
			fields: map[string]string{"riff:ICRD": "2021-05-04"}, date: "2021-05-04"},
		{name: "latin-1 value", in: riffFile("WAVE", info("IART", "Jos\xe9")),
			tags: map[string]string{"artist": "José"}},
		{name: "data length past the end", in: truncated, tags: map[string]string{"duration": "0.500"}},
		{name: "avi header", in: riffFile("AVI ", chunk("LIST", append([]byte("hdrl"), chunk("avih", avih)...)), info("ISFT", "cam 1.0")),
			tags: map[string]string{"duration": "3.000", "width": "640", "height": "480", "software": "cam 1.0"}},
		{name: "oversized info value", in: riffFile("WAVE", info("INAM", strings.Repeat("x", maxRIFFInfo+1))), wantErr: "over the"},
		{name: "chunk flood", in: riffFile("WAVE", []byte(strings.Repeat("JUNK\x00\x00\x00\x00", maxRIFFChunks+1))), wantErr: "more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runMP4(t, "a.wav", tt.in)
			var msgs []string
			for _, e := range res.Errors {
				msgs = append(msgs, e.Error())
			}
			if all := strings.Join(msgs, "; "); tt.wantErr == "" && all != "" || !strings.Contains(all, tt.wantErr) {
				t.Errorf("errors %q, want %q", all, tt.wantErr)
			}
			for k, v := range tt.tags {
				if got := res.Tags[k]; got != v {
					t.Errorf("tag %s = %q, want %q", k, got, v)
				}
			}
			for k, v := range tt.fields {
				if got, _ := res.Field(k); got != v {
					t.Errorf("field %s = %q, want %q", k, got, v)
				}
			}
			if tt.date != "" {
				if d, ok := res.ContentDate(); !ok || d.String() != tt.date || d.Source != "riff:ICRD" {
					t.Errorf("content date %v from %q, want %s", d, d.Source, tt.date)
				}
			}
		})
	}
}

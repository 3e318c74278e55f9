package extract

import (
	"strings"
	"testing"
)

func TestSubtitles(t *testing.T) {
	tests := []struct {
		name       string
		path, mt   string
		data       string
		wantTags   map[string]string
		wantFields map[string]string
	}{
		{
			name: "srt", path: "a.srt", mt: "application/x-subrip",
			data: "1\r\n00:00:01,000 --> 00:00:02,500\r\nHello\r\n\r\n2\r\n00:00:03,000 --> 00:01:04,250\r\nWorld\r\n\r\n" +
				"3\r\n00:00:05,000 --> 00:00:06,000\r\nAgain\r\n",
			wantTags:   map[string]string{"duration": "64.250"},
			wantFields: map[string]string{"subtitles:cues": "3"},
		},
		{
			name: "vtt with header", path: "a.vtt", mt: "text/vtt",
			data: "\xef\xbb\xbfWEBVTT\nKind: captions\nLanguage: fr-CA\n\nNOTE made by hand\n\n" +
				"intro\n00:01.000 --> 00:04.000 align:start\nBonjour\n\n01:00:00.500 --> 01:00:02.000\nFin\n",
			wantTags:   map[string]string{"duration": "3602.000", "language_tag": "fr-CA"},
			wantFields: map[string]string{"subtitles:cues": "2", "vtt:Kind": "captions", "vtt:Language": "fr-CA"},
		},
		{
			name: "bad timings", path: "b.srt", mt: "application/x-subrip",
			data:       "1\n00:00:99,000 --> 00:00:02,000\nx\n\n2\nnot --> a time\n\n3\n00:00:05,000 --> 00:00:04,000\n",
			wantFields: map[string]string{"subtitles:cues": "0"},
		},
		{
			name: "long line", path: "l.vtt", mt: "text/vtt",
			data:       "WEBVTT\n\n00:00.000 --> 00:01.000\n" + strings.Repeat("x", 3*maxSubtitleLine) + "\n\n00:02.000 --> 00:03.000\ny\n",
			wantTags:   map[string]string{"duration": "3.000"},
			wantFields: map[string]string{"subtitles:cues": "2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runExtractor(t, NewSubtitles(), tt.path, tt.mt, []byte(tt.data))
			if len(res.Errors) > 0 {
				t.Fatalf("errors: %v", res.Errors)
			}
			checkTags(t, res, tt.wantTags)
			checkFields(t, res, tt.wantFields)
		})
	}
}

func TestParseCueTime(t *testing.T) {
	for in, want := range map[string]float64{
		"00:00:01,500": 1.5, "01:02.250": 62.25, "1:00:00.000": 3600, "00:00:00,000": 0,
	} {
		t.Run(in, func(t *testing.T) {
			got, ok := parseCueTime(in)
			if !ok || got != want {
				t.Fatalf("parseCueTime(%q) = %v, %v; want %v", in, got, ok, want)
			}
		})
	}
	for _, in := range []string{"", "12", "00:60.000", "-1:00.000", "1e3:00.0", "00:0x1.0", "aa:bb"} {
		t.Run("reject "+in, func(t *testing.T) {
			if v, ok := parseCueTime(in); ok {
				t.Fatalf("parseCueTime(%q) = %v, want rejection", in, v)
			}
		})
	}
}

func FuzzSubtitles(f *testing.F) {
	f.Add([]byte("1\n00:00:01,000 --> 00:00:02,000\nHi\n"), false)
	f.Add([]byte("WEBVTT\nLanguage: en\n\n00:01.000 --> 00:02.000\nHi\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, vtt bool) {
		mt := "application/x-subrip"
		if vtt {
			mt = "text/vtt"
		}
		res := runExtractor(t, NewSubtitles(), "f.srt", mt, data)
		if len(res.Fields) > maxSubtitleHeaders+1 {
			t.Fatalf("%d fields", len(res.Fields))
		}
	})
}

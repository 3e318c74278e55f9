package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// The expected values below were read from the samples with exiftool
// (-a -G1): ID3v2_3/ID3v2_4/ID3v1, Vorbis, ItemList, UserData and RIFF
// groups, and the QuickTime movie header.
var sampleCommon = map[string]string{
	"title": "Lake Theme", "artist": "Jane Creator", "album": "Summer Sessions",
	"comment": "contains sample from Artist X (licensed)", "copyright": "(c) 2023 Jane Creator",
	"genre": "Ambient", "year": "2023",
}

func TestMediaSamples(t *testing.T) {
	tests := []struct {
		file       string
		tags       map[string]string // on top of sampleCommon unless v1
		v1         bool
		absent     []string
		fields     map[string]string
		date, from string // the content date and its source
	}{
		{file: "tone.mp3", tags: map[string]string{"album_artist": "Jane Creator", "composer": "J. Creator", "track": "3/10", "picture": "true", "lyrics": "true"},
			fields: map[string]string{"id3:TCOP": "(c) 2023 Jane Creator", "id3:TPE1": "Jane Creator", "id3:APIC": "image/jpeg 300x300 4805 bytes", "id3:TXXX:comment": "contains sample from Artist X (licensed)"},
			date:   "2023-01-01", from: "id3:TYER"},
		{file: "tone_id3v24.mp3", tags: map[string]string{"album_artist": "Jane Creator", "composer": "J. Creator", "track": "3/10", "picture": "true", "lyrics": "true"},
			fields: map[string]string{"id3:TDRC": "2023", "id3:TCOP": "(c) 2023 Jane Creator"},
			date:   "2023-01-01", from: "id3:TDRC"},
		{file: "tone_lame.mp3", tags: map[string]string{"track": "3/10", "picture": "true"}, absent: []string{"lyrics", "album_artist", "duration"},
			fields: map[string]string{"id3:COMM": "contains sample from Artist X (licensed)", "id3:TLEN": "3000"},
			date:   "2023-01-01", from: "id3:TYER"},
		{file: "tone_id3v1.mp3", v1: true, tags: map[string]string{"title": "V1 Title", "artist": "V1 Artist", "comment": "v1 comment"},
			absent: []string{"year", "album", "copyright", "track"},
			fields: map[string]string{"id3v1:title": "V1 Title"}},
		{file: "tone.flac", tags: map[string]string{"album_artist": "Jane Creator", "composer": "J. Creator", "track": "3/10", "picture": "true", "lyrics": "true", "duration": "5.000"},
			fields: map[string]string{"vorbis:COPYRIGHT": "(c) 2023 Jane Creator", "vorbis:LYRICS": "present"},
			date:   "2023-01-01", from: "vorbis:DATE"},
		{file: "tone.ogg", tags: map[string]string{"album_artist": "Jane Creator", "composer": "J. Creator", "track": "3/10", "lyrics": "true"}, absent: []string{"picture"},
			fields: map[string]string{"vorbis:ARTIST": "Jane Creator"},
			date:   "2023-01-01", from: "vorbis:DATE"},
		{file: "tone.m4a", tags: map[string]string{"album_artist": "Jane Creator", "composer": "J. Creator", "track": "3/10", "picture": "true", "lyrics": "true", "duration": "5.000"},
			fields: map[string]string{"mp4:cprt": "(c) 2023 Jane Creator", "mp4:©ART": "Jane Creator", "mp4:covr": "image/jpeg 300x300 4805 bytes", "mp4:ftyp": "M4A"},
			date:   "2023-01-01", from: "mp4:©day"},
		{file: "tone.wav", tags: map[string]string{"duration": "5.000", "software": "Lavf59.27.100"},
			fields: map[string]string{"riff:ICOP": "(c) 2023 Jane Creator", "riff:IPRD": "Summer Sessions", "riff:ICRD": "2023"},
			date:   "2023-01-01", from: "riff:ICRD"},
		{file: "video.mp4", tags: map[string]string{"album_artist": "Jane Creator", "composer": "J. Creator", "track": "3/10", "lyrics": "true",
			"duration": "3.000", "width": "320", "height": "240", "gps_latitude": "48.858292", "gps_longitude": "2.294388", "gps_altitude": "0"},
			fields: map[string]string{"mp4:cprt": "(c) 2023 Jane Creator", "mp4:mvhd.creation_time": "2023-07-14T15:32:10Z", "mp4:loci": "48.858292,2.294388,0"},
			date:   "2023-07-14T15:32:10Z", from: "mp4:mvhd.creation_time"},
		{file: "video.m4v", tags: map[string]string{"album_artist": "Jane Creator", "duration": "3.000", "width": "320", "height": "240", "gps_latitude": "48.858292"},
			absent: []string{"picture"},
			fields: map[string]string{"mp4:ftyp": "M4V", "mp4:©too": "Lavf59.27.100"},
			date:   "2023-01-01", from: "mp4:©day"}, // the movie header time is 0: not set
		{file: "video.mov", tags: map[string]string{"description": "contains sample from Artist X (licensed)", "software": "Lavf59.27.100",
			"duration": "3.000", "width": "320", "height": "240", "gps_latitude": "48.858300", "gps_longitude": "2.294400"},
			absent: []string{"gps_altitude", "album_artist"},
			fields: map[string]string{"mp4:©xyz": "+48.8583+002.2944/", "mp4:©cpy": "(c) 2023 Jane Creator", "mp4:ftyp": "qt"},
			date:   "2023-07-14T15:32:10Z", from: "mp4:mvhd.creation_time"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := extractFile(t, filepath.Join("testdata", "samples", tt.file))
			if len(res.Errors) > 0 {
				t.Errorf("errors: %v", res.Errors)
			}
			want := map[string]string{}
			if !tt.v1 {
				for k, v := range sampleCommon {
					want[k] = v
				}
			}
			for k, v := range tt.tags {
				want[k] = v
			}
			for k, v := range want {
				if got := res.Tags[k]; got != v {
					t.Errorf("tag %s = %q, want %q", k, got, v)
				}
			}
			for _, k := range tt.absent {
				if v, ok := res.Tags[k]; ok {
					t.Errorf("tag %s = %q, want none", k, v)
				}
			}
			for k, v := range tt.fields {
				if got, _ := res.Field(k); got != v {
					t.Errorf("field %s = %q, want %q", k, got, v)
				}
			}
			d, ok := res.ContentDate()
			if tt.date == "" {
				if ok {
					t.Errorf("content date %s from %s, want none", d, d.Source)
				}
				return
			}
			if !ok || d.String() != tt.date || d.Source != tt.from {
				t.Errorf("content date %v from %q, want %s from %s", d, d.Source, tt.date, tt.from)
			}
		})
	}
}

// TestAudioCorpus reads the tagged audio of the shared corpus (a metadata
// test suite's samples); the files stay outside the repository.
func TestAudioCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "audio", "tag-testdata")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared corpus not present at %s: %v", dir, err)
	}
	for _, name := range []string{"sample.flac", "sample.id3v11.mp3", "sample.id3v22.mp3", "sample.id3v23.mp3", "sample.id3v24.mp3", "sample.m4a", "sample.ogg", "sample.multipage.ogg", "sample.dsf"} {
		t.Run(name, func(t *testing.T) {
			res := extractFile(t, filepath.Join(dir, "with_tags", name))
			if len(res.Errors) > 0 {
				t.Errorf("errors: %v", res.Errors)
			}
			for k, v := range map[string]string{"title": "Test Title", "artist": "Test Artist", "album": "Test Album", "comment": "Test Comment", "year": "2000", "genre": "Jazz"} {
				if got := res.Tags[k]; got != v {
					t.Errorf("tag %s = %q, want %q", k, got, v)
				}
			}
		})
	}
	for _, name := range []string{"sample.flac", "sample.mp3", "sample.m4a", "sample.ogg"} {
		t.Run("without_tags/"+name, func(t *testing.T) {
			res := extractFile(t, filepath.Join(dir, "without_tags", name))
			if len(res.Errors) > 0 {
				t.Errorf("errors: %v", res.Errors)
			}
			if v, ok := res.Tags["title"]; ok {
				t.Errorf("title %q in an untagged file", v)
			}
		})
	}
}

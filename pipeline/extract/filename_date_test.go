package extract

import (
	"context"
	"testing"
)

func TestFilenameDate(t *testing.T) {
	tests := []struct {
		name string
		path string
		want string // Date.String(), "" when no date
	}{
		{"jekyll post", "_posts/2021-06-03-hello-world.md", "2021-06-03"},
		{"android camera", "DCIM/IMG_20210603_142210.jpg", "2021-06-03T14:22:10"},
		{"pixel with millis", "PXL_20210603_142210123.jpg", "2021-06-03T14:22:10"},
		{"pixel night", "PXL_20210603_142210123.NIGHT.jpg", "2021-06-03T14:22:10"},
		{"mac screenshot", "Screenshot 2021-06-03 at 14.22.10.png", "2021-06-03T14:22:10"},
		{"whatsapp", "WhatsApp Image 2021-06-03 at 14.22.10.jpeg", "2021-06-03T14:22:10"},
		{"android screenshot", "Screenshot_20210603-142210.png", "2021-06-03T14:22:10"},
		{"video", "VID_20210603_142210.mp4", "2021-06-03T14:22:10"},
		{"iso date only", "2021-06-03.txt", "2021-06-03"},
		{"compact date", "20210603.txt", "2021-06-03"},
		{"date in middle", "track-20210603.mp3", "2021-06-03"},
		{"underscores", "scan_2021_06_03.pdf", "2021-06-03"},
		{"dots", "notes.2021.06.03.md", "2021-06-03"},
		{"iso datetime", "backup-2021-06-03T14-22-10.json", "2021-06-03T14:22:10"},
		{"bad time keeps day", "IMG_20210603_992210.jpg", "2021-06-03"},
		{"second candidate", "1234-56-78_2021-06-03.md", "2021-06-03"},
		{"only base name", "2021-06-03/photo.jpg", ""},
		{"version", "v1.2.3.tar.gz", ""},
		{"eight digits not a date", "12345678.txt", ""},
		{"month 14", "20211403.txt", ""},
		{"february 30", "2021-02-30.md", ""},
		{"year too old", "1989-01-01.md", ""},
		{"year too far", "2101-01-01.md", ""},
		{"inside longer number", "123420210603999.bin", ""},
		{"unix timestamp", "1622730130.jpg", ""},
		{"phone number", "call-5551234567.m4a", ""},
		{"mixed separators", "2021-0603.txt", ""},
		{"resolution", "wallpaper-2560x1440.png", ""},
		{"no digits", "README.md", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var res Result
			src := &Source{Path: tt.path}
			ex := NewFilenameDate()
			if !ex.Applies(src) {
				t.Fatal("does not apply")
			}
			if err := ex.Extract(context.Background(), src, &res); err != nil {
				t.Fatal(err)
			}
			got := ""
			if len(res.Dates) > 0 {
				d := res.Dates[0]
				got = d.String()
				if d.Source != "filename" || d.Rank != RankFileName || d.HasZone {
					t.Errorf("date %+v: want source filename, rank %d, no zone", d, RankFileName)
				}
			}
			if got != tt.want {
				t.Errorf("dateFromFilename(%q) = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}

func FuzzFilenameDate(f *testing.F) {
	for _, s := range []string{"IMG_20210603_142210.jpg", "2021-06-03-x.md", "Screenshot 2021-06-03 at 14.22.10.png", "12345678", "PXL_20210603_142210123.jpg"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		d, ok := dateFromFilename(name)
		if !ok {
			return
		}
		if y := d.Time.Year(); y < minFilenameYear || y > maxFilenameYear {
			t.Fatalf("%q: year %d out of range", name, y)
		}
		if d.Source != "filename" {
			t.Fatalf("%q: source %q", name, d.Source)
		}
	})
}

package pii

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
)

func TestFilename(t *testing.T) {
	tests := []struct {
		name string
		path string
		want []string // kind=value
	}{
		{"email in file name", "cv/jane.doe@gmail.com.pdf", []string{"email=jane.doe@gmail.com"}},
		{"email in folder name", "clients/Ann@Studio-North.co.uk/shoot 01.jpg", []string{"email=ann@studio-north.co.uk"}},
		{"email before a suffix", "ann@gmail.com_cv.pdf", []string{"email=ann@gmail.com"}},
		{"phone with underscores", "voicemail/call_020_7946_0958.m4a", []string{"phone=+442079460958"}},
		{"phone with spaces", "notes/call 020 7946 0958.txt", []string{"phone=+442079460958"}},
		{"international phone", "contacts/+1 202 555 0143.vcf", []string{"phone=+12025550143"}},
		{"phone and email", "020-7946-0958 ann@gmail.com.txt", []string{"email=ann@gmail.com", "phone=+442079460958"}},
		{"camera counter", "DCIM/100CANON/DSC01234.JPG", nil},
		{"camera date and time", "DCIM/Camera/IMG_20210603_142210.jpg", nil},
		{"pixel time stamp", "PXL_20230101_123456789.jpg", nil},
		{"video time stamp", "VID_20230514_183012.mp4", nil},
		{"date and time words", "Screenshot 2023-05-14 at 18.30.12.png", nil},
		{"underscored date", "2023_05_14_18_30_12.jpg", nil},
		{"packed time stamp", "20230514183012.jpg", nil},
		{"epoch millis", "uploads/1690000000123.jpg", nil},
		{"bare digits", "scans/1234567890.pdf", nil},
		{"stock photo id", "photo-1522202176988-66273c2fd55f.jpg", nil},
		{"retina suffix", "assets/icon@2x.png", nil},
		{"copy number", "IMG_1234 (2).jpg", nil},
		{"no digits or at", "blog/hello-world.md", nil},
	}
	d := NewFilename(detectors.Config{PhoneRegion: "GB"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			item := &detectors.Item{Path: tt.path}
			var got []string
			if d.Applies(item) {
				fs, err := d.Detect(context.Background(), item)
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range fs {
					got = append(got, f.Kind+"="+f.Value)
					if f.Location.In != detectors.InMetadata || f.Location.Field != "path" || f.Detector != FilenameName {
						t.Errorf("finding %+v: want detector %s at metadata field path", f, FilenameName)
					}
					if f.Excerpt == "" || strings.Contains(f.Excerpt, f.Value) || f.Severity == "" || f.Action != "review" {
						t.Errorf("finding %+v: excerpt not masked, or no severity or action", f)
					}
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Detect(%q) = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}

func TestTrimExtension(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"jpeg", "photo.jpeg", "photo"},
		{"email and extension", "a@b.com.pdf", "a@b.com"},
		{"no extension", "README", "README"},
		{"long tail", "Mr. Smith and Ms. Jones", "Mr. Smith and Ms. Jones"},
		{"dot file", ".hidden", ".hidden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := trimExtension(tt.in); got != tt.want {
				t.Errorf("trimExtension(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzFilename(f *testing.F) {
	for _, s := range []string{"a/b@c.com.pdf", "call_020_7946_0958.m4a", "IMG_20210603_142210.jpg", "//", ".x", "@/@"} {
		f.Add(s)
	}
	d := NewFilename(detectors.Config{PhoneRegion: "GB"})
	f.Fuzz(func(t *testing.T, p string) {
		item := &detectors.Item{Path: p}
		if !d.Applies(item) {
			return
		}
		fs, err := d.Detect(context.Background(), item)
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range fs {
			if fd.Value == "" || fd.Kind == "" || fd.Excerpt == "" || fd.Location.Field != "path" {
				t.Fatalf("incomplete finding %+v", fd)
			}
		}
	})
}

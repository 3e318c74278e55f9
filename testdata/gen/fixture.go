package main

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"time"
)

// dms turns degrees, minutes and seconds (as num/den) into EXIF rationals.
func dms(deg, min, secNum, secDen uint32) [3]rational {
	return [3]rational{{deg, 1}, {min, 1}, {secNum, secDen}}
}

// beachEXIF is the little-endian EXIF of photos/2021/beach.jpg: a full
// camera record with serials, owner and a northern/eastern position.
var beachEXIF = exifSpec{
	Make: "Canon", Model: "Canon EOS R6",
	DateTime:         "2021:06:05 20:01:33",
	Artist:           "Jane Doe",
	Copyright:        "(c) 2021 Jane Doe",
	DateTimeOriginal: "2021:06:03 14:22:10", DateTimeDigitized: "2021:06:03 14:22:10",
	OffsetTime: "+02:00", OffsetTimeOriginal: "+02:00", OffsetTimeDigital: "+02:00",
	OwnerName:  "Jane Doe",
	BodySerial: "012345678901",
	LensMake:   "Canon", LensModel: "RF24-105mm F4 L IS USM", LensSerial: "9876543210",
	Width: 64, Height: 48,
	GPS: &gpsSpec{
		LatRef: "N", Lat: dms(48, 51, 30132, 1000),
		LonRef: "E", Lon: dms(2, 17, 401316, 10000),
		Altitude: rational{35, 1},
	},
}

// streetEXIF is the big-endian EXIF of photos/2022/street.jpg: a negative
// offset, a southern/western position and no serials.
var streetEXIF = exifSpec{
	BigEndian: true,
	Make:      "FUJIFILM", Model: "X100V",
	DateTime:         "2022:10:21 18:45:03",
	Artist:           "Jane Doe",
	Copyright:        "(c) 2022 Jane Doe",
	DateTimeOriginal: "2022:10:21 18:45:03", DateTimeDigitized: "2022:10:21 18:45:03",
	OffsetTime: "-05:00", OffsetTimeOriginal: "-05:00", OffsetTimeDigital: "-05:00",
	Width: 80, Height: 60,
	GPS: &gpsSpec{
		LatRef: "S", Lat: dms(12, 2, 4716, 100),
		LonRef: "W", Lon: dms(77, 1, 4284, 100),
		Altitude: rational{154, 1},
	},
}

// streetXMP is the XMP packet of photos/2022/street.jpg.
var streetXMP = xmpSpec{
	Creator:     "Jane Doe",
	Rights:      "(c) 2022 Jane Doe. All rights reserved.",
	DateCreated: "2022-10-21T18:45:03-05:00",
}

// scanEXIF is the EXIF in the eXIf chunk of photos/scan.png.
var scanEXIF = exifSpec{
	Make: "EPSON", Model: "Perfection V600",
	DateTimeOriginal: "2019:04:05 10:11:12", OffsetTimeOriginal: "+09:00",
	Width: 48, Height: 32,
	GPS: &gpsSpec{
		LatRef: "N", Lat: dms(35, 40, 5208, 100),
		LonRef: "E", Lon: dms(139, 46, 144, 100),
		Altitude: rational{40, 1},
	},
}

// scanXMP is the XMP iTXt packet of photos/scan.png.
var scanXMP = xmpSpec{
	Creator:     "Jane Doe",
	Title:       "Family archive scan",
	DateCreated: "2019-04-05T10:11:12+09:00",
	CreatorTool: "Epson Scan 2",
}

// writeFixture writes the fixed fixture folder under dir. Only
// misc/binary.bin depends on rng.
func writeFixture(dir string, rng *rand.Rand) error {
	at := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	cover, err := jpegBytes(8, 8, 200, nil, "")
	if err != nil {
		return fmt.Errorf("build cover art: %w", err)
	}
	steps := []func() error{
		func() error { return writeJPEG(at("photos/2021/beach.jpg"), 64, 48, 40, &beachEXIF, "") },
		func() error {
			return writeJPEG(at("photos/2022/street.jpg"), 80, 60, 120, &streetEXIF, streetXMP.packet())
		},
		func() error { return writeJPEG(at("photos/IMG_20200715_101500.jpg"), 32, 24, 80, nil, "") },
		func() error { return writePNG(at("photos/scan.png"), 48, 32, 160, &scanEXIF, scanXMP.packet()) },
		func() error {
			return writeMP3(at("audio/song.mp3"), id3Spec{
				Title: "Morning Light", Artist: "Jane Doe", AlbumArtist: "Jane Doe",
				Album: "Field Notes", Recorded: "2020-05-17", Track: "3", Genre: "Ambient",
				Composer: "Jane Doe", Copyright: "2020 Jane Doe", Comment: "recorded at home",
				Lyrics:  "Morning light on the water\nslow tide turning\nI hum along\n",
				Picture: cover,
			}, 38)
		},
		func() error {
			return writeFLAC(at("audio/take2.flac"), flacSpec{
				SampleRate: 44100, TotalSamples: 44100,
				Vendor: "reference libFLAC 1.4.3 20230623",
				Comments: []string{
					"TITLE=Take Two", "ARTIST=Jane Doe", "ALBUM=Field Notes",
					"DATE=2019-11-02", "GENRE=Folk", "COPYRIGHT=2019 Jane Doe",
					"COMMENT=second take, kitchen microphone",
				},
				Picture: cover, PictureW: 8, PictureH: 8,
			})
		},
		func() error {
			return writeM4A(at("audio/interview.m4a"), m4aSpec{
				Created:  time.Date(2018, 3, 4, 5, 6, 7, 0, time.UTC),
				Duration: 12345,
				Title:    "Interview with a boat builder", Artist: "Jane Doe",
				Album: "Coast Voices", Year: "2018", Comment: "recorded on the slipway",
				Genre: "Podcast", Copyright: "2018 Jane Doe", Track: 1,
			})
		},
		func() error {
			return writeDOCX(at("documents/contract.docx"), docxSpec{
				Title: "Licence agreement", Creator: "Jane Doe", LastModifiedBy: "Sam Editor",
				Created:    time.Date(2022, 2, 3, 4, 5, 6, 0, time.UTC),
				Modified:   time.Date(2022, 2, 10, 11, 12, 13, 0, time.UTC),
				Paragraphs: contractParagraphs,
			})
		},
		func() error {
			return writeFile(at("blog/_posts/2021-09-14-first-light.md"), markdown([]field{
				{"title", "First light"}, {"date", "2021-09-14 08:30:00 +0100"},
				{"author", "Jane Doe"}, {"tags", "[photography, dawn, estuary]"},
			}, proseFirstLight))
		},
		func() error {
			return writeFile(at("blog/_posts/2020-02-29-leap.md"), markdown([]field{
				{"title", "An extra day"}, {"author", "Jane Doe"}, {"tags", "[prints, memory]"},
			}, proseLeap))
		},
		func() error {
			return writeFile(at("blog/fr/carnet.md"), markdown([]field{
				{"title", "Carnet de route"}, {"date", "2021-05-12"}, {"lang", "fr"},
				{"author", "Jane Doe"},
			}, proseFrench))
		},
		func() error { return writeFile(at("blog/de/reise.md"), []byte(proseGerman)) },
		func() error { return writeFile(at("blog/es/notas.txt"), []byte(proseSpanish)) },
		func() error { return writeFile(at("blog/ja/nikki.txt"), []byte(proseJapanese)) },
		func() error {
			return writeFile(at("pages/about.html"), htmlPage{
				Lang: "en", Title: "About Jane Doe", Author: "Jane Doe",
				Description: "Documentary photographer and sound recordist on the coast.",
				Published:   "2022-07-08T09:10:11+02:00",
				Paragraphs:  aboutBody,
			}.render())
		},
		func() error { return writeFile(at("subtitles/talk.srt"), srt(srtCues)) },
		func() error {
			b, err := csvBytes(salesRows)
			if err != nil {
				return err
			}
			return writeFile(at("data/sales.csv"), b)
		},
		func() error {
			b, err := jsonBytes(fixtureNotes)
			if err != nil {
				return err
			}
			return writeFile(at("misc/notes.json"), b)
		},
		func() error { return writeFile(at("misc/empty.txt"), nil) },
		func() error { return writeFile(at("misc/binary.bin"), randomBytes(rng, 4096)) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// randomBytes draws n bytes from rng, eight at a time.
func randomBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, 0, n+8)
	for len(b) < n {
		v := rng.Uint64()
		for range 8 {
			b = append(b, byte(v))
			v >>= 8
		}
	}
	return b[:n]
}

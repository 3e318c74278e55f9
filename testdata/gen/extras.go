package main

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"time"
)

// extraKinds are the file kinds -n cycles through, in order.
var extraKinds = []string{"jpg", "png", "mp3", "flac", "m4a", "docx", "md", "txt", "html", "srt", "csv", "json", "bin"}

// extraPool is the prose extra text files are cut from.
var extraPool = []string{proseFirstLight, proseLeap, proseFrench, proseGerman, proseSpanish, proseJapanese}

// writeExtras writes n files under dir/extra, the i-th of kind
// extraKinds[i%len], and plants a value in every text and Markdown file.
// Every variation (image size, date, length) is drawn from rng in a fixed
// order, so the same seed gives the same files. With tiny, every file is a
// short text note instead: a million of them are quick to write.
func writeExtras(dir string, rng *rand.Rand, n int, tiny bool, pl *planter) error {
	for i := range n {
		kind := extraKinds[i%len(extraKinds)]
		if tiny {
			kind = "txt"
		}
		rel := fmt.Sprintf("extra/%03d/%06d.%s", i/1000, i, kind)
		path := filepath.Join(dir, filepath.FromSlash(rel))
		var err error
		switch {
		case tiny && i%len(extraKinds) == 7:
			err = writeFile(path, pl.plant(rel, fmt.Appendf(nil, "Note %d.\n", i)))
		case tiny:
			err = writeFile(path, fmt.Appendf(nil, "Note %d.\n", i))
		default:
			err = writeExtra(path, rel, kind, i, rng, pl)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// extraDate draws a moment between 2015-01-01 and the end of 2024, to the
// second, in UTC.
func extraDate(rng *rand.Rand) time.Time {
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	return start.Add(time.Duration(rng.IntN(10*365*24*3600)) * time.Second)
}

// extraProse cuts 1 to 3 copies of a pool sample into one text.
func extraProse(rng *rand.Rand) string {
	text := extraPool[rng.IntN(len(extraPool))]
	return strings.Repeat(text+"\n", 1+rng.IntN(3))
}

// writeExtra writes the i-th extra file of the given kind.
func writeExtra(path, rel, kind string, i int, rng *rand.Rand, pl *planter) error {
	date := extraDate(rng)
	w, h := 16+rng.IntN(113), 16+rng.IntN(113)
	tint := uint8(rng.IntN(256))
	title := fmt.Sprintf("Extra item %d", i)
	switch kind {
	case "jpg":
		spec := beachEXIF
		spec.DateTimeOriginal = date.Format("2006:01:02 15:04:05")
		spec.DateTimeDigitized, spec.DateTime = spec.DateTimeOriginal, spec.DateTimeOriginal
		spec.Width, spec.Height = uint32(w), uint32(h)
		spec.BigEndian = rng.IntN(2) == 1
		return writeJPEG(path, w, h, tint, &spec, "")
	case "png":
		spec := scanEXIF
		spec.DateTimeOriginal = date.Format("2006:01:02 15:04:05")
		spec.Width, spec.Height = uint32(w), uint32(h)
		return writePNG(path, w, h, tint, &spec, "")
	case "mp3":
		return writeMP3(path, id3Spec{
			Title: title, Artist: "Jane Doe", Album: "Field Notes",
			Recorded: date.Format("2006-01-02"), Track: fmt.Sprint(1 + i%20),
		}, 2+rng.IntN(40))
	case "flac":
		return writeFLAC(path, flacSpec{
			SampleRate: 44100, TotalSamples: 4096 * (1 + rng.IntN(20)),
			Vendor:   "reference libFLAC 1.4.3 20230623",
			Comments: []string{"TITLE=" + title, "ARTIST=Jane Doe", "DATE=" + date.Format("2006-01-02")},
		})
	case "m4a":
		return writeM4A(path, m4aSpec{
			Created: date, Duration: uint32(1000 + rng.IntN(600000)),
			Title: title, Artist: "Jane Doe", Year: date.Format("2006"),
		})
	case "docx":
		return writeDOCX(path, docxSpec{
			Title: title, Creator: "Jane Doe", LastModifiedBy: "Sam Editor",
			Created: date, Modified: date.Add(48 * time.Hour),
			Paragraphs: strings.Split(strings.TrimSpace(extraProse(rng)), "\n\n"),
		})
	case "md":
		return writeFile(path, pl.plant(rel, markdown([]field{
			{"title", title}, {"date", date.Format("2006-01-02 15:04:05 -0700")},
		}, extraProse(rng))))
	case "txt":
		return writeFile(path, pl.plant(rel, []byte(extraProse(rng))))
	case "html":
		return writeFile(path, htmlPage{
			Lang: "en", Title: title, Author: "Jane Doe", Description: "Generated page " + title,
			Published:  date.Format(time.RFC3339),
			Paragraphs: aboutBody[:1+rng.IntN(len(aboutBody))],
		}.render())
	case "srt":
		return writeFile(path, srt(srtCues[:1+rng.IntN(len(srtCues))]))
	case "csv":
		b, err := csvBytes(salesRows[:2+rng.IntN(len(salesRows)-1)])
		if err != nil {
			return fmt.Errorf("build %s: %w", path, err)
		}
		return writeFile(path, b)
	case "json":
		v := fixtureNotes
		v.Project, v.Updated, v.Items = title, date.Format("2006-01-02"), rng.IntN(1000)
		b, err := jsonBytes(v)
		if err != nil {
			return fmt.Errorf("build %s: %w", path, err)
		}
		return writeFile(path, b)
	default:
		return writeFile(path, randomBytes(rng, 256+rng.IntN(8192)))
	}
}

package redact

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/consignhq/consign/pipeline/extract"
	"github.com/consignhq/consign/pipeline/extract/filetest"
)

// fuzzMetadata checks the properties every format keeps on any input: no
// panic; an error or a copy; a copy of the input's length where the
// format is edited in place; a copy the extractors read without new
// errors and in which they find nothing the redaction removes.
func fuzzMetadata(t *testing.T, data []byte, name, mediaType string, inPlace bool) {
	mt, kind := extract.Sniff(name, data[:min(len(data), extract.HeadSize)])
	_, after, ok := fuzzRedact(t, data, name, mediaType, mt, kind, all, inPlace)
	if !ok {
		return
	}
	if l := leaks(after, all); len(l) > 0 {
		t.Fatalf("redacted copy still shows %v", l)
	}
}

// fuzzRedact redacts data of mediaType with s and checks what every
// redaction keeps: an error writes nothing; the copy has the input's
// length where the format is edited in place; the extractors read the
// copy (as the input, of type readAs and kind) without new errors. ok is
// false when Metadata refused the input.
func fuzzRedact(t *testing.T, data []byte, name, mediaType, readAs, kind string, s Strip, inPlace bool) (Report, *extract.Result, bool) {
	var out bytes.Buffer
	rep, err := Metadata(&out, bytes.NewReader(data), int64(len(data)), mediaType, s)
	if err != nil {
		if out.Len() != 0 {
			t.Fatalf("error %v after writing %d bytes", err, out.Len())
		}
		return rep, nil, false
	}
	if inPlace && out.Len() != len(data) {
		t.Fatalf("copy of %d bytes, input %d", out.Len(), len(data))
	}
	before := extractAs(name, readAs, kind, data)
	after := extractAs(name, readAs, kind, out.Bytes())
	if len(before.Errors) == 0 && len(after.Errors) > 0 {
		t.Fatalf("input reads cleanly, redacted copy does not: %v", after.Errors)
	}
	return rep, after, true
}

// addCrashers seeds f with the shared crasher files whose names start
// with one of prefixes, copied into testdata/crashers.
func addCrashers(f *testing.F, prefixes ...string) {
	files, _ := filepath.Glob(filepath.Join("testdata", "crashers", "*"))
	for _, p := range files {
		for _, pre := range prefixes {
			if strings.HasPrefix(filepath.Base(p), pre) {
				b, err := os.ReadFile(p)
				if err != nil {
					f.Fatal(err)
				}
				f.Add(b)
			}
		}
	}
}

func FuzzJPEG(f *testing.F) {
	f.Add(jpegFile(f, app1("Exif\x00\x00", cameraTIFF(binary.LittleEndian)), app1("http://ns.adobe.com/xap/1.0/\x00", []byte(xmpPacket))))
	f.Add(jpegFile(f, app1("Exif\x00\x00", cameraTIFF(binary.BigEndian))))
	f.Add(jpegFile(f, goproAPP6()))
	addSample(f, "photo.jpg", nil)
	addCrashers(f, "exif", "goexif")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzMetadata(t, data, "photo.jpg", "image/jpeg", true)
	})
}

func FuzzPNG(f *testing.F) {
	f.Add(pngFile(f, pngChunk("eXIf", cameraTIFF(binary.LittleEndian)), itxt("XML:com.adobe.xmp", false, []byte(xmpPacket))))
	f.Add(pngFile(f, pngChunk("tEXt", append([]byte("Raw profile type exif\x00"), rawProfile("exif", cameraTIFF(binary.BigEndian))...))))
	addSample(f, "photo.png", withoutIDAT)
	f.Add(pngFile(f, pngChunk("tEXt", append([]byte("Raw profile type iptc\x00"), rawProfile("iptc", app13(80, "Ann")[4:])...))))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzMetadata(t, data, "scan.png", "image/png", false)
		fuzzFields(t, data, "scan.png", "image/png", "image", []string{"iptc:By-line", "xmp:dc:creator", "exif:Artist"}, false)
	})
}

func FuzzWebP(f *testing.F) {
	f.Add(webpFile(riffChunk("EXIF", cameraTIFF(binary.LittleEndian)), riffChunk("XMP ", []byte(xmpPacket))))
	f.Add(webpFile(riffChunk("EXIF", oddEXIF())))
	addSample(f, "photo.webp", nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzMetadata(t, data, "photo.webp", "image/webp", true)
	})
}

func FuzzTIFF(f *testing.F) {
	f.Add(tiffFile(binary.LittleEndian, []byte("pixels")))
	f.Add(tiffFile(binary.BigEndian, []byte("pixels")))
	addCrashers(f, "exif", "goexif")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzMetadata(t, data, "scan.tif", "image/tiff", true)
	})
}

func FuzzMP4(f *testing.F) {
	f.Add(mp4File())
	f.Add(cr3File())
	f.Add(goproMovie())
	for _, name := range []string{"video.mp4", "video.mov", "video.m4v", "tone.m4a"} {
		addSample(f, name, emptyMdat)
	}
	addCrashers(f, "tag")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzMetadata(t, data, "clip.mov", "video/quicktime", true)
	})
}

func FuzzPSD(f *testing.F) {
	f.Add(filetest.PSD(psdResource(0x0422, cameraTIFF(binary.BigEndian)), psdResource(0x0424, []byte(xmpPacket))))
	f.Add(filetest.PSD(psdResource(0x0422, cameraTIFF(binary.LittleEndian))))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzMetadata(t, data, "a.psd", "image/vnd.adobe.photoshop", true) })
}

func FuzzText(f *testing.F) {
	f.Add([]byte("mail jane@example.com now\nnév: Józsi 東京😀"), int64(5), int64(21), int64(30), int64(45))
	f.Fuzz(func(t *testing.T, data []byte, s1, e1, s2, e2 int64) {
		var out bytes.Buffer
		_, err := Text(&out, bytes.NewReader(data), []Range{{s1, e1}, {s2, e2}})
		if err != nil {
			return
		}
		if out.Len() != len(data) {
			t.Fatalf("masked copy of %d bytes, input %d", out.Len(), len(data))
		}
		for i, c := range data {
			if (c == '\n') != (out.Bytes()[i] == '\n') {
				t.Fatalf("line break at %d moved", i)
			}
		}
	})
}

// fuzzFields checks the properties single-field removal keeps on any
// input of media type mt: no panic; an error or a copy, of the input's
// length where the format is edited in place; a copy the extractors
// read (as the input was read, of type mt and kind) without new errors,
// in which no field the report says was removed has a value.
func fuzzFields(t *testing.T, data []byte, name, mt, kind string, fields []string, inPlace bool) {
	rep, after, ok := fuzzRedact(t, data, name, mt, mt, kind, Strip{Fields: fields}, inPlace)
	if !ok {
		return
	}
	for _, fl := range after.Fields {
		if rep.Removed(fl.Name) && strings.TrimSpace(fl.Value) != "" {
			t.Fatalf("report says %s was removed, the copy has %q", fl.Name, fl.Value)
		}
	}
}

// FuzzOffice removes Office documents' fields. The copy is read as the
// original was: a hostile archive whose local headers disagree with its
// directory is sniffed by its first local header, and the copy's are
// written from the directory, which the redaction (and every extractor)
// reads.
func FuzzOffice(f *testing.F) {
	f.Add(officeFile(f, wordParts...))
	f.Add(officeFile(f, wordParts[0], [2]string{"xl/workbook.xml", "<workbook/>"},
		[2]string{"xl/comments1.xml", "<comments><authors><author>Ann Other</author></authors></comments>"},
		[2]string{"ppt/commentAuthors.xml", `<p:cmAuthorLst xmlns:p="p"><p:cmAuthor name="Ann" initials='A'/></p:cmAuthorLst>`}))
	f.Add(officeFile(f, [2]string{"mimetype", "application/vnd.oasis.opendocument.text"},
		[2]string{"meta.xml", `<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta><meta:initial-creator>Jane</meta:initial-creator><meta:user-defined meta:name="Client">N</meta:user-defined></office:meta></office:document-meta>`}))
	fields := []string{"docx:dc:creator", "docx:cp:lastModifiedBy", "docx:app:Company", "docx:custom:Telephone number",
		"docx:comment.author", "docx:revision.author", "xlsx:comment.author", "pptx:comment.author",
		"odt:meta:initial-creator", "odt:dc:creator", "odt:meta:user-defined:Client", "odt:annotation.author", "odt:revision.author"}
	f.Fuzz(func(t *testing.T, data []byte) {
		mt, kind := extract.Sniff("a.docx", data[:min(len(data), extract.HeadSize)])
		if !isOffice(mt) {
			mt, kind = docxType, "document"
		}
		fuzzFields(t, data, "a.docx", mt, kind, fields, false)
	})
}

// FuzzFields removes single fields from photos (EXIF text, XMP
// properties, IPTC datasets), movies (metadata atoms), audio (ID3 frames,
// Vorbis comments), Mobipocket books (EXTH records) and the files whose
// metadata is XMP alone (EPS, SVG).
func FuzzFields(f *testing.F) {
	f.Add(jpegFile(f, app1("Exif\x00\x00", cameraTIFF(binary.LittleEndian)), app1("http://ns.adobe.com/xap/1.0/\x00", []byte(xmpPacket)),
		app13(80, "Ann Other", 110, "Credit", 80, "Bob")))
	f.Add(cameraTIFF(binary.BigEndian))
	f.Add(jpegFile(f, app1("http://ns.adobe.com/xap/1.0/\x00", utf16Bytes(xmpPacket, true, false))))
	f.Add(filetest.PSD(psdResource(0x0422, cameraTIFF(binary.BigEndian)), psdResource(0x0404, []byte("\x1c\x02\x50\x00\x03Ann"))))
	addSample(f, "photo.jpg", nil)
	f.Add([]byte("%!PS-Adobe-3.0 EPSF-3.0\n" + xmpPacket + "\n%%EOF\n"))
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg" ` + ccNS + `><metadata><rdf:RDF><cc:Work rdf:about=""><dc:creator><cc:Agent><dc:title>Ann</dc:title></cc:Agent></dc:creator></cc:Work></rdf:RDF></metadata></svg>`))
	f.Add([]byte("<?xpacket begin=\"\"?>" + xmpPacket + "<?xpacket end=\"w\"?>"))
	f.Add(oggFile())
	f.Add(filetest.WordDoc())
	f.Add(filetest.WMA(time.Unix(1e9, 0), [5]string{"T", "Ann", "", "", ""}, map[string]string{"WM/AlbumArtist": "Ann"}))
	f.Add(filetest.Matroska("Ann", time.Unix(1e9, 0), true, filetest.SimpleTag("ARTIST", "Ann", filetest.SimpleTag("URL", "u"))))
	f.Add(append([]byte("MAC \x96\x0f\x00\x00"), apeTag([2]string{"Artist", "Ann"})...))
	f.Add(append(mpegFrames(), id3v1("T", "Ann")...))
	addSample(f, "tone.ogg", nil)
	raf, _ := rafFile(f)
	f.Add(raf)
	f.Add(rawWithNote(binary.BigEndian))
	f.Add(mp4File())
	f.Add(append(id3Tag(3, [2]string{"TPE1", "\x00Ann"}, [2]string{"COMM", "\x00eng\x00x"}), mpegFrames()...))
	f.Add(append(id3Tag(2, [2]string{"TP1", "\x00Ann"}), mpegFrames()...))
	f.Add(append(id3Tag(3, [2]string{"TXXX", "\x01\xff\xfec\x00\x00\x00Ann"}), mpegFrames()...))
	f.Add(filetest.MOBIBook(time.Unix(1e9, 0), "T", map[uint32]string{100: "Ann", 108: "Bob"}))
	fields := []string{"exif:Artist", "exif:ImageDescription", "exif:XPAuthor", "xmp:dc:creator", "xmp:photoshop:Credit", "makernote:OwnerName",
		"makernote:SerialNumber", "makernote:InternalSerialNumber", "iptc:By-line", "iptc:Credit", "iptc:Contact", "mp4:©ART", "mp4:©nam", "mp4:auth", "mp4:com.apple.quicktime.make", "id3:TPE1", "id3:TP1", "id3:COMM", "id3:USLT", "aiff:Author", "riff:IART", "vorbis:ARTIST", "ape:ARTIST", "id3v1:artist", "id3:TXXX:comment", "mkv:Title", "mkv:ARTIST", "mkv:URL", "asf:Author", "asf:WM/AlbumArtist", "doc:dc:creator", "doc:app:Company", "ole:dc:creator", "mobi:Author"}
	f.Fuzz(func(t *testing.T, data []byte) {
		mt, kind := extract.Sniff("a", data[:min(len(data), extract.HeadSize)])
		if StripsKinds(mt) && !isPNG(mt) || xmpOnlyFormats[mt] || id3Formats[mt] || oggTypes[mt] || mkvTypes[mt] || asfTypes[mt] || oleTypes[mt] || mt == mobiType {
			fuzzFields(t, data, "a", mt, kind, fields, true)
		}
	})
}

// FuzzPDF removes Info dictionary keys from PDFs.
func FuzzPDF(f *testing.F) {
	info := "<< /Title (Harbour) /Author (Jane \\) Doe) /Creator <FEFF0041> >>"
	f.Add(pdfDoc(pdfRevision{objects: map[int]string{5: info}, info: 5}))
	f.Add(pdfDoc(pdfRevision{objects: map[int]string{5: info}, info: 5}, pdfRevision{objects: map[int]string{6: info}, info: 6, glue: true}))
	f.Add(pdfDoc(pdfRevision{objects: map[int]string{5: "<< /Author 7 0 R /Au#74hor [(x) << /A (b) >>] >>", 7: "(Jane)"}, info: 5}))
	f.Add(pdfDoc(pdfRevision{objects: map[int]string{1: "<< /Type /Catalog /Pages 2 0 R /Metadata 8 0 R >>", 5: info,
		8: fmt.Sprintf("<< /Type /Metadata /Length %d >>\nstream\n%s\nendstream", len(xmpPacket), xmpPacket)}, info: 5}))
	addSample(f, "doc.pdf", nil)
	f.Add(pdfWithXMP(f, xmpPacket, true))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzFields(t, data, "a.pdf", "application/pdf", "document", []string{"pdf:Author", "pdf:Creator", "pdf:Title", "xmp:dc:creator", "xmp:aux:SerialNumber"}, true)
	})
}

// FuzzTracks masks the positions of track files (GPX, KML, TCX, NMEA and
// IGC logs, tables) and clears a FIT file's positions and serials: the
// copy keeps the input's length, and no field the report calls removed
// is read from it.
func FuzzTracks(f *testing.F) {
	f.Add([]byte(`<gpx><wpt lat="1.5" lon='2.5'/><trk><trkpt lat="43.6" lon="-116.0"><time>2003-05-24T17:10:05Z</time></trkpt></trk></gpx>`))
	f.Add([]byte(`<kml><Placemark><coordinates>-106.01,34.11,1 -106.02,34.12</coordinates><gx:coord><![CDATA[1 2 3]]></gx:coord></Placemark></kml>`))
	f.Add([]byte(`<TrainingCenterDatabase><Track><Trackpoint><LatitudeDegrees>43.65</LatitudeDegrees><LongitudeDegrees>-79.51</LongitudeDegrees></Trackpoint></Track></TrainingCenterDatabase>`))
	f.Add([]byte("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\r\n$GPRMC,123520,A,4807.040,N,01131.002,E,022.4,084.4,230394,003.1,W*6A\n"))
	f.Add([]byte("HFDTE150520\nB1101355206343N00006198WA0058700558\n"))
	f.Add([]byte("\xef\xbb\xbfTime;Latitude;Longitude\n1;\"-44.61\";170.41\n"))
	addSample(f, "ride.fit", nil)
	types := []struct{ name, mediaType, kind string }{
		{"a.gpx", "text/xml", "text"}, {"a.kml", "application/vnd.google-earth.kml+xml", "text"}, {"a.tcx", "text/xml", "text"},
		{"a.log", "text/plain", "text"}, {"a.igc", "text/plain", "text"}, {"a.csv", "text/csv", "text"}, {"a.fit", fitType, "other"},
	}
	fields := []string{"gpx:trkpt", "gpx:rtept", "gpx:wpt", "kml:coordinates", "tcx:trkpt", "nmea:trkpt", "igc:trkpt", "csv:position",
		"fit:record", "fit:lap", "fit:session", "fit:course_point", "fit:SerialNumber"}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, ty := range types {
			var out bytes.Buffer
			rep, err := Metadata(&out, bytes.NewReader(data), int64(len(data)), ty.mediaType, Strip{Fields: fields})
			if err != nil {
				t.Fatalf("%s: %v", ty.name, err) // a file it cannot place is kept, not an error
			}
			if out.Len() != len(data) {
				t.Fatalf("%s: copy of %d bytes, input %d", ty.name, out.Len(), len(data))
			}
			head := out.Bytes()[:min(out.Len(), extract.HeadSize)]
			var after extract.Result
			extract.Run(context.Background(), extract.Default(), &extract.Source{Path: ty.name, Size: int64(out.Len()), Head: head,
				R: bytes.NewReader(out.Bytes()), MediaType: ty.mediaType, Kind: ty.kind}, &after)
			for _, fl := range after.Fields {
				if rep.Removed(fl.Name) && strings.TrimSpace(fl.Value) != "" {
					t.Fatalf("%s: report says %s was removed, the copy has %q", ty.name, fl.Name, fl.Value)
				}
			}
		}
	})
}

package extract

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/gif" // picture summaries: dimensions of embedded cover art
	_ "image/jpeg"
	_ "image/png"
	"sort"
	"strconv"
	"strings"

	"github.com/dhowden/tag"
)

// recordAudioTags turns what the library read into curated tags, raw fields
// named by format (id3:TPE1, vorbis:ARTIST, mp4:©ART, id3v1:title) and the
// recording date.
func recordAudioTags(m tag.Metadata, res *Result) {
	raw := m.Raw()
	str := func(k string) string { s, _ := raw[k].(string); return s }

	res.SetTag("title", m.Title())
	res.SetTag("artist", m.Artist())
	res.SetTag("album_artist", m.AlbumArtist())
	res.SetTag("album", m.Album())
	if m.Format() == tag.VORBIS {
		// The library's Composer falls back to the performer and the artist.
		res.SetTag("composer", str("composer"))
	} else {
		res.SetTag("composer", m.Composer())
	}
	res.SetTag("genre", genre(m, str))
	res.SetTag("comment", m.Comment())
	if y := m.Year(); y > 0 {
		res.SetTag("year", strconv.Itoa(y))
	}
	n, total := m.Track()
	if n == 0 && m.Format() == tag.VORBIS {
		// "3/10" in TRACKNUMBER, which the library's Atoi refuses.
		a, b, _ := strings.Cut(str("tracknumber"), "/")
		n, _ = strconv.Atoi(strings.TrimSpace(a))
		total, _ = strconv.Atoi(strings.TrimSpace(b))
	}
	if n > 0 {
		if total > 0 {
			res.SetTag("track", fmt.Sprintf("%d/%d", n, total))
		} else {
			res.SetTag("track", strconv.Itoa(n))
		}
	}
	if strings.TrimSpace(m.Lyrics()) != "" {
		res.SetTag("lyrics", "true")
	}
	if p := m.Picture(); p != nil && len(p.Data) > 0 {
		res.SetTag("picture", "true")
	}
	switch m.Format() {
	case tag.ID3v2_2:
		res.SetTag("copyright", str("TCR"))
	case tag.ID3v2_3, tag.ID3v2_4:
		res.SetTag("copyright", str("TCOP"))
	case tag.VORBIS:
		res.SetTag("copyright", str("copyright"))
	case tag.MP4:
		res.SetTag("copyright", str("cprt"))
	case formatAPE:
		res.SetTag("copyright", str("copyright"))
	}
	recordAudioFields(m, raw, res)
	if d, ok := audioDate(m.Format(), str); ok {
		res.AddDate(d)
	}
}

// maxGenreRefs bounds the ID3 genre strings handed to the library's
// Genre, which rewrites "(13)" references one regular-expression pass at a
// time: a TCON of a few thousand references takes minutes.
const maxGenreRefs = 8

func genre(m tag.Metadata, str func(string) string) string {
	var raw string
	switch m.Format() {
	case tag.ID3v2_2:
		raw = str("TCO")
	case tag.ID3v2_3, tag.ID3v2_4:
		raw = str("TCON")
	default:
		return m.Genre()
	}
	if strings.Count(raw, "(") > maxGenreRefs || len(raw) > 256 {
		return raw
	}
	return m.Genre()
}

// recordAudioFields records every raw value in a stable (sorted) order.
// Pictures are summarised, never copied; lyrics are only marked present.
func recordAudioFields(m tag.Metadata, raw map[string]any, res *Result) {
	ns := "id3"
	switch m.Format() {
	case tag.ID3v1:
		ns = "id3v1"
	case tag.VORBIS:
		ns = "vorbis"
	case tag.MP4:
		ns = "mp4"
	case formatAPE:
		ns = "ape"
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		name := fieldName(ns, k)
		switch v := raw[k].(type) {
		case string:
			switch {
			case ns == "vorbis" && k == "metadata_block_picture":
				if p := m.Picture(); p != nil {
					res.AddField(name, pictureSummary(p))
					recordCoverOwner(context.Background(), name, p.Data, res)
				}
			case ns == "vorbis" && k == "lyrics", ns == "mp4" && k == "\xa9lyr", ns == "ape" && k == "lyrics":
				res.AddField(name, "present")
			case ns == "mp4":
				// Custom "----" atoms keep the data box's locale bytes.
				res.AddField(name, strings.Trim(v, "\x00"))
			default:
				res.AddField(name, v)
			}
		case int:
			if v != 0 { // the library's zero means "not set"
				res.AddField(name, strconv.Itoa(v))
			}
		case *tag.Comm:
			recordComm(name, v, res)
		case *tag.Picture:
			res.AddField(name, pictureSummary(v))
			recordCoverOwner(context.Background(), name, v.Data, res)
		case *tag.UFID:
			res.AddField(name, v.Provider+" "+string(v.Identifier))
		case []byte:
			// PRIV frames with the owner "XMP" carry an XMP packet.
			if rest, ok := bytes.CutPrefix(v, []byte("XMP\x00")); ok && strings.HasPrefix(k, "PRIV") {
				res.AddXMP(rest)
			}
			res.AddField(name, fmt.Sprintf("%d bytes", len(v)))
		}
	}
}

// recordComm records comment, lyrics and user-defined text frames. Tools
// such as ffmpeg write an MP3's comment and lyrics as TXXX frames described
// "comment" and "USLT"; those count as the comment and lyrics too. A TXXX
// or WXXX field is named by its description: id3:TXXX:comment.
func recordComm(name string, c *tag.Comm, res *Result) {
	id := strings.TrimPrefix(name, "id3:")
	switch {
	case id == "USLT" || id == "ULT":
		if cleanValue(c.Text) != "" {
			res.AddField(name, "present")
		}
	case id == "COMM" || id == "COM":
		res.AddField(name, c.Text)
	default:
		desc := strings.TrimSpace(c.Description)
		switch strings.ToLower(desc) {
		case "comment", "description":
			res.SetTag("comment", c.Text)
		case "uslt", "lyrics", "unsyncedlyrics":
			res.SetTag("lyrics", "true")
			res.AddField(name+":"+desc, "present")
			return
		}
		if desc == "" {
			res.AddField(name, c.Text)
			return
		}
		res.AddField(name+":"+desc, c.Text)
	}
}

// fieldName names a raw key: ID3 keys lose the "_0" the library adds to
// repeated frames, Vorbis keys are upper case as written by convention,
// MP4 atoms get their © back.
// MP4Field is the field a scan names an MP4 or QuickTime metadata atom
// by: "mp4:©ART" for the atom ©ART, "mp4:com.apple.quicktime.author" for
// that key of a keyed item list.
func MP4Field(atom string) string { return fieldName("mp4", atom) }

func fieldName(ns, k string) string {
	switch ns {
	case "id3":
		if i := strings.IndexByte(k, '_'); i >= 3 {
			k = k[:i]
		}
	case "vorbis", "ape":
		k = strings.ToUpper(k)
	case "mp4":
		k = strings.ReplaceAll(strings.ToValidUTF8(strings.ReplaceAll(k, "\xa9", "©"), "?"), "\x00", "")
	}
	return ns + ":" + k
}

// pictureSummary describes an embedded picture without its bytes:
// "image/jpeg 300x300 4805 bytes".
func pictureSummary(p *tag.Picture) string {
	mt := p.MIMEType
	if mt == "" {
		mt = "image"
	}
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(p.Data)); err == nil {
		return fmt.Sprintf("%s %dx%d %d bytes", mt, cfg.Width, cfg.Height, len(p.Data))
	}
	return fmt.Sprintf("%s %d bytes", mt, len(p.Data))
}

// audioDate picks the recording date each format defines. A year alone is
// kept as January 1 with DateOnly set (see parseTagDate); the source names
// the frame it came from, so "id3:TYER" says only the year was known.
func audioDate(f tag.Format, str func(string) string) (Date, bool) {
	switch f {
	case tag.ID3v2_4:
		if d, ok := parseTagDate(str("TDRC"), "id3:TDRC", RankEmbedded); ok {
			return d, true
		}
		return id3v23Date(str("TYER"), str("TDAT"), str("TIME"), "id3:TYER")
	case tag.ID3v2_3:
		if d, ok := id3v23Date(str("TYER"), str("TDAT"), str("TIME"), "id3:TYER"); ok {
			return d, true
		}
		return parseTagDate(str("TDRC"), "id3:TDRC", RankEmbedded)
	case tag.ID3v2_2:
		return id3v23Date(str("TYE"), str("TDA"), str("TIM"), "id3:TYE")
	case tag.ID3v1:
		return id3v23Date(str("year"), "", "", "id3v1:year")
	case tag.VORBIS:
		if d, ok := parseTagDate(str("date"), "vorbis:DATE", RankEmbedded); ok {
			return d, true
		}
		return parseTagDate(str("year"), "vorbis:YEAR", RankEmbedded)
	case tag.MP4:
		return parseTagDate(str("\xa9day"), "mp4:©day", RankEmbedded)
	case formatAPE:
		return parseTagDate(str("year"), "ape:YEAR", RankEmbedded)
	}
	return Date{}, false
}

package rights

import (
	"context"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// MusicName names the detector of other people's music.
const MusicName = Prefix + "music"

// musicCreditFields name who made a recording or a song, by tag format:
// artist, album artist, composer, lyricist, original artist, and the
// publisher, whose claim is weaker (a label may publish the creator's own
// work).
var musicCreditFields = map[string]bool{
	"id3:TPE1": true, "id3:TPE2": true, "id3:TCOM": true, "id3:TEXT": true, "id3:TOPE": true, "id3:TOLY": true,
	"id3:TP1": true, "id3:TP2": true, "id3:TCM": true, "id3:TXT": true, "id3:TOA": true, "id3v1:artist": true,
	"vorbis:ARTIST": true, "vorbis:ALBUMARTIST": true, "vorbis:COMPOSER": true, "vorbis:LYRICIST": true,
	"vorbis:PERFORMER": true, "mp4:©ART": true, "mp4:aART": true, "mp4:©wrt": true, "riff:IART": true,
	"ape:ARTIST": true, "ape:ALBUM ARTIST": true, "ape:COMPOSER": true, "ape:LYRICIST": true, "ape:PERFORMER": true,
	"aiff:Author": true, "asf:Author": true, "asf:WM/AlbumArtist": true, "asf:WM/Composer": true, "asf:WM/Writer": true,
	"asf:WM/OriginalArtist": true,
}

var musicPublisherFields = map[string]bool{
	"id3:TPUB": true, "id3:TPB": true, "vorbis:PUBLISHER": true, "vorbis:LABEL": true,
	"vorbis:ORGANIZATION": true, "mp4:©pub": true, "ape:PUBLISHER": true, "ape:LABEL": true,
}

// lyricsFields mark embedded lyrics, which the audio extractor records
// as "present" (the text is the song's, not metadata to show).
var lyricsFields = map[string]bool{
	"id3:USLT": true, "id3:ULT": true, "id3:SYLT": true, "id3:SLT": true, "vorbis:LYRICS": true,
	"vorbis:UNSYNCEDLYRICS": true, "mp4:©lyr": true, "ape:LYRICS": true, "asf:WM/Lyrics": true,
}

// unknownArtists are what tools write when the artist is not known.
var unknownArtists = map[string]bool{
	"various artists": true, "various": true, "unknown artist": true, "unknown": true, "va": true,
}

// Music reports audio whose credits name someone other than the creator,
// embedded lyrics, cover pictures whose own metadata names an owner
// (fields "<picture field>:exif:Copyright" and the like), and songwriting
// credits written in text (see Find).
type Music struct {
	match *Matcher
}

var _ detectors.TextDetector = (*Music)(nil)

// NewMusic returns the music credits detector for cfg's creator.
func NewMusic(cfg detectors.Config) detectors.Detector {
	return &Music{match: NewMatcher(cfg.Identity)}
}

// Name implements detectors.Detector.
func (*Music) Name() string { return MusicName }

// Applies implements detectors.Detector: any file may credit a song, in
// its tags or in its text.
func (*Music) Applies(*detectors.Item) bool { return true }

// Detect implements detectors.Detector.
func (m *Music) Detect(_ context.Context, item *detectors.Item) ([]detectors.Finding, error) {
	var out []detectors.Finding
	for _, f := range item.Fields {
		switch {
		case musicCreditFields[f.Name], musicPublisherFields[f.Name]:
			for _, v := range splitValues(f.Value) {
				if unknownArtists[strings.ToLower(v)] || isFieldLabel(v) || isNoValue(v) {
					continue
				}
				s := ownerSignal(m.match.Classify(v), KindThirdPartyArtist, v)
				if musicPublisherFields[f.Name] && s.action == detectors.ActionExclude {
					s.severity, s.action, s.confidence = detectors.SeverityMedium, detectors.ActionReview, 0.5
				}
				out = append(out, finding(MusicName, item, f.Name, v, s))
			}
		case lyricsFields[f.Name] || isLyricsTXXX(f.Name):
			s := signal{detectors.CategoryThirdParty, KindLyrics, detectors.SeverityMedium, 0.8, strings.TrimPrefix(f.Name, "id3:"), detectors.ActionReview}
			out = append(out, finding(MusicName, item, f.Name, f.Value, s))
		case isCoverOwnerField(f.Name):
			for _, v := range splitValues(f.Value) {
				if noticeIn(v) {
					continue // the copyright detector reads this value too
				}
				if name := agencyIn(v, true); name != "" {
					s := signal{detectors.CategoryThirdParty, KindStockAgency, detectors.SeverityHigh, 0.8, name, detectors.ActionExclude}
					out = append(out, finding(MusicName, item, f.Name, v, s))
					continue
				}
				out = append(out, finding(MusicName, item, f.Name, v, ownerSignal(m.match.Classify(v), KindThirdPartyArtist, v)))
			}
		}
	}
	return out, nil
}

// isLyricsTXXX matches user-defined frames that tools use for lyrics.
func isLyricsTXXX(name string) bool {
	desc, ok := strings.CutPrefix(name, "id3:TXXX:")
	if !ok {
		return false
	}
	switch strings.ToLower(desc) {
	case "lyrics", "uslt", "unsyncedlyrics":
		return true
	}
	return false
}

// isCoverOwnerField matches the ownership fields the audio extractor
// read from an embedded picture ("id3:APIC:exif:Copyright").
func isCoverOwnerField(name string) bool {
	for _, p := range []string{"id3:APIC:", "id3:PIC:", "vorbis:METADATA_BLOCK_PICTURE:"} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			kind, weak := fieldRole(rest)
			return kind != "" && !weak
		}
	}
	return false
}

// Version implements the pipeline's versioned detector: "2" drops field
// labels left as credits ("Test Artist", "A Composer"), "3" stand-ins
// for no value ("n/a", "none"), "4" shrugs ("Who knows?") and test values
// named after their standard ("ID3-Artist"), and "5" reads songwriting
// credits in text.
func (*Music) Version() string { return "5" }

package extract

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// LanguageSampler is a TextSink that keeps a few short samples spread
// through a file's text and, once the text is read, asks the detector
// which languages they are in. It never holds more than its prefix and
// its samples, whatever the size of the text: the first 64 KiB are kept
// to find and skip front matter, samples start at 0, 4, 10, 40 and 160
// KiB of the body (four times further for each sample rejected as markup
// or digits), and at most maxSamples samples of sampleSize bytes count.
type LanguageSampler struct {
	det      *LanguageDetector
	buf      []byte
	prefix   []byte // the first prefixSize bytes, until flushed
	flushed  bool
	parts    int
	pos      int64 // bytes of body fed to the collector
	next     int64 // where the next sample starts
	seek     bool  // skipping to a word boundary before collecting
	seekLeft int
	cur      []byte // the sample being collected, nil when none
	// spare is the storage samples are collected in, one after the other,
	// and prose the storage their prose is gathered in: a kept sample's
	// prose is copied out as a string.
	spare []byte
	prose []byte
	// lower is the storage a kept sample's prose is put in lower case
	// in, which samples keeps a copy of.
	lower   []byte
	samples []string
	letters []int // of each sample's prose
	words   []int // of each sample's prose
}

// Sampling bounds. A sample is long enough for lingua's trigram model and
// short enough that five of them cost a few milliseconds to judge.
const (
	sampleSize       = 2 << 10
	maxSamples       = 5
	firstSampleGap   = 4 << 10
	thirdSampleStart = 10 << 10
	sampleGapFactor  = 4
	prefixSize       = HeadSize
	maxWordSeek      = 64
	samplerChunkSize = 32 << 10
)

var _ TextSink = (*LanguageSampler)(nil)

// samplers holds the samplers of files whose text is read, for their
// buffers (some 40 KiB, the prefix's up to 64 KiB more): a scan made them
// for every text file, and before its first garbage collection each was
// fresh memory (cmd/internal/lategc).
var samplers = sync.Pool{New: func() any { return new(LanguageSampler) }}

// NewSampler returns a sampler for one file's text. Release gives it
// back when the file is done.
func (d *LanguageDetector) NewSampler() *LanguageSampler {
	s := samplers.Get().(*LanguageSampler)
	*s = LanguageSampler{det: d, buf: s.buf, prefix: s.prefix[:0], spare: s.spare, prose: s.prose,
		lower: s.lower, samples: s.samples[:0], letters: s.letters[:0], words: s.words[:0]}
	return s
}

// Release gives the sampler's buffers to the next file's sampler. Nothing
// of them outlives Result, which copies each sample's prose; the sampler
// must not be used after Release.
func (s *LanguageSampler) Release() {
	clear(s.samples[:cap(s.samples)]) // the strings, for the collector
	s.det = nil
	samplers.Put(s)
}

// Text implements TextSink. It reads r to its end even when it has all
// the samples it needs: the reader may be feeding the file's hash.
func (s *LanguageSampler) Text(part string, r io.Reader) error {
	if s.buf == nil {
		s.buf = make([]byte, samplerChunkSize)
	}
	if s.parts++; s.parts > 1 {
		s.write([]byte{'\n'}) // parts are separate texts: no word spans two
	}
	for {
		n, err := r.Read(s.buf)
		s.write(s.buf[:n])
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read text of part %q: %w", part, err)
		}
	}
}

// Writer returns a writer that samples one part of the text as Text does,
// for a caller that already reads the text for another purpose.
func (s *LanguageSampler) Writer(part string) io.Writer {
	if s.parts++; s.parts > 1 {
		s.write([]byte{'\n'})
	}
	return samplerWriter{s}
}

type samplerWriter struct{ s *LanguageSampler }

func (w samplerWriter) Write(b []byte) (int, error) {
	w.s.write(b)
	return len(b), nil
}

func (s *LanguageSampler) write(b []byte) {
	if s.flushed {
		s.feed(b)
		return
	}
	room := prefixSize - len(s.prefix)
	if len(b) < room {
		s.prefix = append(s.prefix, b...)
		return
	}
	s.prefix = append(s.prefix, b[:room]...)
	s.flush()
	s.feed(b[room:])
}

// flush hands the prefix to the collector, minus a byte-order mark and
// front matter but for the values of its prose fields: YAML keys and
// image paths are not the language of the text, its title and excerpt
// are.
func (s *LanguageSampler) flush() {
	if s.flushed {
		return
	}
	s.flushed = true
	body := s.prefix
	if block, end, format, ok := frontMatter(body); ok {
		s.feed(appendFrontMatterProse(nil, block, format))
		body = body[end:]
	} else if len(body) >= 3 && string(body[:3]) == "\xef\xbb\xbf" {
		body = body[3:]
	}
	s.feed(body)
	s.prefix = s.prefix[:0] // kept for the next file's sampler (Release)
}

// feed moves the collector along the body.
func (s *LanguageSampler) feed(b []byte) {
	for len(b) > 0 && len(s.samples) < maxSamples {
		if s.cur == nil && !s.seek {
			skip := s.next - s.pos
			if skip >= int64(len(b)) {
				s.pos += int64(len(b))
				return
			}
			b = b[skip:]
			s.pos += skip
			if s.pos == 0 {
				s.cur = s.sampleBuffer()
			} else {
				s.seek, s.seekLeft = true, maxWordSeek
			}
		}
		if s.seek {
			// Start after a space, or at least on a rune boundary when the
			// script does not space its words.
			for len(b) > 0 && s.seek {
				c := b[0]
				b, s.pos, s.seekLeft = b[1:], s.pos+1, s.seekLeft-1
				if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
					s.seek = false
				} else if s.seekLeft <= 0 && len(b) > 0 && utf8.RuneStart(b[0]) {
					s.seek = false
				}
			}
			if s.seek {
				return
			}
			s.cur = s.sampleBuffer()
		}
		n := min(len(b), sampleSize-len(s.cur))
		s.cur = append(s.cur, b[:n]...)
		b, s.pos = b[n:], s.pos+int64(n)
		if len(s.cur) == sampleSize {
			s.endSample()
		}
	}
}

// sampleBuffer returns the empty storage for the next sample.
func (s *LanguageSampler) sampleBuffer() []byte {
	if s.spare == nil {
		s.spare = make([]byte, 0, sampleSize)
	}
	return s.spare[:0]
}

// nextSampleStart follows a sample that started at prev. The first three
// samples sit close together so that a text of a few KiB still gets three
// votes; after them the gaps grow four times each, so a long text is
// sampled from its start to far into it without knowing its length.
func nextSampleStart(prev int64) int64 {
	switch {
	case prev < firstSampleGap:
		return firstSampleGap
	case prev < thirdSampleStart:
		return thirdSampleStart
	}
	return prev * sampleGapFactor
}

// endSample keeps the prose of the sample being collected if the sample
// reads as prose and holds enough of it, and schedules the next one.
func (s *LanguageSampler) endSample() {
	cur := s.cur
	s.cur = nil
	s.next = max(nextSampleStart(s.next), s.pos)
	text := trimSample(cur)
	if !readsAsProse(text) {
		return
	}
	if s.prose == nil {
		s.prose = make([]byte, 0, sampleSize+1) // prose is at most a byte longer than its sample
	}
	var letters, words int
	s.prose, letters, words = appendProse(s.prose[:0], text)
	if enoughProse(letters, words) {
		s.lower = appendLower(s.lower[:0], s.prose)
		s.samples = append(s.samples, string(s.lower))
		s.letters = append(s.letters, letters)
		s.words = append(s.words, words)
	}
}

// trimSample cuts a sample at its last whole word, or its last whole rune
// for scripts without spaces.
func trimSample(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				b = b[:i]
			}
			break
		}
	}
	if len(b) < sampleSize/2 {
		return b
	}
	for i := len(b) - 1; i >= len(b)*3/4; i-- {
		if b[i] == ' ' || b[i] == '\n' {
			return b[:i]
		}
	}
	return b
}

// readsAsProse says whether a sample reads as prose: mostly letters, and
// few of the characters of markup, code or data (tables of numbers, JSON,
// HTML source).
func readsAsProse(b []byte) bool {
	var letters, visible, markup int
	var props *[bmpRunes]runeProp // looked up at the first rune beyond ASCII
	// Decoded in place: ranging over string(b) copied every sample.
	for i := 0; i < len(b); {
		if c := b[i]; c < utf8.RuneSelf {
			// ASCII, most of most samples, from a table.
			i++
			switch asciiClass[c] {
			case asciiLetter:
				letters++
				visible++
			case asciiMarkup:
				markup++
				visible++
			case asciiVisible:
				visible++
			}
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		i += n
		if props == nil {
			props = runeProps()
		}
		switch {
		case isLetter(props, r):
			letters++
			visible++
		case isSpace(props, r):
		default:
			visible++
		}
	}
	return letters > 0 && letters*2 >= visible && markup*5 <= letters
}

// The classes of ASCII characters readsAsProse counts.
const (
	asciiSpace = iota
	asciiLetter
	asciiMarkup
	asciiVisible
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			t[c] = asciiLetter
		case unicode.IsSpace(rune(c)):
			t[c] = asciiSpace
		case strings.IndexByte(`<>{}[]="\|_/:;`, byte(c)) >= 0:
			t[c] = asciiMarkup
		default:
			t[c] = asciiVisible
		}
	}
	return t
}()

// Result judges the samples and returns the languages of the text, most
// likely first; nil when no sample holds enough prose to judge (see
// minSampleWords) or gives a sure answer.
func (s *LanguageSampler) Result() []Language {
	s.flush()
	if s.cur != nil {
		s.endSample()
	}
	var votes []sampleVote
	for i, text := range s.samples {
		if v, ok := s.det.judge(text, s.letters[i], s.words[i]); ok {
			votes = append(votes, v)
		}
	}
	return tally(votes)
}

// appendLower appends b in lower case to dst, as strings.ToLower gives
// it: each rune mapped by unicode.ToLower, and each byte that is not
// UTF-8 replaced by U+FFFD. ASCII, most of most samples, goes a byte at
// a time, where strings.ToLower maps the whole text rune by rune once it
// holds one letter beyond ASCII.
func appendLower(dst, b []byte) []byte {
	var props *[bmpRunes]runeProp // looked up at the first rune beyond ASCII
	for i := 0; i < len(b); {
		if c := b[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		if props == nil {
			props = runeProps()
		}
		r, n := utf8.DecodeRune(b[i:])
		dst = utf8.AppendRune(dst, toLower(props, r))
		i += n
	}
	return dst
}

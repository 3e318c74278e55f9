package pii

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/consignhq/consign/detectors"
)

// HandleName names the social-media handle detector.
const HandleName = "pii/handle"

// Bounds of a handle and of the text read around one.
const (
	minHandle = 2  // "@a" names no one we could tell
	maxHandle = 39 // GitHub's limit, the longest of the platforms'
	// handleContext is how far a detector reads around a handle: the
	// record a name key sits in, the line a decorator stands on.
	handleContext = 512
)

// Handle finds social-media handles: "@name" mentions in prose and
// markup, Fediverse addresses ("@name@instance.social"), the account in
// the profile URL of a social platform ("instagram.com/name",
// "https://mastodon.social/@name"), and the name of a commenter or user
// in a data record ("name: gerard" beside "message:" and "avatar:") that
// is a single token or no person-like name (pii/name reports those).
//
// An '@' that code or markup gives a meaning is no handle: an address or
// a "user@host" login (a letter before the '@'), a decorator or an
// annotation (on a line of its own before a declaration, or called:
// "@app.route(...)"), an npm scope ("@babel/core"), a CSS at-rule or a
// Razor directive, a JSDoc tag, an SQL variable ("SET @n = 1"), an image
// density suffix ("@2x").
type Handle struct{ textOnly }

var _ detectors.TextDetector = (*Handle)(nil)

// NewHandle returns the social-media handle detector.
func NewHandle(detectors.Config) detectors.Detector { return &Handle{} }

// Name implements detectors.Detector.
func (*Handle) Name() string { return HandleName }

// Version implements the pipeline's versioned detector: "2" reads a
// GitHub account from its profile page only, not from its projects'
// pages; "3" reads no account from Flickr's own pages (tags, groups).
func (*Handle) Version() string { return "3" }

// MaxLen implements detectors.TextDetector: a match is short, but
// whether it is one is decided from the record or lines around it.
func (*Handle) MaxLen() int { return handleContext }

// FindKey implements detectors.FindKeyer: Find reads whether the item is
// source code, where an '@' starts a decorator or an annotation.
func (*Handle) FindKey(item *detectors.Item) string {
	if sourceFile(item.Path) {
		return "source"
	}
	return ""
}

// Find implements detectors.TextDetector. It looks only around '@' bytes,
// around the domains of the platforms, and at the name keys of records.
func (*Handle) Find(item *detectors.Item, chunk []byte) []detectors.Match {
	var out []detectors.Match
	code := item != nil && sourceFile(item.Path)
	if !code {
		out = appendAtEach(out, chunk, "@", mentionAt)
	}
	// A link whose text is a mention of the account it links to
	// ("[@jake](https://twitter.com/jake)") holds the handle twice: each
	// is a match, so that each is masked, in the copy and in the other's
	// excerpt.
	mentions := len(out)
	out = findProfileURLs(chunk, out, code)
	for k := mentions; k < len(out); k++ {
		// An avatar or profile URL of a comment's author names them.
		ls := bytes.LastIndexByte(chunk[:out[k].Start], '\n') + 1
		if key, _, le := recordKey(chunk, ls); key != nil && recordPersonKeys.has(key) && commentRecord(chunk, ls, le) {
			out[k].Severity = detectors.SeverityMedium
		}
	}
	if !code {
		out = findRecordHandles(item, chunk, out)
	}
	slices.SortFunc(out, func(a, b detectors.Match) int { return a.Start - b.Start })
	return out
}

// sourceExts are the extensions of source code and stylesheets, where
// '@' is syntax (annotations in parameter lists, "foo(@Nullable T x)",
// decorators, at-rules, variables) far more often than a mention, and
// GitHub URLs link to code and issues more than to people; and a name
// key there is a struct's field ("name: \"zero size\"" in a test table).
// Only their profile URLs of other platforms are read.
var sourceExts = newWordSet("java kt kts scala groovy gradle sbt py pyi pyx ts tsx mts cts js jsx mjs cjs cs " +
	"cshtml razor vb fs swift m mm php rb go c h cc cpp cxx hpp hh rs dart sql css scss sass less styl vue svelte " +
	"proto sh bash zsh fish ps1 psm1 bat cmd pl pm r jl lua ex exs erl hs clj cljs tf hcl nim zig mk cmake pxd g4")

// buildFiles are the build scripts and the package manifests and lock
// files of package managers, whose "@" are package scopes and whose URLs
// are packages' repositories.
var buildFiles = newWordSet("Makefile GNUmakefile Dockerfile package.json package-lock.json yarn.lock " +
	"pnpm-lock.yaml Cargo.toml Cargo.lock go.mod go.sum composer.json composer.lock Gemfile Gemfile.lock " +
	"poetry.lock Pipfile.lock tsconfig.json .eslintrc.json .eslintrc .babelrc deno.json deno.lock")

// sourceFile reports whether path names a source code or build file.
func sourceFile(path string) bool {
	base := path[strings.LastIndexByte(path, '/')+1:]
	if buildFiles.has([]byte(base)) {
		return true
	}
	dot := strings.LastIndexByte(base, '.')
	return dot > 0 && sourceExts.has([]byte(strings.ToLower(base[dot+1:])))
}

// handleByte reports the bytes of a handle: letters, digits and '_'; '.'
// and '-' only inside one (see readHandle).
func handleByte(c byte) bool { return isWordByte(c) }

// readHandle reads a handle's name at chunk[i:]: letters, digits and
// '_', with single '.' or '-' between them when dotted. It returns
// where the name ends.
func readHandle(chunk []byte, i int, dotted bool) int {
	e := i
	for e < len(chunk) && e-i <= maxHandle {
		c := chunk[e]
		switch {
		case handleByte(c):
			e++
		case (c == '-' || (c == '.' && dotted)) && e > i && e+1 < len(chunk) && isAlnum(chunk[e+1]):
			e++
		default:
			return e
		}
	}
	return e
}

// mentionBefore lists the bytes after which an '@' may start a mention:
// spaces, opening brackets and quotes, and the punctuation of lists and
// labels. A letter, a digit or '.', '_', '-', '+' before it make an
// address or a login ("jo@host"), '/' a URL path, '`' inline code, '{'
// a template's variable ("{{@index}}") or a doc comment's inline tag.
func mentionBefore(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '(', '[', '"', '\'', '>', ',', ';', ':', '!', '?', '*', '|', '~':
		return true
	}
	return false
}

// mentionAt reads the mention whose '@' is chunk[at].
func mentionAt(chunk []byte, at int) (detectors.Match, bool) {
	if at > 0 && !mentionBefore(chunk[at-1]) && !quoteBefore(chunk, at) {
		return detectors.Match{}, false
	}
	s := at + 1
	e := readHandle(chunk, s, true)
	name := chunk[s:e]
	if len(name) < minHandle || len(name) > maxHandle || !hasASCIILetter(name) || numberWithUnit(name) {
		return detectors.Match{}, false
	}
	if e < len(chunk) {
		switch c := chunk[e]; {
		case c == '@':
			return fediverseAt(chunk, at, e)
		case c == '/' || c == '(' || c == '{' || c == '=' || c == '\\' || c == '`' || c == ';' ||
			c == ':' && alnumAt(chunk, e+1):
			// A scope ("@babel/core"), a call ("@Html.Raw(x)"), markup,
			// a stylesheet's variable ("color: @accent;") or a marker
			// ("@formatter:off").
			return detectors.Match{}, false
		case c >= utf8.RuneSelf:
			if r, _ := utf8.DecodeRune(chunk[e:]); unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) {
				return detectors.Match{}, false // the name goes on beyond ASCII
			}
		}
	}
	lower := strings.ToLower(string(name))
	if codeAtWords.has([]byte(lower)) || docTags.has([]byte(lower)) || dottedCode(name) || codeMention(chunk, at, e) {
		return detectors.Match{}, false
	}
	return detectors.Match{
		Start: at, End: e, Value: "@" + lower,
		Kind: "social_handle", Severity: detectors.SeverityLow, Confidence: 0.75,
	}, true
}

// quoteBefore reports a typographic quote or bracket before i: “@name”.
func quoteBefore(chunk []byte, i int) bool {
	for _, q := range []string{"“", "‘", "«", "（"} {
		if bytes.HasSuffix(chunk[:i], []byte(q)) {
			return true
		}
	}
	return false
}

func hasASCIILetter(b []byte) bool {
	return slices.ContainsFunc(b, isLetter)
}

// fediverseAt reads "@name@instance.tld" from the first '@' at at; the
// second '@' is chunk[second].
func fediverseAt(chunk []byte, at, second int) (detectors.Match, bool) {
	e := second + 1
	for e < len(chunk) && e-second <= maxDomain && isDomainByte(chunk[e]) {
		e++
	}
	for e > second+1 && (chunk[e-1] == '.' || chunk[e-1] == '-') {
		e--
	}
	domain := strings.ToLower(string(chunk[second+1 : e]))
	labels := strings.Split(domain, ".")
	if len(labels) < 2 || !validLabels(labels) || !isTLD(labels[len(labels)-1]) || alnumAt(chunk, e) ||
		(e < len(chunk) && (chunk[e] == '@' || chunk[e] == ':' && alnumAt(chunk, e+1))) {
		return detectors.Match{}, false
	}
	name := strings.ToLower(string(chunk[at+1 : second]))
	if strings.Contains(name, ".") {
		return detectors.Match{}, false
	}
	return detectors.Match{
		Start: at, End: e, Value: "@" + name + "@" + domain,
		Kind: "social_handle", Severity: detectors.SeverityLow, Confidence: 0.9,
	}, true
}

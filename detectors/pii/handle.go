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

// Find implements detectors.TextDetector. It looks only around '@' bytes,
// around the domains of the platforms, and at the name keys of records.
func (*Handle) Find(item *detectors.Item, chunk []byte) []detectors.Match {
	var out []detectors.Match
	code := item != nil && sourceFile(item.Path)
	for i := 0; i < len(chunk) && !code; {
		k := bytes.IndexByte(chunk[i:], '@')
		if k < 0 {
			break
		}
		at := i + k
		i = at + 1
		if m, ok := mentionAt(chunk, at); ok {
			out = append(out, m)
			i = m.End
		}
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

// codeAtWords follow an '@' in code and markup, never as a handle:
// CSS and Sass at-rules, Razor and Blade directives, cron's schedules,
// batch files' "@echo", the group mentions of chat tools, which name
// no one, and JSON-LD's keywords ("@context", "@type").
var codeAtWords = newWordSet("media import font-face keyframes supports charset page namespace layer container " +
	"include mixin extend use forward if else each for while function return tailwind apply screen property " +
	"counter-style document viewport font-feature-values model using inject section functions code inherits " +
	"layout implements addtaghelper foreach switch do try lock helper endif endforeach endsection yield " +
	"await attribute typeparam rendermode csrf php endphp verbatim endverbatim endpush endfor endwhile endunless " +
	"endisset endempty endswitch endauth endguest interface implementation end synthesize protocol optional " +
	"required selector autoreleasepool dynamic synchronized encode " +
	"reboot yearly annually monthly weekly daily midnight hourly echo here channel everyone all " +
	"context id vocab value graph set list index language reverse base container nest none included direction " +
	"propagate prefix json")

// dottedCode reports a dotted name that reads as code: a member after
// the first part that starts with a capital ("@Model.Title") or a
// decorator's module path ("@pytest.mark", "@app.route").
func dottedCode(name []byte) bool {
	dot := bytes.IndexByte(name, '.')
	if dot < 0 {
		return false
	}
	parts := bytes.Split(name[dot+1:], []byte{'.'})
	for _, part := range parts {
		if len(part) > 0 && isUpper(part[0]) {
			return true
		}
	}
	last := string(bytes.ToLower(parts[len(parts)-1]))
	return decoratorModules.has(bytes.ToLower(name[:dot])) || len(last) == 2 || domainEndings[last]
}

// domainEndings end a dotted name that is a domain ("@gmail.com" in a
// quoted address), not an account.
var domainEndings = map[string]bool{
	"com": true, "net": true, "org": true, "edu": true, "gov": true, "io": true, "info": true, "biz": true,
}

// decoratorModules are the objects Python decorators are most often
// read from.
var decoratorModules = newWordSet("app router bp blueprint pytest mock patch functools abc typing dataclasses " +
	"staticmethod classmethod property celery api admin login_manager click unittest torch jax numba")

// declarationWords start the declaration that an annotation or a
// decorator on the line before applies to, or follow one on its line.
var declarationWords = newWordSet("def async class public private protected internal static final abstract " +
	"override fun func function void export sealed suspend interface")

// docTags are the tags of JSDoc, Javadoc and PHPDoc comments; as
// handles they would name no one anyway.
var docTags = newWordSet("param params arg argument return returns throws throw exception author since see " +
	"deprecated type typedef example todo link inheritdoc version module license copyright package api internal " +
	"method uses global access abstract const constant default description enum event fires file fileoverview " +
	"memberof namespace class constructor requires summary this async readonly template callback private public " +
	"protected static override var property implements extends interface override generated title")

// sqlWords, written in capitals before an '@', make it an SQL variable.
var sqlWords = newWordSet("DECLARE SET SELECT WHERE AND OR BY VALUES EXEC EXECUTE INTO THEN WHEN IN AS ON FROM RETURN IS LIKE")

// codeMention reports an '@' at at, its name ending at e, that code gives
// a meaning: an annotation or decorator, a doc comment's tag, an SQL
// variable.
func codeMention(chunk []byte, at, e int) bool {
	ls := at
	for ls > 0 && chunk[ls-1] != '\n' && at-ls < handleContext/2 {
		ls--
	}
	lead := bytes.TrimLeft(chunk[ls:at], " \t")
	if ls < at && chunk[ls] == '\t' && len(lead) == 0 {
		return true // a Makefile's recipe line, not echoed: "\t@command -v rg"
	}
	rest := chunk[e:]
	if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	spaced := len(rest) > 0 && (rest[0] == ' ' || rest[0] == '\t')
	rest = bytes.TrimSpace(rest)
	// An annotation in a comment: "// @VisibleForTesting".
	if commentLead(lead) && len(rest) == 0 && isUpper(chunk[at+1]) {
		return true
	}
	// An assignment or comparison: "@count = 5", "SET @x := 1".
	if spaced && operatorAhead(rest) {
		return true
	}
	// A stylesheet's variable set: "@accent: #f60;".
	if len(rest) > 1 && rest[0] == ':' && rest[len(rest)-1] == ';' {
		return true
	}
	if w := lastWord(chunk[ls:at]); sqlWords.has(w) {
		return true
	}
	// An operand: "id = @id", "WHERE n > @min"; not the '>' that ends a
	// tag before a link's text ("<a href=...>@jake</a>").
	if p := bytes.TrimRight(chunk[ls:at], " \t"); len(p) > 0 &&
		(p[len(p)-1] == '=' || len(p) < at-ls && strings.IndexByte("<>+*|", p[len(p)-1]) >= 0) {
		return true
	}
	if len(lead) != 0 {
		return false
	}
	// An annotation before its declaration on the same line
	// ("@Override public void run()"), or on a line of its own before
	// one, or before another annotation.
	if len(rest) > 0 {
		return declarationWords.has(bytes.ToLower(firstWord(rest)))
	}
	// Annotations stack: past the lines that start with one, the
	// declaration decides.
	next := chunk[e:]
	for range 8 {
		nl := bytes.IndexByte(next, '\n')
		if nl < 0 {
			return false
		}
		next = bytes.TrimLeft(next[nl+1:], " \t")
		if len(next) == 0 || next[0] != '@' {
			break
		}
	}
	if declarationWords.has(bytes.ToLower(firstWord(next))) {
		return true
	}
	// A declaration without a keyword: a field ("Long id;"), a block.
	if nl := bytes.IndexByte(next, '\n'); nl >= 0 {
		next = next[:nl]
	}
	next = bytes.TrimRight(next, " \t\r")
	return len(next) > 0 && strings.IndexByte(";{", next[len(next)-1]) >= 0
}

// numberWithUnit reports a name that is a number and a short unit: a
// time, a rate or a density ("@5pm", "@60fps", "@1080p", "@2x").
func numberWithUnit(name []byte) bool {
	d := 0
	for d < len(name) && (isDigit(name[d]) || d > 0 && name[d] == '.') {
		d++
	}
	return d > 0 && len(name)-d <= 3
}

// commentLead reports whether lead, the start of a line before an '@',
// opens a comment.
func commentLead(lead []byte) bool {
	lead = bytes.TrimRight(lead, " \t")
	for _, m := range []string{"//", "///", "/*", "/**", "*", "#", "--", ";"} {
		if string(lead) == m {
			return true
		}
	}
	return false
}

// operatorAhead reports whether rest starts with an assignment or a
// comparison, standing alone: "= 5", ":= 1", "< 10", ">= @max".
func operatorAhead(rest []byte) bool {
	for _, op := range []string{":=", "!=", "<>", "<=", ">=", "=", "<", ">"} {
		if bytes.HasPrefix(rest, []byte(op)) && (len(rest) == len(op) || rest[len(op)] == ' ') {
			return true
		}
	}
	return false
}

// firstWord is the run of word bytes that b starts with.
func firstWord(b []byte) []byte {
	e := 0
	for e < len(b) && isWordByte(b[e]) {
		e++
	}
	return b[:e]
}

// lastWord is the last run of word bytes in b, before trailing spaces.
func lastWord(b []byte) []byte {
	b = bytes.TrimRight(b, " \t")
	s := len(b)
	for s > 0 && isWordByte(b[s-1]) {
		s--
	}
	return b[s:]
}

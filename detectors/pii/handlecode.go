package pii

// The '@' of code and markup, which names no account.

import (
	"bytes"
	"strings"
)

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

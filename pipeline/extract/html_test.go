package extract

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// textCollector is a TextSink that keeps what it is given, for tests.
type textCollector struct {
	parts []string
	text  bytes.Buffer
	limit int // stop reading after limit bytes when > 0
}

func (c *textCollector) Text(part string, r io.Reader) error {
	c.parts = append(c.parts, part)
	if c.limit > 0 {
		_, err := io.CopyN(&c.text, r, int64(c.limit))
		if err == io.EOF {
			err = nil
		}
		return err
	}
	_, err := io.Copy(&c.text, r)
	return err
}

func runHTML(t testing.TB, page string, sink TextSink) *Result {
	t.Helper()
	src := &Source{Path: "p.html", Size: int64(len(page)), R: strings.NewReader(page), MediaType: "text/html"}
	src.Head = []byte(page[:min(len(page), HeadSize)])
	res := &Result{Sink: sink}
	if err := NewHTML().Extract(t.Context(), src, res); err != nil {
		res.Errors = append(res.Errors, err)
	}
	return res
}

const blogPage = `<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>  My   trip
 to Lyon </title>
<meta name="author" content="Jane Doe">
<meta name="description" content="Notes from a weekend.">
<meta name="keywords" content="travel, lyon">
<meta name="tdm-reservation" content="1">
<meta name="tdm-policy" content="https://example.com/tdm.json">
<meta property="og:title" content="Trip (og)">
<meta property="article:published_time" content="2021-06-03T14:22:10+02:00">
<meta name="generator" content="Hugo 0.110">
<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">
<link rel="c2pa-manifest" href="/credentials/trip.c2pa">
<style>body { color: red }</style>
<script>var secret = "not text";</script>
</head><body>
<nav><a href="/">Home</a></nav>
<article><h1>My trip</h1><time datetime="2021-06-04">June 4</time>
<p>We took the   train &amp; arrived
at noon.</p><noscript>Enable JS</noscript>
<pre>line one
  line two</pre>
<table><tr><td>a</td><td>b</td></tr></table>
<template><p>hidden</p></template>
<p>Caf&eacute; au lait<br>next line</p>
</article></body></html>`

func TestHTML(t *testing.T) {
	var sink textCollector
	res := runHTML(t, blogPage, &sink)
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	checkTags(t, res, map[string]string{
		"title": "My trip to Lyon", "author": "Jane Doe", "description": "Notes from a weekend.",
		"keywords": "travel, lyon", "language_tag": "en-GB", "software": "Hugo 0.110",
	})
	checkFields(t, res, map[string]string{
		"html:meta:tdm-reservation": "1", "html:meta:tdm-policy": "https://example.com/tdm.json",
		"html:meta:og:title": "Trip (og)", "html:link:license": "https://creativecommons.org/licenses/by/4.0/",
		"html:link:c2pa-manifest": "/credentials/trip.c2pa",
	})
	checkDate(t, res, "2021-06-03T14:22:10+02:00", RankFrontMatter)
	if len(res.Dates) != 2 || res.Dates[0].Source != "html:meta:article:published_time" || res.Dates[1].Source != "html:time" {
		t.Errorf("dates = %+v", res.Dates)
	}
	want := "Home\nMy trip\nJune 4\nWe took the train & arrived at noon.\nline one\n  line two\na b\nCafé au lait\nnext line\n"
	if got := sink.text.String(); got != want {
		t.Errorf("visible text:\n%q\nwant\n%q", got, want)
	}
	if res.TextBytes != int64(len(want)) {
		t.Errorf("TextBytes = %d, want %d", res.TextBytes, len(want))
	}
}

func TestHTMLCases(t *testing.T) {
	tests := []struct {
		name     string
		page     string
		sink     *textCollector
		wantText string
		wantTags map[string]string
		wantDate string
	}{
		{
			name:     "no sink still reads metadata at the end",
			page:     "<p>x</p><meta name=author content=Late>",
			wantTags: map[string]string{"author": "Late"},
		},
		{
			name:     "sink stops early",
			page:     "<p>" + strings.Repeat("word ", 1000) + "</p><meta name=citation_publication_date content=2019/03/04>",
			sink:     &textCollector{limit: 10},
			wantText: "word word ",
			wantDate: "2019-03-04",
		},
		{
			name:     "latin-1 page",
			page:     "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body>na\xefve</body></html>",
			sink:     &textCollector{},
			wantText: "naïve",
			wantTags: map[string]string{"title": "Café"},
		},
		{
			name:     "unclosed script hides the rest",
			page:     "<p>a</p><script>b",
			sink:     &textCollector{},
			wantText: "a\n",
		},
		{
			name:     "xhtml lang",
			page:     `<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="de"><body><p>Hallo</p></body></html>`,
			sink:     &textCollector{},
			wantText: "Hallo\n",
			wantTags: map[string]string{"language_tag": "de"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sink TextSink
			if tt.sink != nil {
				sink = tt.sink
			}
			res := runHTML(t, tt.page, sink)
			if len(res.Errors) > 0 {
				t.Fatalf("errors: %v", res.Errors)
			}
			if tt.sink != nil && tt.sink.text.String() != tt.wantText {
				t.Errorf("text = %q, want %q", tt.sink.text.String(), tt.wantText)
			}
			checkTags(t, res, tt.wantTags)
			checkDate(t, res, tt.wantDate, RankFrontMatter)
		})
	}
}

func TestHTMLBounds(t *testing.T) {
	t.Run("many metas", func(t *testing.T) {
		page := strings.Repeat(`<meta name="x" content="y">`, 1000)
		res := runHTML(t, page, nil)
		if len(res.Fields) != maxHTMLMeta {
			t.Fatalf("%d fields, want %d", len(res.Fields), maxHTMLMeta)
		}
	})
	t.Run("token over the limit", func(t *testing.T) {
		page := "<p>" + strings.Repeat("x", maxHTMLToken+1)
		res := runHTML(t, page, &textCollector{})
		if len(res.Errors) != 1 {
			t.Fatalf("errors = %v, want one", res.Errors)
		}
	})
}

// TestHTMLUnshown: what a page carries but does not show (the targets of
// mailto: and tel: links, comments, processing instructions but the XML
// declaration) becomes fields for the detectors.
func TestHTMLUnshown(t *testing.T) {
	page := `<?xml version="1.0" encoding="utf-8"?><html><head><!-- built for ops@example.org --><?php mail('ann@example.com'); ?></head><body>
<p>Write to <a href=" MAILTO:jane@example.com?subject=Hi">me</a> or
<a href="tel:+44 20 7946 0958">call</a>. <a href="https://example.com/">site</a>
<map><area href="mailto:desk@example.com"></map>
<!----><!--   --><!--
 old contact: bob@example.net
--></p></body></html>`
	var sink textCollector
	res := runHTML(t, page, &sink)
	var got []string
	for _, f := range res.Fields {
		got = append(got, f.Name+"="+f.Value)
	}
	want := []string{
		"html:link:mailto=MAILTO:jane@example.com?subject=Hi",
		"html:link:tel=tel:+44 20 7946 0958",
		"html:link:mailto=mailto:desk@example.com",
		"html:comment=built for ops@example.org",
		"html:comment=php mail('ann@example.com');",
		"html:comment=old contact: bob@example.net",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("fields:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if strings.Contains(sink.text.String(), "example") {
		t.Errorf("link targets or comments in the visible text: %q", sink.text.String())
	}
}

// TestHTMLEmbeds: the sources of what a page loads from elsewhere, and
// the cite URL of a block quote, become html:embed fields for the rights
// detectors.
func TestHTMLEmbeds(t *testing.T) {
	page := `<html><body>
<img alt="sunset" src="https://images.other.org/sunset.jpg">
<img class="lazy" data-src="/img/own.jpg">
<iframe width="560" src="https://www.youtube.com/embed/abc123"></iframe>
<video controls><source src="https://cdn.other.org/clip.mp4" type="video/mp4"></video>
<object data="https://other.org/movie.swf"></object>
<blockquote cite="https://other.org/essay"><p>Someone else's words.</p></blockquote>
<blockquote><p>Words without a source.</p></blockquote>
</body></html>`
	res := runHTML(t, page, nil)
	var got []string
	for _, f := range res.Fields {
		got = append(got, f.Name+"="+f.Value)
	}
	want := []string{
		"html:embed:img=https://images.other.org/sunset.jpg",
		"html:embed:img=/img/own.jpg",
		"html:embed:iframe=https://www.youtube.com/embed/abc123",
		"html:embed:source=https://cdn.other.org/clip.mp4",
		"html:embed:object=https://other.org/movie.swf",
		"html:embed:blockquote=https://other.org/essay",
		"html:embed:blockquote=present",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("fields:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestHTMLUnshownBounds(t *testing.T) {
	t.Run("long comment split at characters", func(t *testing.T) {
		body := strings.Repeat("é", maxValueLen) // two bytes each
		res := runHTML(t, "<!--"+body+"-->", nil)
		var total int
		for _, f := range res.Fields {
			if !utf8.ValidString(f.Value) || len(f.Value) > maxValueLen {
				t.Fatalf("value of %d bytes, valid UTF-8 %v", len(f.Value), utf8.ValidString(f.Value))
			}
			total += len(f.Value)
		}
		if total != len(body) {
			t.Errorf("%d bytes of comment recorded, want %d", total, len(body))
		}
	})
	t.Run("comment bytes", func(t *testing.T) {
		res := runHTML(t, "<!--"+strings.Repeat("x", 2*maxHTMLCommentText)+"-->", nil)
		var total int
		for _, f := range res.Fields {
			total += len(f.Value)
		}
		if total != maxHTMLCommentText {
			t.Errorf("%d bytes of comments, want %d", total, maxHTMLCommentText)
		}
	})
	t.Run("many comments and links", func(t *testing.T) {
		page := strings.Repeat("<!--x--><a href='tel:1'>", 1000)
		res := runHTML(t, page, nil)
		if len(res.Fields) != maxHTMLComments+maxHTMLContacts {
			t.Errorf("%d fields, want %d", len(res.Fields), maxHTMLComments+maxHTMLContacts)
		}
	})
}

func FuzzHTML(f *testing.F) {
	f.Add([]byte(blogPage))
	f.Add([]byte("<html lang=fr><title>t</title><meta property=og:x content=1><pre>a\n b</pre>"))
	f.Add([]byte("<article><time datetime='2021-01-01'>x</time></article><script>"))
	f.Add([]byte("<!-- a@b.c --><a href='mailto:x@y.z'>x</a><area href=tel:1><!--"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var sink textCollector
		res := runHTML(t, string(data), &sink)
		if len(res.Fields) > maxHTMLMeta+1+maxHTMLEmbeds+maxHTMLContacts+maxHTMLComments {
			t.Fatalf("%d fields", len(res.Fields))
		}
		if int64(sink.text.Len()) != res.TextBytes {
			t.Fatalf("TextBytes %d, sink got %d", res.TextBytes, sink.text.Len())
		}
		// Visible text is decoded from the page: it cannot outgrow the
		// page by more than entity expansion and re-encoding allow.
		if sink.text.Len() > 4*len(data)+16 {
			t.Fatalf("%d bytes of text from %d bytes of page", sink.text.Len(), len(data))
		}
	})
}

package extract

import (
	"bytes"
	"strings"
)

// Bounds on what a page holds outside its visible text.
const (
	maxHTMLContacts    = 64       // mailto: and tel: links recorded
	maxHTMLCommentText = 64 << 10 // bytes of comments recorded
	maxHTMLComments    = 64       // comment values recorded
)

// noteContact records a link's mailto: or tel: target as
// "html:link:mailto" or "html:link:tel": a page often gives an address or
// number only there ("<a href=mailto:…>Write to me</a>"), so the visible
// text never shows it, yet the page ships with it.
func (m *htmlMeta) noteContact(href string) {
	href = strings.TrimSpace(href)
	scheme, _, ok := strings.Cut(href, ":")
	if !ok || len(m.contacts) >= maxHTMLContacts || len(href) > maxValueLen {
		return
	}
	scheme = strings.ToLower(scheme)
	if scheme != "mailto" && scheme != "tel" {
		return
	}
	m.contacts = append(m.contacts, Field{Name: "html:link:" + scheme, Value: href})
}

// commentText is what a page's comment token says, from its raw bytes
// and its text: a processing instruction the tokenizer reads as a bogus
// comment (<?php … ?>) without its question marks, and nothing for the
// XML declaration (<?xml version="1.0"?>), which is not a comment.
func commentText(raw, text []byte) ([]byte, bool) {
	if !bytes.HasPrefix(raw, []byte("<?")) {
		return text, true
	}
	if xmlDeclaration(raw) {
		return nil, false
	}
	text = bytes.TrimPrefix(text, []byte("?"))
	return bytes.TrimSuffix(text, []byte("?")), true
}

// xmlDeclaration reports whether the raw token is an XML declaration.
func xmlDeclaration(raw []byte) bool {
	return len(raw) > 6 && bytes.EqualFold(raw[:5], []byte("<?xml")) && (raw[5] == ' ' || raw[5] == '\t' || raw[5] == '\r' || raw[5] == '\n')
}

// noteComment records a comment's text as "html:comment", in values of at
// most maxValueLen bytes, up to maxHTMLComments values and
// maxHTMLCommentText bytes for the page: comments
// are not shown, but they ship with the page, and commented-out contact
// details or notes are common in exported pages.
func (m *htmlMeta) noteComment(b []byte) {
	for len(b) > 0 && m.commentBytes < maxHTMLCommentText && len(m.comments) < maxHTMLComments {
		n := min(len(b), maxValueLen, maxHTMLCommentText-m.commentBytes)
		if n < len(b) {
			n = runeCut(b, n)
		}
		if v := strings.TrimSpace(string(b[:n])); v != "" {
			m.comments = append(m.comments, Field{Name: "html:comment", Value: v})
		}
		m.commentBytes += n
		b = b[n:]
	}
}

// runeCut moves a cut at n back to the start of a UTF-8 sequence, so a
// value never ends in half a character; it never returns 0 for n > 0.
func runeCut(b []byte, n int) int {
	for i := n; i > n-4 && i > 0; i-- {
		if b[i]&0xC0 != 0x80 {
			return i
		}
	}
	return n
}

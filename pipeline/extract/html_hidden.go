package extract

import "strings"

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

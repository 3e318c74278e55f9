package pii

import (
	"bytes"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// maxHost bounds the host name read before a profile path.
const maxHost = 64

// profileRule reads the account from the path segments of a platform's
// URL: it returns the index of the segment naming it, or -1.
type profileRule struct {
	// scheme: the URL must start with "http(s)://" or "www.": the
	// bare host is read too often as something else (Go import paths
	// "github.com/org/repo").
	scheme   bool
	account  func(segs [][]byte) int
	nameByte func(c byte) bool
	maxName  int
}

// Paths of the platforms that name no account: share and intent links,
// searches, posts, help pages.
var (
	twitterPaths   = newWordSet("intent share hashtag search home i settings explore notifications messages login signup tos privacy about download compose who_to_follow widgets.js oauth account logout rules jobs")
	instagramPaths = newWordSet("p reel reels explore accounts tv about developer legal direct stories web challenge emails")
	facebookPaths  = newWordSet("sharer.php sharer share share.php dialog plugins groups events pages profile.php photo.php photo watch hashtag login login.php help policies privacy business ads tr l.php story.php permalink.php people media marketplace gaming video.php home.php settings legal about notes photos.php pg fundraisers")
	githubPaths    = newWordSet("about features pricing orgs settings login join marketplace explore topics trending sponsors collections site security enterprise apps search notifications new contact customer-stories readme team events codespaces issues pulls gist logout signup organizations")
	flickrPaths    = newWordSet("tags search upload organize groups explore")
	behancePaths   = newWordSet("gallery galleries search joblist assets blog about login signup")
	dribbblePaths  = newWordSet("shots tags search jobs designers stories signup session about tags learn pro")
	soundPaths     = newWordSet("discover search upload stream you charts pages terms-of-use pro jobs mobile imprint signin")
	vimeoPaths     = newWordSet("channels groups categories ondemand search watch upload blog features join log_in help about manage album showcase video")
)

func firstSeg(reserved *wordSet) func(segs [][]byte) int {
	return func(segs [][]byte) int {
		if len(segs) == 0 || reserved.has(bytes.ToLower(segs[0])) {
			return -1
		}
		return 0
	}
}

// onlySeg reads the account of a profile page, a path of one segment:
// deeper paths ("github.com/org/repo/issues/1") name a project, which a
// person, a team or a company may own, and its pages are what a post
// about software links to.
func onlySeg(reserved *wordSet) func(segs [][]byte) int {
	first := firstSeg(reserved)
	return func(segs [][]byte) int {
		if len(segs) != 1 {
			return -1
		}
		return first(segs)
	}
}

// reservedOut drops the account account reads where its segment is one
// of the platform's own pages ("flickr.com/photos/tags/sunset").
func reservedOut(account func(segs [][]byte) int, reserved *wordSet) func(segs [][]byte) int {
	return func(segs [][]byte) int {
		n := account(segs)
		if n >= 0 && reserved.has(bytes.ToLower(segs[n])) {
			return -1
		}
		return n
	}
}

// atSeg reads an account written "@name" in the first segment, or after
// one of prefixes ("c", "user" on YouTube).
func atSeg(prefixes ...string) func(segs [][]byte) int {
	return func(segs [][]byte) int {
		if len(segs) == 0 {
			return -1
		}
		if len(segs[0]) > 1 && segs[0][0] == '@' {
			return 0
		}
		if len(segs) > 1 {
			for _, p := range prefixes {
				if string(segs[0]) == p {
					return 1
				}
			}
		}
		return -1
	}
}

func isNameOrDot(c byte) bool  { return isWordByte(c) || c == '.' }
func isNameOrDash(c byte) bool { return isAlnum(c) || c == '-' }
func isSlugByte(c byte) bool   { return isWordByte(c) || c == '-' }

// profileRules are the platforms whose URLs name an account, by host
// without "www.", "m." or "mobile.".
var profileRules = map[string]profileRule{
	"twitter.com":    {account: firstSeg(twitterPaths), nameByte: isWordByte, maxName: 15},
	"x.com":          {scheme: true, account: firstSeg(twitterPaths), nameByte: isWordByte, maxName: 15},
	"instagram.com":  {account: firstSeg(instagramPaths), nameByte: isNameOrDot, maxName: 30},
	"facebook.com":   {account: firstSeg(facebookPaths), nameByte: isNameOrDot, maxName: 50},
	"fb.com":         {scheme: true, account: firstSeg(facebookPaths), nameByte: isNameOrDot, maxName: 50},
	"tiktok.com":     {account: atSeg(), nameByte: isNameOrDot, maxName: 24},
	"youtube.com":    {account: atSeg("c", "user"), nameByte: isSlugByte, maxName: 30},
	"github.com":     {scheme: true, account: onlySeg(githubPaths), nameByte: isNameOrDash, maxName: 39},
	"linkedin.com":   {account: atSeg("in", "pub"), nameByte: isSlugByte, maxName: 100},
	"threads.net":    {account: atSeg(), nameByte: isNameOrDot, maxName: 30},
	"medium.com":     {account: atSeg(), nameByte: isNameOrDot, maxName: 30},
	"flickr.com":     {account: reservedOut(atSeg("photos", "people"), flickrPaths), nameByte: isWordByte, maxName: 32},
	"behance.net":    {account: firstSeg(behancePaths), nameByte: isSlugByte, maxName: 32},
	"dribbble.com":   {account: firstSeg(dribbblePaths), nameByte: isSlugByte, maxName: 32},
	"soundcloud.com": {account: firstSeg(soundPaths), nameByte: isSlugByte, maxName: 32},
	"vimeo.com":      {account: firstSeg(vimeoPaths), nameByte: isWordByte, maxName: 32},
	"bsky.app":       {scheme: true, account: atSeg("profile"), nameByte: isNameOrDot, maxName: 64},
	"disqus.com":     {scheme: true, account: disqusAccount, nameByte: isSlugByte, maxName: 64},
}

// disqusAccount reads Disqus profile ("/by/name/") and avatar URLs
// ("/api/users/avatars/name.jpg"), which comment exports carry.
func disqusAccount(segs [][]byte) int {
	switch {
	case len(segs) >= 2 && string(segs[0]) == "by":
		return 1
	case len(segs) >= 4 && string(segs[0]) == "api" && string(segs[1]) == "users" && string(segs[2]) == "avatars":
		return 3
	}
	return -1
}

// findProfileURLs appends the accounts that profile URLs name: URLs with
// a scheme, and the bare hosts of the platforms ("instagram.com/name").
func findProfileURLs(chunk []byte, out []detectors.Match, code bool) []detectors.Match {
	out = appendAtEach(out, chunk, "://", func(chunk []byte, at int) (detectors.Match, bool) {
		return profileAt(chunk, at+3, true, code)
	})
	bareHost := func(chunk []byte, dot int) (detectors.Match, bool) {
		hs := dot
		for hs > 0 && dot-hs < maxHost && (isAlnum(chunk[hs-1]) || chunk[hs-1] == '.' || chunk[hs-1] == '-') {
			hs--
		}
		if hs > 0 && (chunk[hs-1] == '/' || chunk[hs-1] == '@' || chunk[hs-1] == '_' || chunk[hs-1] >= 0x80) {
			return detectors.Match{}, false // after "://" (read above), in an address or a path
		}
		return profileAt(chunk, hs, false, code)
	}
	for _, tail := range []string{".com/", ".net/"} {
		out = appendAtEach(out, chunk, tail, bareHost)
	}
	return findBlueskyHosts(chunk, out)
}

// profileAt reads a profile URL whose host starts at hs.
func profileAt(chunk []byte, hs int, scheme, code bool) (detectors.Match, bool) {
	he := hs
	for he < len(chunk) && he-hs <= maxHost && (isAlnum(chunk[he]) || chunk[he] == '.' || chunk[he] == '-') {
		he++
	}
	if he >= len(chunk) || chunk[he] != '/' || he == hs {
		return detectors.Match{}, false
	}
	host := strings.ToLower(string(chunk[hs:he]))
	bare := host
	for _, p := range []string{"www.", "m.", "mobile."} {
		if h, ok := strings.CutPrefix(bare, p); ok {
			bare = h
			scheme = scheme || p == "www."
			break
		}
	}
	segs, starts := pathSegments(chunk, he)
	rule, known := profileRules[bare]
	if !known {
		if scheme {
			return instanceProfile(chunk, host, segs, starts)
		}
		return detectors.Match{}, false
	}
	if rule.scheme && !scheme || code && bare == "github.com" {
		return detectors.Match{}, false
	}
	if len(segs) > 0 && string(segs[0]) == "#!" {
		segs, starts = segs[1:], starts[1:] // Twitter's old "/#!/name"
	}
	n := rule.account(segs)
	if n < 0 {
		return detectors.Match{}, false
	}
	s := starts[n]
	seg := segs[n]
	if len(seg) > 0 && seg[0] == '@' {
		s, seg = s+1, seg[1:]
	}
	e := 0
	for e < len(seg) && rule.nameByte(seg[e]) {
		e++
	}
	for e > 0 && (seg[e-1] == '.' || seg[e-1] == '-') {
		e--
	}
	name := seg[:e]
	if bare == "disqus.com" && n == 3 {
		// An avatar: the name before the image's extension.
		if dot := bytes.LastIndexByte(name, '.'); dot > 0 {
			name = name[:dot]
		}
	} else if e < len(seg) && seg[e] != '.' {
		return detectors.Match{}, false // the segment goes on in bytes no account has
	}
	if bare == "bsky.app" && bytes.HasPrefix(seg, []byte("did")) {
		return detectors.Match{}, false
	}
	if len(name) < minHandle || len(name) > rule.maxName || !hasASCIILetter(name) || bytes.HasSuffix(name, []byte(".php")) {
		return detectors.Match{}, false
	}
	return detectors.Match{
		Start: s, End: s + len(name), Value: "@" + strings.ToLower(string(name)),
		Kind: "social_handle", Severity: detectors.SeverityLow, Confidence: 0.9,
	}, true
}

// pathSegments splits the path that starts with the '/' at chunk[i] into
// its segments, up to a query, a fragment or the end of the URL, with
// the offset each starts at.
func pathSegments(chunk []byte, i int) (segs [][]byte, starts []int) {
	for len(segs) < 5 && i < len(chunk) && chunk[i] == '/' {
		s := i + 1
		e := s
		for e < len(chunk) && e-s < 128 && urlPathByte(chunk[e]) {
			e++
		}
		if e == s && !(e+1 < len(chunk) && chunk[e] == '#' && chunk[e+1] == '!') {
			break
		}
		if e == s {
			e += 2 // "#!"
		}
		segs, starts = append(segs, chunk[s:e]), append(starts, s)
		i = e
	}
	return segs, starts
}

func urlPathByte(c byte) bool {
	return isAlnum(c) || strings.IndexByte("-._~@%+!:", c) >= 0
}

// instanceProfile reads the account of a Mastodon-style profile URL on
// any instance: "https://mastodon.social/@name".
func instanceProfile(chunk []byte, host string, segs [][]byte, starts []int) (detectors.Match, bool) {
	labels := strings.Split(host, ".")
	if len(segs) == 0 || len(segs[0]) < 1+minHandle || segs[0][0] != '@' ||
		len(labels) < 2 || !validLabels(labels) || !isTLD(labels[len(labels)-1]) {
		return detectors.Match{}, false
	}
	// A profile, a post ("/@sam/1099"), or a tab of the profile; a
	// path that goes on is a package's ("registry.npmjs.org/@types/node/-/").
	if len(segs) > 2 || len(segs) == 2 && !allDigits(segs[1]) && !profileTabs.has(segs[1]) {
		return detectors.Match{}, false
	}
	seg := segs[0][1:]
	e := 0
	for e < len(seg) && isWordByte(seg[e]) {
		e++
	}
	if e < len(seg) && seg[e] != '.' || e < minHandle || e > maxHandle || !hasASCIILetter(seg[:e]) {
		return detectors.Match{}, false
	}
	s := starts[0] + 1
	return detectors.Match{
		Start: s, End: s + e, Value: "@" + strings.ToLower(string(seg[:e])) + "@" + strings.TrimPrefix(host, "www."),
		Kind: "social_handle", Severity: detectors.SeverityLow, Confidence: 0.85,
	}, true
}

// profileTabs are the pages of a Mastodon profile.
var profileTabs = newWordSet("with_replies media followers following")

func allDigits(b []byte) bool {
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return len(b) > 0
}

// findBlueskyHosts appends Bluesky handles written as their host name
// ("jane.bsky.social"), outside the URLs and mentions found before.
func findBlueskyHosts(chunk []byte, out []detectors.Match) []detectors.Match {
	const suffix = ".bsky.social"
	return appendAtEach(out, chunk, suffix, func(chunk []byte, dot int) (detectors.Match, bool) {
		e := dot + len(suffix)
		s := dot
		for s > 0 && dot-s < maxHandle && (isAlnum(chunk[s-1]) || chunk[s-1] == '-') {
			s--
		}
		if s == dot || (s > 0 && (chunk[s-1] == '.' || chunk[s-1] == '@' || chunk[s-1] == '/' && !afterScheme(chunk, s))) || alnumAt(chunk, e) {
			return detectors.Match{}, false
		}
		return detectors.Match{
			Start: s, End: e, Value: "@" + strings.ToLower(string(chunk[s:e])),
			Kind: "social_handle", Severity: detectors.SeverityLow, Confidence: 0.9,
		}, true
	})
}

// afterScheme reports whether s follows "://".
func afterScheme(chunk []byte, s int) bool {
	return s >= 3 && string(chunk[s-3:s]) == "://"
}

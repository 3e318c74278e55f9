package rights

import (
	"bytes"
	"path"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// aiCrawlers are the user agents of crawlers that gather text and images
// for AI training or AI answers, lower case. A robots.txt group that
// disallows them reserves the site from that use, as a TDM reservation
// does; blocking every agent ("User-agent: *") says nothing about AI.
var aiCrawlers = map[string]bool{
	"gptbot": true, "chatgpt-user": true, "oai-searchbot": true, "ccbot": true, "google-extended": true,
	"anthropic-ai": true, "claudebot": true, "claude-web": true, "claude-searchbot": true, "claude-user": true,
	"applebot-extended": true, "bytespider": true, "perplexitybot": true, "perplexity-user": true,
	"cohere-ai": true, "cohere-training-data-crawler": true, "meta-externalagent": true,
	"meta-externalfetcher": true, "facebookbot": true, "diffbot": true, "omgili": true, "omgilibot": true,
	"imagesiftbot": true, "amazonbot": true, "youbot": true, "ai2bot": true, "ai2bot-dolma": true,
	"img2dataset": true, "timpibot": true, "webzio-extended": true, "duckassistbot": true,
	"mistralai-user": true,
}

// maxRobotsAgent bounds a user agent token reported from robots.txt.
const maxRobotsAgent = 64

// isRobotsFile reports whether p is a robots.txt file.
func isRobotsFile(p string) bool { return strings.EqualFold(path.Base(p), "robots.txt") }

// MaxLen implements detectors.TextDetector: an agent's name in robots.txt.
func (*TDMRep) MaxLen() int { return maxRobotsAgent }

// FindKey implements detectors.FindKeyer: Find reads whether the item is
// a robots.txt file.
func (*TDMRep) FindKey(item *detectors.Item) string {
	if isRobotsFile(item.Path) {
		return "robots"
	}
	return ""
}

// Find implements detectors.TextDetector: in a robots.txt file, the AI
// crawlers a group disallows ("User-agent: GPTBot" then "Disallow: /"),
// each a reservation: excluding when the whole site is disallowed, to
// review when only some paths are. The span is the agent's name.
func (*TDMRep) Find(item *detectors.Item, chunk []byte) []detectors.Match {
	if item != nil && !isRobotsFile(item.Path) {
		return nil
	}
	var out []detectors.Match
	var group [][2]int // the agents of the current group
	rules := false
	for ls := 0; ls < len(chunk); {
		le := bytes.IndexByte(chunk[ls:], '\n')
		if le < 0 {
			le = len(chunk)
		} else {
			le += ls
		}
		key, vs, ve := robotsLine(chunk, ls, le)
		switch key {
		case "user-agent":
			if rules {
				group, rules = group[:0], false
			}
			group = append(group, [2]int{vs, ve})
		case "disallow":
			rules = true
			if vs == ve {
				break // "Disallow:" with no path allows everything
			}
			whole := string(chunk[vs:ve]) == "/" || string(chunk[vs:ve]) == "/*"
			for _, a := range group {
				name := strings.ToLower(string(chunk[a[0]:a[1]]))
				if !aiCrawlers[name] || a[1]-a[0] > maxRobotsAgent {
					continue
				}
				s := reservationSignal(1)
				if !whole {
					s.severity, s.action, s.confidence = detectors.SeverityMedium, detectors.ActionReview, 0.7
				}
				out = append(out, detectors.Match{
					Start: a[0], End: a[1], Value: name,
					Category: s.category, Kind: s.kind, Severity: s.severity,
					Confidence: s.confidence, Detail: s.detail, Action: s.action,
				})
			}
		case "":
		default:
			rules = true
		}
		ls = le + 1
	}
	return dedupeAgents(out)
}

// dedupeAgents keeps one match per agent: a group that disallows some
// paths and the whole site too is reported once, as the whole site.
func dedupeAgents(ms []detectors.Match) []detectors.Match {
	if len(ms) < 2 {
		return ms
	}
	best := map[int]int{} // agent start -> index in out
	var out []detectors.Match
	for _, m := range ms {
		i, seen := best[m.Start]
		switch {
		case !seen:
			best[m.Start] = len(out)
			out = append(out, m)
		case m.Action == detectors.ActionExclude:
			out[i] = m
		}
	}
	return out
}

// robotsLine reads the directive of chunk[ls:le]: its key in lower case,
// and its value's span, without comments and surrounding space.
func robotsLine(chunk []byte, ls, le int) (key string, vs, ve int) {
	if k := bytes.IndexByte(chunk[ls:le], '#'); k >= 0 {
		le = ls + k
	}
	c := bytes.IndexByte(chunk[ls:le], ':')
	if c < 0 {
		return "", 0, 0
	}
	k := bytes.TrimSpace(chunk[ls : ls+c])
	if len(k) > len("user-agent") {
		return "", 0, 0
	}
	vs, ve = ls+c+1, le
	for vs < ve && (chunk[vs] == ' ' || chunk[vs] == '\t') {
		vs++
	}
	for ve > vs && (chunk[ve-1] == ' ' || chunk[ve-1] == '\t' || chunk[ve-1] == '\r') {
		ve--
	}
	return strings.ToLower(string(k)), vs, ve
}

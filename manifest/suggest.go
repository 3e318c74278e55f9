package manifest

import (
	"encoding/json"
	"strconv"
	"strings"
)

// suggestKey returns the key of consign.yaml's schema, at the mapping path
// leads to, that name most likely misspells, or "" when none is close.
func suggestKey(path []string, name string) string {
	b, err := schemaFS.ReadFile("schema/" + ConsignSchema)
	if err != nil {
		return ""
	}
	var root map[string]any
	if json.Unmarshal(b, &root) != nil {
		return ""
	}
	node := resolveRef(root, root)
	for _, tok := range path {
		var next any
		if _, err := strconv.Atoi(tok); err == nil {
			next = node["items"]
		} else if props, ok := node["properties"].(map[string]any); ok && props[tok] != nil {
			next = props[tok]
		} else {
			next = node["additionalProperties"]
		}
		m, ok := next.(map[string]any)
		if !ok {
			return ""
		}
		node = resolveRef(root, m)
	}
	props, _ := node["properties"].(map[string]any)
	best, bestDist := "", 3
	for key := range props {
		d := editDistance(strings.ToLower(name), key)
		if len(name) >= 4 && strings.HasPrefix(key, strings.ToLower(name)) {
			d = 1 // a key cut short: "revenue_share" for revenue_share_percent
		}
		if d < bestDist || (d == bestDist && key < best) {
			best, bestDist = key, d
		}
	}
	return best
}

// resolveRef follows local "$ref": "#/$defs/x" references.
func resolveRef(root, node map[string]any) map[string]any {
	for i := 0; i < 10; i++ {
		ref, ok := node["$ref"].(string)
		if !ok || !strings.HasPrefix(ref, "#/$defs/") {
			return node
		}
		defs, _ := root["$defs"].(map[string]any)
		next, ok := defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		if !ok {
			return node
		}
		node = next
	}
	return node
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

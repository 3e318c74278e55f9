package redact

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"strconv"
)

// redactRawProfile redacts ImageMagick's hex text profile
// ("\n<name>\n<length>\n<hex digits, wrapped>"), writing the changed
// bytes back over the same hex digits so that the text keeps its layout
// and length. It returns nil when nothing changed.
func (j *job) redactRawProfile(text []byte) ([]byte, error) {
	start := len(text) - len(bytes.TrimLeft(text, "\n"))
	digits := start
	for range 2 { // the name and the length lines
		i := bytes.IndexByte(text[digits:], '\n')
		if i < 0 {
			return nil, fmt.Errorf("raw profile lacks its header")
		}
		digits += i + 1
	}
	lenLine := bytes.TrimSpace(text[start:digits])
	if i := bytes.IndexByte(lenLine, '\n'); i >= 0 {
		lenLine = bytes.TrimSpace(lenLine[i+1:])
	}
	n, err := strconv.Atoi(string(lenLine))
	if err != nil || n <= 0 || n > (len(text)-digits)/2 {
		return nil, fmt.Errorf("raw profile has bad length %q", lenLine)
	}
	profile := make([]byte, 0, n)
	var pos []int // where each decoded byte's first hex digit is
	var pair [2]byte
	k := 0
	for i := digits; i < len(text) && len(profile) < n; i++ {
		c := text[i]
		if c == '\n' || c == '\r' || c == ' ' || c == '\t' {
			continue
		}
		pair[k] = c
		if k == 0 {
			pos = append(pos, i)
		}
		if k++; k < 2 {
			continue
		}
		k = 0
		var v [1]byte
		if _, err := hex.Decode(v[:], pair[:]); err != nil {
			return nil, fmt.Errorf("raw profile: %w", err)
		}
		profile = append(profile, v[0])
	}
	if len(profile) < n {
		return nil, fmt.Errorf("raw profile holds %d of its %d bytes", len(profile), n)
	}
	out, err := j.redactProfile(profile)
	if err != nil || out == nil {
		return nil, err
	}
	res := bytes.Clone(text)
	const digitsHex = "0123456789abcdef"
	for i, b := range out {
		if b == profile[i] {
			continue
		}
		// The second digit follows the first unless the writer wrapped
		// the line between them.
		p := pos[i]
		res[p] = digitsHex[b>>4]
		p++
		for res[p] == '\n' || res[p] == '\r' || res[p] == ' ' || res[p] == '\t' {
			p++
		}
		res[p] = digitsHex[b&15]
	}
	return res, nil
}

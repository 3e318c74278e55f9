package display

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Path is path as a line of terminal output shows it: quoted, with Go's
// escapes, when it holds what would not print as itself (control
// characters, since a newline in a file name would otherwise print as a
// line of its own; invisible formatting such as a right-to-left override;
// bytes that are not UTF-8), or when it starts with a quote, which would
// pass for a quoted name.
func Path(path string) string {
	if !utf8.ValidString(path) || strings.HasPrefix(path, `"`) || strings.IndexFunc(path, unprintable) >= 0 {
		return strconv.Quote(path)
	}
	return path
}

// unprintable reports a rune that does not show as itself; the ASCII
// space is the one space that does.
func unprintable(r rune) bool { return r != ' ' && !strconv.IsPrint(r) }

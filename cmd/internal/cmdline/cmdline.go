// Package cmdline reads, before any flag is parsed, which consign command
// a process runs, for the set-up packages that act at start-up
// (hugeheap, warmup).
package cmdline

import "strings"

// Command is the command args (os.Args without the program) name: the
// first argument that is not a flag, or "" when there is none. A global
// flag given with its value apart (--state DIR) hides the command, and
// its value is returned instead; the set-up that reads it then does what
// an unknown command gets, which only costs time.
func Command(args []string) string {
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			return a
		}
	}
	return ""
}

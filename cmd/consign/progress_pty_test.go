//go:build linux

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/consignhq/consign/pipeline"
)

// openPTY opens a pseudo-terminal of 120 columns and 40 rows: the terminal
// side, which consign writes to, and the other side, which reads what a
// person sees.
func openPTY(t *testing.T) (term, screen *os.File) {
	return openSizedPTY(t, 120, 40)
}

// openSizedPTY opens a pseudo-terminal that reports cols and rows; 0 is
// what a terminal reports when nothing has told it its size.
func openSizedPTY(t *testing.T, cols, rows uint16) (term, screen *os.File) {
	t.Helper()
	screen, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	fd := int(screen.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlock pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Skipf("name pseudo-terminal: %v", err)
	}
	term, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open pseudo-terminal: %v", err)
	}
	if err := unix.IoctlSetWinsize(int(term.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: rows, Col: cols}); err != nil {
		t.Skipf("size pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { term.Close(); screen.Close() })
	return term, screen
}

// lockedBuffer collects what the terminal shows while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// drawOneFile runs a bar on term while one file of 2 KiB is scanned, and
// returns what the screen showed. It checks that stderr prints above the
// bar while it runs and is given back after.
func drawOneFile(t *testing.T, term, screen *os.File) string {
	t.Helper()
	seen := &lockedBuffer{}
	copied := make(chan struct{})
	go func() { io.Copy(seen, screen); close(copied) }()

	g := &globalOptions{stdout: &bytes.Buffer{}, stderr: term}
	pr := startProgress(context.Background(), g, pipeline.Options{Root: t.TempDir()}, "scanning", false)
	if pr == nil {
		t.Fatal("no progress on a terminal")
	}
	if g.stderr == io.Writer(term) {
		t.Error("stderr not routed above the bar while it runs")
	}
	pr.record(&pipeline.Record{Size: 2048})
	// The bar redraws every 150ms; a loaded machine may take longer.
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(seen.String(), "KiB") && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	pr.finish()
	if g.stderr != io.Writer(term) {
		t.Error("stderr not given back")
	}
	term.Close()
	screen.Close()
	<-copied
	return seen.String()
}

// TestProgressDrawsOnTerminal checks the bar on a real terminal: it shows
// the stage and the counts, in colour unless NO_COLOR says otherwise, and
// gives stderr back when it is done. The colour takes no room: the bar is
// as wide in colour as without.
func TestProgressDrawsOnTerminal(t *testing.T) {
	barWidth := map[bool]int{}
	for _, tc := range []struct {
		name    string
		noColor string
		colour  bool
	}{
		{"colour", "", true},
		{"NO_COLOR", "1", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("NO_COLOR", tc.noColor)
			t.Setenv("TERM", "xterm")
			term, screen := openPTY(t)
			out := drawOneFile(t, term, screen)
			for _, want := range []string{"scanning", "1/1 files", "2.0 KiB/2.0 KiB"} {
				if !strings.Contains(out, want) {
					t.Errorf("the terminal shows no %q:\n%q", want, out)
				}
			}
			if got := strings.Contains(out, "\x1b[1;36m"); got != tc.colour {
				t.Errorf("colour drawn: %v, want %v:\n%q", got, tc.colour, out)
			}
			bars := regexp.MustCompile(`\[[=> -]*\]`).FindAllString(out, -1)
			if len(bars) == 0 {
				t.Fatalf("no bar drawn:\n%q", out)
			}
			barWidth[tc.colour] = len(bars[len(bars)-1])
		})
	}
	if barWidth[true] != barWidth[false] {
		t.Errorf("the bar is %d columns wide in colour, %d without", barWidth[true], barWidth[false])
	}
}

// TestProgressDrawsOnSizelessTerminal checks a terminal that reports no
// size (0 columns, as a serial console or a pseudo-terminal nobody sized
// does): the bar is drawn at the width $COLUMNS gives, or 80 columns,
// not left out.
func TestProgressDrawsOnSizelessTerminal(t *testing.T) {
	for _, tc := range []struct {
		columns string
		width   int
	}{
		{"", 80},
		{"60", 60},
		{"junk", 80},
	} {
		t.Run("COLUMNS="+tc.columns, func(t *testing.T) {
			t.Setenv("NO_COLOR", "1")
			t.Setenv("TERM", "xterm")
			t.Setenv("COLUMNS", tc.columns)
			term, screen := openSizedPTY(t, 0, 0)
			out := drawOneFile(t, term, screen)
			var line string
			for _, l := range regexp.MustCompile(`[\r\n]`).Split(out, -1) {
				if strings.Contains(l, "KiB") {
					line = l
				}
			}
			if line == "" {
				t.Fatalf("no bar drawn on a terminal of no size:\n%q", out)
			}
			if n := len([]rune(regexp.MustCompile(`\x1b\[[0-9;]*[A-Za-z]`).ReplaceAllString(line, ""))); n != tc.width {
				t.Errorf("the bar line is %d columns, want %d:\n%q", n, tc.width, line)
			}
		})
	}
}

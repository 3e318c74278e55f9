package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"

	"github.com/consignhq/consign/pipeline"
)

func TestDecideDisplay(t *testing.T) {
	tty := terminalState{stderrTerminal: true, term: "xterm-256color"}
	with := func(f func(*terminalState)) terminalState { s := tty; f(&s); return s }
	for _, tc := range []struct {
		name  string
		state terminalState
		want  display
	}{
		{"terminal", tty, display{progress: true, color: true}},
		{"stderr a pipe", with(func(s *terminalState) { s.stderrTerminal = false }), display{}},
		{"quiet", with(func(s *terminalState) { s.quiet = true }), display{}},
		{"dumb terminal", with(func(s *terminalState) { s.term = "dumb" }), display{}},
		{"report streaming to the same terminal", with(func(s *terminalState) { s.reportStreamsToTerminal = true }), display{}},
		{"--no-color", with(func(s *terminalState) { s.noColorFlag = true }), display{progress: true}},
		{"NO_COLOR set", with(func(s *terminalState) { s.noColorEnv = "1" }), display{progress: true}},
		{"NO_COLOR empty counts as unset", with(func(s *terminalState) { s.noColorEnv = "" }), display{progress: true, color: true}},
		{"no colour without a bar", with(func(s *terminalState) { s.stderrTerminal = false; s.noColorEnv = "" }), display{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := decideDisplay(tc.state); got != tc.want {
				t.Errorf("decideDisplay(%+v) = %+v, want %+v", tc.state, got, tc.want)
			}
		})
	}
}

func TestIsTerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	for _, tc := range []struct {
		name string
		w    io.Writer
	}{
		{"pipe", w},
		{"buffer", &bytes.Buffer{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if isTerminal(tc.w) {
				t.Errorf("%s taken for a terminal", tc.name)
			}
		})
	}
}

// TestProgressOffWithoutTerminal checks that a run whose stderr is not a
// terminal gets no progress at all, and that a nil progress is safe to use.
func TestProgressOffWithoutTerminal(t *testing.T) {
	var stderr bytes.Buffer
	g := &globalOptions{stdout: &bytes.Buffer{}, stderr: &stderr}
	pr := startProgress(context.Background(), g, pipeline.Options{Root: t.TempDir()}, "scanning", false)
	if pr != nil {
		t.Fatal("progress started with stderr a buffer")
	}
	pr.record(&pipeline.Record{Size: 10})
	pr.restart("packing", 1, 10)
	pr.finish()
	if stderr.Len() != 0 || g.stderr != &stderr {
		t.Errorf("a nil progress touched stderr: %q", stderr.String())
	}
}

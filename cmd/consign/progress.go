package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/vbauerster/cupwriter"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
)

// display is how a run may decorate the terminal.
type display struct {
	progress bool // draw a progress bar on stderr
	color    bool // colour what is drawn
}

// terminalState is what decides the display: the flags, the environment,
// and where stderr and the report go.
type terminalState struct {
	quiet, noColorFlag bool
	noColorEnv         string // $NO_COLOR: any non-empty value turns colour off (no-color.org)
	term               string // $TERM
	stderrTerminal     bool
	// reportStreamsToTerminal is set when the report is written to a
	// terminal while the scan runs (jsonl and json to an interactive
	// stdout): a bar redrawn between its lines would garble both.
	reportStreamsToTerminal bool
}

// decideDisplay shows progress only to a person watching a terminal that
// can redraw a line, and never under --quiet; colour needs all of that and
// neither --no-color nor NO_COLOR.
func decideDisplay(s terminalState) display {
	var d display
	d.progress = s.stderrTerminal && !s.quiet && s.term != "dumb" && !s.reportStreamsToTerminal
	d.color = d.progress && !s.noColorFlag && s.noColorEnv == ""
	return d
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// currentTerminal reads the terminal state of this process for g.
func currentTerminal(g *globalOptions, streamingReport bool) terminalState {
	return terminalState{
		quiet:                   g.quiet,
		noColorFlag:             g.noColor,
		noColorEnv:              os.Getenv("NO_COLOR"),
		term:                    os.Getenv("TERM"),
		stderrTerminal:          isTerminal(g.stderr),
		reportStreamsToTerminal: streamingReport && isTerminal(g.stdout),
	}
}

// sizedConsole gives the bar a size on a terminal that reports none: a
// serial console, or a pseudo-terminal nobody has told its size, says 0
// columns, and the bar would be drawn 0 wide. It then takes $COLUMNS, as
// shells set it, or 80 columns, and 24 rows.
type sizedConsole struct{ mpb.ConsoleWriter }

func (c sizedConsole) GetTermSize() (width, height int, err error) {
	width, height, err = c.ConsoleWriter.GetTermSize()
	if err != nil {
		return width, height, err
	}
	if width <= 0 {
		width = 80
		if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
			width = n
		}
	}
	if height <= 0 {
		height = 24
	}
	return width, height, nil
}

// progress draws one bar on stderr: the stage, files and bytes done of the
// total, the rate and the time left. The total comes from pipeline.Count,
// run beside the scan: it is cheap (no file is read), and the scan's own
// walk cannot give it, since it runs only a few files ahead of the
// workers. Until the count ends, the totals show with a "+" and no time
// left is guessed. A nil *progress draws nothing, so callers need no
// checks.
type progress struct {
	p     *mpb.Progress
	bar   *mpb.Bar
	g     *globalOptions
	saved io.Writer // g.stderr before the bar took it over
	stop  context.CancelFunc
	wg    sync.WaitGroup

	done sync.Once

	stage             atomic.Pointer[string]
	files, filesTotal atomic.Int64
	bytes, bytesTotal atomic.Int64
	counted           atomic.Bool
	started           atomic.Pointer[time.Time]
	color             bool
}

// startProgress starts the bar for a run over opts.Root when the terminal
// state allows it, and returns nil otherwise. While it runs, g.stderr
// prints above the bar.
func startProgress(ctx context.Context, g *globalOptions, opts pipeline.Options, stage string, streamingReport bool) *progress {
	d := decideDisplay(currentTerminal(g, streamingReport))
	if !d.progress {
		return nil
	}
	pr := &progress{g: g, saved: g.stderr, color: d.color}
	pr.setStage(stage)
	pr.p = mpb.New(mpb.WithConsoleWriter(sizedConsole{cupwriter.New(g.stderr, false)}), mpb.WithWidth(100), mpb.WithRefreshRate(150*time.Millisecond))
	shown := decor.Any(pr.stageText, decor.WCSyncSpaceR)
	if pr.color {
		// Meta colours the text once its width is measured: escape
		// codes counted as columns made the bar narrower in colour.
		shown = decor.Meta(shown, func(s string) string { return "\x1b[1;36m" + s + "\x1b[0m" })
	}
	pr.bar = pr.p.New(0, mpb.BarStyle().Lbound("[").Filler("=").Tip(">").Padding(" ").Rbound("]"),
		mpb.PrependDecorators(shown),
		mpb.AppendDecorators(decor.Any(pr.countsText, decor.WCSyncSpace), decor.Any(pr.rateText, decor.WCSyncSpace)),
	)
	g.stderr = pr.p
	cctx, stop := context.WithCancel(ctx)
	pr.stop = stop
	pr.wg.Add(1)
	go func() {
		defer pr.wg.Done()
		err := pipeline.Count(cctx, opts, func(size int64) {
			pr.filesTotal.Add(1)
			// Telling the bar every file would cost a channel send each;
			// every 64 files is smooth enough to watch.
			if n := pr.bytesTotal.Add(size); pr.filesTotal.Load()%64 == 0 {
				pr.bar.SetTotal(n, false)
			}
		})
		if err == nil {
			pr.bar.SetTotal(pr.bytesTotal.Load(), false)
			pr.counted.Store(true)
		}
	}()
	return pr
}

// setStage names what the run is doing now and restarts the clock the
// rate and the time left are measured from.
func (pr *progress) setStage(stage string) {
	if pr == nil {
		return
	}
	now := time.Now()
	pr.started.Store(&now)
	pr.stage.Store(&stage)
}

// record counts one record done; it is pipeline.Options.Progress.
func (pr *progress) record(rec *pipeline.Record) {
	if pr == nil {
		return
	}
	pr.files.Add(1)
	pr.bytes.Add(rec.Size)
	pr.bar.IncrInt64(rec.Size)
}

// restart begins a stage whose totals are known: the bar runs again from
// zero over files and bytes.
func (pr *progress) restart(stage string, files, bytes int64) {
	if pr == nil {
		return
	}
	pr.stop()
	pr.wg.Wait()
	pr.files.Store(0)
	pr.bytes.Store(0)
	pr.filesTotal.Store(files)
	pr.bytesTotal.Store(bytes)
	pr.counted.Store(true)
	pr.bar.SetCurrent(0)
	pr.bar.SetTotal(bytes, false)
	pr.setStage(stage)
}

// finish takes the bar down, complete or not, and gives stderr back. It
// may be called more than once.
func (pr *progress) finish() {
	if pr == nil {
		return
	}
	pr.done.Do(func() {
		pr.stop()
		pr.wg.Wait()
		pr.bar.Abort(true) // the bar is a live view: the report says how it ended
		pr.p.Wait()
		pr.g.stderr = pr.saved
	})
}

func (pr *progress) stageText(decor.Statistics) string { return *pr.stage.Load() }

func (pr *progress) countsText(decor.Statistics) string {
	more := "+"
	if pr.counted.Load() {
		more = ""
	}
	files, total := pr.files.Load(), max(pr.filesTotal.Load(), pr.files.Load())
	bytes, btotal := pr.bytes.Load(), max(pr.bytesTotal.Load(), pr.bytes.Load())
	return fmt.Sprintf("%d/%d%s files  %s/%s%s", files, total, more, manifest.HumanBytes(bytes), manifest.HumanBytes(btotal), more)
}

// rateText is padded to a fixed width so that the bar does not jump when
// the rate appears.
func (pr *progress) rateText(decor.Statistics) string {
	return fmt.Sprintf("%-26s", pr.rate())
}

func (pr *progress) rate() string {
	elapsed := time.Since(*pr.started.Load())
	done := pr.bytes.Load()
	if elapsed < time.Second || done == 0 {
		return ""
	}
	rate := float64(done) / elapsed.Seconds()
	text := manifest.HumanBytes(int64(rate)) + "/s"
	if pr.counted.Load() {
		left := time.Duration(float64(max(pr.bytesTotal.Load()-done, 0)) / rate * float64(time.Second))
		text += "  ETA " + left.Round(time.Second).String()
	}
	return text
}

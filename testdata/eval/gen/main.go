// Command gen writes consign's labelled PII evaluation set: it reads the
// hand-written sources in testdata/eval/src, where each line is a language
// code and a text with labelled spans, and writes testdata/eval/pii/*.jsonl
// with byte offsets.
//
//	go run ./testdata/eval/gen [-src DIR] [-o DIR]
//
// In a source line, [[kind|text]] labels text as kind, and {{name:args}}
// writes a value that passes its kind's check (a Luhn-valid card, a mod-97
// IBAN, a national ID with its check digit) from a source seeded by the
// example's id, so the output is the same on every run ("{{ " with a space
// is left as text, as templates write it). "\n" and "\t"
// stand for a newline and a tab; lines starting with "#" are comments.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	fset := flag.NewFlagSet("gen", flag.ContinueOnError)
	fset.SetOutput(stderr)
	src := fset.String("src", "testdata/eval/src", "`dir`ectory of the .txt sources")
	out := fset.String("o", "testdata/eval/pii", "output `dir`ectory for the .jsonl files")
	if err := fset.Parse(args); err != nil || fset.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: gen [-src DIR] [-o DIR]")
		return 2
	}
	if err := generate(*src, *out); err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	return 0
}

// generate converts every source in src into a .jsonl file in out.
func generate(src, out string) error {
	files, err := filepath.Glob(filepath.Join(src, "*.txt"))
	if err != nil {
		return fmt.Errorf("list sources in %s: %w", src, err)
	}
	if len(files) == 0 {
		return fmt.Errorf("no sources in %s", src)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	for _, f := range files {
		data, err := convert(f)
		if err != nil {
			return err
		}
		name := strings.TrimSuffix(filepath.Base(f), ".txt") + ".jsonl"
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	return nil
}

// convert reads one source file and returns its JSONL.
func convert(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open source: %w", err)
	}
	defer f.Close()
	genre := strings.TrimSuffix(filepath.Base(path), ".txt")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n, line := 0, 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		n++
		ex, err := parseExample(fmt.Sprintf("%s-%03d", genre, n), text)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if err := enc.Encode(ex); err != nil {
			return nil, fmt.Errorf("%s:%d: encode: %w", path, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return buf.Bytes(), nil
}

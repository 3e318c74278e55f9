package main

import (
	"bufio"
	"bytes"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// splitScan turns the output of consign scan --format jsonl over dir into
// the shard directory consign-beam writes: n shards of each kind, lines
// dealt out in reverse so no shard is in scan order, sha512 shards
// computed from dir's files, and summary.json naming root.
func splitScan(scan []byte, dir, out, root string, n int) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	files, findings, sums := make([]bytes.Buffer, n), make([]bytes.Buffer, n), make([]bytes.Buffer, n)
	var lines [][]byte
	sc := bufio.NewScanner(bytes.NewReader(scan))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		lines = append(lines, append([]byte(nil), sc.Bytes()...))
	}
	var summary map[string]any
	for i := len(lines) - 1; i >= 0; i-- {
		line := lines[i]
		var head struct {
			Type string `json:"type"`
			Path string `json:"path"`
		}
		if err := json.Unmarshal(line, &head); err != nil {
			return fmt.Errorf("scan line %d: %w", i+1, err)
		}
		switch head.Type {
		case "file":
			files[i%n].Write(append(line, '\n'))
			sum, err := fileSHA512(filepath.Join(dir, filepath.FromSlash(head.Path)))
			if err != nil {
				return err
			}
			fmt.Fprintf(&sums[(i+1)%n], "%s  data/%s\n", sum, strings.NewReplacer("%", "%25", "\n", "%0A", "\r", "%0D").Replace(head.Path))
		case "finding":
			findings[i%n].Write(append(line, '\n'))
		case "summary":
			if err := json.Unmarshal(line, &summary); err != nil {
				return err
			}
		}
	}
	delete(summary, "type")
	summary["root"] = root
	summary["consign_version"] = "test"
	sj, err := json.Marshal(summary)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "summary.json"), sj, 0o644); err != nil {
		return err
	}
	for i := range n {
		for name, buf := range map[string]*bytes.Buffer{"files-%05d.jsonl": &files[i], "findings-%05d.jsonl": &findings[i], "sha512-%05d.txt": &sums[i]} {
			if err := os.WriteFile(filepath.Join(out, fmt.Sprintf(name, i)), buf.Bytes(), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

func fileSHA512(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha512.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// shards SCAN.jsonl DIR OUT N [ROOT]: split a scan of DIR into N shards of
// each kind in OUT, as consign-beam writes them; summary.json's root is
// ROOT, or DIR's absolute path.
func cmdShards(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 4 || len(args) > 5 {
		ts.Fatalf("usage: shards SCAN.jsonl DIR OUT N [ROOT]")
	}
	scan, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	n, err := strconv.Atoi(args[3])
	ts.Check(err)
	root := ts.MkAbs(args[1])
	if len(args) == 5 {
		root = args[4]
	}
	ts.Check(splitScan(scan, ts.MkAbs(args[1]), ts.MkAbs(args[2]), root, n))
}

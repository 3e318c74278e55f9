package manifest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// maxJSONLine caps one line of a bundle's JSON Lines files.
const maxJSONLine = 16 << 20

// The members of a record and of a finding the checks below compare.
var (
	recordKeys  = []string{"path", "sha256"}
	findingKeys = []string{"id", "path", "detector", "status"}
)

// CheckFilesJSONL checks a bundle's metadata/files.jsonl against its
// payload: one record per line, sorted by path, exactly one per payload
// file, each with the sha256 manifest-sha256.txt lists. It returns one
// message per problem. The checksums of the files themselves are the
// BagIt verifier's job.
func CheckFilesJSONL(dir string) []string {
	var problems []string
	payload, err := readSHA256Manifest(dir)
	if err != nil {
		return []string{err.Error()}
	}
	seen := make(map[string]bool, len(payload))
	prev := ""
	err = eachLine(filepath.Join(dir, FilesJSONL), func(n int, line []byte) error {
		// Only the path and the checksum are compared here; the rest of the
		// record is the schema check's (ValidateDocument), and decoding it
		// all again cost verify as much as hashing the payload.
		var rec struct {
			Path   string `json:"path"`
			SHA256 string `json:"sha256"`
		}
		if err := decodeTop(line, &rec, recordKeys, &rec.Path, &rec.SHA256); err != nil {
			problems = append(problems, fmt.Sprintf("%s line %d: %v", FilesJSONL, n, err))
			return nil
		}
		switch sum, ok := payload[rec.Path]; {
		case rec.Path == "":
			problems = append(problems, fmt.Sprintf("%s line %d: record without a path", FilesJSONL, n))
		case !ok:
			problems = append(problems, fmt.Sprintf("%s line %d: %s is not in the payload", FilesJSONL, n, rec.Path))
		case sum != rec.SHA256:
			problems = append(problems, fmt.Sprintf("%s line %d: %s has sha256 %s, the payload file %s", FilesJSONL, n, rec.Path, rec.SHA256, sum))
		case seen[rec.Path]:
			problems = append(problems, fmt.Sprintf("%s line %d: %s has a second record", FilesJSONL, n, rec.Path))
		case rec.Path <= prev:
			problems = append(problems, fmt.Sprintf("%s line %d: %s is out of order", FilesJSONL, n, rec.Path))
		}
		seen[rec.Path], prev = true, rec.Path
		return nil
	})
	if err != nil {
		return append(problems, err.Error())
	}
	for p := range payload {
		if !seen[p] {
			problems = append(problems, fmt.Sprintf("%s: no record for payload file %s", FilesJSONL, p))
		}
	}
	return problems
}

// CheckFindingsJSONL checks that each line of metadata/findings.jsonl is a
// finding with an id, a path, a detector and a status.
func CheckFindingsJSONL(dir string) []string {
	var problems []string
	err := eachLine(filepath.Join(dir, FindingsJSONL), func(n int, line []byte) error {
		var f struct { // the rest of a finding is the schema check's
			ID       string `json:"id"`
			Path     string `json:"path"`
			Detector string `json:"detector"`
			Status   string `json:"status"`
		}
		if err := decodeTop(line, &f, findingKeys, &f.ID, &f.Path, &f.Detector, &f.Status); err != nil {
			problems = append(problems, fmt.Sprintf("%s line %d: %v", FindingsJSONL, n, err))
			return nil
		}
		if f.ID == "" || f.Path == "" || f.Detector == "" || (f.Status != "open" && f.Status != "ignored") {
			problems = append(problems, fmt.Sprintf("%s line %d: a finding needs an id, a path, a detector and a status of open or ignored", FindingsJSONL, n))
		}
		return nil
	})
	if err != nil {
		problems = append(problems, err.Error())
	}
	return problems
}

// eachLine calls fn with each non-empty line of a file, stopping at the
// first error fn returns.
func eachLine(path string, fn func(n int, line []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path), err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), maxJSONLine)
	for n := 1; sc.Scan(); n++ {
		if line := bytes.TrimSpace(sc.Bytes()); len(line) > 0 {
			if err := fn(n, line); err != nil {
				return err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// readSHA256Manifest maps each payload path (relative to data/, decoded)
// to its sha256.
func readSHA256Manifest(dir string) (map[string]string, error) {
	out := map[string]string{}
	err := eachLine(filepath.Join(dir, "manifest-sha256.txt"), func(_ int, line []byte) error {
		if sum, rel, ok := parsePayloadLine(line, 0); ok {
			out[rel] = sum
		}
		return nil
	})
	return out, err
}

// Command gen converts lingua-go's unigram, bigram and trigram models into
// the table that package ngram embeds (models.bin), and writes the list of
// lingua's languages beside it (languages.go). It reads the models from
// lingua's module directory, so the table always matches the lingua
// version go.mod requires: run `go generate` after changing it.
package main

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"go/format"
	"io"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pemistahl/lingua-go"
	"github.com/pemistahl/lingua-go/serialization"
	"google.golang.org/protobuf/proto"
)

const linguaModule = "github.com/pemistahl/lingua-go"

func main() {
	out := flag.String("o", ".", "directory to write models.bin and languages.go into")
	flag.Parse()
	dir, err := moduleDir()
	if err != nil {
		log.Fatal(err)
	}
	langs := lingua.AllLanguages()
	var buf bytes.Buffer
	buf.WriteString(magic)
	for _, order := range []string{"unigram", "bigram", "trigram"} {
		entries, err := readOrder(dir, order, langs)
		if err != nil {
			log.Fatal(err)
		}
		writeOrder(&buf, entries)
	}
	if err := os.WriteFile(filepath.Join(*out, "models.bin"), buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	src, err := languagesSource(langs)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*out, "languages.go"), src, 0o644); err != nil {
		log.Fatal(err)
	}
}

// magic starts models.bin; keep it in step with package ngram.
const magic = "consign-ngram-v1"

func moduleDir() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", linguaModule).Output()
	if err != nil {
		return "", fmt.Errorf("find the %s module: %w", linguaModule, err)
	}
	dir := strings.TrimSpace(string(out))
	if dir == "" {
		return "", fmt.Errorf("find the %s module: not downloaded (run go mod download)", linguaModule)
	}
	return dir, nil
}

// posting is one language's log-probability for an n-gram.
type posting struct {
	lang uint8
	logp float64
}

// readOrder reads every language's model of one order into a map from the
// packed n-gram to its postings, in language order.
func readOrder(dir, order string, langs []lingua.Language) (map[uint64][]posting, error) {
	entries := map[uint64][]posting{}
	for i, l := range langs {
		iso := strings.ToLower(l.IsoCode639_1().String())
		path := filepath.Join(dir, "language-models", iso, order+"s.pb.bin.zip")
		model, err := readModel(path)
		if os.IsNotExist(err) {
			continue // lingua tells these languages by their script alone
		}
		if err != nil {
			return nil, err
		}
		for _, set := range model.NgramSets {
			if set.Probability <= 0 {
				continue // lingua skips what it cannot take the log of
			}
			logp := math.Log(set.Probability)
			for _, g := range set.Ngrams {
				key, ok := pack(g)
				if !ok {
					return nil, fmt.Errorf("%s: n-gram %q is not 1 to 3 runes", path, g)
				}
				ps := entries[key]
				if n := len(ps); n > 0 && ps[n-1].lang == uint8(i) {
					ps[n-1].logp = logp // lingua's map keeps the last
					continue
				}
				entries[key] = append(ps, posting{lang: uint8(i), logp: logp})
			}
		}
	}
	return entries, nil
}

func readModel(path string) (*serialization.SerializableLanguageModel, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	if len(z.File) != 1 {
		return nil, fmt.Errorf("%s: want one file, have %d", path, len(z.File))
	}
	f, err := z.File[0].Open()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var m serialization.SerializableLanguageModel
	if err := proto.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	return &m, nil
}

// pack must agree with ngram.Key.
func pack(g string) (uint64, bool) {
	var key uint64
	n := 0
	for _, r := range g {
		key = key<<21 | uint64(r)
		n++
	}
	return key, n >= 1 && n <= 3
}

// writeOrder appends one order's table: the count of n-grams, their sorted
// keys, the offsets of their postings, then the postings' languages and
// log-probabilities as two arrays.
func writeOrder(buf *bytes.Buffer, entries map[uint64][]posting) {
	keys := make([]uint64, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	le := binary.LittleEndian
	buf.Write(le.AppendUint32(nil, uint32(len(keys))))
	for _, k := range keys {
		buf.Write(le.AppendUint64(nil, k))
	}
	var off uint32
	for _, k := range keys {
		buf.Write(le.AppendUint32(nil, off))
		off += uint32(len(entries[k]))
	}
	buf.Write(le.AppendUint32(nil, off))
	for _, k := range keys {
		for _, p := range entries[k] {
			buf.WriteByte(p.lang)
		}
	}
	for _, k := range keys {
		for _, p := range entries[k] {
			buf.Write(le.AppendUint64(nil, math.Float64bits(p.logp)))
		}
	}
}

func languagesSource(langs []lingua.Language) ([]byte, error) {
	var b strings.Builder
	b.WriteString("// Code generated by gen from lingua-go; DO NOT EDIT.\n\npackage ngram\n\n")
	b.WriteString("// Languages lists lingua's languages in lingua's order: a language's\n")
	b.WriteString("// index here is its index in the model table.\n")
	b.WriteString("var Languages = [...]Language{\n")
	for _, l := range langs {
		fmt.Fprintf(&b, "\t{Name: %q, Code: %q},\n", l.String(), strings.ToLower(l.IsoCode639_1().String()))
	}
	b.WriteString("}\n")
	return format.Source([]byte(b.String()))
}

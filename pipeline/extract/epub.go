package extract

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
)

// EPUB reads EPUB books: the package document's Dublin Core metadata and
// meta properties (TDM reservations live there), and the text of the
// spine's XHTML documents in reading order.
type EPUB struct{}

var _ Extractor = (*EPUB)(nil)

// NewEPUB returns the EPUB extractor.
func NewEPUB() Extractor { return &EPUB{} }

// Name implements Extractor.
func (*EPUB) Name() string { return "epub" }

// Applies implements Extractor.
func (*EPUB) Applies(src *Source) bool { return src.MediaType == "application/epub+zip" }

// maxSpineItems bounds the documents read for text; books have hundreds.
const maxSpineItems = 5000

var epubTags = map[string]string{
	"dc:creator":     "author",
	"dc:title":       "title",
	"dc:language":    "language_tag",
	"dc:publisher":   "publisher",
	"dc:subject":     "subject",
	"dc:description": "description",
	"dc:rights":      "copyright",
}

// epubPackage is what the extractor needs from the OPF package document.
type epubPackage struct {
	dir      string
	manifest map[string]string // item id -> entry name
	spine    []string          // item ids in reading order
}

// Extract implements Extractor.
func (*EPUB) Extract(ctx context.Context, src *Source, res *Result) error {
	za, err := openZip(src)
	if err != nil {
		return err
	}
	if err := za.limitErr(); err != nil {
		res.Errorf("%w", err)
	}
	opfName, err := epubRootfile(za)
	if err != nil {
		return err
	}
	pkg, err := readEPUBPackage(za, opfName, res)
	if err != nil {
		return err
	}
	var errs []error
	for i, id := range pkg.spine {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if i >= maxSpineItems {
			errs = append(errs, fmt.Errorf("spine has %d items, text read from the first %d", len(pkg.spine), maxSpineItems))
			break
		}
		name, ok := pkg.manifest[id]
		if !ok || !za.has(name) {
			continue
		}
		errs = append(errs, emitEPUBDocument(za, name, res))
	}
	return errors.Join(errs...)
}

// epubRootfile finds the package document through META-INF/container.xml,
// or the first .opf entry when the container is missing or says nothing.
func epubRootfile(za *zipArchive) (string, error) {
	var root string
	rc, err := za.open("META-INF/container.xml", maxMetaPartSize)
	if err == nil {
		err = walkXMLElements(rc, func(e *xmlElement) {
			if root == "" && strings.HasSuffix(e.Name, "rootfile") {
				root = e.attr("full-path")
			}
		})
		rc.Close()
	}
	if root != "" {
		return cleanZipName(root), nil
	}
	for _, n := range za.names() {
		if strings.HasSuffix(strings.ToLower(n), ".opf") {
			return n, nil
		}
	}
	if err != nil {
		return "", fmt.Errorf("find epub package document: %w", err)
	}
	return "", errors.New("find epub package document: no rootfile and no .opf entry")
}

func readEPUBPackage(za *zipArchive, opfName string, res *Result) (*epubPackage, error) {
	pkg := &epubPackage{dir: path.Dir(opfName), manifest: map[string]string{}}
	rc, err := za.open(opfName, maxMetaPartSize)
	if err != nil {
		return nil, fmt.Errorf("open epub package document: %w", err)
	}
	defer rc.Close()
	dated := false
	err = walkXMLElements(rc, func(e *xmlElement) {
		local := e.Name[strings.IndexByte(e.Name, ':')+1:]
		switch {
		case local == "item":
			pkg.manifest[e.attr("id")] = epubHref(pkg.dir, e.attr("href"))
		case local == "itemref" && e.attr("linear") != "no":
			pkg.spine = append(pkg.spine, e.attr("idref"))
		case local == "meta":
			readEPUBMeta(e, res)
		case strings.HasPrefix(e.Name, "dc:"):
			res.AddField("epub:"+e.Name, e.Text)
			if tag, ok := epubTags[e.Name]; ok {
				res.SetTag(tag, e.Text)
			}
			if e.Name == "dc:date" && !dated {
				ev := e.attr("event")
				if ev == "" || ev == "publication" || ev == "original-publication" {
					addW3CDate(res, e.Text, "epub:dc:date", RankEmbedded)
					dated = true
				}
			}
		}
	})
	if err != nil {
		res.Errorf("read epub package document %s: %w", opfName, err)
	}
	return pkg, nil
}

// readEPUBMeta keeps EPUB 2 <meta name content> and EPUB 3 <meta property>
// entries as fields: the TDM reservation protocol and the accessibility
// and rights metadata of publishers are expressed this way.
func readEPUBMeta(e *xmlElement, res *Result) {
	if name := e.attr("name"); name != "" {
		res.AddField("epub:meta:"+name, e.attr("content"))
		return
	}
	if prop := e.attr("property"); prop != "" {
		res.AddField("epub:meta:"+prop, e.Text)
		if prop == "dcterms:modified" {
			res.AddField("epub:dcterms:modified", e.Text)
		}
	}
}

// epubHref resolves a manifest href against the package directory.
func epubHref(dir, href string) string {
	if i := strings.IndexAny(href, "#?"); i >= 0 {
		href = href[:i]
	}
	if u, err := url.PathUnescape(href); err == nil {
		href = u
	}
	return cleanZipName(path.Join(dir, href))
}

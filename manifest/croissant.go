package manifest

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/consignhq/consign/pipeline"
)

// Croissant versions the bundle's croissant.json conforms to.
const (
	CroissantSpec = "http://mlcommons.org/croissant/1.1"
	RAISpec       = "http://mlcommons.org/croissant/RAI/1.0"
)

// vocabNS is the namespace of the few terms consign adds to ODRL and
// Croissant: each is documented under its name in docs/consign-yaml.md.
const vocabNS = "https://github.com/consignhq/consign/blob/main/docs/consign-yaml.md#"

func croissantContext() map[string]any {
	return map[string]any{
		"@language":          "en",
		"@vocab":             "https://schema.org/",
		"sc":                 "https://schema.org/",
		"cr":                 "http://mlcommons.org/croissant/",
		"rai":                "http://mlcommons.org/croissant/RAI/",
		"dct":                "http://purl.org/dc/terms/",
		"prov":               "http://www.w3.org/ns/prov#",
		"odrl":               "http://www.w3.org/ns/odrl/2/",
		"xsd":                "http://www.w3.org/2001/XMLSchema#",
		"consign":            vocabNS,
		"annotation":         "cr:annotation",
		"arrayShape":         "cr:arrayShape",
		"citeAs":             "cr:citeAs",
		"column":             "cr:column",
		"conformsTo":         "dct:conformsTo",
		"containedIn":        "cr:containedIn",
		"data":               map[string]any{"@id": "cr:data", "@type": "@json"},
		"dataType":           map[string]any{"@id": "cr:dataType", "@type": "@vocab"},
		"examples":           map[string]any{"@id": "cr:examples", "@type": "@json"},
		"extract":            "cr:extract",
		"field":              "cr:field",
		"fileObject":         "cr:fileObject",
		"fileProperty":       "cr:fileProperty",
		"fileSet":            "cr:fileSet",
		"format":             "cr:format",
		"includes":           "cr:includes",
		"isArray":            "cr:isArray",
		"isLiveDataset":      "cr:isLiveDataset",
		"jsonPath":           "cr:jsonPath",
		"key":                "cr:key",
		"md5":                "cr:md5",
		"parentField":        "cr:parentField",
		"path":               "cr:path",
		"recordSet":          "cr:recordSet",
		"references":         "cr:references",
		"regex":              "cr:regex",
		"repeated":           "cr:repeated",
		"replace":            "cr:replace",
		"samplingRate":       "cr:samplingRate",
		"separator":          "cr:separator",
		"source":             "cr:source",
		"subField":           "cr:subField",
		"transform":          "cr:transform",
		"equivalentProperty": "cr:equivalentProperty",
	}
}

// croissantDoc is croissant.json; the field order is the file's.
type croissantDoc struct {
	Context       map[string]any `json:"@context"`
	Type          string         `json:"@type"`
	ID            string         `json:"@id"`
	ConformsTo    []string       `json:"conformsTo"`
	Name          string         `json:"name"`
	Description   string         `json:"description"`
	License       string         `json:"license"`
	URL           string         `json:"url"`
	Identifier    string         `json:"identifier"`
	Creator       map[string]any `json:"creator"`
	DatePublished string         `json:"datePublished"`
	Version       string         `json:"version"`
	Keywords      []string       `json:"keywords,omitempty"`
	InLanguage    []string       `json:"inLanguage,omitempty"`
	UsageInfo     map[string]any `json:"usageInfo"`

	DataCollection    string   `json:"rai:dataCollection"`
	CollectionType    []string `json:"rai:dataCollectionType"`
	CollectionTime    []string `json:"rai:dataCollectionTimeframe,omitempty"`
	PersonalSensitive []string `json:"rai:personalSensitiveInformation"`
	ManipulationProto string   `json:"rai:dataManipulationProtocol"`
	UseCases          string   `json:"rai:dataUseCases"`
	Distribution      []any    `json:"distribution"`
	RecordSet         []any    `json:"recordSet"`
}

// Croissant returns croissant.json: the catalog as a Croissant 1.1 dataset
// with the RAI 1.0 vocabulary, metadata/files.jsonl as its RecordSet, a
// FileSet per kind of media under data/, and the licence offer as an ODRL
// Offer in usageInfo. facts must list metadata/files.jsonl.
func Croissant(p *Profile, recs []*pipeline.Record, facts *BundleFacts) ([]byte, error) {
	if err := checkComplete(p); err != nil {
		return nil, err
	}
	filesJSONL, ok := facts.file(FilesJSONL)
	if !ok {
		return nil, fmt.Errorf("croissant.json: bundle facts do not list %s", FilesJSONL)
	}
	s := gather(p, recs, facts)
	id := p.Catalog.ExternalIdentifier
	doc := croissantDoc{
		Context:       croissantContext(),
		Type:          "sc:Dataset",
		ID:            id,
		ConformsTo:    []string{CroissantSpec, RAISpec},
		Name:          title(p),
		Description:   catalogDescription(p, s),
		License:       licenceURL(p),
		URL:           catalogURL(p),
		Identifier:    id,
		Creator:       creatorNode(p),
		DatePublished: facts.created(),
		Version:       catalogVersion(p),
		Keywords:      p.Catalog.Keywords,
		InLanguage:    s.primaryLanguages(),
		UsageInfo:     odrlOffer(p),
		DataCollection: fmt.Sprintf("Original works by %s, taken from the creator's own content folder. "+
			"consign %s read each file once, recorded its type, content date, languages and metadata, "+
			"and scanned its text and metadata for personal data, secrets and third-party rights signals.",
			issuer(p), facts.ConsignVersion),
		CollectionType:    []string{"Manual Human Curator", "Software Collection"},
		PersonalSensitive: sensitiveSummary(p, s),
		ManipulationProto: manipulationSummary(s, facts),
		UseCases:          useCaseSummary(p),
		Distribution:      distribution(recs, filesJSONL, facts),
		RecordSet:         []any{filesRecordSet()},
	}
	if s.first != "" {
		doc.CollectionTime = []string{s.first, s.last}
	}
	return marshalDoc(doc)
}

func catalogDescription(p *Profile, s *stats) string {
	if p.Catalog.Description != "" {
		return p.Catalog.Description
	}
	if s.files == 0 {
		// Every file left out (the redaction policy excluded them all):
		// no list of kinds to follow a colon.
		return fmt.Sprintf("0 files by %s.", issuer(p))
	}
	return fmt.Sprintf("%s by %s: %s.", Count(s.files, "file"), issuer(p), joinCounts(s.byKind))
}

// licenceURL is the licence as Croissant's license property wants it: the
// agreement's URL, an SPDX licence page, or the LicenseRef of the offer
// described in usageInfo.
func licenceURL(p *Profile) string {
	switch l := &p.Licence; {
	case l.URL != "":
		return l.URL
	case l.ID != "" && !strings.HasPrefix(l.ID, "LicenseRef-"):
		return "https://spdx.org/licenses/" + l.ID + ".html"
	default:
		return l.Identifier()
	}
}

func catalogURL(p *Profile) string {
	switch {
	case p.Catalog.URL != "":
		return p.Catalog.URL
	case p.Creator.Contact.URL != "":
		return p.Creator.Contact.URL
	}
	return p.Catalog.ExternalIdentifier
}

func creatorNode(p *Profile) map[string]any {
	c := p.Creator
	if c.Name == "" && c.Organisation != "" {
		return map[string]any{"@type": "sc:Organization", "name": c.Organisation}
	}
	n := map[string]any{"@type": "sc:Person", "name": issuer(p)}
	if c.Organisation != "" {
		n["affiliation"] = map[string]any{"@type": "sc:Organization", "name": c.Organisation}
	}
	if c.Contact.Email != "" {
		n["email"] = c.Contact.Email
	}
	if c.Contact.URL != "" {
		n["url"] = c.Contact.URL
	}
	return n
}

// distribution lists files.jsonl (and findings.jsonl) as FileObjects and
// the payload as one FileSet per kind, each including globs under data/.
func distribution(recs []*pipeline.Record, filesJSONL BundleFile, facts *BundleFacts) []any {
	out := []any{fileObject(filesJSONL, "One JSON record per payload file: path, sha256, media type, kind, content date, languages, tags, rights.")}
	if f, ok := facts.file(FindingsJSONL); ok {
		out = append(out, fileObject(f, "Every finding of the audit, with its status and the redaction applied."))
	}
	kinds, globs, types := payloadGlobs(recs)
	for _, kind := range kinds {
		set := map[string]any{
			"@type":       "cr:FileSet",
			"@id":         "data-" + kind,
			"name":        kind + " files",
			"description": fmt.Sprintf("The %s files of the payload.", kind),
			"includes":    globs[kind],
		}
		if len(types[kind]) == 1 {
			set["encodingFormat"] = types[kind][0]
		} else if len(types[kind]) > 1 {
			set["encodingFormat"] = types[kind]
		}
		out = append(out, set)
	}
	return out
}

func fileObject(f BundleFile, desc string) map[string]any {
	return map[string]any{
		"@type":          "cr:FileObject",
		"@id":            f.Path,
		"name":           path.Base(f.Path),
		"description":    desc,
		"contentUrl":     f.Path,
		"contentSize":    fmt.Sprintf("%d B", f.Size),
		"encodingFormat": "application/jsonlines",
		"sha256":         f.SHA256,
	}
}

// payloadGlobs groups the payload by kind. An extension whose files are
// all of one kind becomes "data/**/*.ext"; a file whose extension is shared
// with another kind, or that has none, is listed by its own path.
func payloadGlobs(recs []*pipeline.Record) (kinds []string, globs, types map[string][]string) {
	extKinds := map[string]map[string]bool{}
	kindOf := func(r *pipeline.Record) string {
		if r.Kind == "" {
			return "other"
		}
		return r.Kind
	}
	for _, r := range recs {
		ext := path.Ext(r.Path)
		if extKinds[ext] == nil {
			extKinds[ext] = map[string]bool{}
		}
		extKinds[ext][kindOf(r)] = true
	}
	sets := map[string]map[string]bool{}
	mt := map[string]map[string]bool{}
	for _, r := range recs {
		k := kindOf(r)
		if sets[k] == nil {
			sets[k], mt[k] = map[string]bool{}, map[string]bool{}
		}
		ext := path.Ext(r.Path)
		if ext != "" && len(extKinds[ext]) == 1 && !strings.ContainsAny(ext, "*?[]{}\\") {
			sets[k]["data/**/*"+ext] = true
		} else {
			sets[k]["data/"+r.Path] = true
		}
		if r.MediaType != "" {
			mt[k][r.MediaType] = true
		}
	}
	globs, types = map[string][]string{}, map[string][]string{}
	for k, set := range sets {
		globs[k] = sortedKeys(set)
		types[k] = sortedKeys(mt[k])
	}
	kinds = sortedKeys(sets)
	sort.Strings(kinds)
	return kinds, globs, types
}

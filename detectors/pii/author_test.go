package pii

import (
	"testing"

	"github.com/consignhq/consign/detectors"
)

var authorCases = []fieldCase{
	{"docx creator and last editor", fields("docx:dc:creator", "Jane Creator", "docx:cp:lastModifiedBy", "Bob Editor"),
		[]string{"docx:dc:creator=Jane Creator", "docx:cp:lastModifiedBy=Bob Editor"}},
	{"odt initial creator", fields("odt:meta:initial-creator", "Ann Writer", "odt:dc:creator", "Ann Writer"),
		[]string{"odt:meta:initial-creator=Ann Writer", "odt:dc:creator=Ann Writer"}},
	{"pdf author", fields("pdf:Author", "Dr. Carol Smith"), []string{"pdf:Author=Dr. Carol Smith"}},
	{"epub creator and contributor", fields("epub:dc:creator", "Mary Shelley", "epub:dc:contributor", "Ed Illustrator"),
		[]string{"epub:dc:creator=Mary Shelley", "epub:dc:contributor=Ed Illustrator"}},
	{"rtf", fields("rtf:author", "Dan", "rtf:operator", "Eve Ops"), []string{"rtf:author=Dan", "rtf:operator=Eve Ops"}},
	{"html meta", fields("html:meta:author", "Fay Blogger", "html:meta:article:author", "https://example.com/fay"),
		[]string{"html:meta:author=Fay Blogger"}},
	{"exif artist and xp author", fields("exif:Artist", "Gus Photo", "exif:XPAuthor", "Gus Photo"),
		[]string{"exif:Artist=Gus Photo", "exif:XPAuthor=Gus Photo"}},
	{"xmp creator list", fields("xmp:dc:creator", "Jane Creator; Bob Second"),
		[]string{"xmp:dc:creator=Jane Creator", "xmp:dc:creator=Bob Second"}},
	{"iptc by-line", fields("iptc:By-line", "Hal News", "iptc:Writer-Editor", "Ivy Desk"),
		[]string{"iptc:By-line=Hal News", "iptc:Writer-Editor=Ivy Desk"}},
	{"quicktime author", fields("mp4:©aut", "Kim Video", "mp4:com.apple.quicktime.author", "Kim Video"),
		[]string{"mp4:©aut=Kim Video", "mp4:com.apple.quicktime.author=Kim Video"}},
	{"front matter", fields("frontmatter:author", "Joe Poster"), []string{"frontmatter:author=Joe Poster"}},
	{"office placeholders", fields("docx:dc:creator", "Microsoft Office User", "docx:cp:lastModifiedBy", "Administrator"), nil},
	{"audio artist is the credit", fields("id3:TPE1", "The Band", "vorbis:ARTIST", "Singer", "mp4:©ART", "Duo"), nil},
	{"software is not a person", fields("pdf:Creator", "Microsoft Word", "pdf:Producer", "Skia/PDF"), nil},
	{"no letters", fields("pdf:Author", "12345"), nil},
	{"role words", fields("exif:Artist", "me", "iptc:By-line", "Photographer", "iptc:Writer-Editor", "Writers"), nil},
	{"first-person notes", fields("iptc:Writer-Editor", "I did this", "xmp:photoshop:CaptionWriter", "Me as well", "iptc:By-line", "I’m the one"), nil},
	{"labels with fillers", fields("html:meta:author", "Another Creator", "xmp:dc:creator", "Test Author"), nil},
	{"organisations", fields("ods:dc:creator", "IDHW IDHW Informatica", "docx:dc:creator", "Contoso Ltd.", "pdf:Author", "Fabrikam, Inc.",
		"xmp:dc:creator", "Design Department; Acme Software Solutions"), nil},
	{"generic accounts", fields("docx:dc:creator", "Cisco Employee", "docx:cp:lastModifiedBy", "Windows User",
		"pdf:Author", "Preferred Customer", "odt:dc:creator", "Utilisateur Microsoft Office", "rtf:operator", "user"), nil},
	{"label and value", fields("docx:dc:creator", "Author: Jeff", "pdf:Author", "Name: Lee Park"), nil},
	{"template markup", fields("rtf:author", "an author {with braces}", "html:meta:author", "[Your Name]", "frontmatter:author", "{{ author }}"), nil},
	{"test placeholders", fields("exif:Artist", "RIGHT1of2-EXIF-Creator", "iptc:By-line", "WRONG2of2-IPTC-Creator",
		"xmp:dc:creator", "bad_list_type_A; Template Author", "pdf:Author", "Max Mustermann"), nil},
	{"people among placeholders kept", fields("docx:dc:creator", "Jeff", "docx:cp:lastModifiedBy", "Steve Canny",
		"xmp:dc:creator", "john_smith; Laitche", "ods:dc:creator", "Christopher Guest", "pdf:Author", "Ana Sá"),
		[]string{"docx:dc:creator=Jeff", "docx:cp:lastModifiedBy=Steve Canny", "xmp:dc:creator=john_smith",
			"xmp:dc:creator=Laitche", "ods:dc:creator=Christopher Guest", "pdf:Author=Ana Sá"}},
	{"names with label words kept", fields("docx:dc:creator", "Sam Writer", "pdf:Author", "An Author Named Lee Park"),
		[]string{"docx:dc:creator=Sam Writer", "pdf:Author=An Author Named Lee Park"}},
}

func TestAuthor(t *testing.T) {
	runFieldCases(t, NewAuthor(detectors.Config{}), "person_name", detectors.SeverityLow, "review", authorCases)
}

func TestAuthorSelfThroughSealer(t *testing.T) {
	item := &detectors.Item{Path: "a.docx", Fields: fields("docx:dc:creator", "Jane Creator", "docx:cp:lastModifiedBy", "Bob Editor")}
	fs, err := NewAuthor(detectors.Config{}).Detect(t.Context(), item)
	if err != nil {
		t.Fatal(err)
	}
	s := detectors.Sealer{
		Fingerprinter: detectors.NewFingerprinter([]byte("salt")),
		Self:          detectors.NewSelfFilter(detectors.Identity{Names: []string{"Jane Creator"}}),
	}
	s.Seal(fs)
	if len(fs) != 2 || fs[0].Kind != detectors.KindSelf || fs[1].Kind != "person_name" {
		t.Fatalf("sealed findings %+v: want the creator's own name as self, the editor's as person_name", fs)
	}
	if fs[0].ID == "" || fs[0].ID == fs[1].ID || fs[0].Value != "" {
		t.Errorf("sealed findings %+v: want distinct ids and no values", fs)
	}
}

var peopleCases = []fieldCase{
	{"person in image list", fields("xmp:Iptc4xmpExt:PersonInImage", "Ann Example; Ben Example"),
		[]string{"xmp:Iptc4xmpExt:PersonInImage=Ann Example", "xmp:Iptc4xmpExt:PersonInImage=Ben Example"}},
	{"person in image details", fields("xmp:Iptc4xmpExt:PersonInImageWDetails/Iptc4xmpExt:PersonName", "Cleo"),
		[]string{"xmp:Iptc4xmpExt:PersonInImageWDetails/Iptc4xmpExt:PersonName=Cleo"}},
	{"mwg faces", fields("xmp:mwg-rs:FaceName", "Dan Example", "xmp:mwg-rs:Regions/mwg-rs:RegionList/mwg-rs:Name", "Rex"),
		[]string{"xmp:mwg-rs:FaceName=Dan Example"}},
	{"microsoft regions", fields("xmp:MP:RegionInfo/MPRI:Regions/MPReg:PersonDisplayName", "Eve Example"),
		[]string{"xmp:MP:RegionInfo/MPRI:Regions/MPReg:PersonDisplayName=Eve Example"}},
	{"lightroom people keywords", fields("xmp:lr:hierarchicalSubject", "Places|Paris; People|Family|Fay Example; People"),
		[]string{"xmp:lr:hierarchicalSubject=Fay Example"}},
	{"digikam people tags", fields("xmp:digiKam:TagsList", "People/Gus Example; Events/Wedding"),
		[]string{"xmp:digiKam:TagsList=Gus Example"}},
	{"keywords without people", fields("xmp:lr:hierarchicalSubject", "Animals|Dogs; Places|Paris"), nil},
	{"placeholder face", fields("xmp:mwg-rs:FaceName", "unknown"), nil},
	{"numbered untagged faces", fields("xmp:mwg-rs:FaceName", "Region 1; Face 2; Person3"), nil},
	{"creator is not in the image", fields("xmp:dc:creator", "Jane Creator"), nil},
}

func TestPeople(t *testing.T) {
	runFieldCases(t, NewPeople(detectors.Config{}), "person_in_image", detectors.SeverityMedium, "review", peopleCases)
}

func FuzzPeople(f *testing.F) {
	fuzzMetaDetector(f, NewPeople(detectors.Config{}), []string{"xmp:lr:hierarchicalSubject", "xmp:Iptc4xmpExt:PersonInImage"},
		[]string{"People|Ann", "||; /", "People/", "; ; "})
}

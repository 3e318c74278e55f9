package extract

import (
	"bytes"
	"context"
)

// coverOwnerFields are the fields of an embedded cover picture that name
// who owns it: a cover credited to a photographer or an agency is not the
// musician's to sell.
var coverOwnerFields = map[string]bool{
	"exif:Copyright": true, "exif:Artist": true, "xmp:dc:rights": true, "xmp:dc:creator": true,
	"iptc:By-line": true, "iptc:CopyrightNotice": true, "iptc:Credit": true, "iptc:Source": true,
	"xmp:photoshop:Credit": true, "xmp:photoshop:Source": true,
}

// maxCoverScan bounds the cover pictures whose metadata is read; the
// tag library has already read them into memory.
const maxCoverScan = 16 << 20

// recordCoverOwner reads the EXIF, IPTC and XMP of an embedded picture
// and records its ownership fields under the picture's field, as
// "id3:APIC:exif:Copyright".
func recordCoverOwner(ctx context.Context, field string, data []byte, res *Result) {
	if len(data) == 0 || len(data) > maxCoverScan {
		return
	}
	head := data[:min(len(data), HeadSize)]
	if imageFormat(head) == "" {
		return
	}
	mt, kind := Sniff("cover", head)
	src := &Source{Path: "cover", Size: int64(len(data)), Head: head, R: bytes.NewReader(data), MediaType: mt, Kind: kind}
	var sub Result
	Run(ctx, []Extractor{NewEXIF(), NewIPTC(), NewXMP()}, src, &sub)
	for _, f := range sub.Fields {
		if coverOwnerFields[f.Name] {
			res.AddField(field+":"+f.Name, f.Value)
		}
	}
}

package extract

import (
	"context"
	"fmt"
)

// DV reads the recording time of a DV stream (.dv, as MiniDV tapes are
// captured): the date and time packs (0x62, 0x63) of the video auxiliary
// (VAUX) blocks in the first DIF sequence, as exiftool's DV module reads
// them. The packs give the camcorder's clock, with no UTC offset.
type DV struct{}

var _ Extractor = DV{}

// NewDV returns the DV extractor.
func NewDV() Extractor { return DV{} }

// Name implements Extractor.
func (DV) Name() string { return "dv" }

// Applies implements Extractor.
func (DV) Applies(src *Source) bool { return src.MediaType == mediaDV }

// difBlock is the size of a DIF block; a sequence starts with a header
// block, two subcode blocks and three VAUX blocks.
const difBlock = 80

// Extract implements Extractor.
func (DV) Extract(_ context.Context, src *Source, res *Result) error {
	if len(src.Head) < 6*difBlock {
		return fmt.Errorf("dv: %d bytes, short of a DIF sequence's first six blocks", len(src.Head))
	}
	var date, clock []byte
	for i := 3; i < 6; i++ {
		block := src.Head[i*difBlock : (i+1)*difBlock]
		if block[0]&0xF0 != 0x50 { // not a VAUX block
			continue
		}
		for j := 0; j < 15; j++ {
			pack := block[3+5*j : 3+5*j+5]
			switch {
			case pack[0] == 0x62:
				date, clock = pack[1:], nil
			case pack[0] == 0x63 && date != nil:
				clock = pack[1:]
			default:
				if clock == nil {
					date = nil // the time pack must follow the date pack
				}
			}
			if clock != nil {
				break
			}
		}
		if clock != nil {
			break
		}
	}
	if date == nil || clock == nil {
		return nil
	}
	var v [6]int // year, month, day, hour, minute, second
	for i, c := range []byte{date[3], date[2] & 0x1F, date[1] & 0x3F, clock[3] & 0x3F, clock[2] & 0x7F, clock[1] & 0x7F} {
		if c>>4 > 9 || c&0x0F > 9 {
			return nil // not BCD: no date recorded
		}
		v[i] = int(c>>4)*10 + int(c&0x0F)
	}
	century := 2000
	if v[0] >= 90 {
		century = 1900
	}
	s := fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d", century+v[0], v[1], v[2], v[3], v[4], v[5])
	if d, ok := parseTagDate(s, "dv:DateTimeOriginal", RankEmbedded); ok {
		res.AddField("dv:DateTimeOriginal", d.String())
		res.AddDate(d)
	}
	return nil
}

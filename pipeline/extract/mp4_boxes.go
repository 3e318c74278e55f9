package extract

import (
	"fmt"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// containerBoxes hold only boxes; validateBoxes descends into them.
var containerBoxes = map[string]bool{
	"moov": true, "trak": true, "mdia": true, "minf": true, "stbl": true,
	"udta": true, "ilst": true, "edts": true, "dinf": true, "meta": true,
}

// validateBoxes checks that every box under b fits in its parent,
// descending into containers and into ilst items (whose children are data
// boxes).
func validateBoxes(w *bmff.Walker, b bmff.Box, depth int) error {
	if depth > bmff.MaxDepth {
		return fmt.Errorf("mp4 boxes nested deeper than %d at offset %d", bmff.MaxDepth, b.Off)
	}
	start := b.DataOff()
	if b.Type == "meta" {
		start = bmff.MetaChildrenStart(w.R, b)
	}
	kids, err := w.Children(start, b.End())
	if err != nil {
		return err
	}
	for _, k := range kids {
		if containerBoxes[k.Type] || b.Type == "ilst" {
			if err := validateBoxes(w, k, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

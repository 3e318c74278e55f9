package pdf

import "sync"

// cmapCache keeps the ToUnicode maps a Reader has read, by the object
// number of their stream. (Change from upstream ledongthuc/pdf, which read
// a font's map again on every page that used the font: most files share
// a handful of fonts across all their pages, and reading the map was a
// third of extracting a page's text.) It keeps at most maxCachedCMaps
// maps; others are read each time, as upstream did.
type cmapCache struct {
	mu   sync.Mutex
	maps map[objptr]*cmap // nil for a map that did not parse
}

const maxCachedCMaps = 64

// toUnicode returns the map of stream v, a font's ToUnicode, or nil when
// it does not parse.
func (r *Reader) toUnicode(v Value) *cmap {
	c := &r.cmaps
	c.mu.Lock()
	m, ok := c.maps[v.ptr]
	c.mu.Unlock()
	if ok {
		return m
	}
	m = readCmap(v)
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.maps) < maxCachedCMaps {
		if c.maps == nil {
			c.maps = make(map[objptr]*cmap)
		}
		c.maps[v.ptr] = m
	}
	return m
}

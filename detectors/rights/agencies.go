package rights

import "strings"

// agency is a stock library or news agency whose pictures a creator may
// hold but not resell.
type agency struct {
	name  string
	words [][]string // folded word runs that name it
	// ambiguous names are also ordinary words or initials ("AP", "AFP")
	// or a newsroom prose cites ("Reuters reported"): in text they count
	// only in a credit line.
	ambiguous bool
}

var agencies = []agency{
	{name: "Getty Images", words: runs("getty images", "gettyimages")},
	{name: "iStock", words: runs("istock", "istockphoto", "istock by getty images")},
	{name: "Shutterstock", words: runs("shutterstock")},
	{name: "Adobe Stock", words: runs("adobe stock", "adobestock", "fotolia")},
	{name: "Alamy", words: runs("alamy", "alamy stock photo")},
	{name: "Dreamstime", words: runs("dreamstime")},
	{name: "Depositphotos", words: runs("depositphotos", "deposit photos")},
	{name: "123RF", words: runs("123rf")},
	{name: "Unsplash", words: runs("unsplash")},
	{name: "Pexels", words: runs("pexels")},
	{name: "Pixabay", words: runs("pixabay")},
	{name: "AP", words: runs("associated press")},
	{name: "AP", words: runs("ap", "ap photo", "ap images"), ambiguous: true},
	{name: "Reuters", words: runs("reuters"), ambiguous: true},
	{name: "AFP", words: runs("afp", "agence france presse", "afp photo"), ambiguous: true},
}

func runs(names ...string) [][]string {
	out := make([][]string, len(names))
	for i, n := range names {
		out[i] = strings.Fields(n)
	}
	return out
}

// agencyIn returns the agency v names, or "". Ambiguous names count only
// when credit is true: v is a credit, source or copyright value, or a
// credit line.
func agencyIn(v string, credit bool) string {
	words := foldWords(v)
	for _, a := range agencies {
		if a.ambiguous && !credit {
			continue
		}
		for _, w := range a.words {
			if containsRun(words, w) {
				return a.name
			}
		}
	}
	return ""
}

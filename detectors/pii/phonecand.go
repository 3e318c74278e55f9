package pii

// maxPhoneGroups bounds the digit groups of one phone candidate.
const maxPhoneGroups = 10

// phoneCand is a run of text that is written like a phone number: digits
// in groups joined by spaces, dashes, dots, slashes or parentheses, maybe
// with a leading "+" and a trailing extension.
type phoneCand struct {
	s, e    int // the whole span, extension included
	numEnd  int // where the number itself ends
	plus    bool
	paren   bool
	n       int                  // number of digit groups
	lens    [maxPhoneGroups]int  // digits per group
	seps    [maxPhoneGroups]byte // the main separator before group k (k >= 1)
	digits  [24]byte
	ndigits int
}

// dialled returns the number as dialled: its digits, after a "+" if it
// has one. libphonenumber reads the same number from it as from the
// written form, and its patterns run faster over fewer bytes.
func (c *phoneCand) dialled() string {
	if c.plus {
		return "+" + string(c.digits[:c.ndigits])
	}
	return string(c.digits[:c.ndigits])
}

// scanPhone reads the phone-like run whose first digit is at i. It returns
// false when the run cannot be a phone number; next is where scanning
// should go on either way.
func scanPhone(b []byte, i int, c *phoneCand) (ok bool, next int) {
	*c = phoneCand{s: i}
	if c.s > 0 && b[c.s-1] == '+' {
		c.s--
		c.plus = true
	}
	open := false
	if c.s > 0 && b[c.s-1] == '(' {
		c.s--
		c.paren, open = true, true
	}
	j := i
	for {
		e := digitsEnd(b, j)
		if c.n == maxPhoneGroups || c.ndigits+e-j > len(c.digits) {
			return false, digitsEnd(b, e)
		}
		c.lens[c.n] = e - j
		c.n++
		c.ndigits += copy(c.digits[c.ndigits:], b[j:e])
		k, sep, paren, ok := phoneSep(b, e, open)
		if !ok {
			c.numEnd = e
			break
		}
		if paren {
			open = !open
			c.paren = true
		}
		c.seps[c.n] = sep
		j = k
	}
	if open {
		return false, c.numEnd
	}
	c.e = c.numEnd
	if x := phoneExtension(b, c.numEnd); x > 0 {
		c.e = x
	}
	return true, c.e
}

// phoneSep reads the separators after a digit group at i: at most three
// bytes with at most one space, one of "-./" and one parenthesis, followed
// by a digit. It returns where the next group starts, the main separator,
// and whether a parenthesis was crossed.
func phoneSep(b []byte, i int, open bool) (next int, sep byte, paren, ok bool) {
	var spaces, punct, parens int
	j := i
	for j < len(b) && j-i < 4 {
		switch c := b[j]; c {
		case ' ':
			spaces++
			j++
			continue
		case 0xC2:
			if j+1 < len(b) && b[j+1] == 0xA0 {
				spaces++
				j += 2
				continue
			}
		case '-', '.', '/':
			if sep != 0 && sep != ' ' && sep != '(' {
				return 0, 0, false, false
			}
			punct++
			sep = c
			j++
			continue
		case '(', ')':
			if (c == '(') == open || parens > 0 {
				return 0, 0, false, false
			}
			parens++
			open = !open
			if sep == 0 {
				sep = '('
			}
			j++
			continue
		}
		break
	}
	if j == i || j >= len(b) || !isDigit(b[j]) || spaces > 1 || punct > 1 {
		return 0, 0, false, false
	}
	if sep == 0 {
		sep = ' '
	}
	return j, sep, parens > 0, true
}

// phoneExtension reads " ext. 123", " x123" or ", extension 12" after a
// number that ends at i and returns where it ends, or 0.
func phoneExtension(b []byte, i int) int {
	j := i
	if j < len(b) && b[j] == ',' {
		j++
	}
	for j < len(b) && j-i < 3 && b[j] == ' ' {
		j++
	}
	w := 0
	for _, word := range []string{"extension", "ext", "x"} {
		if j+len(word) <= len(b) && foldEqual(b[j:j+len(word)], word) {
			w = len(word)
			break
		}
	}
	if w == 0 {
		return 0
	}
	j += w
	if j < len(b) && (b[j] == '.' || b[j] == ':') {
		j++
	}
	if j < len(b) && b[j] == ' ' {
		j++
	}
	e := digitsEnd(b, j)
	if e == j || e-j > 6 || !rightClean(b, e) {
		return 0
	}
	return e
}

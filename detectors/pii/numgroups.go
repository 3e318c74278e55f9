package pii

// maxGroups bounds how many digit groups one grouped number may have.
const maxGroups = 8

// numRun is a number written as digit groups joined by single separators,
// like "123-45-6789", "943 476 5919" or "111.444.777-35".
type numRun struct {
	n    int
	span [maxGroups][2]int // byte span of each group of digits
	sep  [maxGroups]byte   // sep[k] joins group k and k+1; a no-break space reads as ' '
}

// sepAt returns the separator at i and its width in bytes, or 0, 0.
func sepAt(b []byte, i int) (byte, int) {
	if i >= len(b) {
		return 0, 0
	}
	switch c := b[i]; c {
	case ' ', '-', '.', '/':
		return c, 1
	case 0xC2:
		if i+1 < len(b) && b[i+1] == 0xA0 {
			return ' ', 2
		}
	}
	return 0, 0
}

// scanGroups reads the grouped number whose first digit is at i.
func scanGroups(b []byte, i int, r *numRun) {
	r.n = 0
	for {
		e := digitsEnd(b, i)
		r.span[r.n] = [2]int{i, e}
		r.n++
		if r.n == maxGroups {
			return
		}
		sep, w := sepAt(b, e)
		if w == 0 || e+w >= len(b) || !isDigit(b[e+w]) {
			return
		}
		r.sep[r.n-1] = sep
		i = e + w
	}
}

// end is where the whole run ends.
func (r *numRun) end() int { return r.span[r.n-1][1] }

// shape is how an identifier is written: the length of each digit group
// and the separators allowed between them.
type shape struct {
	lens  []int
	seps  string // allowed separators; all joins must use the same one
	exact string // or: the exact separator of each join, e.g. "..-"
}

// matches reports whether groups k.. of r are written in shape sh and form
// a whole value: not glued to a word, and not a slice of a longer number
// grouped the same way.
func (r *numRun) matches(b []byte, k int, sh shape) bool {
	m := len(sh.lens)
	if k+m > r.n {
		return false
	}
	for j, l := range sh.lens {
		sp := r.span[k+j]
		if sp[1]-sp[0] != l {
			return false
		}
	}
	var inner byte
	for j := 0; j < m-1; j++ {
		s := r.sep[k+j]
		switch {
		case sh.exact != "":
			if s != sh.exact[j] {
				return false
			}
		case j == 0:
			if !containsByte(sh.seps, s) {
				return false
			}
			inner = s
		case s != inner:
			return false
		}
	}
	if k > 0 && (r.sep[k-1] != ' ' || inner == ' ') {
		return false
	}
	if k+m < r.n && (r.sep[k+m-1] != ' ' || inner == ' ') {
		return false
	}
	if k == 0 && !leftClean(b, r.span[0][0]) {
		return false
	}
	if k+m == r.n && !rightClean(b, r.span[k+m-1][1]) {
		return false
	}
	return true
}

// digits appends the digits of groups k..k+m-1 to dst.
func (r *numRun) digits(dst []byte, b []byte, k, m int) []byte {
	for j := k; j < k+m; j++ {
		dst = append(dst, b[r.span[j][0]:r.span[j][1]]...)
	}
	return dst
}

func containsByte(s string, c byte) bool {
	for i := range len(s) {
		if s[i] == c {
			return true
		}
	}
	return false
}

// allSame reports whether every digit of d is the same, the mark of a
// filler value ("000-00-0000", "111.111.111-11").
func allSame(d []byte) bool {
	for _, c := range d[1:] {
		if c != d[0] {
			return false
		}
	}
	return true
}

package bagit

// The folders a Writer keeps open to link and stat relative to them.

// maxCursors bounds the dirCursors a Writer keeps, each with two
// directories open: one a goroutine adding files at the same time.
const maxCursors = 16

// cursor returns a dirCursor for one link; putCursor gives it back.
// Files come in path order, so the one a cursor linked last is most
// likely in the same directories as the next, whichever goroutine links
// it.
func (w *Writer) cursor() *dirCursor {
	select {
	case c := <-w.cursors:
		return c
	default:
		return &dirCursor{}
	}
}

func (w *Writer) putCursor(c *dirCursor) {
	select {
	case w.cursors <- c:
	default:
		c.close()
	}
}

// Release closes the directories the Writer holds open to link files,
// as Close does, for a bag given up before Close.
func (w *Writer) Release() { w.closeCursors() }

// closeCursors closes the directories the kept cursors hold open.
func (w *Writer) closeCursors() {
	for {
		select {
		case c := <-w.cursors:
			c.close()
		default:
			return
		}
	}
}

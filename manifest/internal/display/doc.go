// Package display shows file names in lines of text: quoted, with Go's
// escapes, when they hold what would not print as themselves. It sits below
// manifest so that manifest/bagit, which manifest imports, names files the
// same way manifest.DisplayPath does.
package display

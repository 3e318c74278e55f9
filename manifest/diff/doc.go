// Package diff compares two bundles made by consign pack, from their files
// alone: which payload files were added, removed, changed, renamed or
// redacted, which findings appeared, were resolved or changed status, and
// whether the licence offer changed. It streams the bundles' JSON Lines
// files and never opens the payload, so its memory follows the number of
// differences (and of findings), not the size of the files.
package diff

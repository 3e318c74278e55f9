// Package goprotest builds the metadata GoPro cameras write, for the tests
// of the packages that read and redact it: GPMF key-length-value entries
// (a JPEG's APP6 "GoPro" segment, an MP4's udta GPMF box) and the user-data
// atoms of GoPro movies. It is imported by tests only.
package goprotest

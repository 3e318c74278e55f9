// Package extract reads what a file says about itself: its media type, the
// metadata of images, audio, video and documents, the dates it carries, its
// visible text and the languages of that text. Every parser here treats its
// input as hostile: lengths are checked before they are trusted, reads are
// bounded, and a panic in a parser becomes that file's error.
package extract

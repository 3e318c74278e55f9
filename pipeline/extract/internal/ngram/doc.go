// Package ngram holds lingua-go's unigram, bigram and trigram language
// models as one table compiled into the binary, ready to search in place:
// looking an n-gram up costs a binary search, and nothing is decoded when
// the program starts. gen builds the table from lingua's own model files.
package ngram

//go:generate go run ./gen -o .

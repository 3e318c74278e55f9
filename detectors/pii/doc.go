// Package pii holds the detectors for personal data in text: phone numbers,
// US social security and taxpayer numbers, national identity numbers that
// carry a checksum, and cryptocurrency wallet addresses. Each detector
// finds candidates with a cheap byte scan and lets a validator (a checksum,
// a numbering plan) decide, so that prose with ordinary numbers stays
// quiet.
package pii

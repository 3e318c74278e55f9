package pii

import (
	"context"
	"encoding/hex"

	"github.com/consignhq/consign/detectors"
	"golang.org/x/crypto/sha3"
)

// CryptoWalletName names the cryptocurrency wallet address detector.
const CryptoWalletName = "pii/crypto_wallet"

// CryptoWallet finds cryptocurrency wallet addresses whose checksum holds:
// Bitcoin legacy addresses ("1...", "3...", base58check), Bitcoin segwit
// addresses ("bc1...", bech32 and bech32m) and Ethereum addresses ("0x"
// and 40 hex digits, checked with EIP-55 when written in mixed case).
// Every such address holds a digit, so the scan starts from digits.
type CryptoWallet struct{}

var _ detectors.TextDetector = (*CryptoWallet)(nil)

// NewCryptoWallet returns the wallet address detector.
func NewCryptoWallet() *CryptoWallet { return &CryptoWallet{} }

// Name implements detectors.Detector.
func (*CryptoWallet) Name() string { return CryptoWalletName }

// Applies implements detectors.Detector: any text may hold an address.
func (*CryptoWallet) Applies(*detectors.Item) bool { return true }

// Detect implements detectors.Detector; the work happens in Find.
func (*CryptoWallet) Detect(context.Context, *detectors.Item) ([]detectors.Finding, error) {
	return nil, nil
}

// MaxLen implements detectors.TextDetector: the longest bech32 string.
func (*CryptoWallet) MaxLen() int { return 90 }

// FindKey implements detectors.FindKeyer: Find reads nothing of the item.
func (*CryptoWallet) FindKey(*detectors.Item) string { return "" }

// Find implements detectors.TextDetector.
func (*CryptoWallet) Find(item *detectors.Item, b []byte) []detectors.Match {
	dg := digitsOf(item, b)
	var out []detectors.Match
	for i := dg.next(0); i < len(b); {
		s, e := tokenBounds(b, i)
		i = dg.next(e)
		if e-s < 26 || e-s > 90 || s > 0 && wordRuneBefore(b, s) || e < len(b) && wordRuneAt(b, e) {
			continue
		}
		if value, conf, ok := walletAddress(b[s:e]); ok {
			out = append(out, detectors.Match{
				Start: s, End: e, Value: value, Kind: "crypto_wallet",
				Severity: detectors.SeverityMedium, Confidence: conf,
			})
		}
	}
	return out
}

// walletAddress checks one token and returns its normalized form: base58
// addresses as written (their case is meaningful), the others in lower
// case.
func walletAddress(t []byte) (value string, conf float64, ok bool) {
	switch {
	case len(t) == 42 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X'):
		return ethereumAddress(t[2:])
	case len(t) >= 14 && (t[0] == 'b' || t[0] == 'B') && (t[1] == 'c' || t[1] == 'C') && t[2] == '1':
		lower, mixed := lowerCase(t)
		if !mixed && segwitAddress(lower) {
			return string(lower), 0.95, true
		}
	case (t[0] == '1' || t[0] == '3') && len(t) <= 35:
		if v, ok := base58Check(t); ok && (v == 0x00 && t[0] == '1' || v == 0x05 && t[0] == '3') {
			return string(t), 0.9, true
		}
	}
	return "", 0, false
}

// ethereumAddress checks 40 hex digits. Mixed case carries the EIP-55
// checksum, which must hold; one case carries none, so the match is less
// sure.
func ethereumAddress(h []byte) (string, float64, bool) {
	lower, mixed := lowerCase(h)
	var raw [20]byte
	if _, err := hex.Decode(raw[:], lower); err != nil {
		return "", 0, false
	}
	value := "0x" + string(lower)
	if !mixed {
		return value, 0.6, true
	}
	k := sha3.NewLegacyKeccak256()
	k.Write(lower)
	sum := k.Sum(nil)
	for i, c := range h {
		if !isLetter(c) {
			continue
		}
		nibble := sum[i/2] >> 4
		if i%2 == 1 {
			nibble = sum[i/2] & 0xf
		}
		if isUpper(c) != (nibble >= 8) {
			return "", 0, false
		}
	}
	return value, 0.95, true
}

// lowerCase returns t in lower case and whether t mixed upper and lower
// case letters.
func lowerCase(t []byte) (lower []byte, mixed bool) {
	lower = make([]byte, len(t))
	hasUpper, hasLower := false, false
	for i, c := range t {
		hasUpper = hasUpper || isUpper(c)
		hasLower = hasLower || isLower(c)
		lower[i] = toLower(c)
	}
	return lower, hasUpper && hasLower
}

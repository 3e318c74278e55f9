package pii

import "crypto/sha256"

// base58Alphabet is Bitcoin's: no 0, O, I or l.
const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// base58Values maps a byte to its base58 digit, or -1.
var base58Values = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := range len(base58Alphabet) {
		t[base58Alphabet[i]] = int8(i)
	}
	return t
}()

// base58Check decodes s into the 25 bytes of a legacy Bitcoin address
// (a version byte, a 20-byte hash and a 4-byte checksum) and checks the
// checksum, the first four bytes of SHA-256(SHA-256(version+hash)).
func base58Check(s []byte) (version byte, ok bool) {
	var out [25]byte
	for _, c := range s {
		v := base58Values[c]
		if v < 0 {
			return 0, false
		}
		carry := int(v)
		for k := len(out) - 1; k >= 0; k-- {
			carry += 58 * int(out[k])
			out[k] = byte(carry)
			carry >>= 8
		}
		if carry != 0 {
			return 0, false // more than 25 bytes
		}
	}
	// Each leading '1' stands for one leading zero byte, and only those.
	ones := 0
	for ones < len(s) && s[ones] == '1' {
		ones++
	}
	zeros := 0
	for zeros < len(out) && out[zeros] == 0 {
		zeros++
	}
	if ones != zeros {
		return 0, false
	}
	first := sha256.Sum256(out[:21])
	second := sha256.Sum256(first[:])
	if [4]byte(second[:4]) != [4]byte(out[21:]) {
		return 0, false
	}
	return out[0], true
}

package pii

// bech32Charset is the data alphabet of BIP-173.
const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

// The constants the checksum must leave: BIP-173 (bech32, witness v0) and
// BIP-350 (bech32m, witness v1 and up).
const (
	bech32Const  = 1
	bech32mConst = 0x2bc830a3
)

// bech32Values maps a lower-case byte to its 5-bit value, or -1.
var bech32Values = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := range len(bech32Charset) {
		t[bech32Charset[i]] = int8(i)
	}
	return t
}()

func bech32Polymod(v uint32, d byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	top := v >> 25
	v = (v&0x1ffffff)<<5 ^ uint32(d)
	for i := range gen {
		if top>>i&1 == 1 {
			v ^= gen[i]
		}
	}
	return v
}

// segwitAddress checks a lower-case Bitcoin segwit address ("bc1..."):
// the BCH checksum (bech32 for version 0, bech32m above), the witness
// version and the program length.
func segwitAddress(s []byte) bool {
	const hrp = "bc"
	if len(s) < 14 || len(s) > 90 || string(s[:3]) != hrp+"1" {
		return false
	}
	chk := uint32(1)
	for i := range len(hrp) {
		chk = bech32Polymod(chk, hrp[i]>>5)
	}
	chk = bech32Polymod(chk, 0)
	for i := range len(hrp) {
		chk = bech32Polymod(chk, hrp[i]&31)
	}
	data := s[3:]
	var prog [64]byte
	n, acc, nbits := 0, uint32(0), 0
	for i, c := range data {
		v := bech32Values[c]
		if v < 0 {
			return false
		}
		chk = bech32Polymod(chk, byte(v))
		if i == 0 || i >= len(data)-6 {
			continue // the witness version and the checksum are not program bytes
		}
		acc = acc<<5 | uint32(v)
		nbits += 5
		if nbits >= 8 {
			nbits -= 8
			if n == len(prog) {
				return false
			}
			prog[n] = byte(acc >> nbits)
			n++
		}
	}
	if nbits >= 5 || acc&(1<<nbits-1) != 0 {
		return false // BIP-173: padding is under 5 bits and all zero
	}
	version := bech32Values[data[0]]
	switch {
	case version == 0:
		return chk == bech32Const && (n == 20 || n == 32)
	case version <= 16:
		return chk == bech32mConst && n >= 2 && n <= 40
	}
	return false
}

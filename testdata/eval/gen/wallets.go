package main

import (
	"crypto/sha256"
	"encoding/hex"
	"math/big"
	"math/rand/v2"
	"strings"

	"golang.org/x/crypto/sha3"
)

func init() {
	generators["btc"] = genBTC
	generators["bech32"] = genBech32
	generators["eth"] = genETH
}

func randomBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.IntN(256))
	}
	return b
}

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// genBTC: {{btc}}, a legacy pay-to-pubkey-hash address (base58check).
func genBTC(rng *rand.Rand, _ []string) (string, string, error) {
	payload := append([]byte{0}, randomBytes(rng, 20)...)
	h1 := sha256.Sum256(payload)
	h2 := sha256.Sum256(h1[:])
	payload = append(payload, h2[:4]...)
	n := new(big.Int).SetBytes(payload)
	var out []byte
	base, mod := big.NewInt(58), new(big.Int)
	for n.Sign() > 0 {
		n.DivMod(n, base, mod)
		out = append(out, base58Alphabet[mod.Int64()])
	}
	for _, b := range payload {
		if b != 0 {
			break
		}
		out = append(out, '1')
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return "crypto_wallet", string(out), nil
}

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

func bech32Polymod(values []byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	for _, v := range values {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := range 5 {
			if (top>>i)&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	return chk
}

// genBech32: {{bech32}}, a segwit v0 pay-to-witness-pubkey-hash address.
func genBech32(rng *rand.Rand, _ []string) (string, string, error) {
	prog := randomBytes(rng, 20)
	data := []byte{0}
	acc, bits := 0, 0
	for _, b := range prog {
		acc = acc<<8 | int(b)
		bits += 8
		for bits >= 5 {
			bits -= 5
			data = append(data, byte(acc>>bits&31))
		}
	}
	if bits > 0 {
		data = append(data, byte(acc<<(5-bits)&31))
	}
	hrp := "bc"
	var values []byte
	for _, c := range hrp {
		values = append(values, byte(c>>5))
	}
	values = append(values, 0)
	for _, c := range hrp {
		values = append(values, byte(c&31))
	}
	values = append(values, data...)
	mod := bech32Polymod(append(values, 0, 0, 0, 0, 0, 0)) ^ 1
	var sb strings.Builder
	sb.WriteString(hrp + "1")
	for _, d := range data {
		sb.WriteByte(bech32Charset[d])
	}
	for i := range 6 {
		sb.WriteByte(bech32Charset[mod>>(5*(5-i))&31])
	}
	return "crypto_wallet", sb.String(), nil
}

// genETH: {{eth}}, an address in EIP-55 mixed case.
func genETH(rng *rand.Rand, _ []string) (string, string, error) {
	addr := hex.EncodeToString(randomBytes(rng, 20))
	h := sha3.NewLegacyKeccak256()
	h.Write([]byte(addr))
	sum := hex.EncodeToString(h.Sum(nil))
	out := []byte(addr)
	for i, c := range out {
		if c >= 'a' && sum[i] >= '8' {
			out[i] = c - 'a' + 'A'
		}
	}
	return "crypto_wallet", "0x" + string(out), nil
}

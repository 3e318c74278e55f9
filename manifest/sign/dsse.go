package sign

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// PayloadType is the DSSE payload type of an in-toto statement.
const PayloadType = "application/vnd.in-toto+json"

// Envelope is a DSSE envelope (github.com/secure-systems-lab/dsse).
type Envelope struct {
	PayloadType string      `json:"payloadType"`
	Payload     string      `json:"payload"`
	Signatures  []Signature `json:"signatures"`
}

// Signature is one signature in an Envelope.
type Signature struct {
	KeyID string `json:"keyid"`
	Sig   string `json:"sig"`
}

// PAE is DSSE's pre-authentication encoding: what is actually signed, so
// that the payload type is covered too.
func PAE(payloadType string, payload []byte) []byte {
	var b bytes.Buffer
	b.WriteString("DSSEv1 ")
	b.WriteString(strconv.Itoa(len(payloadType)))
	b.WriteByte(' ')
	b.WriteString(payloadType)
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(len(payload)))
	b.WriteByte(' ')
	b.Write(payload)
	return b.Bytes()
}

// Seal signs payload with priv and wraps it in an envelope.
func Seal(payloadType string, payload []byte, priv ed25519.PrivateKey) Envelope {
	sig := ed25519.Sign(priv, PAE(payloadType, payload))
	return Envelope{
		PayloadType: payloadType,
		Payload:     base64.StdEncoding.EncodeToString(payload),
		Signatures:  []Signature{{KeyID: KeyID(priv.Public().(ed25519.PublicKey)), Sig: base64.StdEncoding.EncodeToString(sig)}},
	}
}

// ErrBadSignature is returned when no signature of an envelope verifies
// with the key given.
var ErrBadSignature = errors.New("signature does not verify")

// Open checks that one of the envelope's signatures is pub's over its
// payload, under pub's key id, and returns the payload.
func (e Envelope) Open(pub ed25519.PublicKey) ([]byte, error) {
	payload, err := base64.StdEncoding.Strict().DecodeString(e.Payload)
	if err != nil {
		return nil, fmt.Errorf("decode payload: %w", err)
	}
	if len(e.Signatures) == 0 {
		return nil, fmt.Errorf("%w: the envelope holds no signature", ErrBadSignature)
	}
	msg := PAE(e.PayloadType, payload)
	id := KeyID(pub)
	for _, s := range e.Signatures {
		if s.KeyID != id {
			continue
		}
		sig, err := base64.StdEncoding.Strict().DecodeString(s.Sig)
		if err != nil {
			continue
		}
		if ed25519.Verify(pub, msg, sig) {
			return payload, nil
		}
	}
	return nil, fmt.Errorf("%w with key %s", ErrBadSignature, id)
}

// marshalCanonical is the one encoding consign writes: compact JSON, no
// HTML escaping. Verification re-encodes what it read and compares, so a
// changed byte that JSON would tolerate (a letter's case in a field name,
// spare whitespace) still fails.
func marshalCanonical(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

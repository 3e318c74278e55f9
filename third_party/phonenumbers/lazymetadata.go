package phonenumbers

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// The embedded metadata holds some 250 territories, and decoding them all
// took longer than anything else the library does once: about 1.4 ms and
// 24,000 allocations, most of it for territories a program never meets.
// Now the collection is only split into its territories' messages, and a
// territory's message is decoded the first time the library reads it.
// (Change from upstream nyaruka/phonenumbers; lazymetadata_test.go.)

// lazyMetadata is one territory's metadata: decoded already, or the bytes
// of its PhoneMetadata message, decoded on first use.
type lazyMetadata struct {
	once sync.Once
	raw  []byte
	meta *PhoneMetadata
}

// decodedMetadata wraps metadata that is decoded already.
func decodedMetadata(m *PhoneMetadata) *lazyMetadata {
	l := &lazyMetadata{meta: m}
	l.once.Do(func() {})
	return l
}

// get returns the territory's metadata, decoding it on the first call.
func (l *lazyMetadata) get() *PhoneMetadata {
	l.once.Do(l.decode)
	return l.meta
}

func (l *lazyMetadata) decode() {
	m := &PhoneMetadata{}
	if err := proto.Unmarshal(l.raw, m); err != nil {
		// The bytes are the library's own, embedded in the program: a
		// message that does not decode is as fatal as a collection that
		// did not decode in upstream's init.
		panic(fmt.Errorf("phonenumbers: decode metadata of %d bytes: %w", len(l.raw), err))
	}
	l.meta, l.raw = m, nil
}

// metadataEntry is one territory of a collection, with the two fields
// the container's maps are keyed by.
type metadataEntry struct {
	id          string
	countryCode int32
	meta        *lazyMetadata
}

// Field numbers in phonemetadata.proto.
const (
	collectionMetadataField = 1  // PhoneMetadataCollection.metadata
	metadataIDField         = 9  // PhoneMetadata.id
	metadataCountryField    = 10 // PhoneMetadata.country_code
)

var errMalformedMetadata = errors.New("phonenumbers: malformed metadata collection")

// splitMetadata splits an encoded PhoneMetadataCollection into its
// territories without decoding them. Like proto.Unmarshal, it takes the
// last value of a field given twice and skips fields it does not know.
func splitMetadata(b []byte) ([]metadataEntry, error) {
	var out []metadataEntry
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil, errMalformedMetadata
		}
		b = b[n:]
		if num != collectionMetadataField || typ != protowire.BytesType {
			if n = protowire.ConsumeFieldValue(num, typ, b); n < 0 {
				return nil, errMalformedMetadata
			}
			b = b[n:]
			continue
		}
		msg, n := protowire.ConsumeBytes(b)
		if n < 0 {
			return nil, errMalformedMetadata
		}
		b = b[n:]
		e, err := metadataKeys(msg)
		if err != nil {
			return nil, err
		}
		e.meta = &lazyMetadata{raw: msg}
		out = append(out, e)
	}
	return out, nil
}

// metadataKeys reads the id and country code of one encoded PhoneMetadata.
func metadataKeys(b []byte) (metadataEntry, error) {
	var e metadataEntry
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return e, errMalformedMetadata
		}
		b = b[n:]
		switch {
		case num == metadataIDField && typ == protowire.BytesType:
			v, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return e, errMalformedMetadata
			}
			e.id, b = string(v), b[n:]
		case num == metadataCountryField && typ == protowire.VarintType:
			v, n := protowire.ConsumeVarint(b)
			if n < 0 {
				return e, errMalformedMetadata
			}
			e.countryCode, b = int32(v), b[n:]
		default:
			if n = protowire.ConsumeFieldValue(num, typ, b); n < 0 {
				return e, errMalformedMetadata
			}
			b = b[n:]
		}
	}
	return e, nil
}

// decodeUnzipSized is decodeUnzip reading into one buffer of the size
// the gzip trailer gives (ISIZE, the length modulo 2^32), where
// io.ReadAll grew its buffer a dozen times: 500 KB allocated for the
// 190 KB of territory metadata.
func decodeUnzipSized(data []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	size := 0
	if len(data) >= 4 {
		if n := binary.LittleEndian.Uint32(data[len(data)-4:]); n <= 64<<20 {
			size = int(n)
		}
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

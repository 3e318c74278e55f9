package phonenumbers

// Tests for the change from upstream: the embedded metadata's territories
// are decoded one by one, on first use (lazymetadata.go).

import (
	"bytes"
	"encoding/binary"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// TestEmbeddedTerritoriesAsWhole checks that the territories split from
// the embedded collection and decoded one by one are those of the whole
// collection decoded at once, in the same order, with the same keys; and
// that the container built from them maps each region and non-geographic
// calling code to what a container built from the decoded collection
// maps it to.
func TestEmbeddedTerritoriesAsWhole(t *testing.T) {
	coll, err := MetadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := decodeUnzip(numberData)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := splitMetadata(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(coll.Metadata) || len(entries) < 200 {
		t.Fatalf("%d territories split, %d decoded whole", len(entries), len(coll.Metadata))
	}
	for i, e := range entries {
		want := coll.Metadata[i]
		if e.id != want.GetId() || e.countryCode != want.GetCountryCode() {
			t.Errorf("territory %d: keys %q %d, want %q %d", i, e.id, e.countryCode, want.GetId(), want.GetCountryCode())
		}
		if got := e.meta.get(); !proto.Equal(got, want) {
			t.Errorf("territory %d (%s) decodes differently alone", i, want.GetId())
		}
	}

	whole, err := newMetadataContainer(coll, metadata().countryCodeToRegion)
	if err != nil {
		t.Fatal(err)
	}
	lazy := metadata()
	if len(lazy.regionToMetadataMap) != len(whole.regionToMetadataMap) ||
		len(lazy.countryCodeToNonGeographicalMetadataMap) != len(whole.countryCodeToNonGeographicalMetadataMap) {
		t.Fatalf("lazy container holds %d regions and %d calling codes, whole %d and %d",
			len(lazy.regionToMetadataMap), len(lazy.countryCodeToNonGeographicalMetadataMap),
			len(whole.regionToMetadataMap), len(whole.countryCodeToNonGeographicalMetadataMap))
	}
	for region, m := range whole.regionToMetadataMap {
		got, ok := readFromRegionToMetadataMap(region)
		if !ok || !proto.Equal(got, m.get()) {
			t.Errorf("region %s: lazy metadata differs", region)
		}
	}
	for code, m := range whole.countryCodeToNonGeographicalMetadataMap {
		got, ok := readFromCountryCodeToNonGeographicalMetadataMap(code)
		if !ok || !proto.Equal(got, m.get()) {
			t.Errorf("calling code %d: lazy metadata differs", code)
		}
	}
	if _, ok := readFromRegionToMetadataMap("ZZ"); ok {
		t.Error("unknown region ZZ has metadata")
	}
}

// TestSplitMetadataKeepsProtoRules checks the keys of messages written
// other than as the library's data writes them: a field given twice keeps
// its last value, unknown fields and fields of the wrong wire type are
// skipped, and a truncated collection is an error, not a panic.
func TestSplitMetadataKeepsProtoRules(t *testing.T) {
	var msg []byte
	msg = protowire.AppendTag(msg, metadataIDField, protowire.BytesType)
	msg = protowire.AppendString(msg, "AA")
	msg = protowire.AppendTag(msg, 99, protowire.Fixed64Type)
	msg = protowire.AppendFixed64(msg, 7)
	msg = protowire.AppendTag(msg, metadataCountryField, protowire.VarintType)
	msg = protowire.AppendVarint(msg, 41)
	msg = protowire.AppendTag(msg, metadataIDField, protowire.BytesType)
	msg = protowire.AppendString(msg, "CH")
	var coll []byte
	coll = protowire.AppendTag(coll, 2, protowire.VarintType)
	coll = protowire.AppendVarint(coll, 5)
	coll = protowire.AppendTag(coll, collectionMetadataField, protowire.BytesType)
	coll = protowire.AppendBytes(coll, msg)

	entries, err := splitMetadata(coll)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].id != "CH" || entries[0].countryCode != 41 {
		t.Fatalf("split %+v, want one territory CH 41", entries)
	}
	for n := 1; n < len(coll); n++ {
		if _, err := splitMetadata(coll[:n]); err == nil && n > 3 {
			t.Errorf("collection cut to %d of %d bytes split without error", n, len(coll))
		}
	}
}

// FuzzSplitMetadata splits any bytes as a collection: nothing may panic,
// and where the whole collection decodes, the split gives its territories
// with their keys.
func FuzzSplitMetadata(f *testing.F) {
	raw, err := decodeUnzip(numberData)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw[:min(len(raw), 4096)])
	f.Add([]byte{0x0a, 0x04, 0x4a, 0x02, 'G', 'B'})
	f.Fuzz(func(t *testing.T, b []byte) {
		entries, err := splitMetadata(b)
		var coll PhoneMetadataCollection
		if (proto.UnmarshalOptions{AllowPartial: true}).Unmarshal(b, &coll) != nil {
			return
		}
		if err != nil {
			t.Fatalf("split failed (%v) where the collection decodes", err)
		}
		if len(entries) != len(coll.Metadata) {
			t.Fatalf("%d territories split, %d decoded", len(entries), len(coll.Metadata))
		}
		for i, e := range entries {
			if e.id != coll.Metadata[i].GetId() || e.countryCode != coll.Metadata[i].GetCountryCode() {
				t.Fatalf("territory %d: keys %q %d, want %q %d", i, e.id, e.countryCode, coll.Metadata[i].GetId(), coll.Metadata[i].GetCountryCode())
			}
		}
	})
}

// TestDecodeUnzipSized checks the sized reading against decodeUnzip for
// each embedded gzip file, and that a trailer giving a wrong size only
// changes the buffer's first capacity.
func TestDecodeUnzipSized(t *testing.T) {
	for name, data := range map[string][]byte{"metadata": numberData, "regions": regionData, "short numbers": shortNumberData} {
		want, err := decodeUnzip(data)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeUnzipSized(data)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: sized read gave %d bytes (%v), want %d", name, len(got), err, len(want))
		}
		if len(want)+bytes.MinRead != cap(got) {
			t.Errorf("%s: buffer grew to %d for %d bytes", name, cap(got), len(want))
		}
	}
	lying := bytes.Clone(numberData)
	binary.LittleEndian.PutUint32(lying[len(lying)-4:], 0xffffffff)
	if _, err := decodeUnzipSized(lying); err == nil {
		t.Error("a gzip file whose trailer gives the wrong size read without error")
	}
	if _, err := decodeUnzipSized([]byte{1, 2}); err == nil {
		t.Error("two bytes read as gzip")
	}
}

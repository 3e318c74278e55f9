package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"slices"
	"strings"
	"testing"

	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"
)

// fitRaw wraps message bytes in a FIT file: a 12-byte header that says
// how many there are, and a CRC the extractor does not check.
func fitRaw(body []byte) []byte {
	out := []byte{12, 0x10}
	out = binary.LittleEndian.AppendUint16(out, 2100)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(body)))
	out = append(out, ".FIT"...)
	out = append(out, body...)
	return append(out, 0, 0)
}

// fitDescriptions is message bytes defining local message 1 as a
// field_description of three one-byte fields, then n descriptions of
// developer fields of developer index 1.
func fitDescriptions(n int) []byte {
	b := []byte{0x41, 0, 0, byte(mesgnum.FieldDescription), byte(mesgnum.FieldDescription >> 8), 3,
		fieldnum.FieldDescriptionDeveloperDataIndex, 1, 0x02,
		fieldnum.FieldDescriptionFieldDefinitionNumber, 1, 0x02,
		fieldnum.FieldDescriptionFitBaseTypeId, 1, 0x02}
	for i := range n {
		b = append(b, 0x01, 1, byte(i), 0x02)
	}
	return b
}

func TestFITBounds(t *testing.T) {
	t.Run("developer field descriptions", func(t *testing.T) {
		res := fitResult(t, fitRaw(fitDescriptions(maxFITDescriptions+1)))
		if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "developer field descriptions") {
			t.Errorf("errors %v, want one for too many descriptions", res.Errors)
		}
		res = fitResult(t, fitRaw(fitDescriptions(maxFITDescriptions)))
		if len(res.Errors) != 0 {
			t.Errorf("errors %v for %d descriptions", res.Errors, maxFITDescriptions)
		}
	})
	t.Run("developer field look-ups", func(t *testing.T) {
		// Records of 255 one-byte developer fields, each looked up among
		// maxFITDescriptions descriptions: the bound stops the decoder
		// after the record that passes it.
		body := fitDescriptions(maxFITDescriptions)
		body = append(body, 0x60, 0, 0, byte(mesgnum.Record), 0, 0, 255)
		for i := range 255 {
			body = append(body, byte(i), 1, 0)
		}
		perRecord := 255 * maxFITDescriptions
		records := maxFITLookups/perRecord + 1
		for range records + 16 {
			body = append(body, make([]byte, 256)...)
		}
		res := fitResult(t, fitRaw(body))
		if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "look-ups") {
			t.Errorf("errors %v, want one for the look-ups", res.Errors)
		}
		res = fitResult(t, fitRaw(body[:len(body)-17*256]))
		if len(res.Errors) != 0 {
			t.Errorf("errors %v for %d look-ups", res.Errors, (records-1)*perRecord)
		}
	})
	t.Run("field cap", func(t *testing.T) {
		var files [][]proto.Message
		for range maxTrackFields * 2 {
			files = append(files, []proto.Message{fitRecord(1, 10, 20)})
		}
		res := fitResult(t, encodeFIT(t, files...))
		if n := len(fieldValues(res, "fit:record")); n != maxTrackFields {
			t.Errorf("%d record fields, want %d", n, maxTrackFields)
		}
		if got := fieldValues(res, "fit:points"); !slices.Equal(got, []string{"64"}) {
			t.Errorf("points = %q", got)
		}
	})
	t.Run("truncated", func(t *testing.T) {
		data := encodeFIT(t, fitSample())
		res := fitResult(t, data[:len(data)-20])
		if len(res.Errors) != 1 {
			t.Errorf("errors %v, want one", res.Errors)
		}
		if got := fieldValues(res, "fit:record"); !slices.Equal(got, []string{"48.858400,2.294500"}) {
			t.Errorf("the positions before the cut were not kept: %q", got)
		}
	})
	t.Run("read limit", func(t *testing.T) {
		data := encodeFIT(t, fitSample())
		src := &Source{Path: "big.fit", Size: maxTrackBytes + 1, Head: data, R: bytes.NewReader(data), MediaType: mediaFIT}
		var res Result
		Run(context.Background(), []Extractor{NewFIT()}, src, &res)
		if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "read the first") {
			t.Errorf("errors %v, want the read limit", res.Errors)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var res Result
		if err := NewFIT().Extract(ctx, bytesSource("c.fit", encodeFIT(t, fitSample())), &res); err == nil {
			t.Error("no error after cancel")
		}
	})
}

// FuzzFIT feeds arbitrary messages to the extractor, after a FIT header
// that counts them or gives size as their length: no panic, memory
// bounded, positions valid and within the field cap.
func FuzzFIT(f *testing.F) {
	sample := encodeFIT(f, fitSample())
	f.Add(sample[12:], uint32(0))
	f.Add(encodeFIT(f, fitSample(), fitSample())[12:], uint32(len(sample)-14))
	f.Add(fitDescriptions(3), uint32(0))
	// A record whose developer fields the descriptions above describe.
	f.Add(append(fitDescriptions(3), 0x60, 0, 0, byte(mesgnum.Record), 0, 0, 2, 0, 4, 1, 1, 1, 1, 0x00, 1, 2, 3, 4, 5), uint32(0))
	f.Fuzz(func(t *testing.T, body []byte, size uint32) {
		data := fitRaw(body)
		if size != 0 {
			binary.LittleEndian.PutUint32(data[4:], size)
		}
		var res *Result
		n := allocDuring(func() { res = fitResult(t, data) })
		if n > 16<<20 {
			t.Errorf("allocated %d bytes for a %d byte file", n, len(data))
		}
		for _, err := range res.Errors {
			if strings.Contains(err.Error(), "parser panic") {
				t.Fatalf("%d bytes: %v", len(data), err)
			}
		}
		checkPointFields(t, res, func(name string) bool {
			return name == "fit:record" || name == "fit:lap" || name == "fit:session"
		})
		checkValues(t, res)
	})
}

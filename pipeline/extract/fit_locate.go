package extract

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/muktihari/fit/kit/hash/crc16"
	"github.com/muktihari/fit/profile/factory"
	"github.com/muktihari/fit/profile/typedef"
)

// FITFields receives where a FIT file keeps what identifies its owner:
// every position and every serial number its messages hold.
type FITFields struct {
	// Position receives each field in semicircles (a record's, a lap's
	// or a session's start, end and corners, a course point's, a
	// segment's), a whole field of 4-byte values.
	Position func(FITValue)
	// Serial receives each serial_number field (of the device that made
	// the file, of the sensors paired with it, of the files it names).
	Serial func(FITValue)
	files  []FITFile
}

// FITValue is a field of a data message and the byte order of its message.
type FITValue struct {
	FileRange
	BigEndian bool
}

// FITFile is one FIT file of a chain: its checksum covers Covered, and is
// at CRC (-1 when the file ends before it).
type FITFile struct {
	Covered FileRange
	CRC     int64
}

// errFITStructure marks a FIT file whose records cannot be walked.
var errFITStructure = errors.New("fit structure")

// LocateFITFields walks the records of a FIT file, data, message by
// message as the FIT format lays them out (definition messages, data
// messages in normal and compressed-timestamp headers, developer fields),
// hands out where its positions and serial numbers are (every field of a
// profile message that is in semicircles or named serial_number) and
// returns the FIT files of the chain, in order, for their checksums.
// Data over MaxTrackBytes is an error, as is a message that uses a local
// type no definition gave.
func LocateFITFields(data []byte, out *FITFields) ([]FITFile, error) {
	if len(data) > maxTrackBytes {
		return nil, fmt.Errorf("fit of %d bytes: fields are read from the first %d", len(data), maxTrackBytes)
	}
	out.files = out.files[:0]
	for at := 0; at < len(data); {
		if !isFITHeader(data[at:]) {
			if at == 0 {
				return nil, fmt.Errorf("%w: no FIT header", errFITStructure)
			}
			break // trailing bytes after the chain, as the decoder leaves them
		}
		next, err := out.walkFile(data, at)
		if err != nil {
			return nil, err
		}
		at = next
	}
	return out.files, nil
}

// fitDefinition is what a definition message says of its local type.
type fitDefinition struct {
	set       bool
	bigEndian bool
	global    typedef.MesgNum
	sizes     []int  // of each field, then each developer field
	kinds     []byte // per field: 'p' position, 's' serial, 0 neither
}

// walkFile walks the FIT file at data[at:] and returns where the next
// file of the chain starts.
func (out *FITFields) walkFile(data []byte, at int) (int, error) {
	headerSize := int(data[at])
	dataSize := int(binary.LittleEndian.Uint32(data[at+4 : at+8]))
	start := at + headerSize
	end := start + dataSize
	file := FITFile{Covered: FileRange{Off: int64(at), N: int64(headerSize + dataSize)}, CRC: int64(end)}
	if dataSize < 0 || end > len(data) || end < start {
		end = len(data)
		file.Covered.N, file.CRC = int64(end-at), -1
	} else if end+2 > len(data) {
		file.CRC = -1
	}
	var defs [16]fitDefinition
	for p := start; p < end; {
		h := data[p]
		p++
		switch {
		case h&0x80 != 0: // compressed timestamp header: a data message
			next, err := out.dataMessage(data[:end], p, &defs[(h>>5)&0x3])
			if err != nil {
				return 0, err
			}
			p = next
		case h&0x40 != 0:
			next, err := readFITDefinition(data[:end], p, h&0x20 != 0, &defs[h&0x0F])
			if err != nil {
				return 0, err
			}
			p = next
		default:
			next, err := out.dataMessage(data[:end], p, &defs[h&0x0F])
			if err != nil {
				return 0, err
			}
			p = next
		}
	}
	out.files = append(out.files, file)
	if file.CRC < 0 {
		return len(data), nil
	}
	return end + 2, nil
}

// readFITDefinition reads the definition message at data[p:] into def.
func readFITDefinition(data []byte, p int, developer bool, def *fitDefinition) (int, error) {
	if p+5 > len(data) {
		return 0, fmt.Errorf("%w: definition message at byte %d is cut", errFITStructure, p-1)
	}
	*def = fitDefinition{set: true, bigEndian: data[p+1] == 1}
	if def.bigEndian {
		def.global = typedef.MesgNum(binary.BigEndian.Uint16(data[p+2:]))
	} else {
		def.global = typedef.MesgNum(binary.LittleEndian.Uint16(data[p+2:]))
	}
	n := int(data[p+4])
	p += 5
	if p+3*n > len(data) {
		return 0, fmt.Errorf("%w: definition message at byte %d is cut", errFITStructure, p-6)
	}
	for i := 0; i < n; i++ {
		num, size := data[p], int(data[p+1])
		def.sizes = append(def.sizes, size)
		def.kinds = append(def.kinds, fitFieldKind(def.global, num))
		p += 3
	}
	if developer {
		if p >= len(data) {
			return 0, fmt.Errorf("%w: definition message at byte %d is cut", errFITStructure, p)
		}
		n := int(data[p])
		p++
		if p+3*n > len(data) {
			return 0, fmt.Errorf("%w: developer fields at byte %d are cut", errFITStructure, p)
		}
		for i := 0; i < n; i++ {
			def.sizes = append(def.sizes, int(data[p+1]))
			def.kinds = append(def.kinds, 0)
			p += 3
		}
	}
	return p, nil
}

// fitFieldKind says whether field num of message global is a position
// ('p'), a serial number ('s') or neither, by the FIT profile.
func fitFieldKind(global typedef.MesgNum, num byte) byte {
	f := factory.CreateField(global, num)
	switch {
	case f.FieldBase == nil:
		return 0
	case f.Units == "semicircles":
		return 'p'
	case f.Name == "serial_number":
		return 's'
	}
	return 0
}

// dataMessage notes the wanted fields of the data message at data[p:]
// and returns where the next record starts.
func (out *FITFields) dataMessage(data []byte, p int, def *fitDefinition) (int, error) {
	if !def.set {
		return 0, fmt.Errorf("%w: data message at byte %d has no definition", errFITStructure, p-1)
	}
	for i, size := range def.sizes {
		if p+size > len(data) {
			return 0, fmt.Errorf("%w: data message at byte %d is cut", errFITStructure, p)
		}
		v := FITValue{FileRange{Off: int64(p), N: int64(size)}, def.bigEndian}
		switch def.kinds[i] {
		case 'p':
			if out.Position != nil {
				out.Position(v)
			}
		case 's':
			if out.Serial != nil {
				out.Serial(v)
			}
		}
		p += size
	}
	return p, nil
}

// FITChecksum is the FIT CRC-16 of data.
func FITChecksum(data []byte) uint16 {
	h := crc16.New()
	h.Write(data)
	return h.Sum16()
}

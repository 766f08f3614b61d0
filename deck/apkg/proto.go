package apkg

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// The few protobuf wire types Anki's blobs use.
const (
	wireVarint = 0
	wire64     = 1
	wireBytes  = 2
	wire32     = 5
)

// protoField is one field of a protobuf message.
type protoField struct {
	num    uint64
	wire   int
	varint uint64
	bytes  []byte
}

var errProto = errors.New("damaged protobuf data")

// protoFields splits a protobuf message into its fields, without a schema:
// enough to read the note type kind and template formats of
// collection.anki21b and the names of its media map.
func protoFields(b []byte) ([]protoField, error) {
	var out []protoField
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, errProto
		}
		b = b[n:]
		f := protoField{num: key >> 3, wire: int(key & 7)}
		switch f.wire {
		case wireVarint:
			v, n := binary.Uvarint(b)
			if n <= 0 {
				return nil, errProto
			}
			f.varint, b = v, b[n:]
		case wire64:
			if len(b) < 8 {
				return nil, errProto
			}
			b = b[8:]
		case wire32:
			if len(b) < 4 {
				return nil, errProto
			}
			b = b[4:]
		case wireBytes:
			l, n := binary.Uvarint(b)
			if n <= 0 || l > uint64(len(b)-n) {
				return nil, errProto
			}
			f.bytes, b = b[n:n+int(l)], b[n+int(l):]
		default:
			return nil, fmt.Errorf("%w: wire type %d", errProto, f.wire)
		}
		out = append(out, f)
	}
	return out, nil
}

// protoVarint returns the last varint field num of a message, 0 if absent.
func protoVarint(b []byte, num uint64) (uint64, error) {
	fields, err := protoFields(b)
	if err != nil {
		return 0, err
	}
	var v uint64
	for _, f := range fields {
		if f.num == num && f.wire == wireVarint {
			v = f.varint
		}
	}
	return v, nil
}

// protoString returns the last length-delimited field num, "" if absent.
func protoString(b []byte, num uint64) (string, error) {
	fields, err := protoFields(b)
	if err != nil {
		return "", err
	}
	var s string
	for _, f := range fields {
		if f.num == num && f.wire == wireBytes {
			s = string(f.bytes)
		}
	}
	return s, nil
}

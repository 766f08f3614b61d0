package storage

import (
	"errors"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/recallcards/recall/deck"
)

// appendCard appends to dst the bytes json.Marshal makes of c, written
// field by field: an import encodes every card it writes or compares, and
// encoding/json's reflection was a fifth of a vault import's storage work.
// TestAppendCardIsMarshal and FuzzAppendCard hold it to json.Marshal. A
// time json.Marshal refuses (a year past 9999) is left to it, for its
// error.
func appendCard(dst []byte, c *storedCard) ([]byte, error) {
	dst = append(dst, `{"id":`...)
	dst = appendJSONString(dst, c.ID)
	dst = append(dst, `,"kind":`...)
	dst = appendJSONString(dst, string(c.Kind))
	dst = append(dst, `,"deck":`...)
	dst = appendJSONString(dst, c.Deck)
	dst = append(dst, `,"front":`...)
	dst = appendJSONString(dst, c.Front)
	dst = append(dst, `,"back":`...)
	dst = appendJSONString(dst, c.Back)
	if c.Term != "" {
		dst = append(dst, `,"term":`...)
		dst = appendJSONString(dst, c.Term)
	}
	if c.Note != "" {
		dst = append(dst, `,"note":`...)
		dst = appendJSONString(dst, c.Note)
	}
	dst = append(dst, `,"order":`...)
	dst = strconv.AppendInt(dst, int64(c.Order), 10)
	if len(c.Tags) > 0 {
		dst = appendJSONStrings(append(dst, `,"tags":`...), c.Tags)
	}
	if len(c.Siblings) > 0 {
		dst = appendJSONStrings(append(dst, `,"siblings":`...), c.Siblings)
	}
	if len(c.Sources) > 0 {
		dst = append(dst, `,"sources":[`...)
		for i := range c.Sources {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendSource(dst, &c.Sources[i])
		}
		dst = append(dst, ']')
	}
	if c.Retired {
		dst = append(dst, `,"retired":true`...)
	}
	var err error
	dst = append(dst, `,"added":`...)
	if dst, err = appendJSONTime(dst, c.Added); err != nil {
		return nil, err
	}
	dst = append(dst, `,"changed":`...)
	if dst, err = appendJSONTime(dst, c.Changed); err != nil {
		return nil, err
	}
	return append(dst, '}'), nil
}

func appendSource(dst []byte, s *deck.Source) []byte {
	dst = append(dst, `{"file":`...)
	dst = appendJSONString(dst, s.File)
	dst = append(dst, `,"line":`...)
	dst = strconv.AppendInt(dst, int64(s.Line), 10)
	dst = append(dst, `,"title":`...)
	dst = appendJSONString(dst, s.Title)
	dst = append(dst, `,"section":`...)
	dst = appendJSONString(dst, s.Section)
	dst = append(dst, `,"url":`...)
	dst = appendJSONString(dst, s.URL)
	return append(dst, '}')
}

func appendJSONStrings(dst []byte, list []string) []byte {
	dst = append(dst, '[')
	for i, s := range list {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, s)
	}
	return append(dst, ']')
}

// appendJSONTime appends a time as time.Time's MarshalJSON writes it
// (which json.Marshal copies as it is: RFC 3339 holds nothing it would
// escape), without its allocation: the layout and the two checks it makes
// are the ones of MarshalJSON.
func appendJSONTime(dst []byte, t time.Time) ([]byte, error) {
	b := append(dst, '"')
	n0 := len(b)
	b = t.AppendFormat(b, time.RFC3339Nano)
	num2 := func(b []byte) byte { return 10*(b[0]-'0') + (b[1] - '0') }
	switch {
	case b[n0+len("9999")] != '-':
		return nil, errors.New("Time.MarshalJSON: year outside of range [0,9999]")
	case b[len(b)-1] != 'Z':
		c := b[len(b)-len("Z07:00")]
		if ('0' <= c && c <= '9') || num2(b[len(b)-len("07:00"):]) >= 24 {
			return nil, errors.New("Time.MarshalJSON: timezone hour outside of range [0,23]")
		}
	}
	return append(b, '"'), nil
}

// jsonPlain marks the ASCII bytes json.Marshal writes as they are: not
// the quote, the backslash, a control character, or <, > and & (which it
// escapes for HTML).
var jsonPlain = func() (t [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
	}
	return t
}()

const jsonHex = "0123456789abcdef"

// appendJSONString appends s quoted as json.Marshal quotes a string: the
// escapes above, \ufffd for each byte that is not UTF-8, and U+2028 and
// U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if jsonPlain[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', jsonHex[b>>4], jsonHex[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', jsonHex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

package deckfile_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/recallcards/recall/deck/deckfile"
)

// TestDecodeSharedRefusesWhatUnmarshalAllows covers the files
// json.Unmarshal would read without complaint, which Decode refuses
// because recall never writes them and each could make a file read one way
// by recall and another by a different tool.
func TestDecodeSharedRefusesWhatUnmarshalAllows(t *testing.T) {
	unsigned := encode(t, sharedSample(), nil)
	signed := encode(t, sharedSample(), publisherKey)
	for _, tt := range []struct {
		name         string
		data         []byte
		old, new     string
		want, atLine string
	}{
		{name: "key in upper case", data: unsigned, old: `"id": "123456789abc"`, new: `"ID": "123456789abc"`,
			want: `card 3: unknown field "ID"`, atLine: `"ID"`},
		{name: "key with the Kelvin sign", data: unsigned, old: `"kind": "list"`, new: `"\u212aind": "list"`,
			want: "card 3 (id 123456789abc): unknown field \"\u212aind\""},
		{name: "key repeated in a card", data: unsigned, old: `"kind": "list"`, new: `"kind": "list", "kind": "term"`,
			want: `card 3 (id 123456789abc): field "kind" appears twice`},
		{name: "key repeated in another case", data: unsigned, old: `"kind": "list"`, new: `"kind": "list", "Kind": "term"`,
			want: `card 3 (id 123456789abc): unknown field "Kind"`},
		{name: "deck repeated at the top", data: signed, old: `"deck": {`, new: `"deck": {}, "deck": {`,
			want: `field "deck" appears twice`},
		{name: "signature repeated", data: signed, old: `"signature": {`, new: `"signature": {"key": "x", "value": "y"}, "signature": {`,
			want: `field "signature" appears twice`},
		{name: "null tag", data: unsigned, old: `"team work"`, new: `null`,
			want: "card 1 (id 0a1b2c3d4e5f): tags[2]: want a string, got null"},
		{name: "null tags", data: unsigned, old: `"tags": [],`, new: `"tags": null,`,
			want: "card 3 (id 123456789abc): tags: want a list, got null"},
		{name: "null card", data: []byte(`{"format":"recall-deck","format_version":1,"deck":{"name":"x","version":1,"date":"2026-01-02","cards":[null]}}`),
			want: "card 1: want an object, got null"},
		{name: "true for a number", data: unsigned, old: `"order": 3`, new: `"order": true`,
			want: "card 3 (id 123456789abc): order: want a number, got true or false"},
		{name: "order out of range", data: unsigned, old: `"order": 3`, new: `"order": 99999999999999999999`,
			want: `card 3 (id 123456789abc): order: want a whole number, got "99999999999999999999"`},
		{name: "source line as exponent", data: unsigned, old: `"line": 40`, new: `"line": 4e1`,
			want: `card 3 (id 123456789abc): sources[1].line: want a whole number, got "4e1"`},
		{name: "deck not an object", data: []byte(`{"format":"recall-deck","format_version":1,"deck":[]}`),
			want: "deck: want an object, got a list"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data
			if tt.old != "" {
				data = replaceOnce(t, data, tt.old, tt.new)
			}
			_, err := deckfile.Decode(data)
			if err == nil {
				t.Fatal("Decode accepted the file")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if tt.atLine != "" {
				if w := fmt.Sprintf("line %d: ", lineOf(t, data, tt.atLine)); !strings.HasPrefix(err.Error(), w) {
					t.Errorf("error %q does not start with %q", err, w)
				}
			}
		})
	}
}

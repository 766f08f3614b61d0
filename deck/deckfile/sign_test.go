package deckfile_test

import (
	"crypto/ed25519"
	"strings"
	"testing"

	"github.com/recallcards/recall/deck/deckfile"
)

func TestFormatPublicKey(t *testing.T) {
	pub := publisherKey.Public().(ed25519.PublicKey)
	s := deckfile.FormatPublicKey(pub)
	if want := "ed25519:6kpsY-KcUgq-9VB7Ey7F-ZVHdq6-vnuSQh7qaRRG0iw"; s != want {
		t.Errorf("FormatPublicKey = %q; want %q", s, want)
	}
	got, err := deckfile.ParsePublicKey(s)
	if err != nil || !got.Equal(pub) {
		t.Errorf("ParsePublicKey(FormatPublicKey(k)) = %x, %v; want %x", got, err, pub)
	}
}

func TestParsePublicKey(t *testing.T) {
	valid := deckfile.FormatPublicKey(publisherKey.Public().(ed25519.PublicKey))
	body := strings.TrimPrefix(valid, "ed25519:")
	// The last character carries 2 bits of the key and 4 that must be 0.
	lastBits := valid[:len(valid)-1] + string(body[len(body)-1]+1)
	for _, tt := range []struct {
		name string
		in   string
		want string // "" for success, else a substring of the error
	}{
		{"valid", valid, ""},
		{"empty", "", `want "ed25519:" followed by 43 base64url characters`},
		{"no prefix", body, `want "ed25519:"`},
		{"upper-case prefix", "ED25519:" + body, `want "ed25519:"`},
		{"ssh key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGZ1", `want "ed25519:"`},
		{"other algorithm", "ecdsa:" + body, `want "ed25519:"`},
		{"leading space", " " + valid, `want "ed25519:"`},
		{"trailing newline", valid + "\n", "44 characters"},
		{"short", valid[:len(valid)-1], "42 characters after \"ed25519:\"; want 43"},
		{"long", valid + "A", "44 characters"},
		{"padded", valid + "=", "padded with '='"},
		{"standard base64 alphabet", "ed25519:" + body[:41] + "+/", "not base64url at character 42"},
		{"bad character", "ed25519:" + body[:10] + "!" + body[11:], "not base64url at character 11"},
		{"non-zero trailing bits", lastBits, "not base64url at character 43"},
		{"hostile and long", "ed25519:" + strings.Repeat("\x1b[2J\u202e", 1000), "characters after"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := deckfile.ParsePublicKey(tt.in)
			if tt.want == "" {
				if err != nil || len(got) != ed25519.PublicKeySize {
					t.Fatalf("ParsePublicKey(%q) = %x, %v", tt.in, got, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("ParsePublicKey(%q) = %x; want an error", tt.in, got)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.want) {
				t.Errorf("error %q does not contain %q", msg, tt.want)
			}
			if len(msg) > 200 || strings.ContainsAny(msg, "\x1b\u202e\n") {
				t.Errorf("error echoes too much of the input, or unescaped: %q", msg)
			}
		})
	}
}

package deckfile

import (
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"
)

func TestCheckPin(t *testing.T) {
	key := func(b byte) ed25519.PublicKey {
		k := make(ed25519.PublicKey, ed25519.PublicKeySize)
		k[0] = b
		return k
	}
	a, b := key(1), key(2)
	tests := []struct {
		name           string
		pinned, signer ed25519.PublicKey
		wantPin        ed25519.PublicKey
		wantErr        error
	}{
		{"unsigned, nothing pinned: accepted, nothing pinned", nil, nil, nil, nil},
		{"first signed version: its key is pinned", nil, a, a, nil},
		{"same key again: accepted", a, a, a, nil},
		{"another key: refused, pin kept", a, b, a, ErrOtherKey},
		{"unsigned after a pin: refused, pin kept", a, nil, a, ErrUnsigned},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pin, err := CheckPin(tt.pinned, tt.signer)
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if !pin.Equal(tt.wantPin) {
				t.Errorf("pin = %x, want %x", pin, tt.wantPin)
			}
			var te *TrustError
			if err != nil {
				if !errors.As(err, &te) || !strings.Contains(err.Error(), FormatPublicKey(tt.pinned)) {
					t.Errorf("error %q does not show the pinned key", err)
				}
				if tt.signer != nil && !strings.Contains(err.Error(), FormatPublicKey(tt.signer)) {
					t.Errorf("error %q does not show the new key", err)
				}
			}
		})
	}
}

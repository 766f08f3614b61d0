package deckfile

import (
	"bytes"
	"crypto/ed25519"
	"errors"
)

// Errors from CheckPin, inside a *TrustError.
var (
	// ErrUnsigned means a deck whose publisher key is pinned received an
	// unsigned version.
	ErrUnsigned = errors.New("deck file is not signed")
	// ErrOtherKey means a deck whose publisher key is pinned received a
	// version signed by another key.
	ErrOtherKey = errors.New("deck file is signed by another key")
)

// TrustError is a deck file refused by CheckPin: the key pinned and the
// one the file was signed with (nil if it was not signed).
type TrustError struct {
	Err    error // ErrUnsigned or ErrOtherKey
	Pinned ed25519.PublicKey
	Signer ed25519.PublicKey
}

func (e *TrustError) Error() string {
	if e.Signer == nil {
		return "deck file is not signed, but the deck trusts only " + FormatPublicKey(e.Pinned)
	}
	return "deck file is signed by " + FormatPublicKey(e.Signer) + ", not by the trusted key " + FormatPublicKey(e.Pinned)
}

// Unwrap returns ErrUnsigned or ErrOtherKey.
func (e *TrustError) Unwrap() error { return e.Err }

// CheckPin is the trust policy for a shared deck's versions, trust on first
// use: a deck with a pinned publisher key (given with --trust, or pinned
// earlier) accepts only files signed by that key; a deck with none pins
// the key of the first signed version it receives, and accepts unsigned
// versions until then. signer is the key the file was signed with, nil if
// unsigned (the signature itself was verified when the file was decoded).
// It returns the key to keep pinned, or a *TrustError.
func CheckPin(pinned, signer ed25519.PublicKey) (ed25519.PublicKey, error) {
	switch {
	case pinned == nil:
		return signer, nil
	case signer == nil:
		return pinned, &TrustError{Err: ErrUnsigned, Pinned: pinned}
	case !bytes.Equal(signer, pinned):
		return pinned, &TrustError{Err: ErrOtherKey, Pinned: pinned, Signer: signer}
	}
	return pinned, nil
}

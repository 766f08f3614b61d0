package deckfile

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// publicKeyPrefix starts the text form of a publisher key. Naming the
// algorithm leaves room for another one later without guessing from length.
const publicKeyPrefix = "ed25519:"

// publicKeyChars is the length of an ed25519 key in unpadded base64url.
var publicKeyChars = base64.RawURLEncoding.EncodedLen(ed25519.PublicKeySize)

// signatureContext is put before the signed bytes, so a signature made for
// a deck file cannot be passed off as one over some other message signed
// with the same key, nor over a deck of another format version.
const signatureContext = "recall-deck/1\n"

// ErrBadSignature means a signed deck file does not match its signature:
// some byte of the deck or of the signature changed after signing, or the
// signature was made with a key other than the one the file names.
var ErrBadSignature = errors.New("signature does not verify: the file was changed after it was signed")

// FormatPublicKey returns the copyable text form of a publisher key:
// "ed25519:" followed by the 32 key bytes in unpadded base64url, which has
// no characters that a shell, a URL or a YAML file would treat specially.
func FormatPublicKey(pub ed25519.PublicKey) string {
	return publicKeyPrefix + base64.RawURLEncoding.EncodeToString(pub)
}

// ParsePublicKey reads a publisher key in the form FormatPublicKey writes.
// It is strict, so one key has exactly one text form and a key pinned by one
// user compares equal to the same key given by another: no surrounding
// space (callers trim what they read from files), the lower-case prefix,
// exactly 43 base64url characters with no padding. Errors quote at most a
// short prefix of s, which may be anything a user pasted.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	rest, ok := strings.CutPrefix(s, publicKeyPrefix)
	if !ok {
		return nil, fmt.Errorf("publisher key %s: want %q followed by %d base64url characters", quoteShort(s, 24), publicKeyPrefix, publicKeyChars)
	}
	if strings.HasSuffix(rest, "=") {
		return nil, fmt.Errorf("publisher key %s: padded with '='; write it without padding", quoteShort(s, 60))
	}
	if len(rest) != publicKeyChars {
		return nil, fmt.Errorf("publisher key %s: %d characters after %q; want %d", quoteShort(s, 60), len(rest), publicKeyPrefix, publicKeyChars)
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(rest)
	if err != nil {
		var bad base64.CorruptInputError
		if errors.As(err, &bad) {
			return nil, fmt.Errorf("publisher key %s: not base64url at character %d after %q", quoteShort(s, 60), int(bad)+1, publicKeyPrefix)
		}
		return nil, fmt.Errorf("publisher key %s: %w", quoteShort(s, 60), err)
	}
	return ed25519.PublicKey(raw), nil
}

// signedMessage returns the bytes a deck file's signature is over: the
// context string and the exact bytes of the file's "deck" value.
func signedMessage(deckJSON []byte) []byte {
	msg := make([]byte, 0, len(signatureContext)+len(deckJSON))
	msg = append(msg, signatureContext...)
	return append(msg, deckJSON...)
}

// signDeck signs the bytes of a deck value and returns the signature as it
// is written in the file.
func signDeck(key ed25519.PrivateKey, deckJSON []byte) string {
	return base64.StdEncoding.EncodeToString(ed25519.Sign(key, signedMessage(deckJSON)))
}

// verifyDeck checks the signature value (standard base64 of 64 bytes) of a
// file's deck bytes against pub. A malformed value is reported as such,
// naming where; a well-formed one that does not verify is ErrBadSignature.
func verifyDeck(pub ed25519.PublicKey, value string, deckJSON []byte) error {
	if len(value) != base64.StdEncoding.EncodedLen(ed25519.SignatureSize) {
		return fmt.Errorf("%d characters; want %d (standard base64 of %d bytes)",
			len(value), base64.StdEncoding.EncodedLen(ed25519.SignatureSize), ed25519.SignatureSize)
	}
	sig, err := base64.StdEncoding.Strict().DecodeString(value)
	if err != nil {
		var bad base64.CorruptInputError
		if errors.As(err, &bad) {
			return fmt.Errorf("not standard base64 at character %d", int(bad)+1)
		}
		return fmt.Errorf("not standard base64: %w", err)
	}
	if !ed25519.Verify(pub, signedMessage(deckJSON), sig) {
		return ErrBadSignature
	}
	return nil
}

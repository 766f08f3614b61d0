package cli

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/deck/deckfile"
)

// keyOptions are the flags of recall key new and recall key show.
type keyOptions struct {
	root  *rootOptions
	path  string
	force bool
}

func newKeyCmd(root *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "key",
		Short: "Make or show the key that signs the decks you share",
		Args:  noSubcommand,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newKeyNewCmd(root), newKeyShowCmd(root))
	return cmd
}

func newKeyNewCmd(root *rootOptions) *cobra.Command {
	opts := &keyOptions{root: root}
	cmd := &cobra.Command{
		Use:   "new [--key FILE] [--force]",
		Short: "Make an ed25519 signing key and print its public key",
		Long: `Make an ed25519 key for signing deck files ("recall deck pack --sign") and
save it, readable by you alone (mode 0600), in $XDG_CONFIG_HOME/recall/signing.key
(by default ~/.config/recall/signing.key) or in the file --key names.

The public key is printed on standard output, in the form your team passes
to "recall deck add --trust". It is not a secret; the key file is. An
existing key is never replaced unless --force is given: decks signed with it
could no longer be updated for members who trust it.`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return runKeyNew(opts) },
	}
	cmd.Flags().StringVar(&opts.path, "key", "", "key file (default: the config folder's signing.key)")
	cmd.Flags().BoolVar(&opts.force, "force", false, "replace an existing key")
	return cmd
}

func newKeyShowCmd(root *rootOptions) *cobra.Command {
	opts := &keyOptions{root: root}
	cmd := &cobra.Command{
		Use:   "show [--key FILE]",
		Short: "Print the public key of your signing key",
		Args:  args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			key, err := loadSigningKey(opts.root, opts.path)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(opts.root.env.Out, deckfile.FormatPublicKey(key.Public().(ed25519.PublicKey)))
			return err
		},
	}
	cmd.Flags().StringVar(&opts.path, "key", "", "key file (default: the config folder's signing.key)")
	return cmd
}

func runKeyNew(opts *keyOptions) error {
	env := opts.root.env
	path, err := signingKeyPath(opts.root, opts.path)
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); err == nil && !opts.force {
		return fmt.Errorf("a signing key already exists at %q; recall key show prints its public key (--force replaces it, and members who trust the old key can no longer update)", path)
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("make a key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return fmt.Errorf("encode the key: %w", err)
	}
	data := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create the key's folder: %w", err)
	}
	if err := writePrivateFile(path, data, opts.force); err != nil {
		return err
	}
	fmt.Fprintf(env.ErrOut, "Saved a new signing key in %s (keep it private).\nYour public key, for \"recall deck add --trust\":\n", path)
	_, err = fmt.Fprintln(env.Out, deckfile.FormatPublicKey(pub))
	return err
}

// writePrivateFile writes a secret with mode 0600. Without replace it
// fails if the file exists (O_EXCL, so two runs cannot both win); with
// replace it swaps the new file in whole.
func writePrivateFile(path string, data []byte, replace bool) error {
	target := path
	if replace {
		target = path + ".new"
		os.Remove(target)
	}
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("save the key: %w", err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && replace {
		err = os.Rename(target, path)
	}
	if err != nil {
		os.Remove(target)
		return fmt.Errorf("save the key %q: %w", path, err)
	}
	return nil
}

// signingKeyPath is --key, else signing.key in recall's config folder.
func signingKeyPath(root *rootOptions, flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	dir, err := root.configDir()
	if err != nil {
		return "", fmt.Errorf("signing key: %w (or give --key)", err)
	}
	return filepath.Join(dir, "signing.key"), nil
}

// loadSigningKey reads the signing key. Like ssh it refuses a key file that
// others may read: a signing key that leaked signs decks for anyone.
func loadSigningKey(root *rootOptions, flag string) (ed25519.PrivateKey, error) {
	path, err := signingKeyPath(root, flag)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no signing key at %q; recall key new makes one", path)
	}
	if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("signing key %q can be read by others (mode %04o); chmod 600 it", path, perm)
	}
	if info.Size() > 64<<10 {
		return nil, fmt.Errorf("signing key %q is not a key file (too large)", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("signing key %q: not a PEM \"PRIVATE KEY\" file", path)
	}
	parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("signing key %q: %w", path, err)
	}
	key, ok := parsed.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("signing key %q is not an ed25519 key", path)
	}
	return key, nil
}

package cli

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/cmd/recall/internal/stats"
	"github.com/recallcards/recall/content"
	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/deck/deckfile"
	"github.com/recallcards/recall/internal/files"
	"github.com/recallcards/recall/storage"
)

// deckPackOptions are the flags of recall deck pack.
type deckPackOptions struct {
	root        *rootOptions
	name        string
	output      string
	sign        bool
	keyPath     string
	version     uint64
	description string
	author      string
	cmd         *cobra.Command
}

func newDeckPackCmd(root *rootOptions) *cobra.Command {
	opts := &deckPackOptions{root: root}
	cmd := &cobra.Command{
		Use:   "pack NAME [-o FILE] [--sign] [--version N] [--description TEXT] [--author NAME]",
		Short: "Write a deck as one shareable, versioned deck file",
		Long: `Write the cards of deck NAME (retired ones left out) to one deck file, by
default NAME's slug + ".recall-deck" in the current folder ("-o -" writes to
standard output). The file holds the deck's name, description, version,
date and author and its cards with their IDs, text, tags, sibling links and
sources; no review history.

Versions count up by themselves: packing cards that changed since the last
pack makes the next version, dated today; packing the same cards again
gives the same version and date, byte for byte. --version sets the number
(never lower than the last one). --description and --author are remembered
for the next pack.

--sign signs the file with your key (recall key new makes one; --key names
another file); members who add the deck with --trust YOUR-PUBLIC-KEY then
refuse any version not signed by it.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.name = a[0]
			return runDeckPack(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.output, "output", "o", "", `file to write ("-" for standard output)`)
	f.BoolVar(&opts.sign, "sign", false, "sign the file with your signing key")
	f.StringVar(&opts.keyPath, "key", "", "signing key file (default: the one recall key new made); implies --sign")
	f.Uint64Var(&opts.version, "version", 0, "version number (default: the last one, or the next if the cards changed)")
	f.StringVar(&opts.description, "description", "", "what the deck is about (remembered)")
	f.StringVar(&opts.author, "author", "", "who publishes the deck (remembered)")
	opts.cmd = cmd
	return cmd
}

func runDeckPack(opts *deckPackOptions) error {
	env := opts.root.env
	now, err := env.Clock()
	if err != nil {
		return err
	}
	var key ed25519.PrivateKey
	if opts.sign || opts.keyPath != "" {
		if key, err = loadSigningKey(opts.root, opts.keyPath); err != nil {
			return err
		}
	}
	st, cfg, err := opts.root.openStoreSettings()
	if err != nil {
		return err
	}
	defer st.Close()
	cards, err := packCards(st, opts.name)
	if err != nil {
		return err
	}
	last, packed, err := st.LastPack(opts.name)
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	shared := deckfile.Deck{Name: opts.name, Description: last.Description, Author: last.Author, Cards: cards}
	if opts.cmd.Flags().Changed("description") {
		shared.Description = opts.description
	}
	if opts.cmd.Flags().Changed("author") {
		shared.Author = opts.author
	}
	digest, err := cardsDigest(shared)
	if err != nil {
		return fmt.Errorf("deck %q: %w", opts.name, err)
	}
	today := cfg.Day(now)
	shared.Version, shared.Date = 1, today
	switch {
	case opts.version != 0 && packed && opts.version < last.Version:
		return usagef("--version %d is lower than version %d, packed on %s", opts.version, last.Version, last.Date)
	case opts.version != 0 && packed && opts.version == last.Version && digest != last.CardsDigest:
		return usagef("version %d was packed on %s with other cards; give a higher --version", last.Version, last.Date)
	case opts.version != 0 && packed && opts.version == last.Version:
		shared.Version, shared.Date = last.Version, last.Date
	case opts.version != 0:
		shared.Version = opts.version
	case packed && digest == last.CardsDigest:
		shared.Version, shared.Date = last.Version, last.Date
	case packed:
		shared.Version = last.Version + 1
	}
	data, err := deckfile.Encode(shared, key)
	if err != nil {
		return fmt.Errorf("pack deck %q: %w", opts.name, err)
	}
	out := opts.output
	if out == "" {
		out = content.Slug(opts.name) + ".recall-deck"
		if out == ".recall-deck" {
			out = "deck.recall-deck"
		}
	}
	if err := opts.root.writeOutput(out, data, files.Public); err != nil {
		return err
	}
	if err := st.SavePack(storage.Pack{Deck: opts.name, Version: shared.Version, Date: shared.Date,
		CardsDigest: digest, Description: shared.Description, Author: shared.Author}); err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	signed := "unsigned"
	if key != nil {
		signed = "signed by " + deckfile.FormatPublicKey(key.Public().(ed25519.PublicKey))
	}
	// The report goes where the file does not.
	where, report := "to "+out, env.Out
	if out == "-" {
		where, report = "to standard output", env.ErrOut
	}
	fmt.Fprintf(report, "packed deck %q version %d (%s, %s), %s %s\n",
		opts.name, shared.Version, shared.Date, stats.CountOf(len(cards), "card"), signed, where)
	return nil
}

// packCards returns the deck's active cards, ready for a deck file: source
// paths outside the notes' folder are cut to the file name, so a manager's
// home folder does not travel with the deck.
func packCards(st *storage.Store, name string) ([]deck.Card, error) {
	var cards []deck.Card
	err := st.ForEachCard(name, func(r storage.Record) error {
		if r.Retired {
			return nil
		}
		c := r.Card
		c.Sources = append([]deck.Source(nil), c.Sources...)
		for i := range c.Sources {
			c.Sources[i].File = portablePath(c.Sources[i].File)
		}
		cards = append(cards, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	if len(cards) == 0 {
		return nil, errors.New(noDeckMessage(name))
	}
	return cards, nil
}

func noDeckMessage(name string) string {
	return fmt.Sprintf("no deck named %q with cards to pack (recall decks lists them)", name)
}

// portablePath keeps a relative note path and cuts an absolute one, or one
// climbing out with "..", to its file name.
func portablePath(p string) string {
	p = filepath.ToSlash(p)
	if path.IsAbs(p) || strings.HasPrefix(path.Clean(p), "../") || filepath.IsAbs(p) {
		return path.Base(p)
	}
	return path.Clean(p)
}

// cardsDigest identifies what a deck file says apart from its version and
// date, so an unchanged deck is packed as the same version.
func cardsDigest(d deckfile.Deck) (string, error) {
	d.Version, d.Date = 1, "2000-01-01"
	data, err := deckfile.Encode(d, nil)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

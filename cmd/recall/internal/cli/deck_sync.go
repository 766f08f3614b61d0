package cli

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/cmd/recall/internal/fetch"
	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/deck/deckfile"
	"github.com/recallcards/recall/internal/text"
	"github.com/recallcards/recall/storage"
)

// deckSyncOptions are the flags of recall deck sync.
type deckSyncOptions struct {
	root           *rootOptions
	name           string
	allowDowngrade bool
	timeout        time.Duration
}

func newDeckSyncCmd(root *rootOptions) *cobra.Command {
	opts := &deckSyncOptions{root: root}
	cmd := &cobra.Command{
		Use:   "sync [NAME] [--allow-downgrade]",
		Short: "Take the new versions of shared decks, keeping your progress",
		Long: `Read every shared deck (or deck NAME) again from where it was added, check
it as "recall deck add" does (a deck added with --trust must be signed by
that key) and install a newer version: new cards are added, cards whose text
changed are updated in place and keep their schedule and history, cards the
new version no longer has are retired (history kept, out of the queue).
Each change is printed.

URLs are asked with If-None-Match / If-Modified-Since, so an unchanged deck
costs one short answer. A version older than the installed one is refused
unless --allow-downgrade; a file that changed without a new version number
is refused. A deck that fails is reported and the others still sync; the
exit status is then 1.`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(_ *cobra.Command, a []string) error {
			if len(a) == 1 {
				opts.name = a[0]
			}
			return runDeckSync(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.allowDowngrade, "allow-downgrade", false, "install an older version than the one installed")
	cmd.Flags().DurationVar(&opts.timeout, "timeout", fetch.DefaultTimeout, "give up on a URL after this long")
	return cmd
}

func runDeckSync(opts *deckSyncOptions) error {
	env := opts.root.env
	now, err := env.Clock()
	if err != nil {
		return err
	}
	subs, err := syncTargets(opts)
	if err != nil {
		return err
	}
	// Read every origin before the store is locked for writing: reviews go
	// on while a slow server answers.
	fetched := make([]fetchedDeck, len(subs))
	failed := make([]error, len(subs))
	for i, sub := range subs {
		warnPlainHTTP(env.ErrOut, sub.Origin)
		fetched[i], failed[i] = readDeckFile(sub.Origin, sub.ETag, sub.LastModified, opts.timeout)
	}
	st, err := opts.root.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	bad := 0
	for i, sub := range subs {
		if failed[i] == nil {
			failed[i] = applySync(env.Out, st, sub, fetched[i], now, opts.allowDowngrade)
		}
		if failed[i] != nil {
			fmt.Fprintf(env.ErrOut, "recall: %s: %s\n", sub.Deck, text.OneLine(failed[i].Error()))
			bad++
		}
	}
	if bad > 0 {
		return errSilent
	}
	return nil
}

// syncTargets returns the subscriptions to sync: the named one, or all.
func syncTargets(opts *deckSyncOptions) ([]storage.Subscription, error) {
	st, err := opts.root.openExistingStore()
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if opts.name != "" {
		name, err := requireDeck(st, opts.name)
		if err != nil {
			return nil, err
		}
		sub, found, err := st.Subscription(name)
		if err != nil {
			return nil, fmt.Errorf("store %q: %w", st.Path(), err)
		}
		if !found {
			return nil, fmt.Errorf("deck %q was not added from a deck file (recall deck list shows where each deck comes from)", opts.name)
		}
		return []storage.Subscription{sub}, nil
	}
	subs, err := st.Subscriptions()
	if err != nil {
		return nil, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	if len(subs) == 0 {
		return nil, fmt.Errorf("no shared decks to sync: recall deck add FILE|URL adds one")
	}
	return subs, nil
}

// applySync installs what was read for one subscription, or records that
// nothing was new, and prints what changed.
func applySync(out io.Writer, st *storage.Store, was storage.Subscription, got fetchedDeck, now time.Time, allowDowngrade bool) error {
	// Another recall may have synced while the origin was read.
	sub, found, err := st.Subscription(was.Deck)
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	if !found || sub.Digest != was.Digest {
		return fmt.Errorf("the deck changed in the store while it was being read; run recall deck sync again")
	}
	sub.Synced = now.UTC()
	if got.result.NotModified {
		fmt.Fprintf(out, "%s: up to date (version %d, not modified)\n", sub.Deck, sub.Version)
		return st.SaveSubscription(sub)
	}
	f := got.file
	origin := displayOrigin(sub.Origin)
	u, err := deckfile.CheckUpdate(installedOf(sub), f, allowDowngrade)
	var ue *deckfile.UpdateError
	switch {
	case errors.As(err, &ue) && ue.Err == deckfile.ErrRenamed:
		return fmt.Errorf("deck file %s is now deck %q, not %q; refused", origin, ue.Name, ue.InstalledName)
	case errors.As(err, &ue) && ue.Err == deckfile.ErrOlderVersion:
		return fmt.Errorf("deck file %s has version %d, older than the installed version %d; refused (--allow-downgrade installs it)",
			origin, ue.Version, ue.InstalledVersion)
	case errors.As(err, &ue) && ue.Err == deckfile.ErrSameVersion:
		return fmt.Errorf("deck file %s changed but still says version %d; refused: the publisher must pack it as a new version",
			origin, ue.InstalledVersion)
	case err != nil:
		return trustRefusal(err, sub.Deck, sub.Origin)
	case u.Unchanged:
		sub.ETag, sub.LastModified = got.result.ETag, got.result.LastModified
		fmt.Fprintf(out, "%s: up to date (version %d)\n", sub.Deck, sub.Version)
		return st.SaveSubscription(sub)
	}
	from := sub.Version
	sub.Version, sub.Date, sub.Digest = f.Deck.Version, f.Deck.Date, f.Digest
	sub.Author, sub.Description = f.Deck.Author, f.Deck.Description
	sub.ETag, sub.LastModified = got.result.ETag, got.result.LastModified
	sub.Signer = signerOf(f)
	sub.PublisherKey, sub.TrustedOnFirstUse = u.Pin.Key, u.Pin.OnFirstUse
	plan, err := st.InstallShared(sub, f.Deck.Cards, now)
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	fmt.Fprintf(out, "%s: version %d → %d (%s)\n", sub.Deck, from, sub.Version, sub.Date)
	if u.NewlyPinned {
		fmt.Fprintf(out, "  signed by %s: key pinned on first use; later versions must be signed by it\n", u.Pin.Key)
	}
	printPlan(out, plan, frontOf(st))
	return nil
}

// printPlan lists each card a merge added, changed, retired or relinked,
// then the counts; frontOf finds the text of a retired card.
func printPlan(out io.Writer, plan deck.MergePlan, frontOf func(id string) string) {
	printPlanCards(out, plan, frontOf)
	fmt.Fprintf(out, "  added %d, updated %d, unchanged %d, retired %d, relinked %d\n",
		len(plan.Added), len(plan.Updated), len(plan.Unchanged), len(plan.Retired), len(plan.Relinked))
}

// printPlanCards lists each card a merge added, changed, retired or
// relinked, one line each; frontOf finds the text of a retired card.
func printPlanCards(out io.Writer, plan deck.MergePlan, frontOf func(id string) string) {
	line := func(what, id string, front string) {
		fmt.Fprintf(out, "  %-8s  %s  %s\n", what, id, text.TruncateTail(text.OneLine(front), 60))
	}
	for _, c := range plan.Added {
		line("added", c.ID, c.Front)
	}
	for _, c := range plan.Updated {
		line("updated", c.ID, c.Front)
	}
	for _, r := range plan.Relinked {
		line("relinked", r.Card.ID, "(was "+r.OldID+") "+r.Card.Front)
	}
	for _, id := range plan.Retired {
		line("retired", id, frontOf(id))
	}
}

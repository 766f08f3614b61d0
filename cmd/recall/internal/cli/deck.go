package cli

import (
	"github.com/spf13/cobra"
)

// newDeckCmd is the parent of the commands that share decks: pack (for the
// one who shares), add, sync, list, rm and set-origin (for the ones who
// learn), and rename.
func newDeckCmd(root *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "deck",
		Short: "Share decks as signed files, and add, update or remove shared decks",
		Long: `A deck file is one self-contained, versioned file of a deck's cards, with
no one's review history in it. A team manager packs a deck from their store
("recall deck pack") and hands the file, or a URL to it, to the team; each
member adds it ("recall deck add") and later takes new versions ("recall deck
sync"), which never cost them their progress: cards whose text changed keep
their schedule and history, removed cards are retired with their history,
new cards arrive as new.

Signed decks ("pack --sign", "add --trust KEY") are verified before anything
is written; a file that is not signed by the trusted key is refused.`,
		Args: noSubcommand,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newDeckPackCmd(root), newDeckAddCmd(root), newDeckSyncCmd(root),
		newDeckListCmd(root), newDeckRmCmd(root), newDeckSetCmd(root), newDeckRenameCmd(root), newDeckSetOriginCmd(root))
	return cmd
}

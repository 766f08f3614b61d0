// Command recall is a spaced-repetition flashcard trainer for the terminal.
// It turns markdown knowledge notes into flashcards and drills them with SM-2.
package main

import (
	"os"

	"github.com/recallcards/recall/cmd/recall/internal/cli"
)

func main() {
	os.Exit(cli.Main(cli.SystemEnv()))
}

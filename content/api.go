package content

import "github.com/recallcards/recall/deck"

// File is one markdown note handed to the generator. The generator does no
// I/O: callers read files (bounding their size) and pass their bytes.
type File struct {
	Path string // shown in sources and errors, slash-separated
	Data []byte
}

// Options control generation.
type Options struct {
	Deck    string // deck name put on every card
	Reverse bool   // also make reverse (definition → term) cards
}

// Problem is a note, or a part of one, that could not be used. The rest of
// the input still produces cards.
type Problem struct {
	File string
	Line int // 0 if unknown
	Err  error
}

func (p Problem) Error() string { return "" /* implemented by the generator */ }

// Duplicate reports two cards whose answers are near-duplicates; they are
// linked as siblings.
type Duplicate struct {
	A, B       string  // card IDs
	Similarity float64 // 0..1
}

// Result is what Generate makes of a set of notes.
type Result struct {
	Cards      []deck.Card
	Problems   []Problem
	Duplicates []Duplicate
}

// Generate turns notes into cards. See the package doc for the rules.
func Generate(files []File, opts Options) Result { return Result{} }

// DefaultDeckName is the name of the deck embedded in recall.
const DefaultDeckName = "Building trust"

// DefaultDeck returns the embedded seed notes.
func DefaultDeck() []File { return nil }

// Package content turns markdown knowledge notes into flashcards.
//
// It does no I/O: callers hand it the notes' bytes (File) and get cards,
// problems and near-duplicates back (Generate). The three seed notes are
// embedded as the default deck (DefaultDeck).
//
// # Reading a note
//
// A note is optional YAML front matter (title, videoId; other keys are
// ignored), then CommonMark parsed with goldmark into an AST. Two small
// goldmark inline parsers add the notes' own syntax: wiki links
// [[target]], [[target|label]] and [[target | label]] become their label;
// timestamps — <a class="yt-timestamp" data-t="01:24:50">[01:24:50]</a>,
// the empty <a … data-t="…"></a>, and plain [0:05:50] or [0:03:00, 0:18:31]
// — are taken out of the text and their first position kept for the source
// URL. Other HTML is dropped, links keep their words, *emphasis* and
// **strong** both survive only as *light* emphasis, and white space is
// normalised. The "From: [[channel]] <br/>" line is not content.
//
// When an anchor's data-t and its label disagree, data-t wins unless it is
// the label shifted one field left (data-t="11:10:00" for [01:11:10], a
// corruption in real notes that points hours past the end of the video);
// then the label wins.
//
// # Cards
//
// A card's front is a short context cue (the title and the nearest heading
// that cues) and a question that stands alone; question.go holds the
// shapes. A list item that starts with a bold term — "**Honesty**: text",
// "**Owning mistakes:** text", "**Resource Allocation** text", "**Term** —
// text" — is a term card, asked after what the item is: a definition
// ("What is *X*?", "What does *X* involve?"), a claim named by its list's
// kind ("What is the mistake *Blind Averaging*?"), an item of a reasons
// list ("Why is trust vital for *Resource Allocation*?") or a causes list
// ("How does *X* lead to micro-optimization?"), a value under an attribute
// heading, a step, an example, a book. An answer that only repeats its
// term makes no card. A bold label over a fact ("**Cost**: The canal cost
// $7 million …", a clause with its own subject and verb) is no term: the
// fact is a cloze led by the label ("*Cost*: The canal cost [...] …"), or,
// with nothing to hide, asked of its clause ("*Cold weather*: what do bees
// do?"); it has no reverse card and its label joins no list card (see
// labels.go). A list of values of one quantity ("**Dark chocolate**: melt
// to 45–50 °C, cool to 27 °C, …") is asked for it: "What are the
// temperatures for *dark chocolate*?", with no reverse card.
//
// A list of two to six items under a lead-in sentence ending in ':', a
// heading, an all-bold paragraph, or a bold term with nothing else to say is
// a list card, "What are the five key practices for building trust?": the
// noun comes from the lead-in's noun phrase (see phrase.go), scoped by its
// leading adverbial or by the heading when it is bare, with "this" read as
// the heading; without a lead-in, a plural heading names the items, a
// gerund heading lists "ways of" it, "How X is Y" lists ways, and a heading
// naming a topic makes no list card (its items are aspects, each on its
// own card). Only steps are asked "in order". Items that are long
// statements, or sentences each giving a figure, are carded one by one as
// cloze cards instead.
//
// Paragraphs make cloze cards of the sentences that define a term, name
// something ("known as X"), give one figure, or carry the writer's
// emphasis: at most two a paragraph in a note written as prose (fewer than
// three list cards, or two paragraphs or more to each list card), its one
// surest fact in a note its lists carry. A note written as prose also
// cards the object a sentence gives as its fact ("… is based on the
// [...], or Taylor series", "… scaled by [...]", "leading to an [...]",
// "must have the [...]"), and reads "this polynomial" as "the polynomial"
// when the sentence just before names it (see objects.go). A
// definition whose subject the cue already names is asked "What is X?"
// instead, and a span the cue gives away is not hidden. No answer or cloze
// is a sentence leaning on the one before ("He responded …", "An example
// of this …"). Display formulas make formula cards. A heading that states
// a claim is asked too: "Why X Matters" over its reason, "X: The Y of Z"
// (What is the Y of Z? → X), "X Is Y" over a paragraph giving the reason.
// Cards of these later rules come after a deck's other cards and never
// take their IDs (see entry.late).
//
// With Options.Reverse every term card also gets a reverse card (definition
// → term), linked to it as a sibling.
//
// Every card field is clean text: no "[[", "<a", "**" or "data-t", no
// control characters, no empty side.
//
// # Identity
//
// A card's ID is the first 12 hex digits of a SHA-256 over its kind, the
// deck name and a key that never includes the answer:
//
//   - term card: the term as deck.NormalizeTerm folds it (case, punctuation
//     and spacing ignored). Rewording the definition, reordering items or
//     moving the item to another section keeps the ID, and equal terms in
//     different notes are one card. A term repeated within one note (a
//     metric and, later, its benchmark) is a different thing each time: from
//     the second time on, its key adds the section it is in.
//   - list card: the note's slug (its file name) and the normalised lead-in
//     sentence, or heading, or bold term the list hangs from. Rewording,
//     adding or reordering items keeps the ID; a second list with the same
//     lead-in in the note adds its section to the key.
//   - reverse card: the ID of its term card.
//
// The deck name is part of every key so that two decks teaching the same
// term do not claim one card.
//
// # Duplicates
//
// Term cards whose terms normalise alike merge into one card listing every
// source. Its answer is the first definition, followed by any later
// definition that adds something (deck.Similarity below 0.5 against each one
// kept), at most three.
//
// Cards whose answers are near-duplicates — deck.Similarity, computed
// without stop words, of at least 0.4 between term cards (term and
// definition) or between list cards (items) — are linked as siblings both
// ways, so the scheduler never shows them on the same day, and reported in
// Result.Duplicates. The threshold was tuned on the seed notes: "Honesty",
// "Truthfulness" and "Honesty and transparency" pair up; answers that only
// share the talk's vocabulary do not.
//
// # Bad input
//
// A note that is over MaxNoteSize, contains a NUL byte, is not UTF-8, has
// broken front matter, or has a shape goldmark takes quadratic time over
// (lists or quotes nested more than 32 deep on a line, more than 512 '[' in
// one paragraph) yields a Problem naming the file and line and no cards;
// the other notes still make theirs. A bad videoId is a Problem too, but
// the note still makes its cards, without video links. Hostile notes are
// further bounded where the generator itself could grow quadratically: the
// walk follows at most 8 levels of nested lists, an answer shows at most 3,
// a card links at most 8 near-duplicates, and words found in more than 1000
// cards do not propose near-duplicate pairs (BenchmarkHostile).
package content

package deck

// Text is a card's wording as a learner reads it: the context cue the
// question is asked in, the question alone and the answer.
type Text struct {
	Context  string `json:"context"`
	Question string `json:"question"`
	Answer   string `json:"answer"`
}

// TextOf returns the card's wording; a card without the context and
// question fields is split as FrontParts splits it.
func TextOf(c Card) Text {
	ctx, q := c.FrontParts()
	return Text{Context: ctx, Question: q, Answer: c.Back}
}

// WithText returns the card worded as t: its context cue, question, front
// (the two joined as JoinFront joins them) and back. Everything else (ID,
// sources, siblings) stays the card's.
func (c Card) WithText(t Text) Card {
	c.ContextCue, c.Question = t.Context, t.Question
	c.Front = JoinFront(t.Context, t.Question)
	c.Back = t.Answer
	return c
}

// JoinFront is the front a learner sees with nothing else shown: the
// context cue, " — ", and the question; the question alone when there is
// no cue.
func JoinFront(context, question string) string {
	if context == "" {
		return question
	}
	return context + " — " + question
}

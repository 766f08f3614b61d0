package content

import (
	"testing"

	"github.com/recallcards/recall/deck"
)

// idsByTerm maps "kind term" to card ID.
func idsByTerm(t *testing.T, body string) map[string]string {
	t.Helper()
	res := generate(t, body, Options{Deck: "d", Reverse: true})
	ids := make(map[string]string)
	for _, c := range res.Cards {
		ids[string(c.Kind)+" "+c.Term] = c.ID
	}
	return ids
}

func TestIdentityIgnoresWordingOrderAndSection(t *testing.T) {
	base := header + `## Building Trust
Key practices include:
*   **Honesty**: Telling the truth to every colleague, every time.
*   **Delivery**: Launching when promised.
*   **Accountability**: Owning mistakes.

## Losing Trust
Trust can be lost through practices such as:
*   Lying.
*   Being evasive.
`
	variants := map[string]string{
		"reworded definitions": header + `## Building Trust
Key practices include:
*   **Honesty**: Never lying, whatever happens.
*   **Delivery**: Shipping what was promised, on time.
*   **Accountability**: Learning from what went wrong.

## Losing Trust
Trust can be lost through practices such as:
*   Telling lies.
*   Evasion.
*   Missing deadlines.
`,
		"reordered items": header + `## Building Trust
Key practices include:
*   **Accountability**: Owning mistakes.
*   **Honesty**: Telling the truth to every colleague, every time.
*   **Delivery**: Launching when promised.

## Losing Trust
Trust can be lost through practices such as:
*   Being evasive.
*   Lying.
`,
		"item moved to another section, term case and colon changed": header + `## Building Trust
Key practices include:
*   **Honesty**: Telling the truth to every colleague, every time.
*   **Delivery**: Launching when promised.

## Losing Trust
Trust can be lost through practices such as:
*   Lying.
*   Being evasive.

## Elsewhere
*   **ACCOUNTABILITY:** Owning mistakes.
`,
		"lists moved to other sections": header + `## Losing Trust
Key practices include:
*   **Honesty**: Telling the truth to every colleague, every time.
*   **Delivery**: Launching when promised.
*   **Accountability**: Owning mistakes.

## Building Trust
Trust can be lost through practices such as:
*   Lying.
*   Being evasive.
`,
	}
	want := idsByTerm(t, base)
	for _, key := range []string{"term Honesty", "term Delivery", "term Accountability", "reverse Honesty",
		"list Key practices include:", "list Trust can be lost through practices such as:"} {
		if want[key] == "" {
			t.Fatalf("base has no %q card: %v", key, want)
		}
	}
	for name, body := range variants {
		t.Run(name, func(t *testing.T) {
			got := idsByTerm(t, body)
			for key, id := range want {
				gotID := got[key]
				if key == "term Accountability" || key == "reverse Accountability" {
					if gotID == "" {
						gotID = got[key[:len(key)-len("Accountability")]+"ACCOUNTABILITY"]
					}
				}
				if gotID != id {
					t.Errorf("%s: id %q, want %q", key, gotID, id)
				}
			}
		})
	}
}

func TestIdentityDependsOnTermNoteAndDeck(t *testing.T) {
	a := Generate([]File{{Path: "a.md", Data: []byte(header + "## S\nKey practices include:\n* **Honesty**: x.\n* **Delivery**: y.\n")}}, Options{Deck: "one"})
	b := Generate([]File{{Path: "b.md", Data: []byte(header + "## S\nKey practices include:\n* **Honesty**: x.\n* **Delivery**: y.\n")}}, Options{Deck: "one"})
	c := Generate([]File{{Path: "a.md", Data: []byte(header + "## S\nKey practices include:\n* **Honesty**: x.\n* **Delivery**: y.\n")}}, Options{Deck: "two"})
	ta, _ := findCard(a.Cards, deck.KindTerm, "Honesty")
	tb, _ := findCard(b.Cards, deck.KindTerm, "Honesty")
	tc, _ := findCard(c.Cards, deck.KindTerm, "Honesty")
	if ta.ID != tb.ID {
		t.Error("the same term in another note changed its ID")
	}
	if ta.ID == tc.ID {
		t.Error("the same term in another deck kept its ID")
	}
	la, _ := findCard(a.Cards, deck.KindList, "Key practices include:")
	lb, _ := findCard(b.Cards, deck.KindList, "Key practices include:")
	if la.ID == lb.ID {
		t.Error("list cards of two notes share an ID")
	}
}

func TestRepeatedTermInOneNoteStaysApart(t *testing.T) {
	res := generate(t, header+"## Dora\n* **Lead Time:** Commit to production.\n\n## Benchmarks\n* **Lead Time:** Less than a day.\n* **Lead Time:** Again.\n", Options{Deck: "d"})
	ids := map[string]bool{}
	for _, c := range res.Cards {
		if c.Kind == deck.KindTerm {
			ids[c.ID] = true
			if len(c.Sources) != 1 {
				t.Errorf("card %q merged %d sources", c.Back, len(c.Sources))
			}
		}
	}
	if len(ids) != 3 {
		t.Errorf("want 3 distinct term cards, got %d:\n%s", len(ids), dumpCards(res.Cards))
	}
}

func TestEqualTermsAcrossNotesMerge(t *testing.T) {
	res := Generate([]File{
		{Path: "a.md", Data: []byte("---\ntitle: A\n---\n## S\n* **Owning mistakes:** Acknowledging and learning from errors.\n")},
		{Path: "b.md", Data: []byte("---\ntitle: B\n---\n## T\n* **Owning Mistakes**: Taking responsibility for errors.\n")},
		{Path: "c.md", Data: []byte("---\ntitle: C\n---\n## U\n* **owning  mistakes** — Acknowledging and learning from errors!\n")},
	}, Options{Deck: "d"})
	if len(res.Cards) != 1 {
		t.Fatalf("want one merged card:\n%s", dumpCards(res.Cards))
	}
	c := res.Cards[0]
	if len(c.Sources) != 3 || c.Sources[0].File != "a.md" || c.Sources[2].File != "c.md" {
		t.Errorf("sources %+v", c.Sources)
	}
	if want := "Acknowledging and learning from errors.\nTaking responsibility for errors."; c.Back != want {
		t.Errorf("back %q, want %q", c.Back, want)
	}
	if c.Front != "A › S — What does *Owning mistakes* involve?" || c.Note != "a" {
		t.Errorf("front %q note %q", c.Front, c.Note)
	}
	if len(c.Tags) != 6 {
		t.Errorf("tags %v", c.Tags)
	}
}

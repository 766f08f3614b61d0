package content

import (
	"strings"
	"testing"
)

// TestLongItemLists checks short plain lists whose items are long: the
// list card recites the items' heads and each item's rest is asked about
// its head; a list whose items have no head is carded item by item where
// it can be; a command lead-in names the list with its verb.
func TestLongItemLists(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []card // the note's cards, in order
	}{
		{
			name: "signs with a 'which means' rest: the heads, then what each sign means, cued by the lead-in's noun the heading lacks",
			body: "## Tips\n\nLook for these warning signs first:\n\n" +
				"1. A swollen or cracked battery case, which means the battery must not be jumped.\n" +
				"2. A smell of rotten eggs near the battery, which signals leaking sulphuric acid gas.\n" +
				"3. Corroded terminals covered in white powder that block current flow.\n",
			want: []card{
				{"list", "What are the three warning signs to look for first?",
					"1. A swollen or cracked battery case\n2. A smell of rotten eggs near the battery\n3. Corroded terminals covered in white powder"},
				{"cloze", "*Warning signs*: what does a swollen or cracked battery case mean?", "The battery must not be jumped."},
				{"cloze", "*Warning signs*: what does a smell of rotten eggs near the battery signal?", "Leaking sulphuric acid gas."},
				{"cloze", "*Warning signs*: what do corroded terminals covered in white powder do?", "Block current flow."},
			},
		},
		{
			name: "a list recited whole keeps its items whole when an item's rest has no card; its lead-in keeps the command's verb",
			body: "## Before Seasoning\n\nCheck these three things before you put the pan in the oven:\n\n" +
				"1. The oil — a thin, high-smoke-point oil such as flaxseed or grapeseed sets hardest.\n" +
				"2. The oven temperature — it should sit about 20 °C above the oil's smoke point.\n" +
				"3. The ventilation — the first coats smoke heavily for around half an hour.\n",
			want: []card{
				{"list", "What are the three things to check before you put the pan in the oven?",
					"1. The oil — a thin, high-smoke-point oil such as flaxseed or grapeseed sets hardest\n" +
						"2. The oven temperature — it should sit about 20 °C above the oil's smoke point\n" +
						"3. The ventilation — the first coats smoke heavily for around half an hour"},
			},
		},
		{
			name: "a dash head with a figure in its rest: a cloze of the figure, then the heads (a list refused before comes last)",
			body: "## Before Seasoning\n\nCheck these two things before you put the pan in the oven:\n\n" +
				"1. The oven temperature — it should sit about 20 °C above the oil's smoke point.\n" +
				"2. The coat of oil — wipe it back until no more than 1 mm is left on the iron.\n",
			want: []card{
				{"cloze", "The oven temperature — it should sit about [...] above the oil's smoke point.",
					"20 °C\nThe oven temperature — it should sit about 20 °C above the oil's smoke point."},
				{"cloze", "The coat of oil — wipe it back until no more than [...] is left on the iron.",
					"1 mm\nThe coat of oil — wipe it back until no more than 1 mm is left on the iron."},
				{"list", "What are the two things to check before you put the pan in the oven?", "1. The oven temperature\n2. The coat of oil"},
			},
		},
		{
			name: "commands with reasons, two without a head: each reason asked on its own, no list card",
			body: "## Cleaning\n\nThe usual advice for everyday cleaning:\n\n" +
				"- Wipe the pan out while it is still warm, since dried food takes twice the scrubbing.\n" +
				"- Scrub stuck food with coarse salt and a little oil rather than with steel wool.\n" +
				"- Dry the pan on a low burner for a minute, because water left in the pores starts rust overnight.\n" +
				"- Rub in a few drops of oil before putting it away so the surface stays sealed.\n",
			want: []card{
				{"cloze", "Why wipe the pan out while it is still warm?", "Because dried food takes twice the scrubbing."},
				{"cloze", "Why dry the pan on a low burner for a minute?", "Because water left in the pores starts rust overnight."},
			},
		},
		{
			name: "acts and things: what each does, asked of its head",
			body: "## Common Mistakes\n\nMost ruined pans come from a handful of habits:\n\n" +
				"- Soaking the pan in the sink overnight, which strips the seasoning in patches.\n" +
				"- Running it through a dishwasher, which removes the whole layer in a single cycle.\n" +
				"- Lids left on in storage that trap moisture against the iron.\n",
			want: []card{
				{"list", "What are the three common mistakes?", "- Soaking the pan in the sink overnight\n- Running it through a dishwasher\n- Lids left on in storage"},
				{"cloze", "What does soaking the pan in the sink overnight do?", "Strips the seasoning in patches."},
				{"cloze", "What does running it through a dishwasher do?", "Removes the whole layer in a single cycle."},
				{"cloze", "What do lids left on in storage do?", "Trap moisture against the iron."},
			},
		},
		{
			name: "short items stay one list, its command lead-in keeping the verb",
			body: "## Hive Checks\n\nKeep these rules in mind:\n\n- Open the hive on warm days\n- Move slowly near the frames\n- Close it within ten minutes\n",
			want: []card{
				{"list", "What are the three rules to keep in mind?", "- Open the hive on warm days\n- Move slowly near the frames\n- Close it within ten minutes"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkCardsMade(t, tt.body, tt.want) })
	}
}

// TestLongItemListsKeepProseNote checks that the cards of a list refused
// before (its items too long to recite) do not make a prose note a list
// note: its paragraphs keep their cloze cards.
func TestLongItemListsKeepProseNote(t *testing.T) {
	const paras = "## History\n\n" +
		"The first cast-iron pans were cast in sand moulds in the 1700s. Their walls were about 5 mm thick.\n\n" +
		"Foundries in Ohio made most American pans after 1890. The Griswold company closed in 1957.\n\n" +
		"Enamelled pans appeared in France in 1925. They need no seasoning at all.\n\n" +
		"## Sizes\n\n- Small pans\n- Medium pans\n- Large pans\n\n## Lids\n\n- Glass lids\n- Iron lids\n- Steel lids\n\n"
	const long = "## Failing Seasoning\n\nWatch for these signs of failing seasoning:\n\n" +
		"- Orange rust spots on the cooking surface, which mean the oil layer has worn through to bare iron.\n" +
		"- A sticky brown film after heating, which shows the oil was spread on far too thickly and left to pool.\n" +
		"- Black flakes that come away on food, usually from new seasoning laid over old carbon and grease.\n"
	clozes := func(body string) []string {
		var out []string
		for _, c := range generate(t, header+body, Options{Deck: "d"}).Cards {
			if c.Kind == "cloze" && strings.Contains(c.ContextCue, "History") {
				out = append(out, c.Question)
			}
		}
		return out
	}
	without, with := clozes(paras), clozes(paras+long)
	if len(with) != len(without) || len(without) < 4 {
		t.Errorf("paragraph clozes: %d without the long list, %d with it (want equal, ≥ 4):\n%s\n--\n%s",
			len(without), len(with), strings.Join(without, "\n"), strings.Join(with, "\n"))
	}
}

// TestCommandLeadIn checks the noun phrase read from a lead-in that is a
// command pointing at its list.
func TestCommandLeadIn(t *testing.T) {
	for _, tt := range []struct{ lead, want string }{
		{"Look for these warning signs first:", "warning signs to look for first"},
		{"Watch for these signs of failing seasoning:", "signs of failing seasoning to watch for"},
		{"Check these three things before you start:", "things to check before you start"},
		{"Avoid these mistakes:", "mistakes to avoid"},
		{"Consider the following factors when choosing a database:", "factors to consider when choosing a database"},
		{"Distinguishing these acronyms is crucial:", ""},
		{"These metrics measure both speed and stability:", ""},
	} {
		if got := commandLeadIn(strings.Fields(strings.TrimSuffix(tt.lead, ":"))); got != tt.want {
			t.Errorf("commandLeadIn(%q) = %q; want %q", tt.lead, got, tt.want)
		}
	}
}

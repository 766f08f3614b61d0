package content

import "testing"

func TestPersonQuestion(t *testing.T) {
	tests := []struct {
		term, answer string
		want         string // "" when the lead-in is no person
	}{
		{"John Roebling (1806–1869)", "A German-born engineer, designed the bridge.", "Who was *John Roebling* (1806–1869)?"},
		{"Emily Warren Roebling", "Washington's wife, who relayed his instructions.", "Who was *Emily Warren Roebling*?"},
		{"Emily Warren Roebling", "Washington Roebling's wife, who relayed his instructions.", "Who was *Emily Warren Roebling*?"},
		{"Wilhelm von Humboldt", "The project's chief surveyor, who is remembered for his maps.", "Who is *Wilhelm von Humboldt*?"},
		{"Washington Roebling", "Washington Roebling's bridge, which opened in 1883.", ""},
		{"John Frank Stevens (1905–1907)", "A railway engineer who built the railroad first.", "Who was *John Frank Stevens* (1905–1907)?"},
		{"Grace Hopper", "A computer scientist and admiral of the US Navy.", "Who is *Grace Hopper*?"},
		{"Ferdinand de Lesseps", "The French diplomat who had built the Suez Canal.", "Who was *Ferdinand de Lesseps*?"},
		{"Nicole Forsgren", "The co-author of Accelerate, who leads research on developer productivity.", "Who is *Nicole Forsgren*?"},
		{"Michael Stonebraker", "Turing Award winner who leads database research at MIT.", "Who is *Michael Stonebraker*?"},
		{"Patrick Collison", "Co-founder and CEO of Stripe.", "Who is *Patrick Collison*?"},
		{"Hedy Lamarr", "Actress and inventor who co-patented frequency hopping in 1942.", "Who was *Hedy Lamarr*?"},
		{"Amazon Web Services", "Cloud platform that leads the market.", ""},
		{"Ada Lovelace", "Wrote the first published algorithm for a machine.", ""}, // no role: left as it was
		// Title-case terms are no names without a person's role or years.
		{"Automated Scorecards", "Ensure that experiment results are available quickly.", ""},
		{"Product Managers", "Responsible for getting accounts to the PQA stage.", ""},
		{"Steel Cables (1877–1878)", "The four main cables were spun on site.", ""},
		{"New York Granite", "A grey stone used for the two towers.", ""},
		// A word the note writes in lower case is no name's.
		{"Granite Quarry", "A merchant who supplied the stone.", ""},
		{"DORA Metrics", "The four key metrics of software delivery.", ""},
		{"Lead Time", "The time from commit to deploy.", ""},
		{"Senior Engineer", "A senior engineer reviews the design.", ""},
	}
	for _, tt := range tests {
		got := ""
		if personOf(tt.term, tt.answer, map[string]int{"quarry": 2}) {
			got = personQuestion(tt.term, tt.answer)
		}
		if got != tt.want {
			t.Errorf("personOf(%q, %q): question %q, want %q", tt.term, tt.answer, got, tt.want)
		}
	}
}

func TestJoinAppositive(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a railway engineer, rebuilt the railroad and persuaded Roosevelt.", "a railway engineer who rebuilt the railroad and persuaded Roosevelt."},
		{"a German-born engineer, designed the bridge.", "a German-born engineer who designed the bridge."},
		{"an army officer, saw the project through.", "an army officer who saw the project through."},
		{"his son, who took over as chief engineer.", "his son, who took over as chief engineer."},
		{"a physician, known for his work on malaria.", "a physician, known for his work on malaria."},
		{"a printer.", "a printer."},
	}
	for _, tt := range tests {
		if got := joinAppositive(tt.in); got != tt.want {
			t.Errorf("joinAppositive(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPersonDeed(t *testing.T) {
	tests := []struct {
		term, answer, list string
		want, reverse      string // "" when the lead-in is no person's deed
	}{
		{"Robert Falcon Scott", "Reached the pole 34 days after Amundsen and died on the return march.", "Key People",
			"What did *Robert Falcon Scott* do?", "Who reached the pole 34 days after Amundsen and died on the return march?"},
		{"Roald Amundsen (1872–1928)", "Led the Norwegian party that reached the pole first.", "Expeditions",
			"What did *Roald Amundsen* (1872–1928) do?", "Who led the Norwegian party that reached the pole first?"},
		{"Lawrence Oates", "Walked out of the tent into a blizzard.", "The explorers",
			"What did *Lawrence Oates* do?", "Who walked out of the tent into a blizzard?"},
		{"Ada Lovelace", "Wrote the first published algorithm for a machine.", "Pioneers",
			"What did *Ada Lovelace* do?", "Who wrote the first published algorithm for a machine?"},
		// A past verb alone names no person: a thing under a heading of things.
		{"Gatun Dam", "Created the largest artificial lake of its time.", "Works", "", ""},
		{"Gatun Dam", "Created the largest artificial lake of its time.", "Key People", "", ""}, // "dam" written in lower case
		// Present tense, or a text that opens with no verb.
		{"Grace Hopper", "Leads the compiler team.", "Key People", "", ""},
		{"Grace Hopper", "Compiler pioneer at the Navy.", "Key People", "", ""},
		{"Grace Hopper", "fixed the first bug.", "Key People", "", ""},
	}
	for _, tt := range tests {
		got, rev := "", ""
		if personDeedOf(tt.term, tt.answer, tt.list, map[string]int{"dam": 3}) {
			got, rev = personDeedQuestion(tt.term), deedReverse(tt.answer)
		}
		if got != tt.want || rev != tt.reverse {
			t.Errorf("personDeedOf(%q, %q, %q): %q / %q, want %q / %q", tt.term, tt.answer, tt.list, got, rev, tt.want, tt.reverse)
		}
	}
}

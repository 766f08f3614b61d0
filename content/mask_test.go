package content

import "testing"

func TestMaskTerm(t *testing.T) {
	tests := []struct{ text, term, want string }{
		{"Time from a job's opening to the signed offer, which fell from 41 days to 29.", "Time-to-hire",
			"… from a job's opening to the signed offer, which fell from 41 days to 29."},
		{"The share of offers accepted, which rose to 81%.", "Offer acceptance", "The share of … …, which rose to 81%."},
		{"DF counts how often a team deploys to production.", "Deployment Frequency", "… counts how often a team … to production."},
		{"A state-of-the-art model that reads the whole page at once.", "State-of-the-art model", "A … … that reads the whole page at once."},
		{"Latency reduction cuts the wait for each reply.", "Latency Reduction", "… … cuts the wait for each reply."},
	}
	for _, tt := range tests {
		if got, _ := maskTerm(tt.text, tt.term); got != tt.want {
			t.Errorf("maskTerm(%q, %q)\n got %q\nwant %q", tt.text, tt.term, got, tt.want)
		}
	}
}

package apkg

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"unicode"
)

var (
	// Whole elements whose content is never text.
	hiddenElements = regexp.MustCompile(`(?is)<(script|style|head|title)\b[^>]*>.*?</(script|style|head|title)\s*>`)
	mediaRef       = regexp.MustCompile(`(?is)\[sound:[^\]]*\]|<(img|audio|video|object|embed)\b[^>]*>`)
	brTag          = regexp.MustCompile(`(?i)<br\s*/?>`)
	blockTags      = regexp.MustCompile(`(?i)</?(div|p|li|tr|h[1-6]|blockquote|ul|ol|table)\b[^>]*>`)
	blockRuns      = regexp.MustCompile(`\x00+`)
	rawSpace       = regexp.MustCompile(`[ \t\r\n]+`)
	emphasisTags   = regexp.MustCompile(`(?i)</?(b|i|em|strong)\s*>`)
	anyTag         = regexp.MustCompile(`(?s)<[^>]*>|<!--.*?-->`)
	blankLines     = regexp.MustCompile(`\n{3,}`)
	spaceRuns      = regexp.MustCompile(` +`)
)

// CleanHTML turns an Anki field into recall's clean text: media ([sound:…],
// images, audio, video) become "(media)"; line breaks and block elements
// become new lines; bold and italics become *light* emphasis; every other
// tag is dropped and entities decoded; control characters, runs of spaces
// and of blank lines go. The result holds no markup a terminal or a later
// HTML export could act on: recall escapes it again when it writes HTML.
func CleanHTML(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = hiddenElements.ReplaceAllString(s, "")
	s = mediaRef.ReplaceAllString(s, " (media) ")
	// Raw white space is HTML's: one space, whatever it is; entities are
	// decoded after, so an encoded tab or line break stays.
	s = rawSpace.ReplaceAllString(s, " ")
	s = strings.ReplaceAll(s, "\x00", "")
	s = brTag.ReplaceAllString(s, "\n")
	// Block elements start a line: a run of them (</div><div>) one break.
	s = blockTags.ReplaceAllString(s, "\x00")
	s = blockRuns.ReplaceAllString(s, "\n")
	s = emphasisTags.ReplaceAllString(s, "*")
	s = anyTag.ReplaceAllString(s, "")
	s = unescape(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\u00a0':
			return ' '
		case unicode.IsControl(r), r == '\u200b', r == '\ufeff':
			return -1
		}
		return r
	}, s)
	s = strings.ReplaceAll(s, "**", "")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(spaceRuns.ReplaceAllString(l, " "))
	}
	s = blankLines.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
	s = strings.Trim(s, "\n ")
	return strings.ReplaceAll(s, "(media) (media)", "(media)")
}

func unescape(s string) string { return html.UnescapeString(s) }

// safeLink keeps an absolute http or https URL, nothing else.
func safeLink(u string) (string, bool) {
	u = strings.TrimSpace(u)
	if u == "" || len(u) > 2048 {
		return "", false
	}
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || (p.Scheme != "http" && p.Scheme != "https") {
		return "", false
	}
	return p.String(), true
}

package apkg

import (
	"github.com/recallcards/recall/deck/anki"
	"github.com/recallcards/recall/scheduler"
)

// The JSON objects the col row holds in schema 11. Anki reads them with
// strict decoders: every key a struct lists here is one Anki requires.

type notetype struct {
	ID        int64         `json:"id"`
	Name      string        `json:"name"`
	Type      int           `json:"type"` // 0 standard, 1 cloze
	Mod       int64         `json:"mod"`
	USN       int           `json:"usn"`
	SortField int           `json:"sortf"`
	DeckID    int64         `json:"did"`
	Templates []template    `json:"tmpls"`
	Fields    []field       `json:"flds"`
	CSS       string        `json:"css"`
	LatexPre  string        `json:"latexPre"`
	LatexPost string        `json:"latexPost"`
	LatexSVG  bool          `json:"latexsvg"`
	Req       []requirement `json:"req"`
	Tags      []string      `json:"tags"`
	Vers      []any         `json:"vers"`
}

type template struct {
	Name        string `json:"name"`
	Ord         int    `json:"ord"`
	QFmt        string `json:"qfmt"`
	AFmt        string `json:"afmt"`
	BrowserQFmt string `json:"bqfmt"`
	BrowserAFmt string `json:"bafmt"`
	DeckID      *int64 `json:"did"`
	BrowserFont string `json:"bfont"`
	BrowserSize int    `json:"bsize"`
}

type field struct {
	Name   string `json:"name"`
	Ord    int    `json:"ord"`
	Sticky bool   `json:"sticky"`
	RTL    bool   `json:"rtl"`
	Font   string `json:"font"`
	Size   int    `json:"size"`
	Media  []any  `json:"media"`
}

// requirement is [card ordinal, "any", [field ordinals]]: the card exists
// when any of those fields is not empty.
type requirement [3]any

const cardCSS = `.card {
    font-family: arial;
    font-size: 20px;
    text-align: center;
    color: black;
    background-color: white;
}
.context, .source {
    font-size: 14px;
    color: grey;
}
`

const latexPre = "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n" +
	"\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n"

// recallNotetype is recall's own note type, anki.RecallNoteType: the
// fields anki.RecallFields; "Forward" asks the Question under its
// Context, "Reverse" (made only when Term is not empty) asks with the
// Reverse question (the Answer, the Term masked; the Answer itself when
// empty) and answers with the Term. No template shows RecallID.
func recallNotetype() notetype {
	nt := notetype{
		ID: recallNotetypeID, Name: anki.RecallNoteType, Mod: notetypeMtime, DeckID: 1,
		CSS: cardCSS, LatexPre: latexPre, LatexPost: "\\end{document}",
		Tags: []string{}, Vers: []any{},
		Templates: []template{
			{Name: "Forward", Ord: 0, QFmt: forwardFront, AFmt: forwardBack},
			{Name: "Reverse", Ord: 1, QFmt: reverseFront, AFmt: reverseBack},
		},
		// Question makes the first card; Answer and Term together the second.
		Req: []requirement{{0, "any", []int{0}}, {1, "all", []int{1, 3}}},
	}
	for i, name := range anki.RecallFields {
		nt.Fields = append(nt.Fields, field{Name: name, Ord: i, Font: "Arial", Size: 20, Media: []any{}})
	}
	return nt
}

// The templates of recall's note type.
const (
	contextLine  = `{{#Context}}<div class="context">{{Context}}</div>{{/Context}}`
	forwardFront = contextLine + "\n{{Question}}"
	forwardBack  = "{{FrontSide}}\n\n<hr id=answer>\n\n{{Answer}}" +
		"\n{{#Extra}}<div class=\"extra\">{{Extra}}</div>{{/Extra}}" +
		"\n{{#Source}}<div class=\"source\">{{Source}}</div>{{/Source}}"
	reverseFront = "{{#Term}}" + contextLine + "\n{{#Reverse}}{{Reverse}}{{/Reverse}}{{^Reverse}}{{Answer}}{{/Reverse}}{{/Term}}"
	reverseBack  = "{{FrontSide}}\n\n<hr id=answer>\n\n{{Term}}"
)

type ankiDeck struct {
	ID               int64  `json:"id"`
	Mod              int64  `json:"mod"`
	Name             string `json:"name"`
	USN              int    `json:"usn"`
	LearnToday       [2]int `json:"lrnToday"`
	ReviewToday      [2]int `json:"revToday"`
	NewToday         [2]int `json:"newToday"`
	TimeToday        [2]int `json:"timeToday"`
	Collapsed        bool   `json:"collapsed"`
	BrowserCollapsed bool   `json:"browserCollapsed"`
	Description      string `json:"desc"`
	Dyn              int    `json:"dyn"`
	Conf             int64  `json:"conf"`
	ExtendNew        int    `json:"extendNew"`
	ExtendRev        int    `json:"extendRev"`
}

func newDeck(id int64, name string, mod int64) ankiDeck {
	conf := recallDeckConfigID
	if id == 1 {
		conf = 1
	}
	return ankiDeck{ID: id, Mod: mod, Name: name, Conf: conf}
}

// recallDeckConfigID is the fixed id of the deck options recall's decks
// use. Anki adds options whose id it does not have and never overwrites
// its own Default (id 1), so the user's settings stay as they were.
const recallDeckConfigID int64 = 1718000000003

type deckConfig struct {
	ID       int64        `json:"id"`
	Mod      int64        `json:"mod"`
	Name     string       `json:"name"`
	USN      int          `json:"usn"`
	MaxTaken int          `json:"maxTaken"`
	Autoplay bool         `json:"autoplay"`
	Timer    int          `json:"timer"`
	ReplayQ  bool         `json:"replayq"`
	Dyn      bool         `json:"dyn"`
	New      newConfig    `json:"new"`
	Rev      reviewConfig `json:"rev"`
	Lapse    lapseConfig  `json:"lapse"`
}

type newConfig struct {
	Bury          bool      `json:"bury"`
	Delays        []float64 `json:"delays"`
	InitialFactor int       `json:"initialFactor"`
	Ints          [3]int    `json:"ints"`
	Order         int       `json:"order"` // 1: in the order added
	PerDay        int       `json:"perDay"`
}

type reviewConfig struct {
	Bury       bool    `json:"bury"`
	Ease4      float64 `json:"ease4"`
	IvlFct     float64 `json:"ivlFct"`
	MaxIvl     int     `json:"maxIvl"`
	PerDay     int     `json:"perDay"`
	HardFactor float64 `json:"hardFactor"`
}

type lapseConfig struct {
	Delays      []float64 `json:"delays"`
	LeechAction int       `json:"leechAction"` // 0 suspend, 1 tag only
	LeechFails  int       `json:"leechFails"`
	MinInt      int       `json:"minInt"`
	Mult        float64   `json:"mult"`
}

// newDeckConfig returns Anki's default options under the given id, with
// recall's daily limits and leech rule.
func newDeckConfig(id int64, name string, cfg scheduler.Settings, mod int64) deckConfig {
	leechFails := cfg.LeechLapses
	if leechFails <= 0 {
		leechFails = 8
	}
	return deckConfig{
		ID: id, Mod: mod, Name: name, MaxTaken: maxAnswerMillis / 1000, Autoplay: true, ReplayQ: true,
		New: newConfig{Delays: []float64{1, 10}, InitialFactor: int(scheduler.InitialEF) * 10,
			Ints: [3]int{1, 4, 0}, Order: 1, PerDay: max(cfg.NewPerDay, 0)},
		Rev:   reviewConfig{Ease4: 1.3, IvlFct: 1, MaxIvl: 36500, PerDay: max(cfg.ReviewsPerDay, 0), HardFactor: 1.2},
		Lapse: lapseConfig{Delays: []float64{10}, LeechAction: 0, LeechFails: leechFails, MinInt: 1},
	}
}

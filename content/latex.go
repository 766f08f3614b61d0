package content

import (
	"strings"
	"unicode/utf8"
)

// LaTeX reaches cards as readable text: \frac{a}{b} becomes "a / b", x_0
// "x₀", x^2 "x²", \sum "Σ", \alpha "α". Commands recall does not know keep
// their name without the backslash; braces, \left and \right and spacing
// commands go. The renderer is a single pass over the formula with a
// bounded recursion depth, so hostile input costs linear time.

var latexSymbols = map[string]string{
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
	"eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
	"xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ",
	"chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ",
	"Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	"sum": "Σ", "prod": "∏", "int": "∫", "oint": "∮", "iint": "∬", "partial": "∂", "nabla": "∇", "infty": "∞",
	"cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥",
	"neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "equiv": "≡", "propto": "∝", "to": "→", "rightarrow": "→",
	"leftarrow": "←", "Rightarrow": "⇒", "Leftarrow": "⇐", "leftrightarrow": "↔", "iff": "⇔", "implies": "⇒",
	"mapsto": "↦", "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "cup": "∪",
	"cap": "∩", "emptyset": "∅", "forall": "∀", "exists": "∃", "neg": "¬", "land": "∧", "lor": "∨",
	"ldots": "…", "cdots": "⋯", "dots": "…", "circ": "∘", "degree": "°", "prime": "′", "hbar": "ħ", "ell": "ℓ",
	"langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "|": "‖",
	"sin": "sin", "cos": "cos", "tan": "tan", "log": "log", "ln": "ln", "exp": "exp", "lim": "lim",
	"max": "max", "min": "min", "det": "det", "{": "{", "}": "}", "%": "%", "$": "$", "&": "&", "#": "#", "_": "_",
	"mid": "|", "vert": "|", "lvert": "|", "rvert": "|", "Vert": "‖", "lVert": "‖", "rVert": "‖", "parallel": "∥",
	"perp": "⊥", "bot": "⊥", "top": "⊤", "angle": "∠", "triangle": "△", "star": "⋆", "ast": "∗", "bullet": "•",
	"oplus": "⊕", "otimes": "⊗", "setminus": "∖", "wedge": "∧", "vee": "∨", "ll": "≪", "gg": "≫", "leqslant": "≤",
	"geqslant": "≥", "lesssim": "≲", "gtrsim": "≳", "simeq": "≃", "cong": "≅", "uparrow": "↑",
	"downarrow": "↓", "longrightarrow": "⟶", "Longrightarrow": "⟹", "longleftrightarrow": "⟷", "dagger": "†",
	"aleph": "ℵ", "Re": "ℜ", "Im": "ℑ", "varrho": "ϱ", "varsigma": "ς", "Upsilon": "Υ", "varpi": "ϖ",
	"sinh": "sinh", "cosh": "cosh", "tanh": "tanh", "cot": "cot", "sec": "sec", "csc": "csc", "arcsin": "arcsin",
	"arccos": "arccos", "arctan": "arctan", "arg": "arg", "sup": "sup", "inf": "inf", "gcd": "gcd", "Pr": "Pr",
	"lg": "lg", "dim": "dim", "ker": "ker", "deg": "deg", "hom": "hom", "liminf": "lim inf", "limsup": "lim sup",
	"cdotp": "·", "colon": ":", "vdots": "⋮", "ddots": "⋱", "therefore": "∴", "because": "∵", "checkmark": "✓",
}

// dropped commands leave only their argument (\mathbf{x} → x) or nothing.
var latexDropped = map[string]bool{
	"left": true, "right": true, "big": true, "Big": true, "bigg": true, "Bigg": true, "displaystyle": true,
	"mathbf": true, "mathrm": true, "mathit": true, "mathcal": true, "mathbb": true, "boldsymbol": true,
	"text": true, "textbf": true, "textit": true, "operatorname": true, "limits": true, "nolimits": true,
	"vec": true, "underline": true,
	"quad": true, "qquad": true, ",": true, ";": true, ":": true, "!": true, " ": true, "mathrm d": true,
}

var superscripts = map[rune]rune{'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷',
	'8': '⁸', '9': '⁹', '+': '⁺', '-': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', 'n': 'ⁿ', 'i': 'ⁱ', 'x': 'ˣ', 'T': 'ᵀ', 'k': 'ᵏ', 't': 'ᵗ', '−': '⁻'}

var subscripts = map[rune]rune{'0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇',
	'8': '₈', '9': '₉', '+': '₊', '-': '₋', '=': '₌', '(': '₍', ')': '₎', 'i': 'ᵢ', 'j': 'ⱼ', 'k': 'ₖ', 'n': 'ₙ',
	'x': 'ₓ', 't': 'ₜ', 'a': 'ₐ', 'e': 'ₑ', 'o': 'ₒ', 'm': 'ₘ', 'p': 'ₚ', 's': 'ₛ', 'r': 'ᵣ', '−': '₋'}

// latexAccents put a combining mark over a one-letter argument (\bar{x} →
// "x̄", the mean, not x); over a longer one the mark is left out.
var latexAccents = map[string]string{
	"bar": "\u0304", "overline": "\u0305", "hat": "\u0302", "widehat": "\u0302", "tilde": "\u0303",
	"widetilde": "\u0303", "dot": "\u0307", "ddot": "\u0308",
}

// maxLatexDepth bounds nested groups; deeper ones are rendered flat.
const maxLatexDepth = 16

// renderLatex turns a LaTeX formula into readable one-line text.
func renderLatex(src string) string {
	r := latexRenderer{src: src}
	out := strings.Join(strings.Fields(r.group(0, false)), " ")
	for _, op := range []string{"∂ ", "√ ", "¬ ", "( ", "[ "} {
		out = strings.ReplaceAll(out, op, strings.TrimSpace(op))
	}
	for _, op := range []string{" )", " ]"} {
		out = strings.ReplaceAll(out, op, strings.TrimSpace(op))
	}
	return out
}

type latexRenderer struct {
	src string
	pos int
}

// group renders until the end of input or, when closing, a '}'.
func (r *latexRenderer) group(depth int, closing bool) string {
	var sb strings.Builder
	for r.pos < len(r.src) {
		c := r.src[r.pos]
		switch {
		case c == '}':
			r.pos++
			if closing {
				return sb.String()
			}
		case c == '{':
			r.pos++
			sb.WriteString(r.sub(depth))
		case c == '\\':
			sb.WriteString(r.command(depth))
		case c == '^' || c == '_':
			r.pos++
			arg := r.argument(depth)
			sb.WriteString(script(arg, c == '^'))
		case c == '&':
			r.pos++
			sb.WriteByte(' ')
		case c == '~':
			r.pos++
			sb.WriteByte(' ')
		default:
			_, size := utf8.DecodeRuneInString(r.src[r.pos:])
			sb.WriteString(r.src[r.pos : r.pos+size])
			r.pos += size
		}
	}
	return sb.String()
}

func (r *latexRenderer) sub(depth int) string {
	if depth >= maxLatexDepth {
		return ""
	}
	return r.group(depth+1, true)
}

// argument reads one argument: a braced group, a command or one character.
func (r *latexRenderer) argument(depth int) string {
	for r.pos < len(r.src) && r.src[r.pos] == ' ' {
		r.pos++
	}
	if r.pos >= len(r.src) {
		return ""
	}
	switch r.src[r.pos] {
	case '{':
		r.pos++
		return r.sub(depth)
	case '\\':
		return r.command(depth)
	}
	_, size := utf8.DecodeRuneInString(r.src[r.pos:])
	s := r.src[r.pos : r.pos+size]
	r.pos += size
	return s
}

func (r *latexRenderer) command(depth int) string {
	r.pos++ // the backslash
	start := r.pos
	for r.pos < len(r.src) && isASCIILetter(r.src[r.pos]) {
		r.pos++
	}
	if r.pos == start && r.pos < len(r.src) {
		r.pos++ // a one-character command: \{ \, \\
	}
	name := r.src[start:r.pos]
	switch name {
	case "frac", "dfrac", "tfrac", "cfrac":
		num, den := r.argument(depth), r.argument(depth)
		return wrap(num) + " / " + wrapDenominator(den)
	case "sqrt":
		index := ""
		if r.pos < len(r.src) && r.src[r.pos] == '[' {
			// \sqrt[3]{x} → ³√x: the root's index, as a superscript.
			// A plain index only, so that the renderer stays one pass.
			if end := strings.IndexByte(r.src[r.pos:], ']'); end > 1 && !strings.ContainsAny(r.src[r.pos:r.pos+end], "\\{}") {
				index = strings.TrimPrefix(script(r.src[r.pos+1:r.pos+end], true), "^")
				r.pos += end + 1
			}
		}
		arg := strings.TrimSpace(r.argument(depth))
		if strings.ContainsAny(arg, " /+-") {
			arg = "(" + arg + ")"
		}
		return index + "√" + arg
	case "\\":
		return "; "
	case "left", "right", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr":
		// "\left." closes nothing: the dot is no character of the formula.
		if r.pos < len(r.src) && r.src[r.pos] == '.' {
			r.pos++
		}
		return ""
	case "binom", "tbinom", "dbinom":
		n, k := r.argument(depth), r.argument(depth)
		return "C(" + strings.TrimSpace(n) + ", " + strings.TrimSpace(k) + ")"
	case "begin", "end":
		r.argument(depth)
		return " "
	case "mathrm", "text", "operatorname":
		return r.argument(depth)
	}
	if mark, ok := latexAccents[name]; ok {
		arg := strings.TrimSpace(r.argument(depth))
		if utf8.RuneCountInString(arg) == 1 {
			return arg + mark
		}
		return arg
	}
	if s, ok := latexSymbols[name]; ok {
		if isASCIILetter(s[0]) {
			return s + " "
		}
		return s
	}
	if latexDropped[name] {
		return ""
	}
	return name
}

// wrap puts a fraction's part in parentheses when it has more than one term.
func wrap(s string) string {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "+-−=/") && !oneGroup(s) {
		return "(" + s + ")"
	}
	return s
}

// wrapDenominator also groups a product of several factors: "a / (m n)",
// "x / ((8.314)(300))", since "x / (8.314)(300)" reads as x / 8.314 times
// 300, and "hA / (mc)", which a reader takes for hA / m times c. One
// factor ("∂x", "dt", "T") stays as it is, and so does a word ("time").
func wrapDenominator(s string) string {
	s = strings.TrimSpace(s)
	if oneGroup(s) {
		return s
	}
	t := strings.NewReplacer("∂ ", "∂", "√ ", "√", "¬ ", "¬").Replace(s)
	if severalFactors(t) || symbolProduct(t) {
		return "(" + s + ")"
	}
	return s
}

// symbolProduct reports whether s is two or three one-letter symbols
// written together, "mc", "RT", "hA": a product in a formula's notation.
// A differential ("dt") is one factor, and four letters or more are a
// word.
func symbolProduct(s string) bool {
	if len(s) < 2 || len(s) > 3 || s[0] == 'd' && len(s) == 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isASCIILetter(s[i]) {
			return false
		}
	}
	return true
}

// severalFactors reports whether s has a space, an operator or a second
// group outside parentheses: "m n", "(a)(b)", "a + b", but not "P(E | H)".
func severalFactors(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '(':
			if depth == 0 && i > 0 && s[i-1] == ')' {
				return true
			}
			depth++
		case ')':
			depth--
		case ' ', '+', '-', '=', '/':
			if depth == 0 {
				return true
			}
		case "−"[0]:
			if depth == 0 && strings.HasPrefix(s[i:], "−") {
				return true
			}
		}
	}
	return false
}

// oneGroup reports whether s is a single parenthesised group, "(a + b)"
// but not "(a)(b)".
func oneGroup(s string) bool {
	if !strings.HasPrefix(s, "(") || !strings.HasSuffix(s, ")") {
		return false
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 && i != len(s)-1 {
				return false
			}
		}
	}
	return true
}

// script writes a superscript or subscript in Unicode where every
// character has a form, else as ^(…) or _(…).
func script(arg string, super bool) string {
	table := subscripts
	mark := "_"
	if super {
		table, mark = superscripts, "^"
	}
	arg = strings.TrimSpace(arg)
	if arg == "" {
		return ""
	}
	var sb strings.Builder
	for _, c := range arg {
		t, ok := table[c]
		if !ok {
			if utf8.RuneCountInString(arg) == 1 {
				return mark + arg
			}
			return mark + "(" + arg + ")"
		}
		sb.WriteRune(t)
	}
	return sb.String()
}

func isASCIILetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

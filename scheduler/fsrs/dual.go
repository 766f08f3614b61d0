package fsrs

import "math"

// dual is a number with its gradient with respect to the 21 parameters:
// forward-mode automatic differentiation, enough for the optimizer, whose
// inputs are few and whose program (one card's history) is short.
type dual struct {
	v float64
	d [NumParameters]float64
}

func constant(v float64) dual { return dual{v: v} }

// variable is parameter i as a dual: its value and a unit gradient.
func variable(v float64, i int) dual {
	x := dual{v: v}
	x.d[i] = 1
	return x
}

func (a dual) add(b dual) dual {
	a.v += b.v
	for i := range a.d {
		a.d[i] += b.d[i]
	}
	return a
}

func (a dual) sub(b dual) dual {
	a.v -= b.v
	for i := range a.d {
		a.d[i] -= b.d[i]
	}
	return a
}

func (a dual) addConst(c float64) dual {
	a.v += c
	return a
}

func (a dual) scale(c float64) dual {
	a.v *= c
	for i := range a.d {
		a.d[i] *= c
	}
	return a
}

func (a dual) mul(b dual) dual {
	r := dual{v: a.v * b.v}
	for i := range r.d {
		r.d[i] = a.d[i]*b.v + a.v*b.d[i]
	}
	return r
}

func (a dual) div(b dual) dual {
	r := dual{v: a.v / b.v}
	inv := 1 / b.v
	for i := range r.d {
		r.d[i] = (a.d[i] - r.v*b.d[i]) * inv
	}
	return r
}

// chain applies a function of value f(a) with derivative df at a.
func (a dual) chain(f, df float64) dual {
	a.v = f
	for i := range a.d {
		a.d[i] *= df
	}
	return a
}

func (a dual) exp() dual {
	e := math.Exp(a.v)
	return a.chain(e, e)
}

// pow is a^b for a > 0, both variable.
func (a dual) pow(b dual) dual {
	v := math.Pow(a.v, b.v)
	r := dual{v: v}
	da := v * b.v / a.v
	db := v * math.Log(a.v)
	for i := range r.d {
		r.d[i] = da*a.d[i] + db*b.d[i]
	}
	return r
}

// clamp holds a within [lo, hi]; at a bound the gradient is zero.
func (a dual) clamp(lo, hi float64) dual {
	switch {
	case a.v < lo:
		return constant(lo)
	case a.v > hi:
		return constant(hi)
	}
	return a
}

// minDual is the smaller of a and b, with its gradient.
func minDual(a, b dual) dual {
	if b.v < a.v {
		return b
	}
	return a
}

// genvectors.cjs writes vectors.json: random review sequences scheduled by
// the ts-fsrs package (long-term scheduling, no fuzz), which fsrs_test.go
// replays against recall's own FSRS-6.
//
// Run from a scratch directory that has ts-fsrs 5.4 installed, never from
// the repository (node_modules is not committed):
//
//   mkdir -p /tmp/tsfsrs && cd /tmp/tsfsrs && npm install ts-fsrs@5.4
//   NODE_PATH=/tmp/tsfsrs/node_modules node genvectors.cjs > vectors.json
'use strict'
const tsfsrs = require('ts-fsrs')

// A small seeded generator (mulberry32), so the vectors can be regenerated.
function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const rand = rng(19)
const between = (lo, hi) => lo + (hi - lo) * rand()
const intBetween = (lo, hi) => Math.floor(between(lo, hi + 1))

// Parameters within FSRS's bounds, away from their edges.
function randomParameters() {
  const bounds = tsfsrs.CLAMP_PARAMETERS(tsfsrs.W17_W18_Ceiling, false)
  const w = tsfsrs.default_w.map((d, i) => {
    const [lo, hi] = bounds[i]
    const v = d * between(0.5, 1.5)
    return Math.min(Math.max(v, lo), hi)
  })
  // keep initial stabilities ordered, as a fitted set is
  w.slice(0, 4).sort((a, b) => a - b).forEach((v, i) => { w[i] = v })
  return w.map(v => Math.round(v * 1e4) / 1e4)
}

function rating() {
  const u = rand()
  if (u < 0.15) return tsfsrs.Rating.Again
  if (u < 0.3) return tsfsrs.Rating.Hard
  if (u < 0.85) return tsfsrs.Rating.Good
  return tsfsrs.Rating.Easy
}

const day = 24 * 60 * 60 * 1000
const sequences = []
for (let n = 0; n < 600; n++) {
  const custom = n % 5 >= 3
  const w = custom ? randomParameters() : [...tsfsrs.default_w]
  const retention = custom ? Math.round(between(0.7, 0.99) * 100) / 100 : 0.9
  const maxInterval = n % 10 === 9 ? intBetween(30, 400) : 36500
  const f = tsfsrs.fsrs(tsfsrs.generatorParameters({
    w, request_retention: retention, maximum_interval: maxInterval,
    enable_fuzz: false, enable_short_term: false,
  }))
  // Reviews at noon UTC, so the calendar-day count is the day difference.
  let now = new Date(Date.UTC(2025, 0, 1, 12) + intBetween(0, 300) * day)
  let card = tsfsrs.createEmptyCard(now)
  const reviews = []
  for (let i = 0; i < 10; i++) {
    let elapsed = 0
    let timing = 'new'
    if (i > 0) {
      const scheduled = card.scheduled_days
      const u = rand()
      if (u < 0.4 || scheduled <= 1 && u < 0.7) {
        timing = 'on-time'
        elapsed = scheduled
      } else if (u < 0.7) {
        timing = 'early'
        elapsed = intBetween(1, scheduled - 1)
      } else {
        timing = 'late'
        elapsed = scheduled + intBetween(1, 2 * scheduled + 3)
      }
      now = new Date(now.getTime() + elapsed * day)
    }
    const preview = f.repeat(card, now)
    const g = rating()
    const intervals = [1, 2, 3, 4].map(r => preview[r].card.scheduled_days)
    const stabilities = [1, 2, 3, 4].map(r => preview[r].card.stability)
    const difficulties = [1, 2, 3, 4].map(r => preview[r].card.difficulty)
    const retrievability = i === 0 ? null : f.get_retrievability(card, now, false)
    card = preview[g].card
    reviews.push({
      timing, elapsed_days: elapsed, rating: g, retrievability,
      intervals, stabilities, difficulties,
      stability: card.stability, difficulty: card.difficulty, interval: card.scheduled_days,
    })
  }
  sequences.push({ w, desired_retention: retention, maximum_interval: maxInterval, reviews })
}
process.stdout.write(JSON.stringify({
  generator: 'ts-fsrs ' + tsfsrs.FSRSVersion +
    ', enable_short_term: false, enable_fuzz: false',
  sequences,
}, null, 0) + '\n')

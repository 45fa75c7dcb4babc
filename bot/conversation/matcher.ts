// Which topic is a message about? Word-level scoring with fuse.js for the fuzzy part.
//
// Whole-phrase fuzzy search alone fails on long sentences ("mijn moeder heeft vorige week mijn
// boodschappen betaald, moet ik dat melden?"), so each content word of the message is looked up
// fuzzily in the words of every label's phrasings (typos: "gfit", "outo"), Dutch compounds are
// split against known words ("autoverzekering" → auto), and words are weighted by how specific
// they are to a label (inverse document frequency). A whole-phrase fuse search adds weight for
// short messages that match a phrasing as a whole.
import Fuse from 'fuse.js';
import { normalize } from './normalize.ts';

export interface LabelPhrasings {
  label: string;
  phrasings: string[];
}

export interface Scored {
  label: string;
  score: number;
}

const MIN_WORD = 2;
/** Longer words are not real words (pasted text, "aaaa…"): looked up exactly only, to keep turns fast. */
const MAX_FUZZY_WORD = 30;
/** A message is read by its first words; more adds nothing to what it is about, only CPU time. */
const MAX_WORDS = 40;
/** Of those, this many unknown words are looked up fuzzily (a fuse search costs milliseconds). */
const MAX_FUZZY_LOOKUPS = 12;
/** Fuzzy look-ups are remembered: the same typos come back. Bounded, oldest dropped first. */
const MEMO_SIZE = 5000;
const EXACT_BONUS = 3;

export class Matcher {
  private readonly wordLabels = new Map<string, Set<string>>();
  private readonly idf = new Map<string, number>();
  /** How many phrasings of a label use a word: a word used often for a label says more. */
  private readonly uses = new Map<string, number>();
  private readonly wordIndex: Fuse<string>;
  private readonly exactPhrases = new Map<string, Set<string>>();
  private readonly labels: string[];
  private readonly stop: Set<string>;

  constructor(data: LabelPhrasings[], stopwords: string[]) {
    this.stop = new Set(stopwords.map(normalize));
    this.labels = [...new Set(data.map((d) => d.label))];
    for (const { label, phrasings } of data)
      for (const p of phrasings) {
        const text = normalize(p);
        if (!text) continue;
        if (!this.exactPhrases.has(text)) this.exactPhrases.set(text, new Set());
        this.exactPhrases.get(text)!.add(label);
        for (const w of new Set(this.words(text))) {
          if (!this.wordLabels.has(w)) this.wordLabels.set(w, new Set());
          this.wordLabels.get(w)!.add(label);
          this.uses.set(`${label} ${w}`, (this.uses.get(`${label} ${w}`) ?? 0) + 1);
        }
      }
    const n = this.labels.length;
    for (const [w, ls] of this.wordLabels) this.idf.set(w, Math.log(1 + n / ls.size));
    this.wordIndex = new Fuse([...this.wordLabels.keys()], { includeScore: true, threshold: 0.4, ignoreLocation: true, minMatchCharLength: 3 });
  }

  private words(norm: string): string[] {
    return norm
      .split(' ')
      .filter((w) => w.length >= MIN_WORD && !this.stop.has(w) && !/^\d+([.,]\d+)?$/.test(w))
      .map(stem)
      .filter((w) => !this.stop.has(w));
  }

  private readonly memo = new Map<string, [string, number][]>();

  /** Known words that a message word stands for, with how sure we are (1 = exact). */
  private lookup(word: string, fuzzy = true): [string, number][] {
    if (this.wordLabels.has(word)) return [[word, 1]];
    if (!fuzzy) return [];
    const remembered = this.memo.get(word);
    if (remembered) return remembered;
    const found = this.fuzzyLookup(word);
    if (this.memo.size >= MEMO_SIZE) this.memo.delete(this.memo.keys().next().value!);
    this.memo.set(word, found);
    return found;
  }

  private fuzzyLookup(word: string): [string, number][] {
    const found: [string, number][] = [];
    if (word.length >= 4 && word.length <= MAX_FUZZY_WORD)
      for (const r of this.wordIndex.search(word, { limit: 5 })) {
        // fuse finds candidates; an edit distance on whole words decides, so that "summer" is not
        // read as "telefoonnummer" and "open" not as "kopen". Short words allow one slip of the same length.
        const d = editDistance(word, r.item);
        const ok = word.length <= 5 ? r.item.length === word.length && d <= 1 : Math.abs(r.item.length - word.length) <= 2 && d <= (word.length <= 8 ? 2 : 3);
        if (ok) found.push([r.item, 0.9 * (1 - d / Math.max(word.length, r.item.length))]);
      }
    if (word.length >= 7 && word.length <= MAX_FUZZY_WORD)
      for (const known of this.wordLabels.keys())
        if (known.length >= 4 && (word.startsWith(known) || word.endsWith(known))) found.push([known, 0.75]);
    return found;
  }

  /** For tuning: which known words each message word was read as. */
  explain(message: string): Record<string, [string, number][]> {
    return Object.fromEntries(this.words(normalize(message)).map((w) => [w, this.lookup(w)]));
  }

  /** Labels ranked by score, best first. Scores are comparable between labels of one message only. */
  rank(message: string): Scored[] {
    const norm = normalize(message);
    const scores = new Map<string, number>();
    const add = (label: string, s: number) => scores.set(label, (scores.get(label) ?? 0) + s);

    let fuzzy = 0;
    for (const w of [...new Set(this.words(norm))].slice(0, MAX_WORDS)) {
      const best = new Map<string, number>();
      const unknown = !this.wordLabels.has(w);
      for (const [known, sim] of this.lookup(w, !unknown || fuzzy++ < MAX_FUZZY_LOOKUPS)) {
        const s = sim * (this.idf.get(known) ?? 0);
        for (const label of this.wordLabels.get(known)!) {
          const weight = s * Math.min(1.5, 0.5 + 0.25 * (this.uses.get(`${label} ${known}`) ?? 1));
          best.set(label, Math.max(best.get(label) ?? 0, weight));
        }
      }
      for (const [label, s] of best) add(label, s);
    }
    // A message that is exactly one of the phrasings is as clear as it gets.
    for (const label of this.exactPhrases.get(norm) ?? []) add(label, EXACT_BONUS);
    return [...scores.entries()].map(([label, score]) => ({ label, score })).sort((a, b) => b.score - a.score);
  }
}

const AR_PREFIX = /^(وال|بال|كال|فال|لل|ال|و|ب|ل|ف)(?=\p{L}{3})/u;
const AR_SUFFIX = /(?<=\p{L}{3})(هما|كما|ها|هم|كم|نا|ان|ات|ون|ين|يه|ه|ي|ك)$/u;

/** A light stem so that word forms meet: Arabic prefixes and suffixes, Dutch and English plurals. */
export function stem(word: string): string {
  if (/[\u0600-\u06FF]/.test(word)) return word.replace(AR_PREFIX, '').replace(AR_SUFFIX, '');
  if (word.length >= 6 && word.endsWith('en')) return word.slice(0, -2);
  if (word.length >= 5 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

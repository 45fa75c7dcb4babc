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

export class Matcher {
  private readonly wordLabels = new Map<string, Set<string>>();
  private readonly idf = new Map<string, number>();
  private readonly wordIndex: Fuse<string>;
  private readonly phraseIndex: Fuse<{ label: string; text: string }>;
  private readonly labels: string[];
  private readonly stop: Set<string>;

  constructor(data: LabelPhrasings[], stopwords: string[]) {
    this.stop = new Set(stopwords.map(normalize));
    this.labels = [...new Set(data.map((d) => d.label))];
    const phrases: { label: string; text: string }[] = [];
    for (const { label, phrasings } of data)
      for (const p of phrasings) {
        const text = normalize(p);
        if (!text) continue;
        phrases.push({ label, text });
        for (const w of this.words(text)) {
          if (!this.wordLabels.has(w)) this.wordLabels.set(w, new Set());
          this.wordLabels.get(w)!.add(label);
        }
      }
    const n = this.labels.length;
    for (const [w, ls] of this.wordLabels) this.idf.set(w, Math.log(1 + n / ls.size));
    this.wordIndex = new Fuse([...this.wordLabels.keys()], { includeScore: true, threshold: 0.34, ignoreLocation: true, minMatchCharLength: 3 });
    this.phraseIndex = new Fuse(phrases, { keys: ['text'], includeScore: true, threshold: 0.25, ignoreLocation: true });
  }

  private words(norm: string): string[] {
    return norm.split(' ').filter((w) => w.length >= MIN_WORD && !this.stop.has(w) && !/^\d+([.,]\d+)?$/.test(w));
  }

  /** Known words that a message word stands for, with how sure we are (1 = exact). */
  private lookup(word: string): [string, number][] {
    if (this.wordLabels.has(word)) return [[word, 1]];
    const found: [string, number][] = [];
    if (word.length >= 4)
      for (const r of this.wordIndex.search(word, { limit: 3 })) {
        // Short words need a closer match: "werk" must not become "merk".
        const sim = 1 - (r.score ?? 1);
        if (sim >= (word.length <= 5 ? 0.75 : 0.66)) found.push([r.item, sim * 0.9]);
      }
    if (word.length >= 7)
      for (const known of this.wordLabels.keys())
        if (known.length >= 4 && (word.startsWith(known) || word.endsWith(known))) found.push([known, 0.75]);
    return found;
  }

  /** Labels ranked by score, best first. Scores are comparable between labels of one message only. */
  rank(message: string): Scored[] {
    const norm = normalize(message);
    const scores = new Map<string, number>();
    const add = (label: string, s: number) => scores.set(label, (scores.get(label) ?? 0) + s);

    for (const w of new Set(this.words(norm))) {
      const best = new Map<string, number>();
      for (const [known, sim] of this.lookup(w)) {
        const s = sim * (this.idf.get(known) ?? 0);
        for (const label of this.wordLabels.get(known)!) best.set(label, Math.max(best.get(label) ?? 0, s));
      }
      for (const [label, s] of best) add(label, s);
    }
    if (norm.length <= 60)
      for (const r of this.phraseIndex.search(norm, { limit: 5 })) {
        const sim = 1 - (r.score ?? 1);
        add(r.item.label, 0); // make sure the label is ranked even without word hits
        scores.set(r.item.label, Math.max(scores.get(r.item.label)!, sim * 3));
      }
    return [...scores.entries()].map(([label, score]) => ({ label, score })).sort((a, b) => b.score - a.score);
  }
}

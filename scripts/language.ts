// Plain-language check for the client texts (issue "Measured quality", part "plain language").
// Pure functions; scripts/lint-language.ts prints the report, test/language/ tests the parts.
//
// What counts as a client text: every string in locales/<lang>/*.json, except the subtrees under
// keys that are matching data or staff text: "match", "stopwords", "*_match", "summary" (staff-facing
// summary for the contact person) and "_comment". Empty strings are ignored.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// ---------------------------------------------------------------------------------------------
// The bar. Change these numbers only with a reason; do not lower the bar to make texts pass.
// ---------------------------------------------------------------------------------------------

/** Flesch-Douma (Dutch Flesch): 60-70 is "fairly easy", about language level B1. A text scores
 *  below the bar when its figure is lower than this. */
export const MIN_FLESCH_DOUMA = 60;
/** B1: no sentence longer than this many words. One longer sentence puts the text below the bar. */
export const MAX_SENTENCE_WORDS = 20;
/** Texts with fewer words are button labels, short prompts and fragments: not scored (a formula
 *  on three words says nothing). The forbidden-word check still applies to them. */
export const MIN_WORDS_SCORED = 5;
/** Tolerance: the lint fails when more than this share of the scored Dutch texts is below the
 *  bar. 5 % leaves room for a few texts that must name a long legal term (studiefinanciering,
 *  inlichtingenplicht), but no more than one text in twenty (14 of the 281 texts scored now). */
export const MAX_SHARE_BELOW_BAR = 0.05;
/** Syllables counted for a number ("250", "8.30", "0800-0113") or an i18next placeholder
 *  ({{bedrag}}, {{phone}}): each is one word of 2 syllables, like a short amount. */
export const NUMBER_SYLLABLES = 2;
/** How many texts below the bar the report lists, worst first. */
export const REPORT_TOP = 25;

/** Labels are client texts but not running text: topic titles, answer buttons (opt.*), button
 *  texts, glossary terms, the names of amounts (parameters.json) and language names. They get the
 *  forbidden-word check but no readability score — Flesch-Douma measures sentences, and a label
 *  such as "Geld terugbetalen aan de gemeente" has no sentence to measure. */
export function isLabel(file: string, key: string): boolean {
  if (/(^|\/)parameters\.json$/.test(file)) return true;
  const parts = key.split('.');
  const last = parts[parts.length - 1];
  if (last === 'title' || last === 'term') return true;
  if (parts.some((p) => p === 'opt' || p === 'button' || p.startsWith('button_'))) return true;
  return /(^|\/)page\.json$/.test(file) && parts[0] === 'language';
}

/** Keys whose subtree is not client text. */
export function isSkippedKey(key: string): boolean {
  return key === 'match' || key === 'stopwords' || key === 'summary' || key === '_comment' || key.endsWith('_match');
}

// ---------------------------------------------------------------------------------------------
// Forbidden words: checked in every locale (nl, en, ar), in every client text, also short ones.
// "boete" / "fine" / "غرامة" are legal terms used calmly (terugvordering) and are NOT forbidden.
// ---------------------------------------------------------------------------------------------

export interface ForbiddenTerm {
  /** What the report names. */
  term: string;
  /** Language it is written in (documentation; every term is checked in every locale). */
  lang: 'nl' | 'en' | 'ar';
  /**  word: the whole word, any ending (straf, straffen, strafbaar);
   *   part: anywhere inside a word (bijstandsfraude, fraudeonderzoek, الاحتيال);
   *   phrase: these words in this order, as whole words. */
  kind: 'word' | 'part' | 'phrase';
}

export const FORBIDDEN: readonly ForbiddenTerm[] = [
  // Fraud: never call a client a fraud suspect. Matched inside compounds as well.
  { term: 'fraude', lang: 'nl', kind: 'part' }, // fraude, fraudeur(s), bijstandsfraude
  { term: 'frauderen', lang: 'nl', kind: 'part' },
  { term: 'fraud', lang: 'en', kind: 'part' }, // fraud, fraudster, fraudulent (also covers nl "fraude…")
  { term: 'احتيال', lang: 'ar', kind: 'part' }, // fraud (الاحتيال, احتيالي)
  { term: 'محتال', lang: 'ar', kind: 'part' }, // fraudster (المحتال, محتالون)
  // Threats and punishment wording (Dutch).
  { term: 'als u dit niet doet', lang: 'nl', kind: 'phrase' },
  { term: 'als u dat niet doet', lang: 'nl', kind: 'phrase' },
  { term: 'anders krijgt u', lang: 'nl', kind: 'phrase' },
  { term: 'sanctie', lang: 'nl', kind: 'word' }, // sanctie, sancties
  { term: 'straf', lang: 'nl', kind: 'word' }, // straf, straffen, strafbaar
  { term: 'gestraft', lang: 'nl', kind: 'word' },
  { term: 'bestraft', lang: 'nl', kind: 'word' },
  // English.
  { term: 'if you do not do this', lang: 'en', kind: 'phrase' },
  { term: "if you don't do this", lang: 'en', kind: 'phrase' },
  { term: 'or else', lang: 'en', kind: 'phrase' },
  { term: 'penalty', lang: 'en', kind: 'word' }, // penalty; "penalties" below
  { term: 'penalties', lang: 'en', kind: 'word' },
  { term: 'punish', lang: 'en', kind: 'word' }, // punish, punished, punishment
  { term: 'sanction', lang: 'en', kind: 'word' }, // sanction, sanctions
  // Arabic.
  { term: 'عقوبة', lang: 'ar', kind: 'part' }, // penalty / punishment (العقوبة)
  { term: 'عقوبات', lang: 'ar', kind: 'part' }, // penalties
  { term: 'وإلا', lang: 'ar', kind: 'word' }, // "or else"
  { term: 'إذا لم تفعل ذلك', lang: 'ar', kind: 'phrase' }, // "if you do not do this"
];

const L = '\\p{L}\\p{M}\\p{N}';

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const FORBIDDEN_RE: { term: ForbiddenTerm; re: RegExp }[] = FORBIDDEN.map((term) => {
  const body = escapeRegex(term.term.normalize('NFC')).replace(/ /g, '\\s+').replace(/'/g, "['’]");
  const source =
    term.kind === 'part'
      ? `[${L}]*${body}[${L}]*`
      : term.kind === 'word'
        ? `(?<![${L}])${body}[${L}]*`
        : `(?<![${L}])${body}(?![${L}])`;
  return { term, re: new RegExp(source, 'giu') };
});

export interface ForbiddenHit {
  term: string;
  /** The word or phrase as it stands in the text. */
  found: string;
}

/** Forbidden words and threatening phrases in one text, in text order. A place in the text is
 *  reported once, under the first term of FORBIDDEN that matches it ("fraudeur": fraude). */
export function findForbidden(text: string): ForbiddenHit[] {
  const t = text.normalize('NFC');
  const hits: (ForbiddenHit & { start: number; end: number })[] = [];
  for (const { term, re } of FORBIDDEN_RE) {
    for (const m of t.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!hits.some((h) => start < h.end && h.start < end)) hits.push({ term: term.term, found: m[0], start, end });
    }
  }
  return hits.sort((a, b) => a.start - b.start).map(({ term, found }) => ({ term, found }));
}

// ---------------------------------------------------------------------------------------------
// Sentences, words, syllables.
// ---------------------------------------------------------------------------------------------

const PLACEHOLDER = /\{\{[^}]*\}\}/g;

/** Sentences: split at . ! ? ; … and at newlines (so bullet lines are sentences of their own).
 *  A "." only ends a sentence when whitespace or the end follows and the next word does not start
 *  with a small letter, so "8.30", "naam@voorbeeld.nl" and "bijv. een" stay whole. Placeholders
 *  become the number 0 first (a short word). Sentences without a word are dropped. */
export function splitSentences(text: string): string[] {
  const t = text.replace(PLACEHOLDER, '0');
  const out: string[] = [];
  for (const line of t.split(/\r?\n/)) {
    const parts = line.split(/(?<=[!?;…])\s+|(?<=[!?;…])$|(?<=\.)\s+(?![\p{Ll}])/u);
    for (const p of parts) {
      const s = p.replace(/^\s*[-•*·–]\s+/u, '').trim();
      if (words(s).length > 0) out.push(s);
    }
  }
  return out;
}

/** Words: whitespace-separated tokens with at least one letter or digit, stripped of punctuation
 *  around them. "e-mailadres", "auto's" and "0800-0113" are one word each. */
export function words(sentence: string): string[] {
  return sentence
    .replace(PLACEHOLDER, '0')
    .split(/\s+/u)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
}

const require = createRequire(import.meta.url);
const { hyphenateSync } = require('hyphen/nl') as {
  hyphenateSync: (text: string, options?: { hyphenChar?: string; minWordLength?: number }) => string;
};

/** The parts the Dutch TeX hyphenation patterns (package `hyphen`) split one run of letters into. */
export function hyphenParts(letters: string): string[] {
  return hyphenateSync(letters, { hyphenChar: '\u00AD', minWordLength: 1 }).split('\u00AD');
}

// Vowel groups, used to catch breaks the patterns leave out (see syllablesOfLetters) and as the
// naive counter the tests compare with. ij is a vowel; a letter with a diaeresis (ë ï ü ö ä) starts a
// new group (cliënt, België, beëindigen).
const VOWEL = 'aeiouyáàâéèêíìîóòôúùûäëïöü';
function vowelGroupList(word: string): string[] {
  return word.toLowerCase().match(/(?:[äëïöü]|[aeiouyáàâéèêíìîóòôúùû]|(?<=i)j)(?:[aeiouyáàâéèêíìîóòôúùû]|(?<=i)j)*/gu) ?? [];
}

/** Naive count: the number of vowel groups. */
export function naiveSyllables(word: string): number {
  return Math.max(1, vowelGroupList(word).length);
}

/** Syllables of one run of letters: the parts the Dutch hyphenation patterns give, where a part
 *  that still holds two or more vowel groups counts that many. The patterns find the breaks a
 *  vowel count misses (si-tu-a-tie, zo-als, koei-en: 4, 2, 2 where the vowel groups give 3, 1, 1);
 *  the vowel groups catch the breaks the patterns leave out: the `hyphen` package never breaks
 *  after the first or before the last letter (TeX's left/righthyphenmin = 2, fixed in the package)
 *  so "over", "even", "idee" come back whole, and a few compounds stay whole (er-over). */
function syllablesOfLetters(run: string): number {
  if (/^\p{Lu}{2,4}$/u.test(run)) return run.length; // AOW, BRP, BSN, WW: spoken letter by letter
  if (!new RegExp(`[${VOWEL}]`, 'iu').test(run)) return 0; // the s of auto's, the t of 't
  return hyphenParts(run).reduce((n, part) => n + Math.max(1, vowelGroupList(part).length), 0);
}

/** Syllables of one word as words() gives it. A number or placeholder counts NUMBER_SYLLABLES;
 *  a word with letters counts the syllables of each run of letters ("e-mailadres" = e + mailadres). */
export function countSyllables(word: string): number {
  if (!/\p{L}/u.test(word) || /^\{\{[^}]*\}\}$/.test(word)) return NUMBER_SYLLABLES;
  const runs = word.normalize('NFC').match(/\p{L}+/gu) ?? [];
  const n = runs.reduce((sum, r) => sum + syllablesOfLetters(r), 0);
  return Math.max(1, n);
}

/** Flesch-Douma: 206.835 − 0.93 × (words / sentences) − 77 × (syllables / words). */
export function fleschDouma(wordCount: number, sentenceCount: number, syllableCount: number): number {
  return 206.835 - 0.93 * (wordCount / sentenceCount) - 77 * (syllableCount / wordCount);
}

export interface TextFigures {
  words: number;
  sentences: number;
  syllables: number;
  fleschDouma: number;
  avgSentenceWords: number;
  maxSentenceWords: number;
  /** false for texts under MIN_WORDS_SCORED words. */
  scored: boolean;
  /** Scored and below the bar (Flesch-Douma or sentence length). */
  belowBar: boolean;
}

export function measure(text: string): TextFigures {
  const sentences = splitSentences(text);
  const lengths = sentences.map((s) => words(s).length);
  const all = sentences.flatMap(words);
  const wordCount = all.length;
  const syllables = all.reduce((n, w) => n + countSyllables(w), 0);
  const sentenceCount = Math.max(1, sentences.length);
  const fd = wordCount === 0 ? 0 : fleschDouma(wordCount, sentenceCount, syllables);
  const maxSentenceWords = lengths.length ? Math.max(...lengths) : 0;
  const scored = wordCount >= MIN_WORDS_SCORED;
  return {
    words: wordCount,
    sentences: sentences.length,
    syllables,
    fleschDouma: fd,
    avgSentenceWords: wordCount / sentenceCount,
    maxSentenceWords,
    scored,
    belowBar: scored && (fd < MIN_FLESCH_DOUMA || maxSentenceWords > MAX_SENTENCE_WORDS),
  };
}

// ---------------------------------------------------------------------------------------------
// Locales.
// ---------------------------------------------------------------------------------------------

export interface ClientText {
  lang: string;
  file: string;
  key: string;
  text: string;
}

/** Every client text in one parsed locale file (skipping matching data and staff text). */
export function clientTexts(json: unknown, lang: string, file: string): ClientText[] {
  const out: ClientText[] = [];
  const walk = (v: unknown, key: string): void => {
    if (typeof v === 'string') {
      if (v.trim() !== '') out.push({ lang, file, key, text: v });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${key}.${i}`));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) if (!isSkippedKey(k)) walk(x, key ? `${key}.${k}` : k);
    }
  };
  walk(json, '');
  return out;
}

export function readLocales(localesDir: string): ClientText[] {
  const out: ClientText[] = [];
  for (const lang of readdirSync(localesDir).sort()) {
    const dir = join(localesDir, lang);
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    } catch {
      continue;
    }
    for (const f of files) {
      const json: unknown = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      out.push(...clientTexts(json, lang, `locales/${lang}/${f}`));
    }
  }
  return out;
}

export interface ScoredText extends ClientText, TextFigures {}

export interface LanguageReport {
  /** Dutch running texts (not labels) with at least MIN_WORDS_SCORED words. */
  scored: ScoredText[];
  /** Scored texts below the bar, worst (lowest Flesch-Douma) first. */
  below: ScoredText[];
  averageFleschDouma: number;
  averageSentenceWords: number;
  maxSentenceWords: number;
  /** How many texts below the bar are allowed. */
  allowedBelow: number;
  forbidden: (ClientText & ForbiddenHit)[];
  pass: boolean;
}

/** The whole check `npm run lint:language` makes. Only Dutch (the source) is scored; forbidden
 *  words are looked for in every locale. */
export function lintTexts(texts: ClientText[]): LanguageReport {
  const scored = texts
    .filter((t) => t.lang === 'nl')
    .filter((t) => !isLabel(t.file, t.key))
    .map((t) => ({ ...t, ...measure(t.text) }))
    .filter((t) => t.scored);
  const below = scored
    .filter((t) => t.belowBar)
    .sort((a, b) => a.fleschDouma - b.fleschDouma || b.maxSentenceWords - a.maxSentenceWords);
  const forbidden = texts.flatMap((t) => findForbidden(t.text).map((h) => ({ ...t, ...h })));
  const allowedBelow = Math.floor(scored.length * MAX_SHARE_BELOW_BAR);
  const totalWords = scored.reduce((n, t) => n + t.words, 0);
  const totalSentences = scored.reduce((n, t) => n + t.sentences, 0);
  return {
    scored,
    below,
    averageFleschDouma: scored.reduce((n, t) => n + t.fleschDouma, 0) / Math.max(1, scored.length),
    averageSentenceWords: totalWords / Math.max(1, totalSentences),
    maxSentenceWords: Math.max(0, ...scored.map((t) => t.maxSentenceWords)),
    allowedBelow,
    forbidden,
    pass: below.length <= allowedBelow && forbidden.length === 0,
  };
}

export function lintLocales(localesDir: string): LanguageReport {
  return lintTexts(readLocales(localesDir));
}

function fmt(n: number): string {
  return n.toFixed(1);
}

/** The printed report: summary line, forbidden hits, worst-first list, PASS/FAIL. */
export function formatReport(r: LanguageReport): string {
  const lines: string[] = [];
  lines.push(
    `lint:language: ${r.scored.length} Dutch texts scored, average Flesch-Douma ${fmt(r.averageFleschDouma)}, ` +
      `average sentence ${fmt(r.averageSentenceWords)} words (longest ${r.maxSentenceWords}), ` +
      `${r.below.length} below the bar (allowed ${r.allowedBelow}), ${r.forbidden.length} forbidden word(s).`,
  );
  lines.push(
    `Bar: Flesch-Douma >= ${MIN_FLESCH_DOUMA} and no sentence over ${MAX_SENTENCE_WORDS} words ` +
      `(texts under ${MIN_WORDS_SCORED} words not scored; at most ${MAX_SHARE_BELOW_BAR * 100}% may be below).`,
  );
  for (const f of r.forbidden) lines.push(`FORBIDDEN ${f.file} ${f.key}: "${f.found}" (${f.term})`);
  if (r.below.length) {
    lines.push('', `Below the bar, worst first (top ${Math.min(REPORT_TOP, r.below.length)} of ${r.below.length}):`);
    for (const t of r.below.slice(0, REPORT_TOP)) {
      const why = [
        t.fleschDouma < MIN_FLESCH_DOUMA ? 'hard words' : '',
        t.maxSentenceWords > MAX_SENTENCE_WORDS ? 'long sentence' : '',
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(
        `  ${fmt(t.fleschDouma).padStart(6)}  ${t.file.replace(/^locales\/nl\//, '')} ${t.key}  ` +
          `(${t.words} words, ${t.sentences} sentences, avg ${fmt(t.avgSentenceWords)}, max ${t.maxSentenceWords}; ${why})`,
      );
    }
  }
  lines.push('', r.pass ? 'PASS' : 'FAIL');
  return lines.join('\n');
}

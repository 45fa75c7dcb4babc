// npm run lint:language: syllables from the Dutch hyphenation patterns, Flesch-Douma, the B1 bar,
// forbidden words — and the real locales pass.
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  clientTexts,
  countSyllables,
  findForbidden,
  fleschDouma,
  hyphenParts,
  lintLocales,
  lintTexts,
  MAX_SENTENCE_WORDS,
  measure,
  MIN_FLESCH_DOUMA,
  naiveSyllables,
  NUMBER_SYLLABLES,
  splitSentences,
  words,
} from '../../scripts/language.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('syllables', () => {
  test.each([
    ['uitkering', 3],
    ['vermogensgrens', 4],
    ['gemeente', 3],
    ['bijstand', 2],
    ['contactpersoon', 4],
    ['inlichtingenplicht', 5],
    ['kostendelersnorm', 5],
    ['terugvordering', 5],
    ['cliëntondersteuning', 6],
    ['beëindigen', 4],
    ['huishouden', 3],
    ['melden', 2],
    ['geld', 1],
    ['u', 1],
  ])('%s has %i syllables', (word, n) => {
    expect(countSyllables(word)).toBe(n);
  });

  test('the parts come from the Dutch hyphenation patterns', () => {
    expect(hyphenParts('vermogensgrens')).toEqual(['ver', 'mo', 'gens', 'grens']);
    expect(hyphenParts('situatie')).toEqual(['si', 'tu', 'a', 'tie']);
  });

  test('the patterns find breaks a naive vowel-group count misses', () => {
    // si-tu-a-tie, ja-nu-a-ri, zo-als, koei-en: "ua", "oa" and "oeie" are one vowel group each.
    expect([countSyllables('situatie'), naiveSyllables('situatie')]).toEqual([4, 3]);
    expect([countSyllables('januari'), naiveSyllables('januari')]).toEqual([4, 3]);
    expect([countSyllables('zoals'), naiveSyllables('zoals')]).toEqual([2, 1]);
    expect([countSyllables('koeien'), naiveSyllables('koeien')]).toEqual([2, 1]);
  });

  test('a single first or last letter the package never splits off still counts', () => {
    expect(hyphenParts('over')).toEqual(['over']); // the package's fixed 2-letter minimum
    expect(countSyllables('over')).toBe(2);
    expect(countSyllables('overleden')).toBe(4);
    expect(countSyllables('idee')).toBe(2);
    expect(countSyllables('België')).toBe(3);
  });

  test('numbers, placeholders, abbreviations and compounds with a hyphen', () => {
    expect(countSyllables('250')).toBe(NUMBER_SYLLABLES);
    expect(countSyllables('8.30')).toBe(NUMBER_SYLLABLES);
    expect(countSyllables('{{bedrag}}')).toBe(NUMBER_SYLLABLES);
    expect(words('U kreeg {{bedrag}}.')).toEqual(['U', 'kreeg', '0']);
    expect(countSyllables('BSN')).toBe(3); // bee-es-en
    expect(countSyllables('AOW-leeftijd')).toBe(5);
    expect(countSyllables("auto's")).toBe(2);
  });
});

describe('sentences and Flesch-Douma', () => {
  test('sentences end at . ! ? ; … and newlines, not inside numbers or addresses', () => {
    expect(splitSentences('Klopt dit?\n\nNaam: {{name}}\n- Bel 8.30 of mail naam@voorbeeld.nl. Kies ja; of nee!')).toEqual([
      'Klopt dit?',
      'Naam: 0',
      'Bel 8.30 of mail naam@voorbeeld.nl.',
      'Kies ja;',
      'of nee!',
    ]);
  });

  test('the formula', () => {
    expect(fleschDouma(10, 2, 15)).toBeCloseTo(206.835 - 0.93 * 5 - 77 * 1.5, 10);
  });

  test('a fixed text against a hand-computed figure', () => {
    // Ik help u graag. (4 words, 4 syllables) Kom mor-gen te-rug. (3 words, 5 syllables)
    // 206.835 − 0.93 × 7/2 − 77 × 9/7 = 206.835 − 3.255 − 99 = 104.58
    const m = measure('Ik help u graag. Kom morgen terug.');
    expect(m).toMatchObject({ words: 7, sentences: 2, syllables: 9, maxSentenceWords: 4, avgSentenceWords: 3.5 });
    expect(m.fleschDouma).toBeCloseTo(104.58, 2);
    // Uw(1) uit-ke-ring(3) hangt(1) af(1) van(1) de(1) ver-mo-gens-grens(4): 7 words, 12 syllables
    // 206.835 − 0.93 × 7 − 77 × 12/7 = 206.835 − 6.51 − 132 = 68.325
    expect(measure('Uw uitkering hangt af van de vermogensgrens.').fleschDouma).toBeCloseTo(68.325, 3);
  });

  test('the bar: Flesch-Douma and sentence length; short texts are not scored', () => {
    expect(MIN_FLESCH_DOUMA).toBe(60);
    expect(MAX_SENTENCE_WORDS).toBe(20);
    expect(measure('Ja, dit moet u melden.')).toMatchObject({ scored: true, belowBar: false });
    expect(measure('Opnieuw beginnen')).toMatchObject({ scored: false, belowBar: false });
    expect(measure('Inkomstenvrijlating en kostendelersnorm bij gezamenlijke huishouding.').belowBar).toBe(true);
    const long = 'U kunt de gemeente bellen als u een vraag heeft over uw geld en als u niet weet wat u moet doen met de brief.';
    expect(measure(long)).toMatchObject({ maxSentenceWords: 25, belowBar: true });
  });
});

describe('forbidden words', () => {
  const fixture = {
    title: 'Iets terugbetalen',
    match: ['fraude', 'krijg ik een straf'], // matching data: not checked
    summary: 'Staff text about fraude is not client text.',
    out: {
      calm: 'Soms geeft de gemeente ook een boete. Hoe hoog die is, hangt af van uw situatie.',
      fraud: 'Dit is bijstandsfraude.',
      threat: 'Meld het binnen 7 dagen. Als u dit niet doet, stopt uw uitkering.',
      punish: 'U kunt een sanctie of straf krijgen.',
      later: 'Meld het straks.',
    },
    help: { en: 'The municipality may give a fine. Or else you pay a penalty.', ar: 'هذا احتيال.', ar_fine: 'قد تفرض البلدية غرامة.' },
    handoff: { distress_match: ['straf'] },
  };
  const texts = clientTexts(fixture, 'nl', 'locales/nl/fixture.json');

  test('matching data and staff text are skipped', () => {
    expect(texts.map((t) => t.key)).not.toContain('match.0');
    expect(texts.map((t) => t.key)).not.toContain('summary');
    expect(texts.map((t) => t.key)).not.toContain('handoff.distress_match.0');
  });

  test('each hit names file, key and word', () => {
    const hits = lintTexts(texts).forbidden.map((h) => `${h.file} ${h.key}: ${h.found}`);
    expect(hits).toEqual([
      'locales/nl/fixture.json out.fraud: bijstandsfraude',
      'locales/nl/fixture.json out.threat: Als u dit niet doet',
      'locales/nl/fixture.json out.punish: sanctie',
      'locales/nl/fixture.json out.punish: straf',
      'locales/nl/fixture.json help.en: Or else',
      'locales/nl/fixture.json help.en: penalty',
      'locales/nl/fixture.json help.ar: احتيال',
    ]);
    expect(lintTexts(texts).pass).toBe(false);
  });

  test('"boete", "fine", "غرامة" and "straks" pass', () => {
    expect(findForbidden(fixture.out.calm)).toEqual([]);
    expect(findForbidden('The municipality may give a fine.')).toEqual([]);
    expect(findForbidden(fixture.help.ar_fine)).toEqual([]);
    expect(findForbidden(fixture.out.later)).toEqual([]);
    expect(findForbidden('Een fraudeur')).toEqual([{ term: 'fraude', found: 'fraudeur' }]);
  });
});

describe('the real locales', () => {
  test('pass the lint: no forbidden words, B1 within the tolerance', () => {
    const r = lintLocales(resolve(ROOT, 'locales'));
    expect(r.forbidden.map((h) => `${h.file} ${h.key}: ${h.found}`)).toEqual([]);
    expect(r.scored.length).toBeGreaterThan(200);
    expect(r.below.length).toBeLessThanOrEqual(r.allowedBelow);
    expect(r.averageFleschDouma).toBeGreaterThanOrEqual(MIN_FLESCH_DOUMA);
    expect(r.pass).toBe(true);
  });

  test('npm run lint:language exits 0 and prints the summary and PASS', async () => {
    const r = await new Promise<{ code: number; stdout: string }>((done) => {
      execFile('npx', ['tsx', 'scripts/lint-language.ts'], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 }, (err, stdout) =>
        done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout }),
      );
    });
    expect(r.stdout).toMatch(/^lint:language: \d+ Dutch texts scored, average Flesch-Douma \d+\.\d/);
    expect(r.stdout.trim().endsWith('PASS')).toBe(true);
    expect(r.code).toBe(0);
  });
});

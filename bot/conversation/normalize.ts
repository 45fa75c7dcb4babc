// Normalisation before matching: people type without accents, with typos, in three scripts.

const ARABIC_INDIC = /[\u0660-\u0669\u06F0-\u06F9]/g;
const TASHKEEL = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;
const BIDI_AND_ZERO_WIDTH = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Arabic-Indic and Persian digits → 0-9. */
export function westernDigits(s: string): string {
  return s.replace(ARABIC_INDIC, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

/** Text for matching: lower case, no diacritics, one form of each Arabic letter, Western digits, single spaces. */
export function normalize(input: string): string {
  return westernDigits(input)
    .replace(BIDI_AND_ZERO_WIDTH, '')
    .replace(/\u0133/g, 'ij')
    .replace(/\u0132/g, 'IJ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // Latin accents (cliënt → client); Arabic marks are handled below
    .normalize('NFC')
    .toLowerCase()
    .replace(TASHKEEL, '')
    .replace(TATWEEL, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627') // alef forms → ا
    .replace(/\u0649/g, '\u064A') // alef maksura → ي
    .replace(/\u0629/g, '\u0647') // taa marbuta → ه
    .replace(/[\u0624]/g, '\u0648')
    .replace(/[\u0626]/g, '\u064A')
    .replace(/[^\p{L}\p{N}€.,\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

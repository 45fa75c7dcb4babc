// Reading an answer to a question: money, numbers, days/weeks and yes/no in Dutch, English and Arabic.
import { normalize, westernDigits } from './normalize.ts';

/**
 * A number as people write it: "€ 1.200,50", "1200 euro", "1,200.50", "١٢٠٠", "twaalfhonderd" is not read.
 * Dots and commas: the last separator followed by exactly 1-2 digits is the decimal sign; others group thousands.
 */
export function parseNumber(input: string): number | undefined {
  // Arabic decimal sign → comma; Arabic thousands sign, narrow and hard spaces, apostrophes → nothing.
  const s = westernDigits(input).replace(/\u066B/g, ',').replace(/[\u066C\u00A0\u202F']/g, '');
  const m = s.match(/-?\d[\d.,]*(?:\s\d{3}(?![\d]))*/);
  if (!m) return undefined;
  let num = m[0].replace(/\s/g, '');
  const lastSep = Math.max(num.lastIndexOf(','), num.lastIndexOf('.'));
  if (lastSep >= 0) {
    const decimals = num.length - lastSep - 1;
    const intPart = num.slice(0, lastSep).replace(/[.,]/g, '');
    num = decimals > 0 && decimals <= 2 ? `${intPart}.${num.slice(lastSep + 1)}` : num.replace(/[.,]/g, '');
  }
  const n = Number(num);
  return Number.isFinite(n) ? n : undefined;
}

const WORD_NUMBERS: Record<string, number> = {
  // Small numbers people write as words, in the three languages.
  geen: 0, nul: 0, niets: 0, niks: 0, none: 0, nothing: 0, zero: 0, لا: 0, صفر: 0,
  een: 1, één: 1, one: 1, a: 1, an: 1, واحد: 1, واحده: 1,
  twee: 2, two: 2, اثنان: 2, اثنين: 2, اسبوعين: 2,
  drie: 3, three: 3, ثلاثه: 3, ثلاث: 3,
  vier: 4, four: 4, اربعه: 4, اربع: 4,
  vijf: 5, five: 5, خمسه: 5, خمس: 5,
  zes: 6, six: 6, سته: 6, ست: 6,
  zeven: 7, seven: 7, سبعه: 7, سبع: 7,
  acht: 8, eight: 8, ثمانيه: 8,
  negen: 9, nine: 9, تسعه: 9,
  tien: 10, ten: 10, عشره: 10, عشر: 10,
};

function wordNumber(norm: string): number | undefined {
  for (const w of norm.split(' ')) if (w in WORD_NUMBERS) return WORD_NUMBERS[w];
  return undefined;
}

export function parseMoney(input: string): number | undefined {
  const n = parseNumber(input);
  if (n !== undefined) return n < 0 ? undefined : n;
  const w = wordNumber(normalize(input));
  return w === 0 ? 0 : undefined;
}

export function parseCount(input: string): number | undefined {
  const n = parseNumber(input) ?? wordNumber(normalize(input));
  return n !== undefined && n >= 0 && Number.isInteger(n) ? n : undefined;
}

// Word sets instead of \b regexes: \b does not see Arabic letters as word characters.
const WEEK = new Set(['week', 'weken', 'weekje', 'weekjes', 'wk', 'weeks', 'اسبوع', 'اسابيع']);
const MONTH = new Set(['maand', 'maanden', 'maandje', 'month', 'months', 'شهر', 'اشهر', 'شهور']);
const DAY = new Set(['dag', 'dagen', 'dagje', 'day', 'days', 'd', 'يوم', 'ايام']);
const DUALS: Record<string, number> = { اسبوعين: 14, شهرين: 60, يومين: 2 };

/** Days: "10", "10 dagen", "3 weken" → 21, "een weekje" → 7, "twee maanden" → 60, "اسبوعين" → 14. */
export function parseDays(input: string): number | undefined {
  const norm = normalize(input).replace(/(\d)(\p{L})/gu, '$1 $2');
  const words = norm.split(' ');
  const dual = words.find((w) => w in DUALS);
  if (dual) return DUALS[dual];
  const has = (set: Set<string>) => words.some((w) => set.has(w));
  const unit = has(WEEK) ? 7 : has(MONTH) ? 30 : has(DAY) ? 1 : undefined;
  const n = parseNumber(norm) ?? wordNumber(norm) ?? (unit ? 1 : undefined);
  if (n === undefined || n < 0) return undefined;
  const days = n * (unit ?? 1);
  return Number.isInteger(days) ? days : Math.round(days);
}

const YES = new Set(['ja', 'jaa', 'jawel', 'jazeker', 'klopt', 'zeker', 'yes', 'yeah', 'yep', 'yup', 'y', 'j', 'sure', 'correct', 'true', 'نعم', 'ايوه', 'ايوا', 'اجل', 'صحيح', 'بلي', 'طبعا']);
const NO = new Set(['nee', 'neen', 'nope', 'no', 'nah', 'n', 'false', 'لا', 'كلا', 'ابدا']);

export function parseYesNo(input: string): boolean | undefined {
  const words = normalize(input).split(' ').filter(Boolean);
  if (!words.length) return undefined;
  const yes = words.some((w) => YES.has(w));
  const no = words.some((w) => NO.has(w));
  if (yes !== no) return yes;
  return undefined;
}

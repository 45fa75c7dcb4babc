// Texts and number/date formatting per language. i18next holds the texts; Intl formats amounts.
import i18next, { type i18n } from 'i18next';
import { isLanguage, LANGUAGES, SOURCE_LANGUAGE, type Language, type Resources } from './locales.ts';

export type { Language } from './locales.ts';
export { LANGUAGES, isLanguage } from './locales.ts';

/** Intl locale per language (ICU's plain "ar" writes Western digits, as on Dutch letters). */
const INTL_LOCALE: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB', ar: 'ar' };

export type Format = 'money' | 'days' | 'number' | 'percent' | 'date' | 'weeks';

export class Texts {
  private readonly i18n: i18n;

  constructor(readonly resources: Resources) {
    this.i18n = i18next.createInstance();
    // initAsync is not needed: with inline resources init completes synchronously.
    void this.i18n.init({
      resources,
      lng: SOURCE_LANGUAGE,
      fallbackLng: SOURCE_LANGUAGE,
      supportedLngs: [...LANGUAGES],
      ns: Object.keys(resources[SOURCE_LANGUAGE]),
      defaultNS: 'chat',
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
      showSupportNotice: false,
    } as Parameters<i18n['init']>[0]);
  }

  /** A text, `ns:key`; variables are inserted as given (format them first). */
  t(lng: Language, key: string, vars: Record<string, string | number> = {}): string {
    return this.i18n.t(key, { lng, ...vars }) as string;
  }

  /** A list of texts (phrasings), or [] when missing. */
  list(lng: Language, key: string): string[] {
    const v = this.i18n.t(key, { lng, returnObjects: true, fallbackLng: false }) as unknown;
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  }

  has(lng: Language, key: string): boolean {
    return this.i18n.exists(key, { lng, fallbackLng: false });
  }

  format(lng: Language, value: number, format: Format): string {
    const loc = INTL_LOCALE[lng];
    switch (format) {
      case 'money': {
        const whole = Number.isInteger(value);
        return new Intl.NumberFormat(loc, {
          style: 'currency',
          currency: 'EUR',
          minimumFractionDigits: whole ? 0 : 2,
          maximumFractionDigits: 2,
        }).format(value);
      }
      case 'percent':
        return new Intl.NumberFormat(loc, { style: 'percent', maximumFractionDigits: 2 }).format(value / 100);
      case 'days':
        return this.t(lng, 'chat:unit.days', { count: value, n: new Intl.NumberFormat(loc).format(value) });
      case 'weeks':
        return this.t(lng, 'chat:unit.weeks', { count: value, n: new Intl.NumberFormat(loc).format(value) });
      case 'date':
        return this.date(lng, value);
      default:
        return new Intl.NumberFormat(loc, { maximumFractionDigits: 2 }).format(value);
    }
  }

  /** A date given as a timestamp (ms) or an ISO string, in the language's long form. */
  date(lng: Language, d: number | string | Date): string {
    const date = typeof d === 'string' ? new Date(`${d}T12:00:00Z`) : new Date(d);
    return new Intl.DateTimeFormat(INTL_LOCALE[lng], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(date);
  }
}

/** The language of an activity locale such as "nl-NL", "en-US" or "ar-SA"; undefined when not ours. */
export function languageOfLocale(locale: string | undefined): Language | undefined {
  const lng = locale?.slice(0, 2).toLowerCase();
  return isLanguage(lng) ? lng : undefined;
}

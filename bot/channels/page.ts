// The chat page the municipal website embeds (an <iframe> of "/?lang=nl|en|ar").
// Texts come from locales/<lang>/page.json; the Web Chat bundle and our scripts are served from
// this server only. The page itself holds no inline script: settings travel as JSON data.
import { escapeHtml, safeJson } from '../html.ts';
import type { Texts } from '../i18n/i18n.ts';
import { LANGUAGES, type Language } from '../i18n/locales.ts';

/** Web Chat's locale per language: only ar-SA/ar-EG/ar-JO turn on its right-to-left layout. */
export const WEBCHAT_LOCALE: Record<Language, string> = { nl: 'nl-NL', en: 'en-US', ar: 'ar-SA' };
/** The voice language for read-aloud (speechSynthesis). */
const SPEECH_LANG: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB', ar: 'ar-SA' };

export function pickLanguage(q: unknown): Language {
  return typeof q === 'string' && (LANGUAGES as readonly string[]).includes(q) ? (q as Language) : 'nl';
}

/** Keeps a phone number left-to-right inside Arabic text. */
const isolate = (s: string) => `\u2068${s}\u2069`;

export interface PageInput {
  lang: Language;
  texts: Texts;
  municipality: { name: string; phone: string };
  nonce: string;
}

export function renderPage({ lang, texts, municipality, nonce }: PageInput): string {
  const t = (key: string) => texts.t(lang, `page:${key}`, { phone: isolate(municipality.phone), gemeente: municipality.name });
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  const config = {
    lang,
    locale: WEBCHAT_LOCALE[lang],
    speechLang: SPEECH_LANG[lang],
    nonce,
    directLine: '/v3/directline',
    tokenUrl: '/api/token',
    texts: { readAloud: t('readAloud'), choices: t('choices'), placeholder: t('placeholder'), error: t('error'), chat: t('chat') },
  };
  const links = LANGUAGES.map((l) => {
    const name = escapeHtml(texts.t(l, `page:language.${l}`));
    const current = l === lang ? ' aria-current="page"' : '';
    return `<li><a href="?lang=${l}" hreflang="${l}" lang="${l}" dir="${l === 'ar' ? 'rtl' : 'ltr'}"${current}>${name}</a></li>`;
  }).join('');
  return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t('title'))}</title>
<link rel="stylesheet" href="/static/common.css">
<link rel="stylesheet" href="/static/chat.css">
<script src="/static/webchat.js" defer></script>
<script src="/static/webchat-common.js" defer></script>
<script src="/static/chat.js" defer></script>
</head>
<body>
<header class="mw-top top">
<h1>${escapeHtml(t('heading'))}</h1>
<nav aria-label="${escapeHtml(t('languages'))}"><ul class="mw-links languages">${links}</ul></nav>
</header>
<main>
<p class="intro">${escapeHtml(t('intro'))}</p>
<p class="privacy">${escapeHtml(t('privacy'))}</p>
<section id="webchat" class="mw-chat webchat" aria-label="${escapeHtml(t('chat'))}"><p class="mw-loading">${escapeHtml(t('loading'))}</p></section>
<noscript><p class="mw-problem">${escapeHtml(t('noscript'))}</p></noscript>
</main>
<script type="application/json" id="meldwijzer-config">${safeJson(config)}</script>
</body>
</html>
`;
}

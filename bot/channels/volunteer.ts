// The volunteer view, mounted at /vrijwilligers: for volunteers of Steunpunt De Barones who answer
// a client's questions with Meldwijzer, with the sources in hand.
//   GET /                 the chat in volunteer mode: every reply in the client's language (Web Chat)
//                         and in the volunteer's language next to it, with rule, legal basis, amounts
//   GET /onderwerpen      every topic with its questions, answers, rules, sources and dated amounts;
//                         ?q= searches them (fuse.js, on the server: the page needs no script)
//   GET /veranderingen    what changed: the dated changes of amounts
//   GET /print            one answer sheet for the client, in the client's language; the engine works
//                         the answer out again from ?topic=&outcome=&f.<fact>=<value>
// Plain server-rendered HTML: no inline script or style (the server's CSP forbids them). Every value
// from outside is checked with zod (validation.ts) and against the knowledge base: a bad link gets a
// 400 page, never a 500. The pages hold no personal data: no names, only the facts of one answer.
import { asksToReport, UNIT_FORMAT } from '../conversation/compose.ts';
import { escapeHtml, safeJson } from '../html.ts';
import { Router, type Response } from 'express';
import Fuse from 'fuse.js';
import type { Conversation } from '../conversation/conversation.ts';
import { normalize } from '../conversation/normalize.ts';
import type { Outgoing } from '../conversation/types.ts';
import { LANGUAGES, type Language } from '../i18n/locales.ts';
import { changes, type Change } from '../knowledge/changes.ts';
import { evaluate, factOf, type FactValue } from '../knowledge/index.ts';
import type { ParamValue } from '../knowledge/parameters.ts';
import type { Fact, OutcomeKind, Topic } from '../knowledge/schema.ts';
import { pickLanguage, WEBCHAT_LOCALE } from './page.ts';
import { printQuery, topicsQuery, zodMessage } from './validation.ts';

export const VOLUNTEER_BASE = '/vrijwilligers';

export interface VolunteerOptions {
  conversation: Conversation;
  /** The clock: amounts valid on this date are used (tests pin it). */
  now?: () => Date;
}


const esc = escapeHtml;
/** Keeps a phone number left-to-right inside Arabic text. */
const isolate = (s: string) => `\u2068${s}\u2069`;
const dirOf = (l: Language) => (l === 'ar' ? 'rtl' : 'ltr');
const langAttrs = (l: Language) => `lang="${l}" dir="${dirOf(l)}"`;
/** An outcome text as a volunteer reads it without a client: the client's numbers become "…". */
export const withoutPlaceholders = (s: string) => s.replace(/\{\{\s*[^}]*\}\}/g, '…');

type Page = 'chat' | 'topics' | 'changes';

export function volunteerRouter({ conversation, now = () => new Date() }: VolunteerOptions): Router {
  const { kb } = conversation.loaded;
  const texts = conversation.texts;
  const compose = conversation.compose;
  const m = kb.municipality;
  const t = (l: Language, key: string, vars: Record<string, string | number> = {}) => texts.t(l, `volunteer:${key}`, { gemeente: m.name, ...vars });
  const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(now());
  const router = Router();

  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  // ------------------------------------------------------------------ layout

  const badge = (l: Language) => ` <strong class="vw-unverified">${esc(t(l, 'details.unverified'))}</strong>`;
  const link = (cite: string, url?: string) => (url ? `<a href="${esc(url)}">${esc(cite)}</a>` : esc(cite));

  function layout(v: { lang: Language; title: string; page?: Page; href?: (l: Language) => string; body: string; scripts?: string[] }): string {
    const { lang } = v;
    const nav: [Page, string, string][] = [
      ['chat', `${VOLUNTEER_BASE}?lang=${lang}`, t(lang, 'nav.chat')],
      ['topics', `${VOLUNTEER_BASE}/onderwerpen?lang=${lang}`, t(lang, 'nav.topics')],
      ['changes', `${VOLUNTEER_BASE}/veranderingen?lang=${lang}`, t(lang, 'nav.changes')],
    ];
    const pages = nav.map(([id, href, name]) => `<li><a href="${esc(href)}"${id === v.page ? ' aria-current="page"' : ''}>${esc(name)}</a></li>`).join('');
    const languages = v.href
      ? `<nav aria-label="${esc(t(lang, 'languages'))}"><ul class="mw-links vw-languages">${LANGUAGES.map(
          (l) =>
            `<li><a href="${esc(v.href!(l))}" hreflang="${l}" ${langAttrs(l)}${l === lang ? ' aria-current="true"' : ''}>${esc(t(l, `language.${l}`))}</a></li>`,
        ).join('')}</ul></nav>`
      : '';
    const scripts = (v.scripts ?? []).map((s) => `<script src="${esc(s)}" defer></script>`).join('\n');
    return `<!doctype html>
<html ${langAttrs(lang)}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(v.title)} | ${esc(t(lang, 'brand'))}</title>
<link rel="stylesheet" href="/static/common.css">
<link rel="stylesheet" href="/static/volunteer.css">
${scripts}
</head>
<body>
<header class="mw-top vw-top">
<p class="vw-brand">${esc(t(lang, 'brand'))}</p>
<nav aria-label="${esc(t(lang, 'nav.label'))}"><ul class="mw-links">${pages}</ul></nav>
${languages}
</header>
<main id="main" class="vw-main">
${v.body}
</main>
</body>
</html>
`;
  }

  /** A 400 page in the volunteer's language, with what is wrong (in English, from the checks). */
  function bad(res: Response, lang: Language, detail: string) {
    const body = `<h1>${esc(t(lang, 'bad.title'))}</h1>
<p>${esc(t(lang, 'bad.text'))}</p>
<p>${esc(t(lang, 'bad.detail'))} <span lang="en" dir="ltr">${esc(detail)}</span></p>
<p><a href="${VOLUNTEER_BASE}?lang=${lang}">${esc(t(lang, 'print.back'))}</a></p>`;
    res.status(400).type('html').send(layout({ lang, title: t(lang, 'bad.title'), body }));
  }

  // ------------------------------------------------------------------ the chat in volunteer mode

  router.get('/', (req, res) => {
    const lang = pickLanguage(req.query.lang);
    const client = typeof req.query.client === 'string' ? pickLanguage(req.query.client) : lang === 'nl' ? 'ar' : 'nl';
    const options = (selected: Language) =>
      LANGUAGES.map((l) => `<option value="${l}" lang="${l}"${l === selected ? ' selected' : ''}>${esc(t(l, `language.${l}`))}</option>`).join('');
    const config = {
      lang,
      client,
      pair: lang,
      locale: WEBCHAT_LOCALE[client],
      nonce: res.locals.nonce as string,
      directLine: '/v3/directline',
      tokenUrl: '/api/token',
      printUrl: `${VOLUNTEER_BASE}/print`,
      texts: {
        error: t(lang, 'chat.error'),
        placeholder: texts.t(client, 'page:placeholder'),
        second: t(lang, 'chat.second'),
        buttons: t(lang, 'chat.buttons'),
        print: t(lang, 'chat.print'),
        heading: t(lang, 'details.heading'),
        rule: t(lang, 'details.rule'),
        amounts: t(lang, 'details.amounts'),
        amount: t(lang, 'details.amount'),
        value: t(lang, 'details.value'),
        from: t(lang, 'details.from'),
        source: t(lang, 'details.source'),
        sources: t(lang, 'details.sources'),
        unverified: t(lang, 'details.unverified'),
        unverifiedNote: t(lang, 'details.unverified_note'),
      },
      languageNames: Object.fromEntries(LANGUAGES.map((l) => [l, t(l, `language.${l}`)])),
    };
    const body = `<h1>${esc(t(lang, 'chat.title'))}</h1>
<p class="vw-intro">${esc(t(lang, 'chat.intro'))}</p>
<form class="vw-pick" method="get" action="${VOLUNTEER_BASE}">
<fieldset>
<legend>${esc(t(lang, 'chat.pick'))}</legend>
<p><label for="vw-client">${esc(t(lang, 'chat.client'))}</label> <select id="vw-client" name="client">${options(client)}</select></p>
<p><label for="vw-lang">${esc(t(lang, 'chat.volunteer'))}</label> <select id="vw-lang" name="lang">${options(lang)}</select></p>
<p><button type="submit">${esc(t(lang, 'chat.start'))}</button></p>
</fieldset>
</form>
<section id="webchat" class="mw-chat vw-chat" aria-label="${esc(t(lang, 'chat.label'))}" ${langAttrs(client)}><p class="mw-loading">${esc(t(lang, 'chat.loading'))}</p></section>
<noscript><p class="mw-problem">${esc(t(lang, 'chat.noscript'))}</p></noscript>
<script type="application/json" id="meldwijzer-config">${safeJson(config)}</script>`;
    res.type('html').send(
      layout({
        lang,
        title: t(lang, 'chat.title'),
        page: 'chat',
        href: (l) => `${VOLUNTEER_BASE}?lang=${l}&client=${client}`,
        body,
        scripts: ['/static/webchat.js', '/static/webchat-common.js', '/static/volunteer.js'],
      }),
    );
  });

  // ------------------------------------------------------------------ topics, with search

  /** Facts a topic may ask: its own, and shared ones (household, age) its rules read. */
  function factsOf(topic: Topic): [string, Fact][] {
    const ids = new Set(Object.keys(topic.facts ?? {}));
    walk(topic.rules, (k, v) => {
      if ((k === 'fact' || k === 'case') && typeof v === 'string') ids.add(v);
    });
    return [...ids].flatMap((id) => {
      const f = factOf(kb, topic, id);
      return f ? [[id, f] as [string, Fact]] : [];
    });
  }

  /** Parameters the rules and values of a topic use, in the order they appear. */
  function paramsOf(topic: Topic): string[] {
    const ids = new Set<string>();
    walk([topic.rules, topic.outcomes], (k, v) => {
      if (k === 'param' && typeof v === 'string' && kb.parameters.has(v)) ids.add(v);
    });
    return [...ids];
  }

  const factNs = (topic: Topic, id: string) => (topic.facts?.[id] ? topic.id : 'facts');

  const headline = (l: Language, kind: OutcomeKind) => (kind === 'info' ? t(l, 'topics.info') : texts.t(l, `chat:answer.kind.${kind}`));

  /** The search documents of one language (with the Dutch phrasings: volunteers often search in Dutch). */
  const indexes = new Map<Language, Fuse<{ id: string; title: string; summary: string; match: string[]; texts: string[] }>>();
  function index(l: Language) {
    let fuse = indexes.get(l);
    if (fuse) return fuse;
    const docs = [...kb.topics.values()].map((topic) => {
      const ns = topic.id;
      const phrasings = new Set([...texts.list(l, `${ns}:match`), ...texts.list('nl', `${ns}:match`)]);
      const words = [
        ...Object.values(topic.outcomes).flatMap((o) => [texts.t(l, `${ns}:${o.text}`), ...(o.next ? [texts.t(l, `${ns}:${o.next}`)] : [])]),
        ...factsOf(topic).map(([id, f]) => texts.t(l, `${factNs(topic, id)}:${f.question}`)),
        ...paramsOf(topic).map((p) => texts.t(l, `parameters:${p}`)),
      ];
      return {
        id: topic.id,
        title: normalize(compose.topicTitle(l, topic.id)),
        summary: normalize(texts.t(l, `${ns}:${topic.summary}`)),
        match: [...phrasings].map(normalize),
        texts: words.map((w) => normalize(withoutPlaceholders(w))),
      };
    });
    fuse = new Fuse(docs, {
      useTokenSearch: true,
      threshold: 0.3,
      includeScore: true,
      keys: [
        { name: 'title', weight: 4 },
        { name: 'match', weight: 2 },
        { name: 'summary', weight: 1.5 },
        { name: 'texts', weight: 1 },
      ],
    });
    indexes.set(l, fuse);
    return fuse;
  }

  function renderTopic(l: Language, topic: Topic, date: string): string {
    const ns = topic.id;
    const h = `vw-h-${topic.id}`;
    const questions = factsOf(topic)
      .map(([id, f]) => {
        const fns = factNs(topic, id);
        const opts = Object.values(f.options ?? {}).map((k) => texts.t(l, `${fns}:${k}`));
        return `<li><p>${esc(texts.t(l, `${fns}:${f.question}`))}</p>${opts.length ? `<p class="vw-options">${esc(t(l, 'topics.options'))} ${opts.map((o) => `<span class="vw-option">${esc(o)}</span>`).join(' ')}</p>` : ''}</li>`;
      })
      .join('');
    const outcomes = Object.values(topic.outcomes)
      .map(
        (o) => `<li><p class="vw-headline">${esc(headline(l, o.kind))}</p><p>${esc(withoutPlaceholders(texts.t(l, `${ns}:${o.text}`)))}</p>${
          o.next ? `<p><span class="vw-label">${esc(t(l, 'topics.next'))}</span> ${esc(withoutPlaceholders(texts.t(l, `${ns}:${o.next}`)))}</p>` : ''
        }</li>`,
      )
      .join('');
    const rules = topic.rules
      .map(
        (r) =>
          `<li><p>${link(r.source.cite, r.source.url)}${r.verified === false ? badge(l) : ''}</p><p><span class="vw-label">${esc(t(l, 'topics.leads_to'))}</span> ${esc(headline(l, topic.outcomes[r.outcome].kind))}</p></li>`,
      )
      .join('');
    const sources = topic.sources.map((s) => `<li>${link(s.cite, s.url)}</li>`).join('');
    const params = paramsOf(topic);
    const amounts = params.length
      ? params
          .map((id) => {
            const history = kb.parameters.history().find((p) => p.id === id)!.changes;
            const current = kb.parameters.valueOn(id, date).validFrom;
            const rows = history
              .slice()
              .reverse()
              .map(
                (v) =>
                  `<tr><th scope="row">${esc(texts.date(l, v.validFrom))}${v.validFrom === current ? ` <span class="vw-current">(${esc(t(l, 'topics.current'))})</span>` : ''}</th><td><bdi>${esc(
                    texts.format(l, v.value, UNIT_FORMAT[v.unit]),
                  )}</bdi>${v.verified ? '' : badge(l)}</td><td>${link(v.cite, v.url)}</td></tr>`,
              )
              .join('');
            return `<table class="vw-table"><caption>${esc(texts.t(l, `parameters:${id}`))}</caption>
<thead><tr><th scope="col">${esc(t(l, 'details.from'))}</th><th scope="col">${esc(t(l, 'details.value'))}</th><th scope="col">${esc(t(l, 'details.source'))}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
          })
          .join('\n')
      : `<p>${esc(t(l, 'topics.none_amounts'))}</p>`;
    return `<article id="onderwerp-${topic.id}" class="vw-topic" aria-labelledby="${h}">
<h2 id="${h}">${esc(compose.topicTitle(l, topic.id))}</h2>
<p class="vw-kind">${esc(t(l, `topics.${topic.kind}`))}</p>
<p>${esc(texts.t(l, `${ns}:${topic.summary}`))}</p>
${questions ? `<h3>${esc(t(l, 'topics.questions'))}</h3><ol class="vw-list">${questions}</ol>` : ''}
<h3>${esc(t(l, 'topics.outcomes'))}</h3><ul class="vw-list">${outcomes}</ul>
<h3>${esc(t(l, 'topics.rules'))}</h3><ol class="vw-list">${rules}</ol>
<h3>${esc(t(l, 'topics.sources'))}</h3><ul class="vw-list">${sources}</ul>
<h3>${esc(t(l, 'topics.amounts'))}</h3>
${amounts}
</article>`;
  }

  router.get('/onderwerpen', (req, res) => {
    const lang = pickLanguage(req.query.lang);
    const parsed = topicsQuery.safeParse(req.query);
    if (!parsed.success) return bad(res, lang, zodMessage(parsed.error));
    const q = (parsed.data.q ?? '').trim();
    const all = [...kb.topics.values()];
    const found = q ? index(lang).search(normalize(q).slice(0, 100)).map((r) => kb.topics.get(r.item.id)!) : all;
    const date = today();
    const status = q
      ? `<p class="vw-found" role="status">${esc(found.length ? t(lang, 'topics.found', { q, n: found.length }) : t(lang, 'topics.none', { q }))}</p>
<p><a href="${VOLUNTEER_BASE}/onderwerpen?lang=${lang}">${esc(t(lang, 'topics.all'))}</a></p>`
      : '';
    const toc = found.length
      ? `<nav aria-label="${esc(t(lang, 'topics.list'))}"><ul class="vw-toc">${found
          .map((topic) => `<li><a href="#onderwerp-${topic.id}">${esc(compose.topicTitle(lang, topic.id))}</a></li>`)
          .join('')}</ul></nav>`
      : '';
    const body = `<h1>${esc(t(lang, 'topics.title'))}</h1>
<p class="vw-intro">${esc(t(lang, 'topics.intro'))}</p>
<form class="vw-search" role="search" method="get" action="${VOLUNTEER_BASE}/onderwerpen">
<input type="hidden" name="lang" value="${lang}">
<label for="vw-q">${esc(t(lang, 'topics.search'))}</label>
<input id="vw-q" type="search" name="q" value="${esc(q)}" maxlength="200" autocomplete="off">
<button type="submit">${esc(t(lang, 'topics.button'))}</button>
</form>
${status}
<p class="vw-note">${esc(t(lang, 'topics.placeholder'))}</p>
${toc}
<div class="vw-topics">
${found.map((topic) => renderTopic(lang, topic, date)).join('\n')}
</div>`;
    const query = q ? `&q=${encodeURIComponent(q)}` : '';
    res.type('html').send(layout({ lang, title: t(lang, 'topics.title'), page: 'topics', href: (l) => `${VOLUNTEER_BASE}/onderwerpen?lang=${l}${query}`, body }));
  });

  // ------------------------------------------------------------------ what changed

  router.get('/veranderingen', (req, res) => {
    const lang = pickLanguage(req.query.lang);
    const list = changes(kb.parameters);
    const byDate = new Map<string, Change[]>();
    for (const c of list) byDate.set(c.date, [...(byDate.get(c.date) ?? []), c]);
    const value = (v: ParamValue) => `<bdi>${esc(texts.format(lang, v.value, UNIT_FORMAT[v.unit]))}</bdi>${v.verified ? '' : badge(lang)}`;
    const sections = [...byDate]
      .map(([date, items]) => {
        const h = `vw-h-${date}`;
        return `<section class="vw-change" aria-labelledby="${h}">
<h2 id="${h}">${esc(t(lang, 'changes.from', { date: texts.date(lang, date) }))}</h2>
<table class="vw-table"><caption class="vw-hidden">${esc(t(lang, 'changes.from', { date: texts.date(lang, date) }))}</caption>
<thead><tr><th scope="col">${esc(t(lang, 'changes.amount'))}</th><th scope="col">${esc(t(lang, 'changes.now'))}</th><th scope="col">${esc(t(lang, 'changes.before'))}</th><th scope="col">${esc(t(lang, 'changes.source'))}</th></tr></thead>
<tbody>${items
          .map(
            (c) =>
              `<tr><th scope="row">${esc(texts.t(lang, `parameters:${c.id}`))}</th><td>${value(c.value)}</td><td>${value(c.previous)}${
                // The same number under a new legal basis: say where it stood before.
                c.value.value === c.previous.value ? `<br><span class="vw-was">${link(c.previous.cite, c.previous.url)}</span>` : ''
              }</td><td>${link(c.value.cite, c.value.url)}</td></tr>`,
          )
          .join('')}</tbody></table>
</section>`;
      })
      .join('\n');
    const body = `<h1>${esc(t(lang, 'changes.title'))}</h1>
<p class="vw-intro">${esc(t(lang, 'changes.intro'))}</p>
${sections || `<p>${esc(t(lang, 'changes.none'))}</p>`}`;
    res.type('html').send(layout({ lang, title: t(lang, 'changes.title'), page: 'changes', href: (l) => `${VOLUNTEER_BASE}/veranderingen?lang=${l}`, body }));
  });

  // ------------------------------------------------------------------ the answer sheet for the client

  /** A fact's value from a link: numbers as digits, yes/no as true/false, a choice as its option id. */
  function factValue(fact: Fact, raw: string): { ok: true; value: FactValue } | { ok: false; message: string } {
    switch (fact.type) {
      case 'yes-no':
        return raw === 'true' || raw === 'false' ? { ok: true, value: raw === 'true' } : { ok: false, message: 'must be true or false' };
      case 'choice':
        return Object.hasOwn(fact.options ?? {}, raw)
          ? { ok: true, value: raw }
          : { ok: false, message: `must be one of: ${Object.keys(fact.options ?? {}).join(', ')}` };
      default: {
        if (!/^\d{1,9}(\.\d{1,2})?$/.test(raw)) return { ok: false, message: 'must be a number such as 250 or 250.50' };
        const n = Number(raw);
        if ((fact.min !== undefined && n < fact.min) || (fact.max !== undefined && n > fact.max))
          return { ok: false, message: `must be between ${fact.min ?? '…'} and ${fact.max ?? '…'}` };
        return { ok: true, value: n };
      }
    }
  }

  router.get('/print', (req, res) => {
    const fallback = pickLanguage(req.query.v);
    const parsed = printQuery.safeParse(req.query);
    if (!parsed.success) return bad(res, fallback, zodMessage(parsed.error));
    const { lang, topic: topicId, outcome: expected, facts: raw } = parsed.data;
    const v = parsed.data.v ?? 'nl';
    const topic = kb.topics.get(topicId);
    if (!topic) return bad(res, v, `topic: there is no topic '${topicId}'`);
    const facts: Record<string, FactValue> = {};
    for (const [id, s] of Object.entries(raw)) {
      // Own keys only: factOf would find "constructor" on Object.prototype.
      const known = Object.hasOwn(topic.facts ?? {}, id) || Object.hasOwn(kb.sharedFacts, id);
      const fact = known ? factOf(kb, topic, id) : undefined;
      if (!fact) return bad(res, v, `f.${id}: topic '${topic.id}' has no fact '${id}'`);
      const value = factValue(fact, s);
      if (!value.ok) return bad(res, v, `f.${id}: ${value.message}`);
      facts[id] = value.value;
    }
    let ev;
    try {
      ev = evaluate(topic, facts, today(), kb.parameters);
    } catch (e) {
      return bad(res, v, `the answer cannot be worked out: ${(e as Error).message}`);
    }
    if (ev.ask) return bad(res, v, `the facts are not complete: f.${ev.ask} is missing`);
    if (expected && ev.outcome !== expected) return bad(res, v, `outcome: these facts lead to '${ev.outcome}', not '${expected}'`);
    const answer = compose.answer(lang, ev);
    res.type('html').send(renderSheet(lang, v, topic, ev.kind!, answer));
  });

  function renderSheet(lang: Language, v: Language, topic: Topic, kind: OutcomeKind, answer: Outgoing): string {
    const mv = compose.municipalityVars(lang);
    const s = (key: string, vars: Record<string, string | number> = {}) => t(lang, `sheet.${key}`, vars);
    // The chat's answer, without the lines on how to report and whom to call: the sheet has its own.
    const route = texts.t(lang, 'chat:answer.route', mv);
    const contact = texts.t(lang, 'chat:answer.contact', mv);
    const kindText = texts.t(lang, `chat:answer.kind.${kind}`);
    const paragraphs = answer.text.split(/\n\n+/).filter((p) => p && p !== route && p !== contact && p !== kindText);
    const amounts = answer.details?.amounts ?? [];
    const numbers = amounts.length
      ? `<section aria-labelledby="vw-sheet-numbers"><h2 id="vw-sheet-numbers">${esc(s('numbers'))}</h2>
<ul class="vw-sheet__numbers">${amounts
          .map((a) => `<li>${esc(a.label)}: <strong><bdi>${esc(a.shown)}</bdi></strong> (${esc(s('valid', { date: a.validFromShown }))})${a.verified ? '' : ` <strong class="vw-unverified">${esc(s('unverified'))}</strong>`}</li>`)
          .join('')}</ul></section>`
      : '';
    const todo = asksToReport(kind)
      ? `<p>${esc(s('how', { form: m.report.form }))}</p><p>${esc(s('when', { days: m.report.within_days }))}</p>`
      : kind === 'no_report'
        ? `<p>${esc(s('nothing'))}</p>`
        : '';
    const support = m.support.map((x) => `<li>${esc(texts.t(lang, `gemeente:${x.text}`))}</li>`).join('');
    const printed = texts.date(lang, now().getTime());
    const body = `<div class="vw-toolbar" ${langAttrs(v)}>
<p>${esc(t(v, 'print.screen'))}</p>
<p><a href="${VOLUNTEER_BASE}?lang=${v}&amp;client=${lang}">${esc(t(v, 'print.back'))}</a> <button type="button" id="vw-print" hidden>${esc(t(v, 'print.print'))}</button></p>
</div>
<article class="vw-sheet" ${langAttrs(lang)} aria-labelledby="vw-sheet-title">
<header class="vw-sheet__head">
<p class="vw-sheet__from">${esc(m.name)} · Meldwijzer</p>
<h1 id="vw-sheet-title">${esc(s('heading'))}</h1>
<p>${esc(s('topic', { topic: compose.topicTitle(lang, topic.id) }))}</p>
</header>
<section aria-labelledby="vw-sheet-answer"><h2 id="vw-sheet-answer">${esc(s('answer'))}</h2>
${kindText ? `<p class="vw-sheet__headline">${esc(kindText)}</p>` : ''}
${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</section>
${numbers}
${todo ? `<section aria-labelledby="vw-sheet-todo"><h2 id="vw-sheet-todo">${esc(s('todo'))}</h2>${todo}</section>` : ''}
<section aria-labelledby="vw-sheet-call"><h2 id="vw-sheet-call">${esc(s('call'))}</h2>
<p class="vw-sheet__phone">${esc(s('phone', { phone: isolate(m.phone), hours: mv.hours }))}</p>
<p>${esc(s('help'))}</p>
<ul>${support}</ul>
</section>
<footer><p>${esc(s('made', { date: printed }))}</p></footer>
</article>`;
    return `<!doctype html>
<html ${langAttrs(lang)}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(s('heading'))} | ${esc(m.name)}</title>
<link rel="stylesheet" href="/static/common.css">
<link rel="stylesheet" href="/static/volunteer.css">
<script src="/static/volunteer-print.js" defer></script>
</head>
<body class="vw-print">
<main class="vw-main">
${body}
</main>
</body>
</html>
`;
  }

  return router;
}

/** Calls `visit` for every key/value pair in a nested structure of plain objects and arrays. */
function walk(node: unknown, visit: (key: string, value: unknown) => void): void {
  if (Array.isArray(node)) for (const x of node) walk(x, visit);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      visit(k, v);
      walk(v, visit);
    }
}

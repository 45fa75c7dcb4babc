// From a client's words to what they want: a topic, a person, a word explained, a command.
// All word lists come from locales/ (read in every language at once: people mix languages).
import type { KnowledgeBase } from '../knowledge/index.ts';
import { LANGUAGES, type Language, type Texts } from '../i18n/i18n.ts';
import { Matcher } from './matcher.ts';
import { normalize } from './normalize.ts';

export const PERSON = 'contactpersoon';
/** "What changed": the dated changes of amounts and rules, generated from the knowledge base. */
export const CHANGES = 'veranderingen';
const OUT_OF_SCOPE = '_buiten';

export type Command = 'back' | 'restart' | 'stop' | 'menu';
const COMMANDS: Command[] = ['back', 'restart', 'stop', 'menu'];

export type Understood =
  | { type: 'command'; command: Command }
  | { type: 'language'; language: Language }
  | { type: 'define'; term: string }
  | { type: 'person' }
  | { type: 'leave-message' }
  | { type: 'changes' }
  | { type: 'topic'; topic: string; score: number }
  | { type: 'clarify'; candidates: string[] }
  | { type: 'outofscope' }
  | { type: 'none' };

/** Score needed to go into a topic, and how close a runner-up may come before we ask which one. */
const MIN_SCORE = 1.3;
/** In the middle of a question a new topic must be clearer: "een beetje" is a bad answer, not a new question. */
export const SWITCH_SCORE = 2.5;
const CLOSE = 0.8;
const MAX_CANDIDATES = 3;

export class Understanding {
  readonly matcher: Matcher;
  private readonly exact = new Map<string, Understood>();
  private readonly defineCues: string[];
  private readonly terms: { id: string; match: string[] }[];
  /** Normalised once: these are checked on every message or reply. */
  private readonly crisis: string[];
  private readonly distress: string[];
  private readonly glossaryTerms: Record<Language, { id: string; term: string }[]>;

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly texts: Texts,
    /** Leaves phrasings out of the matcher's data, so a test can measure recognition of unseen ones. */
    holdOut: (label: string, phrasing: string, index: number) => boolean = () => false,
  ) {
    const all = (key: string) => LANGUAGES.flatMap((l) => texts.list(l, key));
    const data = [...kb.topics.keys()].map((id) => ({
      label: id,
      phrasings: [...all(`${id}:match`).filter((p, i) => !holdOut(id, p, i)), ...LANGUAGES.map((l) => texts.t(l, `${id}:${kb.topics.get(id)!.title}`))],
    }));
    data.push({
      label: PERSON,
      phrasings: [...all('chat:person.match').filter((p, i) => !holdOut(PERSON, p, i)), ...LANGUAGES.map((l) => texts.t(l, 'chat:button.person'))],
    });
    data.push({ label: OUT_OF_SCOPE, phrasings: all('chat:outofscope.match') });
    data.push({ label: CHANGES, phrasings: [...all('chat:changes.match'), ...LANGUAGES.map((l) => texts.t(l, 'chat:changes.button'))] });
    this.matcher = new Matcher(data, all('chat:stopwords'));

    // Whole messages that mean one thing exactly: commands, language names, button titles.
    for (const c of COMMANDS) for (const p of all(`chat:command.${c}.match`)) this.exact.set(normalize(p), { type: 'command', command: c });
    for (const l of LANGUAGES) {
      this.exact.set(normalize(texts.t(l, 'chat:language.button')), { type: 'language', language: l });
      for (const p of texts.list(l, 'chat:language.match')) this.exact.set(normalize(p), { type: 'language', language: l });
      this.exact.set(normalize(texts.t(l, 'chat:button.menu')), { type: 'command', command: 'menu' });
      this.exact.set(normalize(texts.t(l, 'chat:button.back')), { type: 'command', command: 'back' });
      this.exact.set(normalize(texts.t(l, 'chat:button.restart')), { type: 'command', command: 'restart' });
      this.exact.set(normalize(texts.t(l, 'chat:button.person')), { type: 'person' });
      this.exact.set(normalize(texts.t(l, 'chat:handoff.button_leave')), { type: 'leave-message' });
      this.exact.set(normalize(texts.t(l, 'chat:changes.button')), { type: 'changes' });
      for (const [id, t] of kb.topics) this.exact.set(normalize(texts.t(l, `${id}:${t.title}`)), { type: 'topic', topic: id, score: Infinity });
    }
    this.defineCues = all('chat:define.match').map(normalize);
    // Latin words from their start ("bang", not "verbanding"); Arabic anywhere, as it takes prefixes (الانتحار).
    const feelingWords = (key: string) => all(key).map(normalize).filter(Boolean).map((p) => (/[\u0600-\u06FF]/.test(p) ? p : ` ${p}`));
    this.crisis = feelingWords('chat:handoff.crisis_match');
    this.distress = feelingWords('chat:handoff.distress_match');
    this.glossaryTerms = Object.fromEntries(
      LANGUAGES.map((l) => [l, kb.glossary.map((id) => ({ id, term: ` ${normalize(texts.t(l, `glossary:${id}.term`))}` })).filter((t) => t.term.length > 3)]),
    ) as Record<Language, { id: string; term: string }[]>;
    this.terms = kb.glossary.map((id) => ({
      id,
      match: [...new Set([...all(`glossary:${id}.match`), ...LANGUAGES.map((l) => texts.t(l, `glossary:${id}.term`))].map(normalize))],
    }));
  }

  /** A whole message that is a command, a language, or a button title. */
  exactly(text: string): Understood | undefined {
    return this.exact.get(normalize(text));
  }

  understand(text: string): Understood {
    const norm = normalize(text);
    const exact = this.exact.get(norm);
    if (exact) return exact;

    const term = this.definition(norm);
    if (term) return { type: 'define', term };

    const ranked = this.matcher.rank(text);
    const [best, second] = ranked;
    if (!best || best.score < MIN_SCORE) return { type: 'none' };
    // Out of scope wins a tie: better to say "I cannot help with that" than to guess a topic.
    if (ranked.some((r) => r.label === OUT_OF_SCOPE && r.score >= best.score * 0.9)) return { type: 'outofscope' };
    const close = ranked.filter((r) => r.label !== OUT_OF_SCOPE && r.score >= best.score * CLOSE && r.score >= MIN_SCORE).slice(0, MAX_CANDIDATES);
    if (second && close.length > 1) {
      // Asking for a person wins when it is among the close ones: never make someone choose to reach a human.
      if (close.some((c) => c.label === PERSON)) return { type: 'person' };
      const topics = close.filter((c) => c.label !== CHANGES);
      if (topics.length === 1) return { type: 'topic', topic: topics[0].label, score: topics[0].score };
      return { type: 'clarify', candidates: topics.map((c) => c.label) };
    }
    if (best.label === PERSON) return { type: 'person' };
    if (best.label === CHANGES) return { type: 'changes' };
    return { type: 'topic', topic: best.label, score: best.score };
  }

  /** "wat betekent kostendelersnorm?", "what does asset limit mean", "ما معنى ..." → the glossary id. */
  private definition(norm: string): string | undefined {
    const cue = this.defineCues.find((c) => norm.startsWith(c) || norm.includes(` ${c} `) || norm.endsWith(` ${c}`));
    if (!cue) return undefined;
    const rest = norm.replace(cue, ' ');
    let best: { id: string; len: number } | undefined;
    for (const t of this.terms)
      for (const m of t.match)
        if (m && (rest.includes(m) || (m.length > 6 && rest.split(' ').some((w) => w.length > 5 && m.startsWith(w)))) && (!best || m.length > best.len))
          best = { id: t.id, len: m.length };
    return best?.id;
  }

  /** Words about suicide or acute danger ('crisis'), or of distress: angry, afraid, debts. */
  feeling(text: string): 'crisis' | 'distress' | undefined {
    const norm = ` ${normalize(text)} `;
    if (this.crisis.some((p) => norm.includes(p))) return 'crisis';
    if (this.distress.some((p) => norm.includes(p))) return 'distress';
    return undefined;
  }

  /** Glossary words that appear in a text of this language, for first-time explanations. */
  termsIn(lng: Language, text: string): string[] {
    const norm = ` ${normalize(text)} `;
    return this.glossaryTerms[lng].filter(({ term }) => norm.includes(term)).map(({ id }) => id);
  }
}

/** True when most letters are Arabic script. */
export function looksArabic(text: string): boolean {
  const arabic = (text.match(/[\u0600-\u06FF]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  return arabic > 0 && arabic >= latin;
}

// One turn of the conversation: (state, what the client said) → (new state, replies).
// Plain TypeScript; the channel layer stores the state and carries the replies.
import { changes } from '../knowledge/changes.ts';
import { evaluate, type FactValue, type Loaded } from '../knowledge/index.ts';
import { languageOfLocale, Texts, type Language } from '../i18n/i18n.ts';
import { Composer } from './compose.ts';
import { normalize } from './normalize.ts';
import { parseCount, parseDays, parseMoney, parseYesNo } from './parse.ts';
import { HandoffDialogue, type Draft, type LogEntry } from './handoff.ts';
import type { Effect, HandoffReason, Incoming, Outgoing, TurnResult } from './types.ts';
import { looksArabic, PERSON, SWITCH_SCORE, Understanding, type Understood } from './understand.ts';

/** What one conversation remembers. Plain JSON, so any Storage can keep it. */
export interface ConversationState {
  v: 1;
  lang: Language;
  /** True once the client picked a language: then we never switch on our own. */
  langChosen: boolean;
  topic: string | null;
  /** Facts given for the current topic. */
  facts: Record<string, FactValue>;
  /** Facts that hold across topics (age, household), asked once. */
  shared: Record<string, FactValue>;
  asking: string | null;
  /** Facts in the order answered, for "terug". */
  answered: string[];
  /** Misunderstood messages in a row. */
  misses: number;
  /** Glossary words already explained. */
  explained: string[];
  /** What was asked and answered, for the contact person's summary (no free text). */
  log: LogEntry[];
  /** A request for the contact person being filled in, or null. */
  handoff: Draft | null;
  /** Why a person was last offered, for the summary. */
  offered: HandoffReason | null;
}

const MAX_TEXT = 2000;
/** Today's date in the Netherlands as YYYY-MM-DD (the Swedish format is ISO). */
const AMSTERDAM_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' });
const MAX_MISSES = 2;

export function newState(lang: Language = 'nl'): ConversationState {
  return {
    v: 1,
    lang,
    langChosen: false,
    topic: null,
    facts: {},
    shared: {},
    asking: null,
    answered: [],
    misses: 0,
    explained: [],
    log: [],
    handoff: null,
    offered: null,
  };
}

export interface ConversationOptions {
  now?: () => Date;
  /** Days a request for the contact person is kept at most; told to the client before consent. */
  retentionDays?: number;
  /** Makes request references (tests pin it). */
  reference?: () => string;
}

export class Conversation {
  readonly texts: Texts;
  readonly understanding: Understanding;
  readonly compose: Composer;
  readonly handoff: HandoffDialogue;
  private readonly now: () => Date;
  /** Effects of the turn being handled; turns are synchronous, so one list per instance is safe. */
  private effects: Effect[] = [];
  /** True while replaying a turn in a second language: the language then stays as it is. */
  private replaying = false;

  constructor(
    readonly loaded: Loaded,
    options: ConversationOptions = {},
  ) {
    this.texts = new Texts(loaded.resources);
    this.understanding = new Understanding(loaded.kb, this.texts);
    this.compose = new Composer(loaded.kb, this.texts);
    this.handoff = new HandoffDialogue(this.compose, options.retentionDays ?? 90, options.reference);
    this.now = options.now ?? (() => new Date());
  }

  turn(previous: ConversationState | undefined, input: Incoming): TurnResult<ConversationState> {
    // Older stored states lack newer fields: fill them from a fresh state.
    const state: ConversationState = { ...newState(languageOfLocale(input.locale) ?? 'nl'), ...(previous ? structuredClone(previous) : {}) };
    this.effects = [];
    const replies = input.kind === 'start' ? [this.compose.welcome(state.lang)] : this.message(state, textOf(input));
    return { state, replies: this.withExplanations(state, replies), effects: this.effects };
  }

  /**
   * A turn whose replies also come in a second language, for a volunteer and a client reading
   * side by side. The second rendering replays the same turn on a copy of the state in that
   * language; its state and effects are thrown away, so nothing happens twice.
   */
  turnInTwoLanguages(previous: ConversationState | undefined, input: Incoming, second: Language): TurnResult<ConversationState> & { second: Outgoing[] } {
    const main = this.turn(previous, input);
    const copy: ConversationState = { ...newState(second), ...(previous ? structuredClone(previous) : {}), lang: second, langChosen: true };
    this.replaying = true;
    try {
      const other = this.turn(copy, input);
      return { ...main, second: other.replies };
    } finally {
      this.replaying = false;
    }
  }

  private message(s: ConversationState, raw: string): Outgoing[] {
    const text = raw.slice(0, MAX_TEXT).trim();
    if (!s.langChosen && !this.replaying && looksArabic(text) && s.lang !== 'ar') s.lang = 'ar';
    if (!text) return [this.compose.fallback(s.lang, 'empty')];

    // Words about suicide or danger come before everything: 113 and 112 first.
    const feeling = this.understanding.feeling(text);
    if (feeling === 'crisis') return this.toPerson(s, 'crisis', this.compose.t(s.lang, 'chat:handoff.crisis'));

    // Commands, language names and button titles mean the same everywhere in the conversation.
    const exact = this.understanding.exactly(text);
    if (exact && exact.type !== 'topic' && exact.type !== 'define') return this.act(s, exact);

    if (s.handoff) {
      const r = this.handoff.step(s.lang, s.handoff, text, s.log);
      s.handoff = r.draft ?? null;
      this.effects.push(...r.effects);
      return [r.reply];
    }
    if (feeling === 'distress') return this.toPerson(s, 'distress', this.compose.t(s.lang, 'chat:handoff.distress'));

    // While a question is open, an answer to it comes first: "Iemand betaalt iets voor mij" is an answer, not a request for a person.
    if (s.asking && s.topic) {
      const parsed = this.parseAnswer(s, s.topic, s.asking, text);
      const u = exact ?? this.understanding.understand(text);
      // A loose reading of a choice ("talk to someone" ~ "Someone pays for me") loses to a request for a person.
      if (parsed.ok && (parsed.exact || u.type !== 'person')) {
        this.remember(s, s.asking, parsed.value);
        s.misses = 0;
        return [this.advance(s)];
      }
      // Not an answer: maybe a new question. Only a clear intent takes over.
      if (u.type === 'person' || u.type === 'define') return this.act(s, u);
      if (u.type === 'topic' && u.topic !== s.topic && u.score >= SWITCH_SCORE) return [this.enter(s, u.topic)];
      const { topic, asking } = s;
      return [this.missed(s, () => this.compose.reask(s.lang, topic, asking, parsed.ok ? 'format' : parsed.reason))];
    }

    const u = exact ?? this.understanding.understand(text);
    switch (u.type) {
      case 'topic':
        return [this.enter(s, u.topic)];
      case 'clarify':
        s.misses = 0;
        return [this.compose.clarify(s.lang, u.candidates)];
      case 'outofscope':
      case 'none':
        return [this.missed(s, () => this.compose.fallback(s.lang, u.type === 'outofscope' ? 'outofscope' : 'unknown'))];
      default:
        return this.act(s, u);
    }
  }

  /** A message not understood: a kind re-ask first; the second time in a row, the menu and a person. */
  private missed(s: ConversationState, reask: () => Outgoing): Outgoing {
    s.misses += 1;
    if (s.misses < MAX_MISSES) return reask();
    Object.assign(s, { misses: 0, asking: null, topic: null, offered: 'misunderstood' });
    return this.compose.fallback(s.lang, 'giveup');
  }

  /** Intents that work from anywhere: language, commands, a person, a word explained. */
  private act(s: ConversationState, u: Understood): Outgoing[] {
    switch (u.type) {
      case 'language':
        if (this.replaying) return [this.resume(s)];
        s.lang = u.language;
        s.langChosen = true;
        return [this.resume(s, this.compose.t(s.lang, 'chat:language.switched'))];
      case 'command':
        s.handoff = null; // leaving the request dialogue stores nothing
        return this.command(s, u.command);
      case 'changes':
        Object.assign(s, { asking: null, handoff: null });
        return [this.compose.changes(s.lang, changes(this.loaded.kb.parameters))];
      case 'leave-message': {
        const { draft, reply } = this.handoff.start(s.lang, s.offered ?? 'asked');
        Object.assign(s, { handoff: draft, asking: null });
        return [reply];
      }
      case 'define': {
        if (!s.explained.includes(u.term)) s.explained.push(u.term);
        return [this.resume(s, this.compose.t(s.lang, `glossary:${u.term}.explain`))];
      }
      default:
        return this.toPerson(s, s.offered ?? 'asked');
    }
  }

  private command(s: ConversationState, c: 'back' | 'restart' | 'stop' | 'menu'): Outgoing[] {
    if (c === 'back') {
      const last = s.answered.pop();
      if (!last || !s.topic) return [this.compose.menu(s.lang, this.compose.t(s.lang, 'chat:back.none'))];
      delete s.facts[last];
      delete s.shared[last];
      s.asking = last;
      return [this.compose.question(s.lang, s.topic, last)];
    }
    const keep = { lang: s.lang, langChosen: s.langChosen, explained: s.explained, log: s.log, shared: c === 'restart' ? {} : s.shared };
    Object.assign(s, newState(s.lang), keep);
    if (c === 'restart') return [this.compose.welcome(s.lang)];
    if (c === 'stop') return [this.compose.menu(s.lang, this.compose.t(s.lang, 'chat:stop'))];
    return [this.compose.menu(s.lang)];
  }

  private toPerson(s: ConversationState, reason: HandoffReason, lead?: string): Outgoing[] {
    // A topic left halfway still tells the contact person what the client was asking about.
    if (s.topic && s.asking) this.record(s, { topic: s.topic, facts: { ...s.shared, ...s.facts }, outcome: null });
    Object.assign(s, { asking: null, misses: 0, handoff: null, offered: reason });
    this.effects.push({ type: 'handoff', reason });
    return [this.compose.person(s.lang, lead)];
  }

  /** Start a topic (keeping the facts that hold across topics) and ask or answer. */
  private enter(s: ConversationState, topic: string): Outgoing {
    if (topic === PERSON) return this.compose.person(s.lang);
    Object.assign(s, { topic, facts: {}, answered: [], asking: null, misses: 0 });
    return this.advance(s, this.compose.t(s.lang, 'chat:topic.intro', { title: this.compose.topicTitle(s.lang, topic) }));
  }

  /** Ask the next fact the rules need, or give the answer. */
  private advance(s: ConversationState, lead?: string): Outgoing {
    const topic = this.loaded.kb.topics.get(s.topic!)!;
    const ev = evaluate(topic, { ...s.shared, ...s.facts }, this.today(), this.loaded.kb.parameters);
    if (ev.ask) {
      s.asking = ev.ask;
      return this.compose.question(s.lang, topic.id, ev.ask, lead);
    }
    s.asking = null;
    this.record(s, { topic: topic.id, facts: { ...s.shared, ...s.facts }, outcome: ev.outcome! });
    s.offered = ev.kind === 'contact_person' ? 'outcome' : null;
    return this.compose.answer(s.lang, ev);
  }

  private record(s: ConversationState, entry: LogEntry) {
    s.log.push(entry);
    if (s.log.length > 20) s.log.shift();
  }

  /** After a language switch or an explanation: carry on where we were. */
  private resume(s: ConversationState, lead?: string): Outgoing {
    if (s.handoff) return this.handoff.again(s.lang, s.handoff, s.log, lead);
    if (s.topic && s.asking) return this.compose.question(s.lang, s.topic, s.asking, lead);
    return this.compose.menu(s.lang, lead);
  }

  private remember(s: ConversationState, fact: string, value: FactValue) {
    if (this.loaded.kb.sharedFacts[fact]) s.shared[fact] = value;
    else s.facts[fact] = value;
    s.answered.push(fact);
  }

  private parseAnswer(
    s: ConversationState,
    topic: string,
    factId: string,
    text: string,
  ): { ok: true; value: FactValue; exact: boolean } | { ok: false; reason: 'format' | 'range' } {
    const fact = this.compose.fact(topic, factId);
    let value: FactValue | undefined;
    switch (fact.type) {
      case 'money':
        value = parseMoney(text);
        break;
      case 'count':
        value = parseCount(text);
        break;
      case 'days':
        value = parseDays(text);
        break;
      case 'yes-no':
        value = parseYesNo(text);
        break;
      case 'choice': {
        const choice = this.parseChoice(s.lang, topic, factId, text);
        if (!choice) return { ok: false, reason: 'format' };
        return { ok: true, value: choice.id, exact: choice.exact };
      }
    }
    if (value === undefined) return { ok: false, reason: 'format' };
    if (typeof value === 'number' && ((fact.min !== undefined && value < fact.min) || (fact.max !== undefined && value > fact.max)))
      return { ok: false, reason: 'range' };
    return { ok: true, value, exact: true };
  }

  /** A choice: the button label in any language, its number ("2"), or a close enough word. */
  private parseChoice(lng: Language, topic: string, factId: string, text: string): { id: string; exact: boolean } | undefined {
    const norm = normalize(text);
    const all = (['nl', 'en', 'ar'] as const).flatMap((l) => this.compose.optionLabels(l, topic, factId));
    const exact = all.find(([, label]) => normalize(label) === norm);
    if (exact) return { id: exact[0], exact: true };
    const own = this.compose.optionLabels(lng, topic, factId);
    const n = parseCount(norm);
    if (n !== undefined && /^\d+$/.test(norm) && n >= 1 && n <= own.length) return { id: own[n - 1][0], exact: true };
    // A label inside the message, or a word of the message in one option's label only.
    const one = (found: [string, string][]) => (new Set(found.map(([id]) => id)).size === 1 ? { id: found[0][0], exact: false } : undefined);
    const words = norm.split(' ').filter((w) => w.length >= 4);
    return (
      one(all.filter(([, label]) => norm.includes(normalize(label)))) ??
      one(all.filter(([, label]) => words.some((w) => normalize(label).split(' ').includes(w))))
    );
  }

  private today(): string {
    return AMSTERDAM_DAY.format(this.now());
  }

  /** Explain each legal word once, the first time a message uses it. */
  private withExplanations(s: ConversationState, replies: Outgoing[]): Outgoing[] {
    return replies.map((r) => {
      const fresh = this.understanding.termsIn(r.language, r.text).filter((t) => !s.explained.includes(t));
      if (!fresh.length) return r;
      s.explained.push(...fresh);
      return { ...r, text: [r.text, ...fresh.map((t) => this.compose.explanation(r.language, t))].join('\n\n') };
    });
  }
}

function textOf(input: Incoming): string {
  if (typeof input.text === 'string' && input.text.trim()) return input.text;
  const v = input.value;
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { text?: unknown }).text === 'string') return (v as { text: string }).text;
  return input.text ?? '';
}

export type { Understood };

// Building the bot's messages: questions with buttons, answers that start with the answer.
import type { Evaluation, FactValue, KnowledgeBase } from '../knowledge/index.ts';
import { factOf } from '../knowledge/index.ts';
import { LANGUAGES, type Language, type Texts } from '../i18n/i18n.ts';
import type { Fact, OutcomeKind } from '../knowledge/schema.ts';
import type { AnswerDetails, Button, Meta, Outgoing } from './types.ts';
import type { Change } from '../knowledge/changes.ts';
import type { ParamValue } from '../knowledge/parameters.ts';
import { CHANGES, PERSON } from './understand.ts';

/** How each parameter unit is shown. */
export const UNIT_FORMAT = { euro: 'money', days: 'days', percent: 'percent', count: 'number', years: 'number' } as const;

/** Outcome kinds that mean "report this": the answer then says how and within how many days. */
export function asksToReport(kind: OutcomeKind): boolean {
  return kind === 'must_report' || kind === 'report_may_change';
}

/** Topics on the main menu, in this order: the questions clients ask most (audit 2021). */
export const MAIN_TOPICS = ['giften', 'auto', 'relatie', 'vakantie', 'werk', 'vermogen', 'woonsituatie', 'vrijwilligerswerk', 'inkomsten'];

export class Composer {
  constructor(
    private readonly kb: KnowledgeBase,
    private readonly texts: Texts,
  ) {}

  t(lng: Language, key: string, vars?: Record<string, string | number>): string {
    return this.texts.t(lng, key, vars);
  }

  municipalityVars(lng: Language) {
    const m = this.kb.municipality;
    return { phone: m.phone, hours: this.t(lng, `gemeente:${m.hours}`), days: m.report.within_days, form: m.report.form };
  }

  topicTitle(lng: Language, id: string): string {
    if (id === PERSON) return this.t(lng, 'chat:button.person');
    return this.t(lng, `${id}:${this.kb.topics.get(id)!.title}`);
  }

  topicButtons(lng: Language, ids: string[]): Button[] {
    return ids.filter((id) => id === PERSON || this.kb.topics.has(id)).map((id) => ({ title: this.topicTitle(lng, id), value: this.topicTitle(lng, id) }));
  }

  private personButton(lng: Language): Button {
    const title = this.t(lng, 'chat:button.person');
    return { title, value: title };
  }

  private languageButtons(current: Language): Button[] {
    return LANGUAGES.filter((l) => l !== current).map((l) => {
      const title = this.t(l, 'chat:language.button');
      return { title, value: title };
    });
  }

  msg(lng: Language, text: string, meta: Meta, buttons?: Button[]): Outgoing {
    return { text, language: lng, meta, ...(buttons?.length ? { buttons } : {}) };
  }

  welcome(lng: Language): Outgoing {
    return this.msg(lng, this.t(lng, 'chat:welcome'), { topic: null, step: 'welcome' }, [
      ...this.topicButtons(lng, MAIN_TOPICS),
      this.personButton(lng),
      ...this.languageButtons(lng),
    ]);
  }

  menu(lng: Language, lead?: string, step: Meta['step'] = 'menu'): Outgoing {
    const text = [lead, this.t(lng, 'chat:menu.prompt')].filter(Boolean).join('\n\n');
    const changes = this.t(lng, 'chat:changes.button');
    return this.msg(lng, text, { topic: null, step }, [...this.topicButtons(lng, MAIN_TOPICS), { title: changes, value: changes }, this.personButton(lng)]);
  }

  /** Nothing understood: say so kindly, show the menu and the way to a person. */
  fallback(lng: Language, key: 'unknown' | 'outofscope' | 'empty' | 'giveup'): Outgoing {
    const lead = key === 'giveup' ? this.t(lng, 'chat:reask.giveup') : this.t(lng, `chat:fallback.${key}`, this.municipalityVars(lng));
    const text = [lead, this.t(lng, 'chat:fallback.person')].join('\n\n');
    return this.msg(lng, text, { topic: null, step: 'fallback' }, [this.personButton(lng), ...this.topicButtons(lng, MAIN_TOPICS)]);
  }

  clarify(lng: Language, candidates: string[]): Outgoing {
    return this.msg(lng, this.t(lng, 'chat:clarify'), { topic: null, step: 'clarify', candidates }, [
      ...this.topicButtons(lng, candidates),
      { title: this.t(lng, 'chat:button.menu'), value: this.t(lng, 'chat:button.menu') },
    ]);
  }

  /** The ways to a person: phone with hours, free independent help, and leaving a message. */
  person(lng: Language, lead?: string, offerMessage = true): Outgoing {
    const m = this.kb.municipality;
    const support = m.support.map((s) => `- ${this.t(lng, `gemeente:${s.text}`)}`).join('\n');
    const text = [
      lead,
      this.t(lng, 'chat:person.intro'),
      this.t(lng, 'chat:person.call', this.municipalityVars(lng)),
      `${this.t(lng, 'chat:person.support')}\n${support}`,
    ]
      .filter(Boolean)
      .join('\n\n');
    const leave = this.t(lng, 'chat:handoff.button_leave');
    return this.msg(lng, text, { topic: PERSON, step: 'handoff' }, [
      ...(offerMessage ? [{ title: leave, value: leave }] : []),
      { title: this.t(lng, 'chat:button.menu'), value: this.t(lng, 'chat:button.menu') },
    ]);
  }

  /** "Hoeveel is het, in euro?: € 200" — a fact and its answer in Dutch, for the contact person. */
  factInDutch(topicId: string, factId: string, value: FactValue): string {
    const fact = factOf(this.kb, this.kb.topics.get(topicId)!, factId);
    if (!fact) return `${factId}: ${String(value)}`;
    const ns = this.factNs(topicId, factId);
    const answer =
      fact.type === 'choice'
        ? this.t('nl', `${ns}:${fact.options![String(value)] ?? String(value)}`)
        : fact.type === 'yes-no'
          ? this.t('nl', value ? 'chat:button.yes' : 'chat:button.no')
          : this.texts.format('nl', Number(value), fact.type === 'money' ? 'money' : fact.type === 'days' ? 'days' : 'number');
    return `${this.t('nl', `${ns}:${fact.question}`)} → ${answer}`;
  }

  outcomeHeadline(lng: Language, topicId: string, outcomeId: string): string {
    const kind = this.kb.topics.get(topicId)?.outcomes[outcomeId]?.kind;
    return kind && kind !== 'info' ? this.t(lng, `chat:answer.kind.${kind}`) : this.t(lng, 'chat:summary.info', { outcome: outcomeId });
  }

  /** The namespace where a fact's texts live. */
  private factNs(topicId: string, factId: string): string {
    return this.kb.sharedFacts[factId] ? 'facts' : topicId;
  }

  fact(topicId: string, factId: string): Fact {
    return factOf(this.kb, this.kb.topics.get(topicId)!, factId)!;
  }

  question(lng: Language, topicId: string, factId: string, lead?: string): Outgoing {
    const fact = this.fact(topicId, factId);
    const ns = this.factNs(topicId, factId);
    const parts = [lead, this.t(lng, `${ns}:${fact.question}`), fact.help ? this.t(lng, `${ns}:${fact.help}`) : undefined];
    const buttons: Button[] =
      fact.type === 'choice'
        ? Object.values(fact.options!).map((k) => ({ title: this.t(lng, `${ns}:${k}`), value: this.t(lng, `${ns}:${k}`) }))
        : fact.type === 'yes-no'
          ? [
              { title: this.t(lng, 'chat:button.yes'), value: this.t(lng, 'chat:button.yes') },
              { title: this.t(lng, 'chat:button.no'), value: this.t(lng, 'chat:button.no') },
            ]
          : [];
    buttons.push({ title: this.t(lng, 'chat:button.back'), value: this.t(lng, 'chat:button.back') });
    return this.msg(lng, parts.filter(Boolean).join('\n\n'), { topic: topicId, step: 'ask', ask: factId }, buttons);
  }

  /** Button labels of a choice fact in one language: option id → label. */
  optionLabels(lng: Language, topicId: string, factId: string): [string, string][] {
    const fact = this.fact(topicId, factId);
    const ns = this.factNs(topicId, factId);
    return Object.entries(fact.options ?? {}).map(([id, k]) => [id, this.t(lng, `${ns}:${k}`)]);
  }

  reask(lng: Language, topicId: string, factId: string, reason: 'format' | 'range'): Outgoing {
    const fact = this.fact(topicId, factId);
    const lead = this.t(lng, reason === 'range' ? 'chat:reask.range' : `chat:reask.${fact.type}`);
    return this.question(lng, topicId, factId, lead);
  }

  /** The answer: the direct answer first, then why with the client's numbers, then what to do. */
  answer(lng: Language, ev: Evaluation): Outgoing {
    const topic = this.kb.topics.get(ev.topic)!;
    const outcome = topic.outcomes[ev.outcome!];
    const vars: Record<string, string> = {};
    for (const [name, v] of Object.entries(ev.values)) {
      const shown = this.texts.format(lng, v.value, v.format);
      vars[name] = v.unverified ? this.t(lng, 'chat:answer.unverified_value', { value: shown }) : shown;
    }
    const why = dropMissing(this.t(lng, `${topic.id}:${outcome.text}`, vars));
    const reporting = asksToReport(outcome.kind);
    const parts = [
      this.t(lng, `chat:answer.kind.${outcome.kind}`),
      why,
      ev.unverified ? this.t(lng, 'chat:answer.unverified') : undefined,
      outcome.next ? dropMissing(this.t(lng, `${topic.id}:${outcome.next}`, vars)) : undefined,
      reporting ? this.t(lng, 'chat:answer.route', this.municipalityVars(lng)) : undefined,
      outcome.kind === 'contact_person' || outcome.kind === 'not_allowed' ? this.t(lng, 'chat:answer.contact', this.municipalityVars(lng)) : undefined,
    ];
    const followups = (outcome.followups ?? []).filter((f) => f !== topic.id).slice(0, 3);
    return {
      ...this.msg(
        lng,
        parts.filter(Boolean).join('\n\n'),
        { topic: topic.id, step: 'answer', outcome: ev.outcome },
        [...this.topicButtons(lng, followups), this.personButton(lng), { title: this.t(lng, 'chat:button.menu'), value: this.t(lng, 'chat:button.menu') }],
      ),
      details: this.details(lng, ev),
    };
  }

  details(lng: Language, ev: Evaluation): AnswerDetails {
    const topic = this.kb.topics.get(ev.topic)!;
    return {
      rule: ev.rule!,
      amounts: ev.params.map((p) => ({
        id: p.id,
        label: this.t(lng, `parameters:${p.id}`),
        shown: this.texts.format(lng, p.value, UNIT_FORMAT[p.unit]),
        value: p.value,
        validFrom: p.validFrom,
        validFromShown: this.texts.date(lng, p.validFrom),
        cite: p.cite,
        url: p.url,
        verified: p.verified,
      })),
      sources: topic.sources,
      unverified: ev.unverified,
    };
  }

  /** The dated changes of amounts, newest first, grouped by date. */
  changes(lng: Language, list: Change[]): Outgoing {
    const lines = [this.t(lng, 'chat:changes.intro')];
    let date = '';
    for (const c of list) {
      if (c.date !== date) {
        date = c.date;
        lines.push('', this.t(lng, 'chat:changes.date', { date: this.texts.date(lng, c.date) }));
      }
      const fmt = (v: ParamValue) =>
        `${this.texts.format(lng, v.value, UNIT_FORMAT[v.unit])}${v.verified ? '' : ` ${this.t(lng, 'chat:changes.unverified')}`}`;
      const vars = { name: this.t(lng, `parameters:${c.id}`), value: fmt(c.value), previous: fmt(c.previous), cite: c.value.cite };
      lines.push(`- ${this.t(lng, c.value.value === c.previous.value ? 'chat:changes.basis' : 'chat:changes.changed', vars)}`);
    }
    if (!list.length) lines.push(this.t(lng, 'chat:changes.none'));
    return this.msg(lng, lines.join('\n'), { topic: CHANGES, step: 'answer' }, [
      this.personButton(lng),
      { title: this.t(lng, 'chat:button.menu'), value: this.t(lng, 'chat:button.menu') },
    ]);
  }

  /** One plain sentence per legal word, the first time it appears in the conversation. */
  explanation(lng: Language, term: string): string {
    return this.t(lng, 'chat:explain', { explain: this.t(lng, `glossary:${term}.explain`) });
  }
}

/** A sentence whose number could not be worked out is left out rather than shown as {{x}}. */
function dropMissing(text: string): string {
  if (!text.includes('{{')) return text;
  return text
    .split(/(?<=[.!?؟])\s+/)
    .filter((s) => !s.includes('{{'))
    .join(' ');
}

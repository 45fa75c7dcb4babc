// Leaving a request for the contact person: consent first, then name, how to reach them,
// optionally the contact person's name and a good time; a summary to confirm; then stored.
// Refusing at any point stores nothing and still shows the phone number.
import type { FactValue } from '../knowledge/index.ts';
import type { Language } from '../i18n/i18n.ts';
import { newReference } from '../handoff/request.ts';
import type { Composer } from './compose.ts';
import { normalize } from './normalize.ts';
import { parseYesNo } from './parse.ts';
import type { CallbackRequest, Effect, HandoffReason, Outgoing } from './types.ts';

export type DraftStage = 'consent' | 'name' | 'contact' | 'contactperson' | 'time' | 'confirm';

export interface Draft {
  stage: DraftStage;
  reason: HandoffReason;
  name?: string;
  phone?: string;
  email?: string;
  contactPerson?: string;
  callTime?: string;
  /** Made when the summary is shown, so that a replay of the confirming turn gives the same one. */
  reference?: string;
}

export interface LogEntry {
  topic: string;
  facts: Record<string, FactValue>;
  /** Null when the client left the topic before the answer. */
  outcome: string | null;
}

const PHONE = /^(?:\+|00)?\d{9,15}$/;
const DUTCH_PHONE = /^(?:\+31|0031|0)[1-9]\d{8}$/;
const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,100}\.[a-z]{2,}$/i;
const BSN_LIKE = /(^|\D)\d{9}(\D|$)/;
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} .'’-]{0,78}$/u;

/** A phone number ("06 12345678", "+31 6 1234 5678") or e-mail address, or undefined. */
export function readContact(text: string): { phone?: string; email?: string } | undefined {
  const t = text.trim();
  if (EMAIL.test(t) && t.length <= 120) return { email: t };
  const digits = t.replace(/[\s().-]/g, '');
  if (DUTCH_PHONE.test(digits) || (digits.startsWith('+') && PHONE.test(digits))) return { phone: digits };
  return undefined;
}

export class HandoffDialogue {
  constructor(
    private readonly compose: Composer,
    private readonly retentionDays: number,
    private readonly reference: () => string = newReference,
  ) {}

  private yesNo(lng: Language): Outgoing['buttons'] {
    return [
      { title: this.compose.t(lng, 'chat:button.yes'), value: this.compose.t(lng, 'chat:button.yes') },
      { title: this.compose.t(lng, 'chat:button.no'), value: this.compose.t(lng, 'chat:button.no') },
    ];
  }

  private ask(lng: Language, stage: DraftStage, text: string, buttons?: Outgoing['buttons']): Outgoing {
    return this.compose.msg(lng, text, { topic: 'contactpersoon', step: 'handoff', ask: `handoff.${stage}` }, buttons);
  }

  start(lng: Language, reason: HandoffReason): { draft: Draft; reply: Outgoing } {
    return { draft: { stage: 'consent', reason }, reply: this.ask(lng, 'consent', this.compose.t(lng, 'chat:handoff.consent', { days: this.retentionDays }), this.yesNo(lng)) };
  }

  /** The open question of the dialogue again, e.g. after a language switch. */
  again(lng: Language, draft: Draft, log: LogEntry[], lead?: string): Outgoing {
    const t = (key: string, vars?: Record<string, string | number>) => this.compose.t(lng, `chat:handoff.${key}`, vars);
    const withLead = (text: string) => [lead, text].filter(Boolean).join('\n\n');
    switch (draft.stage) {
      case 'consent':
        return this.ask(lng, 'consent', withLead(t('consent', { days: this.retentionDays })), this.yesNo(lng));
      case 'name':
      case 'contact':
        return this.ask(lng, draft.stage, withLead(t(draft.stage)));
      case 'contactperson':
        return this.ask(lng, 'contactperson', withLead(t('contactperson')), [{ title: t('skip'), value: t('skip') }]);
      case 'time':
        return this.ask(lng, 'time', withLead(t('time')), ['time_morning', 'time_afternoon', 'time_any'].map((k) => ({ title: t(k), value: t(k) })));
      case 'confirm':
        return this.ask(lng, 'confirm', withLead(this.confirmText(lng, draft, log)), this.yesNo(lng));
    }
  }

  /** One answer in the request dialogue. `draft` is undefined afterwards when it ended (stored or refused). */
  step(lng: Language, draft: Draft, text: string, log: LogEntry[]): { draft?: Draft; reply: Outgoing; effects: Effect[] } {
    const t = (key: string, vars?: Record<string, string | number>) => this.compose.t(lng, `chat:handoff.${key}`, vars);
    const vars = this.compose.municipalityVars(lng);
    const end = (key: string): { reply: Outgoing; effects: Effect[] } => ({ reply: this.compose.person(lng, t(key, vars), false), effects: [] });
    const input = text.trim();

    switch (draft.stage) {
      case 'consent': {
        const yes = parseYesNo(input);
        if (yes === undefined) return { draft, reply: this.ask(lng, 'consent', this.compose.t(lng, 'chat:reask.yes-no'), this.yesNo(lng)), effects: [] };
        if (!yes) return end('refused');
        return { draft: { ...draft, stage: 'name' }, reply: this.ask(lng, 'name', t('name')), effects: [] };
      }
      case 'name': {
        if (BSN_LIKE.test(input)) return { draft, reply: this.ask(lng, 'name', `${t('no_bsn')} ${t('name_retry')}`), effects: [] };
        if (!NAME.test(input)) return { draft, reply: this.ask(lng, 'name', t('name_retry')), effects: [] };
        return { draft: { ...draft, stage: 'contact', name: input }, reply: this.ask(lng, 'contact', t('contact')), effects: [] };
      }
      case 'contact': {
        const contact = readContact(input);
        if (!contact) {
          const lead = BSN_LIKE.test(input.replace(/\s/g, '')) && !input.replace(/\s/g, '').startsWith('0') ? `${t('no_bsn')} ` : '';
          return { draft, reply: this.ask(lng, 'contact', lead + t('contact_retry')), effects: [] };
        }
        const skip = t('skip');
        return { draft: { ...draft, stage: 'contactperson', ...contact }, reply: this.ask(lng, 'contactperson', t('contactperson'), [{ title: skip, value: skip }]), effects: [] };
      }
      case 'contactperson': {
        const skipped = normalize(input) === normalize(t('skip')) || parseYesNo(input) === false;
        if (!skipped && !NAME.test(input)) return { draft, reply: this.ask(lng, 'contactperson', t('name_retry'), [{ title: t('skip'), value: t('skip') }]), effects: [] };
        const times = ['time_morning', 'time_afternoon', 'time_any'].map((k) => ({ title: t(k), value: t(k) }));
        return { draft: { ...draft, stage: 'time', contactPerson: skipped ? undefined : input }, reply: this.ask(lng, 'time', t('time'), times), effects: [] };
      }
      case 'time': {
        const callTime = input.slice(0, 60) || t('time_any');
        const next = { ...draft, stage: 'confirm' as const, callTime, reference: this.reference() };
        return { draft: next, reply: this.ask(lng, 'confirm', this.confirmText(lng, next, log), this.yesNo(lng)), effects: [] };
      }
      case 'confirm': {
        const yes = parseYesNo(input);
        if (yes === undefined) return { draft, reply: this.ask(lng, 'confirm', this.compose.t(lng, 'chat:reask.yes-no'), this.yesNo(lng)), effects: [] };
        if (!yes) return end('cancelled');
        const request: CallbackRequest = {
          reference: draft.reference ?? this.reference(),
          language: lng,
          name: draft.name!,
          phone: draft.phone,
          email: draft.email,
          contactPerson: draft.contactPerson,
          callTime: draft.callTime,
          summary: this.summary(lng, draft.reason, log),
        };
        const done = this.compose.msg(lng, t('done', { reference: request.reference, phone: vars.phone }), { topic: 'contactpersoon', step: 'handoff' }, [
          { title: this.compose.t(lng, 'chat:button.menu'), value: this.compose.t(lng, 'chat:button.menu') },
        ]);
        return { reply: done, effects: [{ type: 'store-request', request }] };
      }
    }
  }

  private confirmText(lng: Language, d: Draft, log: LogEntry[]): string {
    const t = (key: string) => this.compose.t(lng, `chat:handoff.${key}`);
    const topics = [...new Set(log.map((e) => this.compose.topicTitle(lng, e.topic)))].join(', ') || t('none');
    return this.compose.t(lng, 'chat:handoff.confirm', {
      name: d.name!,
      contact: d.phone ?? d.email ?? '',
      contactPerson: d.contactPerson ?? t('unknown'),
      callTime: d.callTime ?? t('time_any'),
      topics,
    });
  }

  /** What the client asked and answered, in Dutch for the contact person, with the client's language noted. */
  summary(lng: Language, reason: HandoffReason, log: LogEntry[]): string {
    const nl = (key: string, vars?: Record<string, string | number>) => this.compose.t('nl', key, vars);
    const lines = [nl('chat:summary.language', { language: nl(`chat:summary.lang.${lng}`) }), nl(`chat:summary.reason.${reason}`)];
    if (!log.length) lines.push(nl('chat:summary.none'));
    for (const entry of log) {
      lines.push('', nl('chat:summary.topic', { title: this.compose.topicTitle('nl', entry.topic) }));
      for (const [fact, value] of Object.entries(entry.facts)) lines.push(`- ${this.compose.factInDutch(entry.topic, fact, value)}`);
      lines.push(entry.outcome ? nl('chat:summary.outcome', { headline: this.compose.outcomeHeadline('nl', entry.topic, entry.outcome) }) : nl('chat:summary.unfinished'));
    }
    return lines.join('\n');
  }
}

// The conversation core's contract with the channels. Plain data only: no SDK types here,
// so that a move from botbuilder to another SDK touches bot/channels alone.
import type { CallbackRequest } from '../handoff/request.ts';
import type { Language } from '../i18n/locales.ts';

export type { CallbackRequest };

/** What the channel passes in for one turn. */
export interface Incoming {
  /** 'start' = conversation opened (conversationUpdate / Direct Line start); 'message' = the user said or tapped something. */
  kind: 'start' | 'message';
  text?: string;
  /** Value of a tapped card button, when a channel sends one. */
  value?: unknown;
  /** The activity's locale (e.g. "nl-NL", "ar-SA"); used until the user picks a language. */
  locale?: string;
}

export type Step = 'welcome' | 'menu' | 'clarify' | 'ask' | 'answer' | 'fallback' | 'handoff';

/** Sent with every bot message as channelData.meldwijzer. */
export interface Meta {
  topic: string | null;
  step: Step;
  ask?: string;
  candidates?: string[];
  outcome?: string;
}

export interface Button {
  title: string;
  /** What comes back as the user's message text when tapped. */
  value: string;
}

/** What a volunteer needs to explain and check an answer: where it comes from, which amounts. */
export interface AnswerDetails {
  rule: { id: string; cite: string; url?: string; verified: boolean };
  /** Amounts the rules used on the day of the conversation, with the date from which each is valid. */
  amounts: { id: string; label: string; shown: string; value: number; validFrom: string; validFromShown: string; cite: string; url?: string; verified: boolean }[];
  /** The topic's sources. */
  sources: { cite: string; url?: string }[];
  /** True when the rule or an amount is not confirmed. */
  unverified: boolean;
}

export interface Outgoing {
  text: string;
  buttons?: Button[];
  language: Language;
  meta: Meta;
  /** Only on answers: the legal basis and amounts, for the volunteer view. */
  details?: AnswerDetails;
}

export type HandoffReason = 'asked' | 'misunderstood' | 'outcome' | 'distress' | 'crisis';

/** What the channel layer must do besides sending the replies. */
export type Effect =
  | { type: 'store-request'; request: CallbackRequest }
  /** The client was offered a person: a contact-centre channel may take over (handoff.initiate). */
  | { type: 'handoff'; reason: HandoffReason };

export interface TurnResult<S> {
  state: S;
  replies: Outgoing[];
  effects: Effect[];
}

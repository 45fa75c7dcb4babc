// The conversation core's contract with the channels. Plain data only: no SDK types here,
// so that a move from botbuilder to another SDK touches bot/channels alone.
import type { Language } from '../i18n/locales.ts';

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

export interface Outgoing {
  text: string;
  buttons?: Button[];
  language: Language;
  meta: Meta;
}

/** A request for a person, as the conversation hands it to the handoff service. */
export interface HandoffEvent {
  reason: 'asked' | 'misunderstood' | 'outcome' | 'distress';
}

export interface TurnResult<S> {
  state: S;
  replies: Outgoing[];
}

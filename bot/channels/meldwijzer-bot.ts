// The thin botbuilder shell: turns Activities into the core's plain input and back.
// Everything the bot decides happens in bot/conversation; this file only translates.
import {
  ActivityHandler,
  ActivityTypes,
  EventFactory,
  MessageFactory,
  type Transcript,
  type Activity,
  type CardAction,
  type Storage,
  type TranscriptStore,
  type TurnContext,
} from 'botbuilder';
import type { Conversation, ConversationState } from '../conversation/conversation.ts';
import type { CallbackRequest, Incoming, Outgoing } from '../conversation/types.ts';
import type { FactValue } from '../knowledge/index.ts';
import { viewOf, type MeldwijzerView } from './validation.ts';

const RTL: Record<string, string> = { ar: 'ar-SA' };

/** Where a conversation's state is kept in the Storage. */
export function stateKey(channelId: string, conversationId: string): string {
  return `conversation/${channelId}/${conversationId}`;
}

export function toActivity(reply: Outgoing): Partial<Activity> {
  const actions: CardAction[] | undefined = reply.buttons?.map((b) => ({ type: 'imBack', title: b.title, value: b.value }));
  const activity = MessageFactory.suggestedActions(actions ?? [], reply.text);
  if (!actions?.length) delete activity.suggestedActions;
  activity.locale = RTL[reply.language] ?? reply.language;
  activity.textFormat = 'markdown';
  activity.channelData = { meldwijzer: reply.meta };
  return activity;
}

/** What the volunteer page needs to print an answer for the client: the engine works it out again. */
export interface AnswerFacts {
  topic: string;
  outcome: string;
  facts: Record<string, FactValue>;
}

/**
 * A reply for the volunteer view: channelData.meldwijzer stays exactly as for everyone, and next to
 * it come the same reply in the volunteer's language (meldwijzerSecond), the rule, legal basis and
 * amounts of an answer (meldwijzerDetails, in the volunteer's language) and the facts it rests on
 * (meldwijzerAnswer, for the answer sheet).
 */
export function toVolunteerActivity(reply: Outgoing, second: Outgoing | undefined, answer?: AnswerFacts): Partial<Activity> {
  const activity = toActivity(reply);
  activity.channelData = {
    ...activity.channelData,
    ...(second && { meldwijzerSecond: { language: second.language, text: second.text, buttons: (second.buttons ?? []).map((b) => b.title) } }),
    ...((second?.details ?? reply.details) && { meldwijzerDetails: second?.details ?? reply.details }),
    ...(answer && { meldwijzerAnswer: answer }),
  };
  return activity;
}

/** The facts of the answer the conversation just gave (the last entry of its log). */
function answerFacts(state: ConversationState, reply: Outgoing): AnswerFacts | undefined {
  const { topic, step, outcome } = reply.meta;
  if (step !== 'answer' || !topic || !outcome || !reply.details) return undefined;
  const last = state.log.at(-1);
  if (!last || last.topic !== topic || last.outcome !== outcome) return undefined;
  return { topic, outcome, facts: { ...last.facts } as Record<string, FactValue> };
}

export interface BotOptions {
  /** Where confirmed requests for the contact person go. */
  requests?: { add(request: CallbackRequest): unknown };
  /** Behind a contact-centre channel: send handoff.initiate with the transcript kept by this store. */
  handoffTranscripts?: TranscriptStore;
}

export class MeldwijzerBot extends ActivityHandler {
  constructor(
    private readonly conversation: Conversation,
    private readonly storage: Storage,
    private readonly options: BotOptions = {},
  ) {
    super();
    this.onMessage(async (ctx, next) => {
      await this.converse(ctx, { kind: 'message', text: ctx.activity.text, value: ctx.activity.value, locale: ctx.activity.locale }, viewOf(ctx.activity.channelData));
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      // Greet once per conversation: when the bot itself joins, or the user does on channels that add the bot first.
      const others = (ctx.activity.membersAdded ?? []).filter((m) => m.id !== ctx.activity.recipient?.id);
      if (others.length) await this.converse(ctx, { kind: 'start', locale: ctx.activity.locale }, viewOf(ctx.activity.channelData));
      await next();
    });
    this.onEvent(async (ctx, next) => {
      // Web Chat can send a start event with the page language; treat it as the conversation start.
      if (ctx.activity.name === 'webchat/join') await this.converse(ctx, { kind: 'start', locale: ctx.activity.locale }, viewOf(ctx.activity.channelData));
      await next();
    });
  }

  private key(ctx: TurnContext): string {
    return stateKey(ctx.activity.channelId, ctx.activity.conversation.id);
  }

  /** One turn; with a volunteer view every reply also comes in the volunteer's language (same steps, one state). */
  private async converse(ctx: TurnContext, input: Incoming, view?: MeldwijzerView): Promise<void> {
    if (ctx.activity.type !== ActivityTypes.Message && input.kind === 'message') return;
    const key = this.key(ctx);
    const stored = (await this.storage.read([key]))[key] as { state?: ConversationState } | undefined;
    const result = view ? this.conversation.turnInTwoLanguages(stored?.state, input, view.pair) : this.conversation.turn(stored?.state, input);
    const { state, replies, effects } = result;
    // A request is stored before the client is told it was passed on.
    for (const e of effects) if (e.type === 'store-request') this.options.requests?.add(e.request);
    await this.storage.write({ [key]: { state } });
    const second: Outgoing[] | undefined = 'second' in result ? (result.second as Outgoing[]) : undefined;
    for (const [i, reply] of replies.entries())
      await ctx.sendActivity(second ? toVolunteerActivity(reply, second[i], answerFacts(state, reply)) : toActivity(reply));
    const handoff = effects.find((e) => e.type === 'handoff');
    if (handoff && this.options.handoffTranscripts) await this.initiateHandoff(ctx, handoff.reason);
  }

  /** The Bot Framework handoff protocol, for Omnichannel-style contact centres to take over. */
  private async initiateHandoff(ctx: TurnContext, reason: string): Promise<void> {
    const { channelId, conversation } = ctx.activity;
    const page = await this.options.handoffTranscripts!.getTranscriptActivities(channelId, conversation.id);
    const transcript: Transcript = { activities: page.items };
    await ctx.sendActivity(EventFactory.createHandoffInitiation(ctx, { reason, language: ctx.activity.locale ?? 'nl' }, transcript));
  }
}

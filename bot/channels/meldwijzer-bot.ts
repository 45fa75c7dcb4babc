// The thin botbuilder shell: turns Activities into the core's plain input and back.
// Everything the bot decides happens in bot/conversation; this file only translates.
import { ActivityHandler, ActivityTypes, MessageFactory, type Activity, type CardAction, type Storage, type TurnContext } from 'botbuilder';
import type { Conversation, ConversationState } from '../conversation/conversation.ts';
import type { Incoming, Outgoing } from '../conversation/types.ts';

const RTL: Record<string, string> = { ar: 'ar-SA' };

export function toActivity(reply: Outgoing): Partial<Activity> {
  const actions: CardAction[] | undefined = reply.buttons?.map((b) => ({ type: 'imBack', title: b.title, value: b.value }));
  const activity = MessageFactory.suggestedActions(actions ?? [], reply.text);
  if (!actions?.length) delete activity.suggestedActions;
  activity.locale = RTL[reply.language] ?? reply.language;
  activity.textFormat = 'markdown';
  activity.channelData = { meldwijzer: reply.meta };
  return activity;
}

export class MeldwijzerBot extends ActivityHandler {
  constructor(
    private readonly conversation: Conversation,
    private readonly storage: Storage,
  ) {
    super();
    this.onMessage(async (ctx, next) => {
      await this.converse(ctx, { kind: 'message', text: ctx.activity.text, value: ctx.activity.value, locale: ctx.activity.locale });
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      // Greet once per conversation: when the bot itself joins, or the user does on channels that add the bot first.
      const others = (ctx.activity.membersAdded ?? []).filter((m) => m.id !== ctx.activity.recipient?.id);
      if (others.length) await this.converse(ctx, { kind: 'start', locale: ctx.activity.locale });
      await next();
    });
    this.onEvent(async (ctx, next) => {
      // Web Chat can send a start event with the page language; treat it as the conversation start.
      if (ctx.activity.name === 'webchat/join') await this.converse(ctx, { kind: 'start', locale: ctx.activity.locale });
      await next();
    });
  }

  private key(ctx: TurnContext): string {
    return `conversation/${ctx.activity.channelId}/${ctx.activity.conversation.id}`;
  }

  private async converse(ctx: TurnContext, input: Incoming): Promise<void> {
    if (ctx.activity.type !== ActivityTypes.Message && input.kind === 'message') return;
    const key = this.key(ctx);
    const stored = (await this.storage.read([key]))[key] as { state?: ConversationState } | undefined;
    const { state, replies } = this.conversation.turn(stored?.state, input);
    await this.storage.write({ [key]: { state } });
    for (const reply of replies) await ctx.sendActivity(toActivity(reply));
  }
}

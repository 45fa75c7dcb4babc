// A local Direct Line 3.0 (polling) for the chat on the municipal website: enough for
// botframework-directlinejs and Web Chat, with no Azure in between.
//
// The activity lists live in memory (bounded, idle ones expire); the conversation STATE lives in
// the Storage, so after a restart a client with a valid token simply carries on. Each list gets a
// fresh sequence base (microseconds at creation), which keeps activity ids and watermarks unique
// across restarts: Web Chat never mistakes a new reply for one it already has.
import { randomUUID } from 'node:crypto';
import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse, type Storage } from 'botbuilder';
import type { Logger } from 'pino';
import type { DirectLineActivity } from './validation.ts';

export const DIRECTLINE_CHANNEL = 'directline';
export const BOT_ACCOUNT = { id: 'meldwijzer', name: 'Meldwijzer', role: 'bot' } as const;

/** Anything that handles a turn: MeldwijzerBot (an ActivityHandler). */
export interface TurnHandler {
  run(context: TurnContext): Promise<void>;
}

/** A BotAdapter whose "channel" is an in-memory list: what the bot sends is appended to it. */
export class DirectLineAdapter extends BotAdapter {
  constructor(private readonly deliver: (conversationId: string, activity: Partial<Activity>) => string | undefined) {
    super();
  }

  /** Runs one incoming activity through the middleware and `logic` (bot.run). */
  async process(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, activity);
    try {
      await this.runMiddleware(context, logic);
    } finally {
      context.turnState.clear();
    }
  }

  override async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const out: ResourceResponse[] = [];
    for (const a of activities) {
      // 'delay' and 'trace' are for the connector and the Emulator, not for a visitor's screen.
      if (a.type === 'delay' || a.type === ActivityTypes.Trace) {
        out.push({ id: '' });
        continue;
      }
      const id = a.conversation?.id ? this.deliver(a.conversation.id, a) : undefined;
      out.push({ id: id ?? '' });
    }
    return out;
  }

  override async updateActivity(): Promise<void> {
    throw new Error('DirectLineAdapter: updating a sent activity is not supported');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('DirectLineAdapter: deleting a sent activity is not supported');
  }

  override async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.process(activity, logic);
  }
}

export interface DirectLineLimits {
  /** Conversations kept in memory; the least recently used idle one goes first. */
  maxConversations: number;
  /** Activities kept per conversation; the oldest go first. */
  maxActivities: number;
  /** A list untouched this long is dropped from memory (its state stays in the Storage). */
  idleMs: number;
}

export const DEFAULT_LIMITS: DirectLineLimits = { maxConversations: 2000, maxActivities: 300, idleMs: 2 * 60 * 60 * 1000 };

interface Listed {
  seq: number;
  activity: Partial<Activity>;
}

export interface Chat {
  readonly id: string;
  userId: string;
  locale?: string;
  base: number;
  next: number;
  activities: Listed[];
  touched: number;
  pending: number;
  queue: Promise<void>;
}

export interface DirectLineServiceOptions {
  bot: TurnHandler;
  storage: Storage;
  /** The Storage key where the bot keeps a conversation's state (to know a conversation exists after a restart). */
  stateKey: (channelId: string, conversationId: string) => string;
  log: Logger;
  limits?: Partial<DirectLineLimits>;
  /** Runs around every turn (e.g. logging what was sent); see server.ts. */
  middleware?: Parameters<BotAdapter['use']>;
}

export const CONVERSATION_ID = /^[A-Za-z0-9_-]{8,64}$/;

export class DirectLineService {
  readonly adapter: DirectLineAdapter;
  private readonly chats = new Map<string, Chat>();
  private readonly limits: DirectLineLimits;
  private lastBase = 0;

  constructor(private readonly options: DirectLineServiceOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.adapter = new DirectLineAdapter((conversationId, activity) => this.deliver(conversationId, activity));
    if (options.middleware?.length) this.adapter.use(...options.middleware);
    this.adapter.onTurnError = async (_context, error) => {
      options.log.error({ err: { name: error.name, message: error.message, stack: error.stack }, channel: DIRECTLINE_CHANNEL }, 'turn failed');
    };
  }

  get size(): number {
    return this.chats.size;
  }

  /** Opens a conversation and lets the bot greet: the welcome is in the list when this resolves. */
  async start(input: { userId?: string; locale?: string; channelData?: Record<string, unknown> }): Promise<Chat> {
    const chat = this.remember(randomUUID(), input.userId ?? `dl_${randomUUID().slice(0, 8)}`, input.locale);
    await this.enqueue(chat, async () => {
      await this.turn(chat, {
        type: ActivityTypes.ConversationUpdate,
        id: `${chat.id}|start`,
        timestamp: new Date(),
        membersAdded: [{ id: chat.userId, name: '', role: 'user' }],
        from: { id: chat.userId, name: '', role: 'user' },
        locale: chat.locale,
        ...(input.channelData && { channelData: input.channelData }),
      });
    });
    return chat;
  }

  /** The conversation in memory, or brought back from the Storage after a restart or expiry. */
  async find(conversationId: string, userId?: string): Promise<Chat | undefined> {
    if (!CONVERSATION_ID.test(conversationId)) return undefined;
    const known = this.chats.get(conversationId);
    if (known) {
      known.touched = Date.now();
      return known;
    }
    const key = this.options.stateKey(DIRECTLINE_CHANNEL, conversationId);
    const stored = await this.options.storage.read([key]);
    if (!stored[key]) return undefined;
    return this.remember(conversationId, userId || `dl_${randomUUID().slice(0, 8)}`);
  }

  /** Echoes the user's activity into the list (with its clientActivityID) and runs the bot's turn. */
  async post(chat: Chat, input: DirectLineActivity): Promise<string> {
    if (input.type === 'typing') return `${chat.id}|typing`; // the bot does nothing with typing; not worth a list entry
    let echoId = '';
    await this.enqueue(chat, async () => {
      const echo: Partial<Activity> = {
        type: input.type,
        timestamp: new Date(),
        channelId: DIRECTLINE_CHANNEL,
        conversation: { id: chat.id } as Activity['conversation'],
        from: { id: input.from?.id ?? chat.userId, name: input.from?.name ?? '', role: 'user' },
        recipient: { ...BOT_ACCOUNT },
        ...(input.text !== undefined && { text: input.text }),
        ...(input.textFormat && { textFormat: input.textFormat }),
        ...(input.value !== undefined && { value: input.value }),
        ...(input.name && { name: input.name }),
        ...(input.locale && { locale: input.locale }),
        ...(input.channelData && { channelData: { ...input.channelData } }),
      };
      echoId = this.append(chat, echo);
      await this.turn(chat, { ...echo, id: echoId });
    });
    return echoId;
  }

  /** Activities after `watermark` (all when absent or from before this list existed). */
  since(chat: Chat, watermark?: string): { activities: Partial<Activity>[]; watermark: string } {
    const w = watermark ? Number(watermark) : 0;
    const after = w >= chat.base ? w : 0;
    const activities = chat.activities.filter((a) => a.seq > after).map((a) => a.activity);
    const last = chat.activities.at(-1)?.seq ?? chat.base;
    return { activities, watermark: String(Math.max(last, after)) };
  }

  /** Resolves when every queued turn has finished (for a graceful stop). */
  async drain(): Promise<void> {
    for (;;) {
      const busy = [...this.chats.values()].filter((c) => c.pending > 0);
      if (!busy.length) return;
      await Promise.all(busy.map((c) => c.queue));
    }
  }

  /** Drops idle lists and keeps within the limits. Called on a timer by the server. */
  sweep(now = Date.now()): number {
    let dropped = 0;
    for (const [id, chat] of this.chats)
      if (chat.pending === 0 && now - chat.touched > this.limits.idleMs) {
        this.chats.delete(id);
        dropped++;
      }
    if (this.chats.size > this.limits.maxConversations) {
      const idle = [...this.chats.values()].filter((c) => c.pending === 0).sort((a, b) => a.touched - b.touched);
      for (const chat of idle.slice(0, this.chats.size - this.limits.maxConversations)) {
        this.chats.delete(chat.id);
        dropped++;
      }
    }
    return dropped;
  }

  private remember(id: string, userId: string, locale?: string): Chat {
    // Microseconds: a list made after a restart always starts above every id of the old one.
    const base = Math.max(Date.now() * 1000, this.lastBase + 1_000_000);
    this.lastBase = base;
    const chat: Chat = { id, userId, locale, base, next: base + 1, activities: [], touched: Date.now(), pending: 0, queue: Promise.resolve() };
    this.chats.set(id, chat);
    this.sweep();
    return chat;
  }

  /** Turns run one at a time per conversation, so replies stay in order. */
  private enqueue(chat: Chat, task: () => Promise<void>): Promise<void> {
    chat.pending++;
    chat.touched = Date.now();
    const run = chat.queue.then(task).finally(() => {
      chat.pending--;
      chat.touched = Date.now();
    });
    chat.queue = run.catch(() => undefined);
    return run;
  }

  private async turn(chat: Chat, activity: Partial<Activity>): Promise<void> {
    const incoming: Partial<Activity> = {
      ...activity,
      channelId: DIRECTLINE_CHANNEL,
      serviceUrl: 'urn:meldwijzer:directline',
      conversation: { id: chat.id } as Activity['conversation'],
      recipient: { ...BOT_ACCOUNT },
    };
    await this.adapter.process(incoming, (context) => this.options.bot.run(context));
  }

  private deliver(conversationId: string, activity: Partial<Activity>): string | undefined {
    const chat = this.chats.get(conversationId);
    if (!chat) return undefined;
    const { serviceUrl: _omit, ...rest } = activity;
    return this.append(chat, { ...rest, timestamp: new Date(), from: { ...BOT_ACCOUNT }, channelId: DIRECTLINE_CHANNEL });
  }

  private append(chat: Chat, activity: Partial<Activity>): string {
    const seq = chat.next++;
    const id = `${chat.id}|${seq}`;
    chat.activities.push({ seq, activity: { ...activity, id } });
    if (chat.activities.length > this.limits.maxActivities) chat.activities.splice(0, chat.activities.length - this.limits.maxActivities);
    chat.touched = Date.now();
    return id;
  }
}

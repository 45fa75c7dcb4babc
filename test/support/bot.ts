// Shared test helpers: the real knowledge base, and a conversation driven turn by turn.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Conversation, type ConversationState } from '../../bot/conversation/conversation.ts';
import type { Outgoing } from '../../bot/conversation/types.ts';
import { loadOrThrow, type Loaded } from '../../bot/knowledge/index.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

let cached: Loaded | undefined;
export function loaded(): Loaded {
  cached ??= loadOrThrow(ROOT);
  return cached;
}

export function conversationOn(date: string): Conversation {
  return new Conversation(loaded(), { now: () => new Date(`${date}T10:00:00Z`) });
}

/** A client talking to the core: `say` returns the replies of that turn. */
export class Client {
  state: ConversationState | undefined;
  last: Outgoing[] = [];
  constructor(
    readonly conversation: Conversation,
    readonly locale = 'nl-NL',
  ) {}
  start(): Outgoing[] {
    return this.turn({ kind: 'start', locale: this.locale });
  }
  say(text: string): Outgoing[] {
    return this.turn({ kind: 'message', text, locale: this.locale });
  }
  private turn(input: Parameters<Conversation['turn']>[1]): Outgoing[] {
    const r = this.conversation.turn(this.state, input);
    this.state = r.state;
    this.last = r.replies;
    return r.replies;
  }
  get reply(): Outgoing {
    return this.last[this.last.length - 1];
  }
}

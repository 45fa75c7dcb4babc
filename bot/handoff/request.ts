// A request a client leaves for their contact person, and its short reference.
import { randomBytes } from 'node:crypto';

/** Easy to read out on the phone: no 0/O or 1/I. */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function newReference(): string {
  return `MW-${[...randomBytes(6)].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

/** What the client confirmed, for the contact person. */
export interface CallbackRequest {
  /** Short reference the client gets, e.g. "MW-7K3Q9P". */
  reference: string;
  /** The client's language (nl, en, ar). */
  language: string;
  name: string;
  phone?: string;
  email?: string;
  contactPerson?: string;
  callTime?: string;
  /** In Dutch, whatever the client's language. */
  summary: string;
}

// A short reference for a request, easy to read out on the phone: no 0/O or 1/I.
import { randomBytes } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function newReference(): string {
  return `MW-${[...randomBytes(6)].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

// npm run eval — topic recognition on the public question set (test/questions.json).
// Exits non-zero below 90% strict top-1 accuracy.
import { resolve } from 'node:path';
import { Conversation } from '../bot/conversation/conversation.ts';
import { loadOrThrow } from '../bot/knowledge/index.ts';
import { measure, readQuestions } from './question-set.ts';

export const THRESHOLD = 0.9;
const root = resolve('.');
const questions = readQuestions(resolve(root, process.argv[2] ?? 'test/questions.json'));
const { understanding } = new Conversation(loadOrThrow(root));
const r = measure(understanding, questions);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(`questions: ${r.total}`);
console.log(`strict top-1 accuracy: ${pct(r.accuracy)} (${r.correct}/${r.total})`);
for (const [lng, l] of Object.entries(r.perLanguage)) console.log(`  ${lng}: ${pct(l.accuracy)} (${l.correct}/${l.total})`);
console.log(`clarify rate: ${pct(r.clarifyRate)}`);
console.log(`out of scope refused: ${r.outOfScope.refused}/${r.outOfScope.total}`);
if (r.confusions.length) {
  console.log('confusions (expected → got):');
  for (const c of r.confusions) console.log(`  [${c.lang}] ${c.expected} → ${c.got}: ${c.q}`);
}
if (r.accuracy < THRESHOLD) {
  console.error(`eval: accuracy ${pct(r.accuracy)} is below ${pct(THRESHOLD)}`);
  process.exit(1);
}

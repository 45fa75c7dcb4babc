// npm run kb:check — validates the knowledge base and works out every worked example.
// Exits non-zero on any problem; every problem names file, line and what is wrong.
import { resolve } from 'node:path';
import { loadAndCheck } from '../bot/knowledge/index.ts';

const root = resolve(process.argv[2] ?? '.');
const { loaded, errors } = loadAndCheck(root);
if (!loaded) {
  for (const e of errors) console.error(String(e));
  console.error(`\nkb:check: ${errors.length} problem(s) found. Nothing was changed.`);
  process.exit(1);
}
const topics = [...loaded.kb.topics.values()];
const examples = topics.reduce((n, t) => n + t.examples.length, 0);
console.log(
  `kb:check: OK — ${topics.length} topics, ${loaded.kb.parameters.ids().length} parameters, ` +
    `${examples} worked examples all give the expected answer; texts complete in nl, en and ar.`,
);

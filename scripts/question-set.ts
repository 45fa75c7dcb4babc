// Measures topic recognition on a question set: strict top-1 accuracy, clarify rate, out-of-scope handling.
// Used by `npm run eval` and by the accuracy test, so both report the same figure.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Language } from '../bot/i18n/i18n.ts';
import { PERSON, type Understanding } from '../bot/conversation/understand.ts';

export const questionSchema = z.array(z.strictObject({ q: z.string().min(1), lang: z.enum(['nl', 'en', 'ar']), topic: z.string().min(1) }));
export type Question = z.infer<typeof questionSchema>[number];

export function readQuestions(file: string): Question[] {
  return questionSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export interface Report {
  total: number;
  correct: number;
  accuracy: number;
  perLanguage: Record<Language, { total: number; correct: number; accuracy: number }>;
  clarifyRate: number;
  outOfScope: { total: number; refused: number };
  confusions: { q: string; lang: Language; expected: string; got: string }[];
}

/** What the bot did with a question, as one label: a topic id, 'contactpersoon', 'none' or 'clarify:a,b'. */
export function predict(u: Understanding, q: string): string {
  const r = u.understand(q);
  switch (r.type) {
    case 'topic':
      return r.topic;
    case 'person':
      return PERSON;
    case 'clarify':
      return `clarify:${r.candidates.join(',')}`;
    case 'none':
    case 'outofscope':
      return 'none';
    default:
      return r.type;
  }
}

export function measure(u: Understanding, questions: Question[]): Report {
  const perLanguage = { nl: { total: 0, correct: 0, accuracy: 0 }, en: { total: 0, correct: 0, accuracy: 0 }, ar: { total: 0, correct: 0, accuracy: 0 } };
  const confusions: Report['confusions'] = [];
  let correct = 0;
  let clarified = 0;
  const outOfScope = { total: 0, refused: 0 };
  for (const { q, lang, topic } of questions) {
    const got = predict(u, q);
    const ok = got === topic;
    perLanguage[lang].total += 1;
    if (ok) {
      correct += 1;
      perLanguage[lang].correct += 1;
    } else confusions.push({ q, lang, expected: topic, got });
    if (got.startsWith('clarify:')) clarified += 1;
    if (topic === 'none') {
      outOfScope.total += 1;
      if (got === 'none') outOfScope.refused += 1;
    }
  }
  for (const l of Object.values(perLanguage)) l.accuracy = l.total ? l.correct / l.total : 0;
  return { total: questions.length, correct, accuracy: correct / questions.length, perLanguage, clarifyRate: clarified / questions.length, outOfScope, confusions };
}

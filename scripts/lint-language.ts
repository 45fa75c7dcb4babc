// npm run lint:language — plain-language check of the client texts (issue "Measured quality").
// Scores every Dutch client text (Flesch-Douma with syllables from the Dutch hyphenation patterns,
// sentence lengths) against the B1 bar, and looks for forbidden words and threatening phrasings
// in every locale. The bar, the tolerance and the word list are the constants at the top of
// scripts/language.ts. Exits non-zero on any forbidden word or when too many texts are below the bar.
import { resolve } from 'node:path';
import { formatReport, lintLocales } from './language.ts';

const root = resolve(process.argv[2] ?? '.');
const report = lintLocales(resolve(root, 'locales'));
console.log(formatReport(report));
process.exit(report.pass ? 0 : 1);

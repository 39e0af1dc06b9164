/**
 * `npm run fuzz`: the validator's fuzz run alone (scripts/bench/fuzz.ts), its section written
 * into docs/performance.md. FUZZ_FILES (10000) and FUZZ_SEED change the run. Exits with 1 when a
 * file crashed the validator, took over a second or polluted a prototype.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { FUZZ_END, FUZZ_START, fuzzPassed, fuzzSection, fuzzValidator } from './bench/fuzz';

const OUT = 'docs/performance.md';
const result = fuzzValidator(
	Number(process.env.FUZZ_FILES ?? 10_000),
	Number(process.env.FUZZ_SEED ?? 20261206)
);
const section = fuzzSection(result);
console.log(section);
const doc = readFileSync(OUT, 'utf8');
const start = doc.indexOf(FUZZ_START);
const end = doc.indexOf(FUZZ_END);
const next =
	start >= 0 && end > start
		? doc.slice(0, start) + section + doc.slice(end + FUZZ_END.length)
		: `${doc.trimEnd()}\n\n${section}\n`;
writeFileSync(OUT, next);
process.exit(fuzzPassed(result) ? 0 : 1);

/**
 * Every code the engine can put in front of a trainee has its sentence in both languages: each
 * refusal, red flag, scoring rule and outcome factor named in the engine's source, read from
 * the source itself so that a new code without its message fails here rather than showing its
 * bare key (engine-text.ts falls back to the key).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(path, 'utf8');
const SOURCES = [
	'src/lib/engine/deal/deal-rules.ts',
	'src/lib/engine/deal/scoring.ts',
	'src/lib/engine/deal/scoring-v1.ts'
].map(read);
const TYPES = read('src/lib/engine/deal/types.ts');

/** The string literals of a union member of an interface in types.ts: `code: | 'a' | 'b';`. */
function union(name: string): string[] {
	const body = new RegExp(`interface ${name} \\{\\s*code:([^;]+);`).exec(TYPES)?.[1] ?? '';
	return [...body.matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1]);
}

const refusals = union('Refusal');
const flags = union('RedFlag');
const named = new Set(
	SOURCES.flatMap((source) => [
		// A `code:` property's value, to the end of the property: a literal or a choice of several.
		...[...source.matchAll(/\bcode:([^,}]*)[,}]/g)].flatMap((m) =>
			[...m[1].matchAll(/'([a-z0-9-]+)'/g)].map((q) => q[1])
		),
		...[...source.matchAll(/stageRule\(\s*'([a-z0-9-]+)'/g)].map((m) => m[1])
	])
);
const factors = [...named].filter((code) => code.startsWith('factor-'));
const rules = [...named].filter(
	(code) => !code.startsWith('factor-') && !refusals.includes(code) && !flags.includes(code)
);

const key = (prefix: string, code: string) => `${prefix}_${code.replaceAll('-', '_')}`;
const expected = [
	...refusals.map((c) => key('refusal', c)),
	...flags.map((c) => key('flag', c)),
	...factors.map((c) => key('factor', c.replace(/^factor-/, ''))),
	...rules.map((c) => key('rule', c))
];

describe('engine codes have messages', () => {
	it('finds the codes in the source (the reading is not empty)', () => {
		expect(refusals.length).toBeGreaterThan(10);
		expect(flags.length).toBeGreaterThan(4);
		expect(factors.length).toBeGreaterThanOrEqual(3);
		expect(rules.length).toBeGreaterThan(20);
	});

	it.each(['en', 'zh-CN'])('every refusal, flag, factor and rule has a %s sentence', (locale) => {
		const messages = JSON.parse(read(`messages/engine/${locale}.json`)) as Record<string, string>;
		const missing = expected.filter((k) => typeof messages[k] !== 'string' || !messages[k].trim());
		expect(missing).toEqual([]);
	});
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAttempt, parseScenario, validateScenarioText } from './parse-scenario';
import { pathToText, type JsonPath, type Problem } from './problem';
import { hasMessage } from './problem-messages';
import { scenarioHash } from './hash';
import en from '../../../../messages/validation/en.json';

const CATALOGUE: Record<string, string> = en;

const EXAMPLE = readFileSync(new URL('./fixtures/contract-example.json', import.meta.url), 'utf8');
const BASE: unknown = JSON.parse(EXAMPLE);
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

// Seeded, so that a failure can be replayed; the run counts keep the whole file to seconds.
/** A ceiling, not a target: a hang fails the test instead of stalling the suite. */
const TIMEOUT = 60_000;
const SETTINGS = {
	seed: Number(process.env.FC_SEED ?? 20261128),
	numRuns: Number(process.env.FC_RUNS ?? 120)
};

/** Problems about the whole text, which have no field to point at. */
const WHOLE_FILE = /^(file-|json-|not-object$)/;

function lines(text: string): string[] {
	return text.split(/\r\n|\r|\n/);
}

/** What every refusal and every warning must be, whatever the input. */
function expectWellFormed(
	text: string,
	result: { ok: boolean; errors?: Problem[]; warnings: Problem[] }
) {
	const errors = result.ok ? [] : (result.errors ?? []);
	if (!result.ok) expect(errors.length).toBeGreaterThan(0);
	const textLines = lines(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text);
	for (const problem of [...errors, ...result.warnings]) {
		expect(hasMessage(problem.code), problem.code).toBe(true);
		expect(problem.message.length).toBeGreaterThan(0);
		const key = `validation_${problem.code.replaceAll('-', '_')}`;
		const template =
			(problem.params.suggestion !== undefined ? CATALOGUE[`${key}_suggest`] : undefined) ??
			CATALOGUE[key];
		for (const [, placeholder] of template.matchAll(/\{(\w+)\}/g)) {
			// `{stage_id}` is the id behind the labelled `{stage}`.
			const name = placeholder.replace(/_id$/, '');
			expect(problem.params, `${problem.code} lacks {${name}}`).toHaveProperty(name);
		}
		expect(problem.pathText).toBe(pathToText(problem.path));
		if (
			problem.severity === 'error' &&
			!WHOLE_FILE.test(problem.code) &&
			text.trim().startsWith('{')
		) {
			expect(problem.path.length, `${problem.code} has no path`).toBeGreaterThan(0);
		}
		expect(problem.offset).toBeGreaterThanOrEqual(0);
		expect(problem.offset + problem.length).toBeLessThanOrEqual(text.length);
		const before = text.slice(0, problem.offset);
		const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
		expect([problem.line, problem.column]).toEqual([
			lines(before).length,
			problem.offset - lineStart + 1
		]);
		expect(problem.line).toBeGreaterThanOrEqual(1);
		expect(problem.line).toBeLessThanOrEqual(textLines.length);
		expect(problem.column).toBeGreaterThanOrEqual(1);
		expect(problem.column).toBeLessThanOrEqual((textLines[problem.line - 1]?.length ?? 0) + 1);
	}
	expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/** Every path of a JSON value, the root included. */
function paths(value: unknown, at: JsonPath = []): JsonPath[] {
	const found: JsonPath[] = [at];
	if (Array.isArray(value)) value.forEach((item, i) => found.push(...paths(item, [...at, i])));
	else if (typeof value === 'object' && value !== null) {
		for (const [key, item] of Object.entries(value)) found.push(...paths(item, [...at, key]));
	}
	return found;
}
const BASE_PATHS = paths(BASE);

function parentOf(root: unknown, path: JsonPath): unknown {
	let here = root;
	for (const segment of path.slice(0, -1)) {
		if (typeof here !== 'object' || here === null) return undefined;
		here = (here as Record<string | number, unknown>)[segment];
	}
	return here;
}

/** Sets a property as JSON.parse would: an own property, even when it is called __proto__. */
function define(target: object, key: string | number, value: unknown) {
	Object.defineProperty(target, key, {
		value,
		enumerable: true,
		writable: true,
		configurable: true
	});
}

const keys = fc.oneof(
	fc.constantFrom('__proto__', 'constructor', 'prototype', 'toJSON', 'peolpe', 'role', 'known'),
	fc.string({ maxLength: 12 })
);
const mutation = fc.record({
	at: fc.nat({ max: BASE_PATHS.length - 1 }),
	op: fc.constantFrom('replace', 'delete', 'add-key', 'rename', 'duplicate'),
	value: fc.jsonValue({ maxDepth: 3 }),
	key: keys
});

function mutate(ops: { at: number; op: string; value: unknown; key: string }[]) {
	const root = structuredClone(BASE) as Record<string, unknown>;
	for (const { at, op, value, key } of ops) {
		const path = BASE_PATHS[at];
		const parent = parentOf(root, path) as Record<string | number, unknown> | undefined;
		const last = path[path.length - 1];
		if (path.length === 0 || typeof parent !== 'object' || parent === null || !(last in parent)) {
			if (op === 'add-key') define(root, key, value);
			continue;
		}
		const target = parent[last];
		if (op === 'replace') define(parent, last, value);
		else if (op === 'delete') {
			if (Array.isArray(parent)) parent.splice(Number(last), 1);
			else delete parent[last];
		} else if (op === 'add-key' && typeof target === 'object' && target && !Array.isArray(target)) {
			define(target, key, value);
		} else if (op === 'rename' && !Array.isArray(parent)) {
			delete parent[last];
			define(parent, key, target);
		} else if (op === 'duplicate' && Array.isArray(parent)) {
			parent.push(structuredClone(target));
		}
	}
	return JSON.stringify(root, null, '\t');
}

describe('the validator on hostile input', () => {
	afterAll(() => {
		expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
	}, TIMEOUT);

	it(
		'never throws on random mutations of a valid scenario, and explains every refusal',
		() => {
			fc.assert(
				fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ops) => {
					const text = mutate(ops);
					const result = validateScenarioText(text);
					expectWellFormed(text, result);
					// The value it accepts is the value written, key for key.
					if (result.ok) expect(result.value).toEqual(JSON.parse(text));
				}),
				SETTINGS
			);
		},
		TIMEOUT
	);

	it(
		'never throws on random edits of the text, and agrees with JSON.parse on what is JSON',
		() => {
			const edits = fc.array(
				fc.record({
					at: fc.nat({ max: EXAMPLE.length }),
					remove: fc.nat({ max: 4 }),
					insert: fc.oneof(
						fc.string({ maxLength: 3 }),
						fc.constantFrom(',', '}', ']', '"', '//', '\\', '\t', '<b>', '1e999', '[[[')
					)
				}),
				{ minLength: 1, maxLength: 3 }
			);
			fc.assert(
				fc.property(edits, (changes) => {
					let text = EXAMPLE;
					for (const { at, remove, insert } of changes) {
						text = text.slice(0, at) + insert + text.slice(at + remove);
					}
					const result = validateScenarioText(text);
					expectWellFormed(text, result);
					const syntaxError =
						!result.ok && result.errors.some((p) => /^(json-|file-)/.test(p.code));
					let parses = true;
					try {
						JSON.parse(text);
					} catch {
						parses = false;
					}
					expect(syntaxError).toBe(!parses);
				}),
				SETTINGS
			);
		},
		TIMEOUT
	);

	it(
		'never throws on random JSON and random text',
		async () => {
			await fc.assert(
				fc.asyncProperty(
					fc.oneof(
						fc.json({ maxDepth: 4 }),
						fc.string({ unit: 'binary', maxLength: 200 }),
						fc
							.jsonValue({ maxDepth: 3 })
							.map((value) => JSON.stringify({ format: 'sales-sim/scenario@1', people: value }))
					),
					async (text) => {
						const result = await parseScenario(text);
						expectWellFormed(text, result);
						expectWellFormed(text, parseAttempt(text));
					}
				),
				{ ...SETTINGS, numRuns: Math.ceil(SETTINGS.numRuns * 0.75) }
			);
		},
		TIMEOUT
	);

	it('hashes the same value the same whatever the key order', async () => {
		await fc.assert(
			fc.asyncProperty(fc.object({ maxDepth: 3 }), async (value) => {
				const reversed = JSON.parse(JSON.stringify(value), (_, item) =>
					item && typeof item === 'object' && !Array.isArray(item)
						? Object.fromEntries(Object.entries(item).reverse())
						: item
				);
				const plain = JSON.parse(JSON.stringify(value));
				expect(await scenarioHash(reversed)).toBe(await scenarioHash(plain));
			}),
			{ ...SETTINGS, numRuns: Math.ceil(SETTINGS.numRuns / 2) }
		);
	});
});

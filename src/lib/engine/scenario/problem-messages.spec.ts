import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import en from '../../../../messages/validation/en.json';
import zhCN from '../../../../messages/validation/zh-CN.json';
import { hasMessage, renderMessage } from './problem-messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Codes the validator and the command line emit, found in their source. */
function emittedCodes(): string[] {
	const sources = [
		...readdirSync(new URL('.', import.meta.url))
			.filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
			.map((name) => new URL(name, import.meta.url)),
		new URL('../../../../scripts/cli/check.ts', import.meta.url)
	];
	const codes = new Set<string>();
	const patterns = [
		/\bcode: '([a-z][a-z-]+)'/g,
		/\b(?:push|error|warning|missing|problem|fileProblem|numberProblem)\(\s*'([a-z][a-z-]+)'/g,
		/\[\d+\]: '(json-[a-z-]+)'/g,
		/^\s+\d+: '([a-z-]+)',?$/gm,
		/\['[^']*', '([a-z]+-[a-z-]+)'\]/g,
		/\bcode = '([a-z][a-z-]+)'/g,
		/\? '([a-z]+-[a-z-]+)'\s*:\s*'([a-z]+-[a-z-]+)'/g,
		/, '([a-z]+-format)'\]/g,
		/\?\? '([a-z]+-format)'/g
	];
	for (const file of sources) {
		const text = readFileSync(file, 'utf8');
		for (const pattern of patterns) {
			for (const match of text.matchAll(pattern))
				match.slice(1).forEach((code) => code && codes.add(code));
		}
	}
	// Built from the deal engine's check failures: `check-${failure.code}`.
	for (const failure of ['outcome', 'min-score', 'max-score']) codes.add(`check-${failure}`);
	return [...codes].sort();
}

describe('the validation catalogues', () => {
	it('have the same keys and placeholders in English and Chinese, none empty', () => {
		const english: Record<string, string> = en;
		const chinese: Record<string, string> = zhCN;
		expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
		for (const [key, text] of Object.entries(english)) {
			expect(text.trim(), key).not.toBe('');
			expect(chinese[key].trim(), key).not.toBe('');
			expect(placeholders(chinese[key]), key).toEqual(placeholders(text));
		}
	});

	it('hold a message for every code the validator emits', () => {
		const codes = emittedCodes();
		// The scan must find the codes, or it proves nothing.
		expect(codes).toEqual(expect.arrayContaining(['invalid-enum', 'json-comment', 'weights-sum']));
		expect(codes.length).toBeGreaterThan(50);
		expect(codes.filter((code) => !hasMessage(code))).toEqual([]);
	});
});

describe('renderMessage', () => {
	it.each([
		['text-empty', {}, 'en', 'This text is empty; write the text.'],
		['text-empty', {}, 'zh-CN', '这段文本是空的；请填写内容。'],
		[
			'wrong-type',
			{ expected: 'object', received: 'array' },
			'zh-CN',
			'此处应为对象，实际是列表。'
		],
		[
			'invalid-enum',
			{ found: 'vist', what: 'activity', allowed: '"visit"', suggestion: 'visit' },
			'en',
			'"vist" is not an activity type; did you mean "visit"? Allowed: "visit".'
		],
		[
			'invalid-enum',
			{ found: 'x', what: 'activity', allowed: '"visit"' },
			'en',
			'"x" is not an activity type. Allowed: "visit".'
		],
		['no-such-code', {}, 'en', 'no-such-code']
	] as const)('%s in %s', (code, params, locale, text) => {
		expect(renderMessage(code, params, locale)).toBe(text);
	});
});

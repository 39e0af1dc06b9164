import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { exportedAttempt } from '../deal/fixtures/exported-attempt';
import { parseScenario } from '../scenario/parse-scenario';
import type { ExportedAttempt } from '../scenario/schema';
import {
	attemptCode,
	attemptLink,
	decodeAttemptCode,
	encodeAttemptText,
	inflate,
	splitCodes,
	startsCode
} from './attempt-code';
import { itemFromCode, lookupOf, verifyAttempt } from './verify-attempt';

const shipped = await Promise.all(
	readdirSync('scenarios')
		.filter((file) => file.endsWith('.json'))
		.map(async (file) => {
			const parsed = await parseScenario(readFileSync(`scenarios/${file}`, 'utf8'));
			if (!parsed.ok) throw new Error(`${file} does not validate`);
			return { file, scenario: parsed.scenario, hash: parsed.hash };
		})
);
const lookup = lookupOf(shipped);

/** The exported attempt of a scenario's first check (its model path), played by `player`. */
function modelAttempt(index: number, player: string): ExportedAttempt {
	const known = shipped[index];
	return exportedAttempt(
		known,
		known.scenario.checks![0].actions,
		{ player, team: '华东一组' },
		{ categories: true }
	);
}

describe('attempt codes', () => {
	it('finds every shipped scenario', () => expect(shipped.length).toBeGreaterThanOrEqual(10));

	it.each(shipped.map((s, index) => [s.file, index] as const))(
		'carries the model path of %s through a code and a link, and it verifies',
		async (_, index) => {
			const attempt = modelAttempt(index, '李娜');
			const code = attemptCode(attempt);
			expect(code).toMatch(/^SSA1:[0-9a-f]{8}\.[0-9a-z]+\.[A-Za-z0-9+$-]+$/);
			const decoded = decodeAttemptCode(code);
			expect(decoded).toEqual({ ok: true, text: JSON.stringify(attempt) });
			const link = attemptLink('https://train.example.org/sim/scoreboard/import', attempt);
			expect(link.startsWith('https://train.example.org/sim/scoreboard/import#attempt=SSA1:')).toBe(
				true
			);
			expect(decodeAttemptCode(link)).toEqual(decoded);
			if (!decoded.ok) return;
			const verdict = await verifyAttempt(decoded.text, lookup, {
				now: Date.parse('2026-12-05T09:00:00.000Z')
			});
			expect(verdict).toMatchObject({ status: 'accepted', attempt: { player: '李娜' } });
			// A code is shorter than the JSON it carries, and short enough for a chat message.
			expect(code.length).toBeLessThan(JSON.stringify(attempt).length);
		}
	);

	const attempt = modelAttempt(0, '张伟');
	const code = attemptCode(attempt);

	it.each([
		[
			'with line breaks a chat added',
			code.slice(0, 40) + '\n' + code.slice(40, 90) + '\r\n' + code.slice(90)
		],
		['with spaces where a program turned + into a space', code.replaceAll('+', ' ')],
		['with spaces around it', `   ${code}  `],
		[
			'in a link whose fragment was percent-escaped',
			`https://x.org/scoreboard/import#attempt=${encodeURIComponent(code)}`
		],
		[
			'in a link with another fragment key',
			`https://x.org/scoreboard/import#lang=zh&attempt=${code}`
		]
	])('reads a code %s', (_, input) => {
		expect(decodeAttemptCode(input)).toEqual({ ok: true, text: JSON.stringify(attempt) });
	});

	it.each([
		['plain text', 'hello there', 'not-a-code'],
		['a link without an attempt', 'https://x.org/scoreboard/import#lang=zh', 'not-a-code'],
		['the JSON itself', JSON.stringify(attempt), 'not-a-code'],
		['a code of a newer version', code.replace('SSA1:', 'SSA2:'), 'code-version'],
		['a code cut off at the end', code.slice(0, -10), 'code-cut-off'],
		['a code cut off in its header', code.slice(0, 9), 'code-cut-off'],
		['the prefix alone', 'SSA1:', 'code-cut-off'],
		['a code with characters appended', code + 'AbC', 'code-corrupted'],
		[
			'a code with a character changed',
			code.slice(0, 60) + (code[60] === 'Q' ? 'R' : 'Q') + code.slice(61),
			'code-corrupted'
		],
		[
			'a code with a character outside its alphabet',
			code.slice(0, 60) + '*' + code.slice(61),
			'code-corrupted'
		],
		[
			'a code with a wrong checksum',
			code.replace(/^SSA1:[0-9a-f]{8}/, 'SSA1:00000000'),
			'code-corrupted'
		],
		['a header that is not one', 'SSA1:zz!', 'code-corrupted']
	])('refuses %s with a reason', (_, input, reason) => {
		expect(decodeAttemptCode(input)).toMatchObject({ ok: false, reason });
	});

	it('refuses a small code that would expand past 1 MiB, without expanding it', () => {
		const payload = LZString.compressToEncodedURIComponent('a'.repeat(1_100_000));
		expect(payload.length).toBeLessThan(10_000);
		const bomb = `SSA1:00000000.${payload.length.toString(36)}.${payload}`;
		expect(decodeAttemptCode(bomb)).toMatchObject({ ok: false, reason: 'code-too-large' });
	});

	it('splits pasted text into codes, joining a code a chat wrapped over lines', () => {
		const link = `https://x.org/scoreboard/import#attempt=${code}`;
		const pasted = `${code.slice(0, 50)}\n${code.slice(50)}\n\n  ${link}\r\n\r\nnonsense\n${code}`;
		expect(splitCodes(pasted)).toEqual([code, link, 'nonsense', code]);
		expect(splitCodes('\n  \n')).toEqual([]);
	});

	it('makes batch items of codes: the text, or the refusal', () => {
		expect(itemFromCode('Code 1', code)).toEqual({
			label: 'Code 1',
			text: JSON.stringify(attempt)
		});
		expect(itemFromCode('Code 2', code.slice(0, 50))).toMatchObject({
			label: 'Code 2',
			refused: { status: 'refused', reason: 'code-cut-off' }
		});
	});

	it('tells where a pasted code or link starts', () => {
		expect(startsCode(code)).toBe(true);
		expect(startsCode(`  https://x.org/scoreboard/import#attempt=${code}`)).toBe(true);
		expect(startsCode(code.slice(30))).toBe(false);
		expect(startsCode('')).toBe(false);
	});
});

describe('inflate (bounded lz-string decompression)', () => {
	it('gives what lz-string gives for any text, and refuses any cut that changes it', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }), (text) => {
				const payload = LZString.compressToEncodedURIComponent(text);
				expect(inflate(payload, 1e6)).toEqual({ ok: true, text });
				expect(LZString.decompressFromEncodedURIComponent(payload)).toBe(text);
				const code = encodeAttemptText(text);
				for (let cut = 'SSA1:'.length; cut < code.length; cut++) {
					expect(decodeAttemptCode(code.slice(0, cut))).toMatchObject({
						ok: false,
						reason: 'code-cut-off'
					});
				}
			}),
			{ numRuns: 150 }
		);
	});
});

import { describe, expect, it } from 'vitest';
import { formatCode, normalizeCode } from './class-code';
import { hubOrigin, lookUpClass } from './hub-client';

describe('hubOrigin', () => {
	it.each([
		['https://training.example.com/join?class=X', 'https://training.example.com'],
		[' http://localhost:4173 ', 'http://localhost:4173'],
		['ftp://example.com', undefined],
		['javascript:alert(1)', undefined],
		['not a url', undefined]
	])('%s → %s', (input, expected) => expect(hubOrigin(input)).toBe(expected));
});

describe('class codes', () => {
	it('reads a code as typed and shows it in groups', () => {
		expect(normalizeCode('7kq2-m9xd-4trb')).toBe('7KQ2M9XD4TRB');
		expect(normalizeCode('7KQ2 M9XD 4TRU')).toBeUndefined();
		expect(formatCode('7KQ2M9XD4TRB')).toBe('7KQ2-M9XD-4TRB');
	});
});

describe('lookUpClass', () => {
	const answer = (status: number, body: unknown) => async () => Response.json(body, { status });
	it.each([
		[answer(200, { code: '7KQ2M9XD4TRB', name: 'Spring', joinUrl: 'x' }), 'found'],
		[answer(404, { error: 'unknown-class' }), 'unknown'],
		[answer(429, {}), 'rate-limited'],
		[answer(502, {}), 'unreachable'],
		[answer(200, { name: '<b>no code</b>' }), 'unreachable'],
		[
			async () => {
				throw new TypeError('Failed to fetch');
			},
			'unreachable'
		]
	])('an answer → %s', async (fetcher, kind) => {
		const result = await lookUpClass('https://hub.example.com', '7kq2-m9xd-4trb', fetcher);
		expect(result.kind).toBe(kind);
	});

	it('refuses a wrong code or address before asking', async () => {
		const never = async () => {
			throw new Error('must not be called');
		};
		expect((await lookUpClass('https://hub.example.com', 'short', never)).kind).toBe('bad-code');
		expect((await lookUpClass('hub', '7KQ2M9XD4TRB', never)).kind).toBe('bad-hub');
	});
});

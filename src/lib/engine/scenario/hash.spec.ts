import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson, scenarioHash, scenarioHashSync, sha256 as sha256Fallback } from './hash';

/** SHA-256 by Node's own crypto, independently of Web Crypto. */
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('canonical JSON (RFC 8785)', () => {
	it.each([
		[
			'keys sorted, no whitespace',
			{ b: 2, a: [1, 'x', true, null] },
			'{"a":[1,"x",true,null],"b":2}'
		],
		['nested objects sorted too', { c: { z: 1.5, y: -0 } }, '{"c":{"y":0,"z":1.5}}'],
		[
			'shortest number forms',
			[1e21, 0.000001, 1e-7, JSON.parse('333333333.33333329'), 100],
			'[1e+21,0.000001,1e-7,333333333.3333333,100]'
		],
		[
			'keys sorted by UTF-16 code units (RFC 8785 §3.2.3)',
			{
				'\u20ac': 'Euro Sign',
				'\r': 'Carriage Return',
				'\ufb33': 'Hebrew Letter Dalet With Dagesh',
				'1': 'One',
				'\ud83d\ude00': 'Emoji: Grinning Face',
				'\u0080': 'Control',
				'\u00f6': 'Latin Small Letter O With Diaeresis'
			},
			'{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}'
		],
		['texts escaped minimally', { t: 'a"b\\c\n\u0001é' }, '{"t":"a\\"b\\\\c\\n\\u0001é"}']
	])('%s', (_, value, canonical) => {
		expect(canonicalJson(value)).toBe(canonical);
	});
});

describe('scenarioHash', () => {
	it.each([
		[{ b: 2, a: [1, 'x', true, null] }, '{"a":[1,"x",true,null],"b":2}'],
		[{}, '{}'],
		[{ title: '城市第二医院' }, '{"title":"城市第二医院"}']
	])('is the SHA-256 of the canonical JSON in lower-case hex', async (value, canonical) => {
		expect(await scenarioHash(value)).toBe(sha256(canonical));
	});

	it('does not depend on key order or whitespace', async () => {
		const text = readFileSync(new URL('./fixtures/contract-example.json', import.meta.url), 'utf8');
		const value = JSON.parse(text);
		const reordered = JSON.parse(JSON.stringify(value, Object.keys(value).reverse()));
		const [a, b, c] = await Promise.all([
			scenarioHash(value),
			scenarioHash(JSON.parse(JSON.stringify(value))),
			scenarioHash({ ...reordered, ...value })
		]);
		expect(a).toBe(b);
		expect(a).toBe(c);
		expect(a).toMatch(/^[0-9a-f]{64}$/);
	});

	it('changes with any change of content', async () => {
		const a = await scenarioHash({ version: 1, title: 'A' });
		expect(await scenarioHash({ version: 2, title: 'A' })).not.toBe(a);
		expect(await scenarioHash({ version: 1, title: 'A ' })).not.toBe(a);
	});

	it.each([
		['NaN', { n: NaN }],
		['Infinity', [Infinity]],
		['a toJSON key, which the canonicalizer would not sort', { toJSON: 1, b: 1, a: 2 }]
	])('refuses %s', async (_, value) => {
		await expect(scenarioHash(value)).rejects.toThrow(TypeError);
	});
});

describe('sha256, the fallback where Web Crypto is missing', () => {
	const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

	it.each([
		['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
		['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
		[
			'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
			'248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'
		]
	])('gives the FIPS 180-4 digest of "%s"', (text, digest) => {
		expect(hex(sha256Fallback(new TextEncoder().encode(text)))).toBe(digest);
	});

	it('agrees with Node on inputs around every block boundary', () => {
		for (let length = 0; length <= 200; length++) {
			const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
			expect(hex(sha256Fallback(bytes)), `length ${length}`).toBe(
				createHash('sha256').update(bytes).digest('hex')
			);
		}
	});

	it('gives scenarioHashSync the same result as scenarioHash', async () => {
		const value = JSON.parse(
			readFileSync(new URL('./fixtures/contract-example.json', import.meta.url), 'utf8')
		);
		expect(scenarioHashSync(value)).toBe(await scenarioHash(value));
	});

	it('gives scenarioHash the same result without Web Crypto', async () => {
		const value = { b: [1, 2], a: '城市' };
		const expected = await scenarioHash(value);
		const subtle = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
		Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
		try {
			expect(await scenarioHash(value)).toBe(expected);
		} finally {
			if (subtle) Object.defineProperty(globalThis, 'crypto', subtle);
		}
	});
});

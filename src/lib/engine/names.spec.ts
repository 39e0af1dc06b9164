import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanName, hasHiddenCharacters, lookalikeKey, lookalikeOf, nameKey } from './names';

/** The full cleaning, as names.ts defines it, without its fast path for plain ASCII names. */
function fullClean(raw: string): string {
	const chars = [...raw.normalize('NFC')];
	let out = '';
	for (let i = 0; i < chars.length; i++) {
		const char = chars[i];
		if (char === '\u200d') {
			const pictograph = /\p{Extended_Pictographic}/u;
			if (pictograph.test(chars[i - 1] ?? '') && pictograph.test(chars[i + 1] ?? '')) out += char;
			continue;
		}
		if (/[\t\n\r\v\f]/.test(char)) out += ' ';
		else if (!/[\p{Cf}\p{Cc}]/u.test(char)) out += char;
	}
	return out.replace(/\s+/gu, ' ').trim();
}

describe('cleanName', () => {
	it.each([
		['Team <B>', 'Team <B>'],
		['Chen <Jr>', 'Chen <Jr>'],
		['  Li   Na ', 'Li Na'],
		['Li\u200bNa', 'LiNa'],
		['Li Na\u202e', 'Li Na'],
		['\u2066Wang\u2069 Wei', 'Wang Wei'],
		['\ufeffZhao', 'Zhao'],
		['A\u00adB', 'AB'],
		['Li\tNa\n', 'Li Na'],
		// NFC: "e" + combining acute becomes one "é".
		['Jose\u0301', 'José'],
		['👨\u200d👩\u200d👧 family', '👨\u200d👩\u200d👧 family'],
		['=SUM(A1)', '=SUM(A1)'],
		['李娜 🎉', '李娜 🎉']
	])('%j → %j', (raw, clean) => {
		expect(cleanName(raw)).toBe(clean);
	});

	it('takes its fast path for plain ASCII names only where the full cleaning agrees', () => {
		// ASCII of every kind (controls, tabs, runs of spaces) and names around it.
		const ascii = fc.string({
			unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
			maxLength: 30
		});
		const any = fc.oneof(ascii, fc.string({ unit: 'grapheme', maxLength: 30 }));
		fc.assert(
			fc.property(any, (raw) => {
				const clean = fullClean(raw);
				expect(cleanName(raw)).toBe(clean);
				expect(nameKey(raw)).toBe(
					clean.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()
				);
			}),
			{ numRuns: 3000 }
		);
	});

	it('says when a name hides something', () => {
		expect(hasHiddenCharacters('Li\u200b Na')).toBe(true);
		expect(hasHiddenCharacters('  Li Na ')).toBe(false);
		expect(hasHiddenCharacters('Team <B>')).toBe(false);
	});
});

describe('lookalikeKey', () => {
	it.each([
		['Li Na', 'LI  NА'],
		['Li Na', 'Ll Na'],
		['Li Na', 'Li-Na'],
		['Wang Wei', 'Ｗａｎｇ Ｗｅｉ'],
		['Olga', '0lga'],
		['Modern', 'Modem'],
		['José', 'Jose']
	])('%j looks like %j', (a, b) => {
		expect(lookalikeKey(a)).toBe(lookalikeKey(b));
	});

	it.each([
		['Li Na', 'Li Ma'],
		['李娜', '李那'],
		['Team 🎉', 'Team 🎈']
	])('%j does not look like %j', (a, b) => {
		expect(lookalikeKey(a)).not.toBe(lookalikeKey(b));
	});

	it('finds an existing look-alike, but not the same name', () => {
		const key = (n: string) => n.toLowerCase();
		expect(lookalikeOf('Li Nа', ['Wang Wei', 'Li Na'], key)).toBe('Li Na');
		expect(lookalikeOf('li na', ['Li Na'], key)).toBeUndefined();
		expect(lookalikeOf('Zhao', ['Li Na'], key)).toBeUndefined();
	});
});

import { describe, expect, it } from 'vitest';
import { cleanName, hasHiddenCharacters, lookalikeKey, lookalikeOf } from './names';

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

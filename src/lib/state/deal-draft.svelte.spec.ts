import { describe, expect, it } from 'vitest';
import { DealDraft, parseDraft, type DraftStorage } from './deal-draft.svelte';

function memory(): DraftStorage & { map: Map<string, string> } {
	const map = new Map<string, string>();
	return {
		map,
		getItem: (key) => map.get(key) ?? null,
		setItem: (key, value) => void map.set(key, value),
		removeItem: (key) => void map.delete(key)
	};
}

describe('parseDraft', () => {
	const empty = { activity: 'visit', people: [] };
	it.each([
		['nothing stored', null, empty],
		['not JSON', '{oops', empty],
		['not an object', '42', empty],
		[
			'a whole draft',
			'{"activity":"gift","people":["a","b"],"forecast":{"stage":"system-design","percent":40},"decision":{"id":"d","option":"o"}}',
			{
				activity: 'gift',
				people: ['a', 'b'],
				forecast: { stage: 'system-design', percent: 40 },
				decision: { id: 'd', option: 'o' }
			}
		],
		['an unknown activity', '{"activity":"bribe","people":["a"]}', { ...empty, people: ['a'] }],
		['people that are not ids', '{"people":["a",3,null]}', { ...empty, people: ['a'] }],
		['a forecast out of range', '{"forecast":{"stage":"system-design","percent":140}}', empty],
		['a forecast in no stage', '{"forecast":{"stage":"lunch","percent":40}}', empty],
		['a decision without its option', '{"decision":{"id":"d"}}', empty]
	])('%s', (_, text, expected) => {
		expect(parseDraft(text)).toEqual(expected);
	});
});

describe('DealDraft', () => {
	it('keeps each deal its own draft across a reload, and forgets it when discarded', () => {
		const storage = memory();
		const draft = new DealDraft();
		draft.open('deal-1', storage);
		draft.activity = 'telephone';
		draft.people = ['sun-jie'];
		draft.forecast = { stage: 'discover-needs', percent: 15 };
		draft.decision = { id: 'budget', option: 'range' };
		draft.save();

		const reloaded = new DealDraft();
		reloaded.open('deal-1', storage);
		expect(reloaded.data).toEqual(draft.data);
		expect(reloaded.forecastIn('discover-needs')).toBe(15);
		expect(reloaded.forecastIn('internal-deliberation')).toBeUndefined();
		expect(reloaded.optionFor('budget')).toBe('range');
		expect(reloaded.optionFor('other')).toBeUndefined();

		const other = new DealDraft();
		other.open('deal-2', storage);
		expect(other.data).toEqual({ activity: 'visit', people: [] });

		reloaded.discard();
		expect(storage.map.size).toBe(0);
	});

	it('keeps a deal that is not saved in memory only', () => {
		const storage = memory();
		const draft = new DealDraft();
		draft.open(undefined, storage);
		draft.people = ['x'];
		draft.save();
		expect(storage.map.size).toBe(0);
	});
});

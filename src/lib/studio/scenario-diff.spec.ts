import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateScenarioText } from '$lib/engine/scenario/parse-scenario';
import type { Scenario } from '$lib/engine/scenario/schema';
import { diffScenarios, textPieces } from './scenario-diff';

function read(file: string, ...edits: [string, string][]): Scenario {
	let text = readFileSync(file, 'utf8');
	for (const [from, to] of edits) {
		if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
		text = text.replace(from, to);
	}
	const result = validateScenarioText(text);
	if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
	return result.scenario;
}

// The first version, as it shipped: the diff's expectations name its figures.
const HOSPITAL = 'scenarios/archive/city-hospital-his@1.json';

describe('diffScenarios', () => {
	it('finds nothing between a version and itself, nor in the version number', () => {
		const v1 = read(HOSPITAL);
		expect(diffScenarios(v1, v1).entries).toEqual([]);
		expect(diffScenarios(v1, read(HOSPITAL, ['"version": 1', '"version": 2'])).entries).toEqual([]);
	});

	it('sorts changes into people, texts, numbers and the rest, people named', () => {
		const v1 = read(HOSPITAL);
		const v2 = read(
			HOSPITAL,
			['"attitude": "neutral"', '"attitude": "supporter"'],
			['"budget": 40000', '"budget": 35000'],
			['Nobody has asked for quotations yet.', 'Nobody has asked for prices yet.']
		);
		const { entries, counts } = diffScenarios(v1, v2);
		expect(counts).toEqual({ people: 1, texts: 1, numbers: 1, other: 0 });
		const [person, text, number] = entries;
		expect(person).toMatchObject({
			section: 'people',
			change: 'changed',
			place: [
				{ kind: 'key', key: 'people' },
				{ kind: 'person', id: v1.people[0].id, name: 'Zhao Ming' },
				{ kind: 'key', key: 'attitude' }
			],
			before: 'neutral',
			after: 'supporter'
		});
		expect(text.place.slice(0, 2)).toEqual([
			{ kind: 'key', key: 'stages' },
			{ kind: 'stage', stage: 'discover-needs' }
		]);
		expect(text.pieces?.filter((p) => p.change !== 'same').map((p) => [p.change, p.text])).toEqual([
			['removed', 'quotations'],
			['added', 'prices']
		]);
		expect(number).toMatchObject({ section: 'numbers', before: 40000, after: 35000 });
	});

	it('compares people by id: one added is one change, not a shift of everyone after', () => {
		const v1 = read(HOSPITAL);
		const v2 = structuredClone(v1);
		v2.people.splice(1, 0, { ...v1.people[1], id: 'new-person', name: 'New Person' });
		const { entries } = diffScenarios(v1, v2);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			section: 'people',
			change: 'added',
			place: [{ kind: 'key' }, { kind: 'person', id: 'new-person', name: 'New Person' }]
		});
		const back = diffScenarios(v2, v1).entries;
		expect(back.map((e) => e.change)).toEqual(['removed']);
	});

	it('shows a list of plain values whole', () => {
		const v1 = read(HOSPITAL);
		const v2 = structuredClone(v1);
		v2.tags = [...(v1.tags ?? []), 'new-tag'];
		const { entries } = diffScenarios(v1, v2);
		expect(entries).toEqual([
			expect.objectContaining({ change: 'changed', before: v1.tags, after: v2.tags })
		]);
	});
});

describe('textPieces', () => {
	it('marks whole Chinese words, not single characters, with a segmenter', () => {
		const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });
		const pieces = textPieces('我们去年的售后满意度掉了', '我们今年的售后满意度掉了', segmenter);
		expect(pieces.map((p) => p.text).join('')).not.toBe('');
		expect(pieces.filter((p) => p.change === 'removed').map((p) => p.text)).toEqual(['去年']);
		expect(pieces.filter((p) => p.change === 'added').map((p) => p.text)).toEqual(['今年']);
	});
});

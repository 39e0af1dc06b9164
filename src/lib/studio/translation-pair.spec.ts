import { describe, expect, it } from 'vitest';
import { testScenarioInput } from '$lib/engine/deal/fixtures/test-scenario';
import { scenarioSchema, type Scenario } from '$lib/engine/scenario/schema';
import { pairTranslation } from './translation-pair';

const TEXT_KEYS = ['title', 'summary', 'name', 'profile', 'text', 'feedback', 'prompt', 'brief'];

/** The fixture "translated": every text marked, the file's own fields changed. */
function translated(input: unknown, mark = (text: string) => `【${text}】`): unknown {
	if (Array.isArray(input)) return input.map((item) => translated(item, mark));
	if (typeof input !== 'object' || input === null) return input;
	return Object.fromEntries(
		Object.entries(input).map(([key, value]) => [
			key,
			typeof value === 'string' && TEXT_KEYS.includes(key) ? mark(value) : translated(value, mark)
		])
	);
}

const original = scenarioSchema.parse(testScenarioInput);
// The file as JSON, edited freely by each case before the schema reads it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Editable = Record<string, any>;
function translation(edit: (s: Editable) => void = () => {}): Scenario {
	const value = structuredClone(translated(testScenarioInput)) as Editable;
	value.id = 'test-plant-zh';
	value.locale = 'zh-CN';
	value.translationOf = { id: 'test-plant', locale: 'en' };
	edit(value);
	return scenarioSchema.parse(value);
}

describe('pairTranslation', () => {
	it('pairs every text of a faithful translation, with no mismatch', () => {
		const pair = pairTranslation(original, translation());
		expect(pair.mismatches).toEqual([]);
		expect(pair.flagged).toBe(0);
		const title = pair.rows.find((row) => row.path.join('.') === 'title');
		expect(title).toMatchObject({ original: original.title, translation: `【${original.title}】` });
		const gm = pair.rows.find((row) => row.path.join('.') === 'people.gm.name');
		expect(gm?.place[1]).toMatchObject({ kind: 'person', id: 'gm' });
		// Every row has both sides, and each original text appears once.
		expect(pair.rows.every((row) => row.original && row.translation)).toBe(true);
		expect(new Set(pair.rows.map((row) => row.path.join('.'))).size).toBe(pair.rows.length);
	});

	it('names each difference of structure', () => {
		const pair = pairTranslation(
			original,
			translation((s) => {
				s.people[0].influence = s.people[0].influence === 5 ? 4 : 5;
				s.people.pop();
				s.resources.budget += 1000;
			})
		);
		const byKind = (kind: string) =>
			pair.mismatches.filter((x) => x.kind === kind).map((x) => x.path.join('.'));
		const first = original.people[0].id;
		const last = original.people[original.people.length - 1].id;
		expect(byKind('different')).toEqual(
			expect.arrayContaining([`people.${first}.influence`, 'resources.budget'])
		);
		expect(byKind('only-original')).toEqual([`people.${last}`]);
		expect(byKind('only-translation')).toEqual([]);
		// The missing person's texts are rows with one side.
		expect(pair.rows.find((row) => row.path.join('.') === `people.${last}.name`)).toMatchObject({
			flag: 'missing',
			translation: undefined
		});
	});

	it('flags a text changed on one side since its previous version and kept on the other', () => {
		const before = original;
		const translationBefore = translation();
		const after = scenarioSchema.parse({
			...testScenarioInput,
			version: 2,
			title: 'A new title',
			summary: 'A new summary'
		});
		const translationAfter = translation((s) => {
			s.version = 2;
			s.summary = '【A new summary】';
			s.customer.background = '新的背景';
		});
		const pair = pairTranslation(after, translationAfter, {
			original: before,
			translation: translationBefore
		});
		const flag = (path: string) => pair.rows.find((row) => row.path.join('.') === path)?.flag;
		expect(flag('title')).toBe('original-changed');
		expect(flag('summary')).toBeUndefined();
		expect(flag('customer.background')).toBe('translation-changed');
		expect(pair.flagged).toBe(2);
		// Without the previous versions nothing can be said of changes.
		expect(pairTranslation(after, translationAfter).flagged).toBe(0);
	});
});

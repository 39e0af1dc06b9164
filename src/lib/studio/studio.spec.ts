import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runChecks } from '$lib/engine/deal/checks';
import { validateScenarioText } from '$lib/engine/scenario/parse-scenario';
import { MAX_FILE_BYTES } from '$lib/engine/scenario/safe-json';
import {
	editorPhrases,
	schemaDescriptions,
	translateSchema,
	typeInfo,
	untranslated
} from './editor-language';
import { readScenarioFile } from './import-file';
import { overviewModel } from './overview';
import { nextVersion, publishPlan, type KnownVersion } from './publish-plan';
import {
	appendAt,
	arrayLength,
	duplicateText,
	fileName,
	pathSpan,
	readHeader,
	setPath,
	setVersion,
	uniqueId
} from './scenario-text';
import { blankScenario } from './template';

const hospital = readFileSync('scenarios/city-hospital-his.json', 'utf8');

describe('blankScenario', () => {
	for (const locale of ['en', 'zh-CN'] as const) {
		it(`is a valid scenario without warnings whose checks pass (${locale})`, () => {
			const result = validateScenarioText(blankScenario(locale, 'my-deal'));
			expect(result.ok && result.warnings).toEqual([]);
			if (!result.ok) return;
			expect(result.scenario).toMatchObject({ id: 'my-deal', version: 1, locale });
			const checks = runChecks(result.scenario);
			expect(checks.length).toBeGreaterThan(0);
			expect(checks.every((check) => check.passed)).toBe(true);
		});
	}

	it('writes format 2, with a threat headed off by method rather than by one key', () => {
		const value = JSON.parse(blankScenario('en', 'my-deal'));
		expect(value.format).toBe('sales-sim/scenario@2');
		const [threat] = value.stages['system-design'].events;
		expect(threat).toMatchObject({ when: 'end', defence: { role: 'designer', fit: 'good' } });
		expect(threat.unless).toBeUndefined();
		expect(threat.headedOff).toEqual(expect.any(String));
	});
});

describe('scenario text edits', () => {
	it('sets the version and keeps every other character', () => {
		const next = setVersion(hospital, 7);
		expect(next.replace('"version": 7', '"version": 2')).toBe(hospital);
	});

	it('reads the header of a broken text as far as it goes', () => {
		expect(readHeader('{"id": "a-b", "version": 2, "title": "T", "people": [')).toEqual({
			id: 'a-b',
			version: 2,
			title: 'T'
		});
		expect(readHeader('not json')).toEqual({});
		expect(readHeader('[1]')).toEqual({});
	});

	it.each([
		['deal', [], 'deal'],
		['deal', ['deal'], 'deal-2'],
		['deal', ['deal', 'deal-2'], 'deal-3'],
		['a'.repeat(64), ['a'.repeat(64)], `${'a'.repeat(62)}-2`]
	])('uniqueId(%s) avoids %j', (base, taken, expected) => {
		expect(uniqueId(base, new Set(taken))).toBe(expected);
	});

	it('duplicates as a new scenario: free id, version 1, title marked as a copy', () => {
		const copy = duplicateText(setVersion(hospital, 3), new Set(['city-hospital-his-copy']));
		const result = validateScenarioText(copy);
		expect(result.ok).toBe(true);
		expect(readHeader(copy)).toMatchObject({
			id: 'city-hospital-his-copy-2',
			version: 1,
			title: 'City Hospital: a new information system (copy)'
		});
		const zh = readFileSync('scenarios/zh-bank-branch-terminals.json', 'utf8');
		expect(readHeader(duplicateText(zh, new Set())).title).toMatch(/（副本）$/);
	});

	it.each([
		['city-hospital-his', 2, 'city-hospital-his-v2.json'],
		[undefined, undefined, 'scenario.json'],
		['../x', 1, '---x-v1.json']
	])('fileName(%s, %s) is %s', (id, version, expected) => {
		expect(fileName(id, version)).toBe(expected);
	});
});

describe('publishPlan', () => {
	const known: KnownVersion[] = [
		{ version: 1, hash: 'a', source: 'shipped' },
		{ version: 2, hash: 'b', source: 'published' },
		{ version: 3, hash: 'c', source: 'retired' }
	];
	it.each([
		[{ version: 4, hash: 'd' }, { kind: 'publish' }],
		[{ version: 9, hash: 'd' }, { kind: 'publish' }],
		[
			{ version: 2, hash: 'b' },
			{ kind: 'unchanged', source: 'published' }
		],
		[
			{ version: 1, hash: 'a' },
			{ kind: 'unchanged', source: 'shipped' }
		],
		[
			{ version: 2, hash: 'x' },
			{ kind: 'needs-version', next: 4, highest: 3 }
		],
		[
			{ version: 3, hash: 'x' },
			{ kind: 'needs-version', next: 4, highest: 3 }
		]
	])('%j → %j', (draft, plan) => {
		expect(publishPlan(draft, known)).toEqual(plan);
	});

	it('a new id publishes under any version', () => {
		expect(publishPlan({ version: 1, hash: 'a' }, [])).toEqual({ kind: 'publish' });
		expect(nextVersion([])).toBe(1);
		expect(nextVersion(known)).toBe(4);
	});
});

describe('readScenarioFile', () => {
	const file = (content: BlobPart, name = 'x.json') => Object.assign(new Blob([content]), { name });
	const tooBig = {
		name: 'big.json',
		size: MAX_FILE_BYTES + 1,
		arrayBuffer: () => Promise.reject(new Error('must not be read'))
	};

	it.each([
		['a valid scenario', file(hospital), 'text', []],
		['not JSON', file('hello'), 'text', ['json-invalid-symbol']],
		['the wrong format', file('{"format": "sales-sim/attempt@1"}'), 'text', ['format-wrong-kind']],
		[
			'a dangerous key',
			file(hospital.replace('"tags": [', '"__proto__": {"x": 1}, "tags": [')),
			'text',
			['forbidden-key']
		],
		[
			'HTML in a text',
			file(hospital.replace('"Hospital Director"', '"<img src=x onerror=alert(1)>"')),
			'text',
			['html-markup']
		],
		['over 1 MiB, refused unread', tooBig, 'refused', ['file-too-large']],
		['not UTF-8', file(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), 'refused', ['file-encoding']]
	])('%s', async (_, input, kind, codes) => {
		const read = await readScenarioFile(input);
		expect(read.kind).toBe(kind);
		expect(read.errors.map((p) => p.code)).toEqual(codes);
		expect(read.errors.every((p) => p.message.length > 10)).toBe(true);
		if (read.kind === 'text' && input instanceof Blob) expect(read.text).toBe(await input.text());
	});
});

describe('overviewModel', () => {
	it('groups the people by department, decision level first, and places intel and decisions', () => {
		const result = validateScenarioText(hospital);
		if (!result.ok) throw new Error('the shipped scenario must be valid');
		const model = overviewModel(result.scenario);
		const people = model.departments.flatMap((d) => d.levels.flatMap((l) => l.people));
		expect(people).toHaveLength(result.scenario.people.length);
		const leadership = model.departments.find((d) => d.department === 'leadership')!;
		expect(leadership.levels[0].level).toBe('decision');
		const director = people.find((p) => p.person.id === 'dean-zhao')!;
		expect(director.keyStages).toContain('commitment');
		expect(model.stages.map((s) => s.stage)).toHaveLength(6);
		expect(model.stages.flatMap((s) => s.intel)).toHaveLength(result.scenario.intel.length);
		const design = model.stages.find((s) => s.stage === 'system-design')!;
		expect(design.decisions.map((decision) => decision.id)).toEqual(['reference-clause']);
		expect(Object.values(design.events[0].personNames)).toContain('Wang Lei');
		const hidden = people.filter((p) => !p.person.known);
		expect(hidden.every((p) => p.revealedBy.length > 0)).toBe(true);
		// Named by what the trainee learns, not by the intel's id.
		const revealing = result.scenario.intel.find((i) => i.reveals === hidden[0].person.id)!;
		expect(hidden[0].revealedBy).toContainEqual({ id: revealing.id, text: revealing.text });
	});

	it('includes the strategy key, the score weights and the checks', () => {
		const result = validateScenarioText(hospital);
		if (!result.ok) throw new Error('the shipped scenario must be valid');
		const model = overviewModel(result.scenario);
		expect(model.strategy.best).toBe(result.scenario.strategy.best);
		expect(model.weights.reduce((sum, w) => sum + w.weight, 0)).toBe(100);
		expect(model.weightsDefault).toBe(result.scenario.scoring === undefined);
		expect(model.checks.map((c) => c.name)).toEqual(result.scenario.checks!.map((c) => c.name));
		expect(model.checks[0].actions).toBe(result.scenario.checks![0].actions.length);
		const own = structuredClone(result.scenario);
		own.scoring = {
			weights: {
				roles: 30,
				focus: 10,
				activities: 15,
				strategy: 10,
				intel: 10,
				decisions: 10,
				forecast: 5,
				outcome: 10
			}
		};
		const weighted = overviewModel(own);
		expect(weighted.weightsDefault).toBe(false);
		expect(weighted.weights.find((w) => w.category === 'roles')?.weight).toBe(30);
	});
});

describe('the editor in Chinese', () => {
	it('has a Chinese text for every description in the scenario JSON Schema', () => {
		const schema = JSON.parse(readFileSync('static/scenario.schema.json', 'utf8'));
		expect(schemaDescriptions(schema).size).toBeGreaterThan(30);
		expect(untranslated(schema, 'zh-CN')).toEqual([]);
		const translated = translateSchema(schema, 'zh-CN');
		expect(translated.properties.title.description).toBe('案例标题。');
		// The English schema is not changed by its translation.
		expect(schema.properties.title.description).toBe('The scenario’s title.');
	});

	it('translates CodeMirror’s phrases and the type words', () => {
		const phrases = editorPhrases('zh-CN');
		expect(phrases.Find).toBe('查找');
		expect(phrases['replace all']).toBe('全部替换');
		expect(Object.values(phrases).every((text) => /[\u4e00-\u9fff]/.test(text))).toBe(true);
		expect(typeInfo({ type: 'integer' }, 'zh-CN')).toBe('整数');
		expect(typeInfo({ type: 'string', enum: ['won', 'lost'] }, 'zh-CN')).toBe(
			'可选值: `won` 或 `lost`'
		);
		expect(typeInfo({ type: 'string', pattern: '^a$' }, 'en')).toBe('string · pattern: `^a$`');
	});
});

describe('form edits keep the trainer’s formatting', () => {
	const text = '{\n  "a": {"b": 1},   // a comment\n\t"list": [ 1, 2 ]\n}\n';
	const cases: [string, (t: string) => string, string][] = [
		[
			'sets a value in place',
			(t) => setPath(t, ['a', 'b'], 2),
			'{\n  "a": {"b": 2},   // a comment\n\t"list": [ 1, 2 ]\n}\n'
		],
		[
			'removes a value',
			(t) => setPath(t, ['a', 'b'], undefined),
			'{\n  "a": {},   // a comment\n\t"list": [ 1, 2 ]\n}\n'
		],
		[
			'appends to a list, laid out in the file’s indentation',
			(t) => appendAt(t, ['list'], 3),
			'{\n  "a": {"b": 1},   // a comment\n\t"list": [ 1, 2,\n    3 ]\n}\n'
		],
		[
			'creates a missing list as an indented block',
			(t) => appendAt(t, ['a', 'c'], 'x'),
			'{\n  "a": {"b": 1,\n    "c": [\n      "x"\n    ]},   // a comment\n\t"list": [ 1, 2 ]\n}\n'
		]
	];
	for (const [name, edit, expected] of cases) {
		it(name, () => expect(edit(text)).toBe(expected));
	}

	it('counts a list and finds where a value is written', () => {
		expect(arrayLength(text, ['list'])).toBe(2);
		expect(arrayLength(text, ['a'])).toBe(0);
		const span = pathSpan(text, ['list', 1]);
		expect(text.slice(span.offset, span.offset + span.length)).toBe('2');
		// A property is selected from its key; a missing path falls back to what encloses it.
		const b = pathSpan(text, ['a', 'b']);
		expect(text.slice(b.offset, b.offset + b.length)).toBe('"b": 1');
		const missing = pathSpan(text, ['a', 'zzz']);
		expect(text.slice(missing.offset, missing.offset + missing.length)).toBe('"a": {"b": 1}');
	});

	it('removes what it added, leaving the file exactly as it was', () => {
		const blank = blankScenario('en', 'my-deal');
		for (const list of [['people'], ['intel'], ['stages', 'system-design', 'events'], ['checks']]) {
			const added = appendAt(blank, list, { id: 'new', text: 'New' });
			const removed = setPath(added, [...list, arrayLength(added, list) - 1], undefined);
			expect(removed, list.join('.')).toBe(blank);
		}
		// An item in the middle goes with its comma, and the next item keeps its line.
		const withoutSecond = setPath(blank, ['people', 1], undefined);
		expect(JSON.parse(withoutSecond).people.map((p: { id: string }) => p.id)).toEqual(
			JSON.parse(blank)
				.people.filter((_: unknown, i: number) => i !== 1)
				.map((p: { id: string }) => p.id)
		);
		expect(withoutSecond).toMatch(/\},\n\t\t\{\n\t\t\t"id"/);
	});

	it('adds a check to the blank scenario that still validates and passes', () => {
		const blank = blankScenario('en', 'my-deal');
		const next = appendAt(blank, ['checks'], {
			name: 'second',
			seed: 0,
			actions: [{ type: 'withdraw' }],
			expect: { outcome: 'withdrawn' }
		});
		expect(next.startsWith(blank.slice(0, blank.indexOf('"checks"')))).toBe(true);
		const result = validateScenarioText(next);
		expect(result.ok).toBe(true);
		if (result.ok) expect(runChecks(result.scenario).map((c) => c.passed)).toEqual([true, true]);
	});
});

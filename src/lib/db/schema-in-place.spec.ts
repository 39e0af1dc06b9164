import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtSchema } from '$lib/engine/built-schema';
import { testScenarioInput } from '$lib/engine/deal/fixtures/test-scenario';
import { classBackup } from './backup-fixture';
import { RECORD_SCHEMAS, TABLE_NAMES, attemptRecordSchema, type TableName } from './records';
import { inPlaceCheck } from './schema-in-place';
import { installBlobReading, testStorage, type TestStorage } from './test-support';

/** The same data, fields in the same order: what Zod's output must be for the value to stand. */
function sameOrdered(a: unknown, b: unknown): boolean {
	if (Object.is(a, b)) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
	const keys = Reflect.ownKeys(a);
	const other = Reflect.ownKeys(b);
	return (
		keys.length === other.length &&
		keys.every(
			(key, i) =>
				key === other[i] &&
				sameOrdered(
					(a as Record<PropertyKey, unknown>)[key],
					(b as Record<PropertyKey, unknown>)[key]
				)
		)
	);
}

/** The claim under test: true only where Zod accepts the value and returns an equal one. */
function expectSound(schema: z.ZodType, value: unknown): boolean {
	const inPlace = inPlaceCheck(schema)(value);
	if (inPlace) {
		const parsed = schema.safeParse(value);
		expect(parsed.success, JSON.stringify(value)).toBe(true);
		expect(sameOrdered(parsed.data, value), JSON.stringify(value)).toBe(true);
	}
	return inPlace;
}

/** Rows of every table as the app writes them, read back through a backup file. */
let rows: Map<TableName, Record<string, unknown>[]>;
let s: TestStorage;
beforeAll(async () => {
	installBlobReading();
	s = testStorage();
	const east = await s.teams.create('East');
	const li = await s.players.create('Li Na', east.id);
	const zhao = await s.players.create('赵敏', null);
	for (const [player, score] of [
		[li, 72.5],
		[zhao, 88]
	] as const)
		await s.attempts.add({
			scenarioId: 'test-plant',
			scenarioVersion: 1,
			scenarioHash: 'f'.repeat(64),
			playerId: player.id,
			mode: 'assessment',
			seed: 7,
			startedAt: 1000,
			finishedAt: 5000,
			actions: [
				{ type: 'strategy', strategy: 'farming' },
				{ type: 'chart', person: 'gm', role: 'decision-maker', attitude: 'supporter' },
				{ type: 'activity', activity: 'visit', people: ['gm'] },
				{ type: 'forecast', probability: 0.4 },
				{ type: 'withdraw' }
			],
			result: { outcome: 'withdrawn', score, categories: { strategy: 10, roles: 3.5 } },
			weeksUsed: 3,
			verified: true,
			source: 'local'
		});
	const deal = await s.deals.start({
		scenarioId: 'test-plant',
		scenarioVersion: 1,
		scenarioHash: 'f'.repeat(64),
		playerId: li.id,
		mode: 'practice',
		snapshot: { value: 'discover-needs', context: { at: 0, nested: { list: [1, 'two', null] } } },
		snapshotVersion: 1
	});
	await s.deals.recordAction(deal.id, { type: 'advance' }, { value: 'internal-deliberation' });
	await s.scenarios.save(JSON.stringify(testScenarioInput), 'published');
	await s.competitions.create({
		name: 'Spring cup',
		scenarios: [{ id: 'test-plant', version: 1 }],
		from: 1000,
		to: 2000
	});
	await s.settings.set('currentPlayerId', li.id);
	await s.settings.set('persistence', { askedAt: 1000, granted: true });
	await s.kpiTargets.create({
		metric: 'skill:roles',
		comparator: 'at-least',
		threshold: 0.8,
		scope: { kind: 'team', teamId: east.id }
	});
	await s.practice.assign({
		assigneeKind: 'player',
		assigneeId: li.id,
		scenarioId: 'test-plant',
		scenarioVersion: 1,
		skill: null,
		due: 3000,
		by: null
	});
	const file = JSON.parse(await (await s.backup.export()).text()) as {
		data: { data: { tableName: TableName; rows: Record<string, unknown>[] }[] };
	};
	// Without the marks dexie-export-import puts on every array (backup-service.ts's reviveRow).
	for (const t of file.data.data) for (const row of t.rows) delete row.$types;
	rows = new Map(file.data.data.map((t) => [t.tableName, t.rows]));
	const fixture = classBackup(20, { players: 4, teams: 2 });
	rows.set('attempts', [...rows.get('attempts')!, ...fixture.attempts]);
});
afterAll(() => s.db.close());

const schemaOf = (table: TableName): z.ZodType => RECORD_SCHEMAS[table];

describe('inPlaceCheck', () => {
	it('takes the rows the app writes as they are, in every table', () => {
		for (const table of TABLE_NAMES) {
			const list = rows.get(table) ?? [];
			if (table !== 'attemptActions') expect(list.length, table).toBeGreaterThan(0);
			for (const row of list) expect(expectSound(schemaOf(table), row), table).toBe(true);
		}
	});

	it('walks the schema a lazy one stands for, as the record schemas are built', () => {
		// The same check as the inner schema's own: not Zod's parse and a comparison of its copy.
		const lazy = z.lazy(() => builtSchema(attemptRecordSchema));
		expect(inPlaceCheck(lazy)).toBe(inPlaceCheck(builtSchema(attemptRecordSchema)));
		expect(inPlaceCheck(attemptRecordSchema)).toBe(inPlaceCheck(lazy));
		const [attempt] = rows.get('attempts')!;
		expect(expectSound(lazy, attempt)).toBe(true);
		expect(expectSound(lazy, { ...attempt, weeksUsed: -1 })).toBe(false);
	});

	it('asks Zod where Zod would change the value or refuse it', () => {
		const [attempt] = rows.get('attempts')!;
		const check = (value: unknown, schema: z.ZodType = attemptRecordSchema) =>
			expectSound(schema, value);
		// A name Zod cleans, fields in another order, a field too many or missing, a wrong value.
		expect(check({ ...attempt, playerName: '  Li   Na ' })).toBe(false);
		expect(check(Object.fromEntries(Object.entries(attempt).reverse()))).toBe(false);
		expect(check({ ...attempt, extra: 1 })).toBe(false);
		expect(check({ ...attempt, id: undefined })).toBe(false);
		expect(check({ ...attempt, weeksUsed: 1.5 })).toBe(false);
		expect(check({ ...attempt, boardKey: [1, 2, 3] })).toBe(false);
		expect(check(JSON.parse(`{"__proto__": 1, ${JSON.stringify(attempt).slice(1)}`))).toBe(false);
		// Zod fills a default in: an activity without its people.
		const actions = RECORD_SCHEMAS.attemptActions;
		expect(check({ id: 'a', actions: [{ type: 'activity', activity: 'visit' }] }, actions)).toBe(
			false
		);
		expect(
			check({ id: 'a', actions: [{ type: 'activity', activity: 'visit', people: [] }] }, actions)
		).toBe(true);
		// An object of another prototype is Zod's to copy.
		expect(check(Object.assign(Object.create(null), attempt))).toBe(false);
		// Absent optional fields are fine.
		const { seed: _seed, ...withoutSeed } = attempt;
		expect(check(withoutSeed)).toBe(true);
	});

	it('says true only where Zod accepts the value unchanged, for rows changed anywhere', () => {
		const leaves: unknown[] = [
			undefined,
			null,
			'',
			' ',
			'x',
			'Li Na',
			' Li  Na ',
			'中文',
			'\uD800',
			'a'.repeat(65),
			'a'.repeat(81),
			'0'.repeat(64),
			'F'.repeat(64),
			'test-plant',
			'Test-Plant',
			'withdrawn',
			'assessment',
			'imported',
			'strategy',
			'visit',
			'gm',
			-1,
			-0,
			0,
			0.5,
			1,
			2,
			100,
			101,
			2 ** 32,
			1e16,
			Number.NaN,
			Infinity,
			true,
			false,
			[],
			{},
			[1, 2, 3, 4],
			['gm'],
			{ strategy: 1 },
			{ bogus: 1 }
		];
		const tables = TABLE_NAMES.filter((t) => (rows.get(t) ?? []).length > 0);
		fc.assert(
			fc.property(
				fc.constantFrom(...tables),
				fc.nat(),
				fc.nat(),
				fc.constantFrom('replace', 'delete', 'add', 'reorder'),
				fc.constantFrom(...leaves.keys()),
				(table, pick, where, how, leaf) => {
					const list = rows.get(table)!;
					const value = structuredClone(list[pick % list.length]);
					change(value, where, how, leaves[leaf]);
					expectSound(schemaOf(table), value);
				}
			),
			{ numRuns: 20_000 }
		);
	}, 60_000);

	it('keeps to schemas of every kind it walks, and leaves the others to Zod', () => {
		const schemas: [z.ZodType, unknown[]][] = [
			[
				z.strictObject({ a: z.string().optional(), b: z.number().nullable() }),
				[{ b: null }, { a: 'x', b: 1 }, { b: 1, a: 'x' }, { a: undefined, b: 1 }, { a: 'x' }]
			],
			// Stripping objects drop what they do not know: never the value itself then.
			[z.object({ a: z.string() }), [{ a: 'x' }, { a: 'x', b: 1 }]],
			// Loose objects keep it: left to Zod.
			[z.looseObject({ a: z.string() }), [{ a: 'x' }, { a: 'x', b: 1 }]],
			[z.tuple([z.number(), z.string()]), [[1, 'a'], [1], [1, 'a', 2]]],
			[z.tuple([z.number()], z.string()), [[1], [1, 'a']]],
			// eslint-disable-next-line no-sparse-arrays -- a hole, which Zod's copy fills
			[z.array(z.number()).min(2), [[1], [1, 2], [1, , 3]]],
			[
				z.strictObject({ a: z.number(), b: z.number() }).refine((v) => v.a < v.b),
				[
					{ a: 1, b: 2 },
					{ a: 2, b: 1 }
				]
			],
			[z.string().trim(), ['x', ' x']],
			[z.string().transform((v) => v.toLowerCase()), ['x', 'X']],
			[z.record(z.string(), z.number()), [{ a: 1 }, { a: 'x' }]],
			[z.union([z.number(), z.string().transform((v) => v.length)]), [1, 'abc']],
			[z.strictObject({ a: z.number().default(1) }), [{}, { a: 2 }]],
			[z.number().default(1), [undefined, 2]],
			// A check that replaces the value.
			[z.array(z.number()).overwrite((list) => [...list].reverse()), [[1, 2]]],
			[z.strictObject({ toString: z.string() }), [{ toString: 'x' }]],
			[z.number(), [1, Number.NaN, Infinity, -0]],
			[z.int(), [1, 1.5, 2 ** 53]],
			[z.json(), [{ a: [1, null, { b: 'c' }] }, [undefined]]]
		];
		for (const [schema, values] of schemas) for (const value of values) expectSound(schema, value);
		expect(inPlaceCheck(z.strictObject({ a: z.number().default(1) }))({ a: 2 })).toBe(true);
		expect(inPlaceCheck(z.object({ a: z.string() }))({ a: 'x', b: 1 })).toBe(false);
		expect(inPlaceCheck(z.array(z.number()).min(2))([1, 2])).toBe(true);
		expect(inPlaceCheck(z.array(z.number()).min(2))([1])).toBe(false);
	});
});

/** Changes `value` in place at the `where`-th of its objects and arrays, nested ones included. */
function change(value: unknown, where: number, how: string, leaf: unknown): void {
	const containers: (Record<string, unknown> | unknown[])[] = [];
	const walk = (v: unknown) => {
		if (typeof v !== 'object' || v === null) return;
		containers.push(v as Record<string, unknown>);
		for (const item of Object.values(v)) walk(item);
	};
	walk(value);
	const target = containers[where % containers.length];
	if (Array.isArray(target)) {
		if (how === 'delete') target.pop();
		else if (how === 'add') target.push(leaf);
		else if (how === 'reorder') target.reverse();
		else if (target.length > 0) target[where % target.length] = leaf;
		return;
	}
	const keys = Object.keys(target);
	if (how === 'add') target[`extra${where % 3}`] = leaf;
	else if (how === 'reorder') {
		const entries = Object.entries(target).reverse();
		for (const key of keys) delete target[key];
		for (const [key, item] of entries) target[key] = item;
	} else if (keys.length > 0) {
		const key = keys[where % keys.length];
		if (how === 'delete') delete target[key];
		else target[key] = leaf;
	}
}

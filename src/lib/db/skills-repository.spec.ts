import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRecordError } from './errors';
import { SCHEMA_VERSIONS } from './database';
import { installBlobReading, testStorage, upgradeFrom, type TestStorage } from './test-support';

beforeAll(installBlobReading);

let open: TestStorage[] = [];
afterEach(() => {
	for (const s of open) s.db.close();
	open = [];
});
function track(s: TestStorage): TestStorage {
	open.push(s);
	return s;
}

const DAY = 24 * 3600 * 1000;

describe('KPI targets', () => {
	it('stores, lists in the order defined, and removes targets', async () => {
		let clock = 1000;
		const s = track(testStorage({ now: () => clock }));
		const roles = await s.kpiTargets.create({
			metric: 'skill:roles',
			comparator: 'at-least',
			threshold: 0.8,
			scope: { kind: 'class' }
		});
		clock = 2000;
		const brier = await s.kpiTargets.create({
			metric: 'brier',
			comparator: 'at-most',
			threshold: 0.15,
			scope: { kind: 'team', teamId: 'east' }
		});
		expect(roles.createdAt).toBe(1000);
		expect((await s.kpiTargets.list()).map((t) => t.id)).toEqual([roles.id, brier.id]);
		await s.kpiTargets.remove(roles.id);
		expect(await s.kpiTargets.list()).toEqual([brier]);
	});

	// [name, bad definition]
	const bad: [string, Record<string, unknown>][] = [
		[
			'a percent instead of a share',
			{ metric: 'win-rate', comparator: 'at-least', threshold: 80, scope: { kind: 'class' } }
		],
		[
			'an unknown metric',
			{ metric: 'charm', comparator: 'at-least', threshold: 0.5, scope: { kind: 'class' } }
		],
		[
			'a team without its id',
			{ metric: 'brier', comparator: 'at-most', threshold: 0.1, scope: { kind: 'team' } }
		]
	];
	it.each(bad)('refuses %s', async (_, definition) => {
		const s = track(testStorage());
		await expect(s.kpiTargets.create(definition as never)).rejects.toBeInstanceOf(
			InvalidRecordError
		);
		expect(await s.kpiTargets.list()).toEqual([]);
	});
});

describe('practice', () => {
	it("gives a trainee their own practice and their team's, soonest due first", async () => {
		const s = track(testStorage({ now: () => 5 }));
		const base = {
			scenarioId: 'city-hospital-his',
			scenarioVersion: 1,
			skill: 'intel' as const,
			by: 'Ms Wang'
		};
		const team = await s.practice.assign({
			...base,
			assigneeKind: 'team',
			assigneeId: 'east',
			due: 3 * DAY
		});
		const own = await s.practice.assign({
			...base,
			assigneeKind: 'player',
			assigneeId: 'li',
			due: 2 * DAY
		});
		await s.practice.assign({ ...base, assigneeKind: 'player', assigneeId: 'bo', due: DAY });
		expect((await s.practice.forPlayer('li', 'east')).map((p) => p.id)).toEqual([own.id, team.id]);
		expect((await s.practice.forPlayer('li', null)).map((p) => p.id)).toEqual([own.id]);
		expect(own).toMatchObject({ assignedAt: 5, by: 'Ms Wang', skill: 'intel' });
		expect((await s.practice.list()).map((p) => p.due)).toEqual([DAY, 2 * DAY, 3 * DAY]);
		await s.practice.remove(own.id);
		expect((await s.practice.forPlayer('li', 'east')).map((p) => p.id)).toEqual([team.id]);
	});

	it('refuses an assignment without a scenario version', async () => {
		const s = track(testStorage());
		await expect(
			s.practice.assign({
				assigneeKind: 'player',
				assigneeId: 'li',
				scenarioId: 'city-hospital-his',
				scenarioVersion: 0,
				skill: null,
				due: DAY,
				by: null
			})
		).rejects.toBeInstanceOf(InvalidRecordError);
	});
});

describe('schema version 6', () => {
	it('adds the tables to a version-5 database and keeps its rows', async () => {
		expect(SCHEMA_VERSIONS.find((v) => v.version === 6)?.stores).toEqual({
			kpiTargets: 'id, createdAt',
			practice: 'id, assigneeId, due'
		});
		const s = track(
			await upgradeFrom(5, async (old) => {
				await old.table('teams').add({ id: 't1', name: 'East', nameKey: 'east', createdAt: 1 });
			})
		);
		expect(s.db.verno).toBeGreaterThanOrEqual(6);
		expect(await s.teams.list()).toHaveLength(1);
		expect(await s.kpiTargets.list()).toEqual([]);
		await s.practice.assign({
			assigneeKind: 'team',
			assigneeId: 't1',
			scenarioId: 'city-hospital-his',
			scenarioVersion: 1,
			skill: 'roles',
			due: DAY,
			by: null
		});
		expect(await s.practice.forPlayer('p', 't1')).toHaveLength(1);
	});

	it('carries targets and practice through a backup', async () => {
		const from = track(testStorage());
		await from.kpiTargets.create({
			metric: 'win-rate',
			comparator: 'at-least',
			threshold: 0.5,
			scope: { kind: 'class' }
		});
		await from.practice.assign({
			assigneeKind: 'player',
			assigneeId: 'li',
			scenarioId: 'city-hospital-his',
			scenarioVersion: 1,
			skill: 'forecasting',
			due: DAY,
			by: '王老师'
		});
		const file = await from.backup.export();
		const to = track(testStorage());
		const check = await to.backup.check(file);
		if (!check.ok) throw new Error(`refused: ${JSON.stringify(check.problems)}`);
		await to.backup.apply(check.plan);
		expect(await to.kpiTargets.list()).toEqual(await from.kpiTargets.list());
		expect(await to.practice.list()).toEqual(await from.practice.list());
	});
});

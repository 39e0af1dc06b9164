import { afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { installBlobReading, testStorage, type TestStorage } from '$lib/db/test-support';
import { attemptFingerprint } from '$lib/db/fingerprint';
import { toExportedAttempt } from '$lib/db/attempt-format';
import type { Attempt, ScenarioRecord } from '$lib/db';
import { inPlaceCheck } from '$lib/db/schema-in-place';
import { dexieExportFile } from '$lib/db/backup-fixture';
import { exportedAttempt } from '$lib/engine/deal/fixtures/exported-attempt';
import { modelPath, testScenarioInput } from '$lib/engine/deal/fixtures/test-scenario';
import { replay } from '$lib/engine/deal/replay';
import {
	lookupOf,
	readsAsItself,
	verifyAttempt,
	verifyAttemptValue,
	type ScenarioLookup
} from '$lib/engine/results/verify-attempt';
import { parseScenario } from '$lib/engine/scenario/parse-scenario';
import { actionsSchema, attemptSchema, type ExportedAttempt } from '$lib/engine/scenario/schema';
import { backupVerifier, checkItems, storeAccepted } from './import-attempts';
import { refusalReason } from './verdict-text';

const scenarioText = JSON.stringify(testScenarioInput);
const parsed = await parseScenario(scenarioText);
if (!parsed.ok) throw new Error('the test scenario does not validate');
const known = { scenario: parsed.scenario, hash: parsed.hash };
const lookup = lookupOf([known]);
const actions = actionsSchema.parse(modelPath);
const model = replay(known.scenario, actions, { keepStates: false });

function file(overrides: Partial<ExportedAttempt> = {}): string {
	return JSON.stringify(exportedAttempt(known, actions, overrides));
}

beforeAll(installBlobReading);

let open: TestStorage[] = [];
afterEach(() => {
	for (const s of open) s.db.close();
	open = [];
});
function storage(): TestStorage {
	const s = testStorage();
	open.push(s);
	return s;
}

describe('importing a batch', () => {
	it('stores the accepted attempts with the recomputed result, on their team, and keeps the rest', async () => {
		const s = storage();
		const verdicts = await checkItems(
			[
				{ label: 'li.json', text: file() },
				{
					label: 'tampered.json',
					text: file({ player: 'Wang Wei', result: { outcome: 'won', score: 100 } })
				},
				{ label: 'zhang.json', text: file({ player: '张伟', team: '华东', mode: 'practice' }) },
				{ label: 'broken.json', text: '{"format":' }
			],
			s,
			lookup
		);
		expect(verdicts.map((v) => v.status)).toEqual(['accepted', 'refused', 'accepted', 'refused']);
		const imported = await storeAccepted(verdicts, s);
		const ids = imported.flatMap((v) => ('storedId' in v ? [v.storedId] : []));
		expect(ids).toHaveLength(2);
		const li = await s.attempts.get(ids[0]);
		expect(li).toMatchObject({
			playerName: 'Li Na',
			teamName: 'East',
			mode: 'assessment',
			source: 'imported',
			verified: true,
			weeksUsed: model.final.weeksUsed,
			result: { outcome: 'won', score: model.score.total }
		});
		expect(li?.result.categories).toEqual(
			Object.fromEntries(model.score.categories.map((c) => [c.category, c.points]))
		);
		expect(await s.attempts.get(ids[1])).toMatchObject({
			playerName: '张伟',
			teamName: '华东',
			mode: 'practice'
		});
		expect((await s.teams.list()).map((t) => t.name).sort()).toEqual(['East', '华东']);
		expect(await s.attempts.count()).toBe(2);
	});

	it('finds an existing team and player by name, whatever the case', async () => {
		const s = storage();
		const east = await s.teams.create('East');
		const li = await s.players.create('Li Na', east.id);
		const verdicts = await checkItems(
			[{ label: 'a', text: file({ player: 'li na', team: 'EAST' }) }],
			s,
			lookup
		);
		const [imported] = await storeAccepted(verdicts, s);
		const stored = await s.attempts.get((imported as { storedId: string }).storedId);
		expect(stored).toMatchObject({ playerId: li.id, teamId: east.id });
	});

	it('refuses an attempt already stored, in English and Chinese', async () => {
		const s = storage();
		await storeAccepted(await checkItems([{ label: 'a', text: file() }], s, lookup), s);
		const [again] = await checkItems([{ label: 'b', text: file({ team: 'West' }) }], s, lookup);
		expect(again).toMatchObject({
			status: 'refused',
			reason: 'duplicate',
			params: { of: 'stored' }
		});
		if (again.status !== 'refused') return;
		expect(refusalReason(again, 'en')).toBe('This attempt is already stored on this device.');
		expect(refusalReason(again, 'zh-CN')).toBe('这次练习的成绩已经保存在本设备上。');
		expect(await s.attempts.count()).toBe(1);
	});

	it('keeps nothing of a batch storage refuses: no attempt, no player, no team (issue 22)', async () => {
		const s = storage();
		const verdicts = await checkItems(
			[
				{ label: 'a', text: file({ player: 'Wang Wei', team: 'North' }) },
				{ label: 'b', text: file({ player: 'Zhao Min', team: 'South' }) }
			],
			s,
			lookup
		);
		expect(verdicts.map((v) => v.status)).toEqual(['accepted', 'accepted']);
		// A verdict whose attempt storage cannot hold (a time before 1970, as the verifier once let
		// through): the whole batch fails, and the players and teams it named are not left behind.
		const broken = verdicts.map((v, i) =>
			i === 1 && v.status === 'accepted'
				? { ...v, attempt: { ...v.attempt, startedAt: '1969-12-31T00:00:00.000Z' } }
				: v
		);
		await expect(storeAccepted(broken, s)).rejects.toThrow();
		expect(await s.attempts.count()).toBe(0);
		expect(await s.players.list()).toEqual([]);
		expect(await s.teams.list()).toEqual([]);
	});

	it('stores names with markup-like characters and hidden ones cleaned', async () => {
		const s = storage();
		const verdicts = await checkItems(
			[{ label: 'a', text: file({ player: 'Chen <Jr>\u200b', team: 'Team <B>' }) }],
			s,
			lookup
		);
		const [stored] = await storeAccepted(verdicts, s);
		expect(stored).toHaveProperty('storedId');
		expect(await s.attempts.get((stored as { storedId: string }).storedId)).toMatchObject({
			playerName: 'Chen <Jr>',
			teamName: 'Team <B>'
		});
	});

	it('finds the same play as a duplicate whatever finish time a copy claims', async () => {
		const s = storage();
		await storeAccepted(await checkItems([{ label: 'a', text: file() }], s, lookup), s);
		const [moved] = await checkItems(
			[{ label: 'b', text: file({ finishedAt: '2026-11-28T09:41:00.001Z' }) }],
			s,
			lookup
		);
		expect(moved).toMatchObject({ status: 'refused', reason: 'duplicate' });
	});

	it('turns an attempt stored between check and store into a duplicate', async () => {
		const s = storage();
		const verdicts = await checkItems([{ label: 'a', text: file() }], s, lookup);
		await storeAccepted(await checkItems([{ label: 'x', text: file() }], s, lookup), s);
		const [late] = await storeAccepted(verdicts, s);
		expect(late).toMatchObject({ status: 'refused', reason: 'duplicate', label: 'a' });
	});
});

describe('the backup verifier', () => {
	const record: ScenarioRecord = {
		id: 'test-plant',
		version: 1,
		hash: known.hash,
		json: scenarioText,
		status: 'published',
		createdAt: 0,
		updatedAt: 0
	};
	const nothing = lookupOf([]);

	async function stored(score: number) {
		const s = storage();
		const [verdict] = await storeAccepted(
			await checkItems([{ label: 'a', text: file() }], s, lookup),
			s
		);
		const attempt = (await s.attempts.get((verdict as { storedId: string }).storedId))!;
		return { ...attempt, result: { ...attempt.result, score } };
	}

	it('replays on the file’s own scenarios when the device lacks them', async () => {
		const verify = backupVerifier(nothing);
		expect(await verify(await stored(model.score.total), { scenarios: [record] })).toBe(true);
		expect(await verify(await stored(99), { scenarios: [record] })).toMatchObject({
			refused: { reason: 'score-mismatch' }
		});
	});

	it('replays on the device’s scenarios, and calls unverifiable what neither has', async () => {
		expect(await backupVerifier(lookup)(await stored(99), { scenarios: [] })).toMatchObject({
			refused: { reason: 'score-mismatch' }
		});
		expect(await backupVerifier(nothing)(await stored(99), { scenarios: [] })).toBe('unverifiable');
		// Played on another copy of the scenario: it cannot be replayed here either.
		const other = { ...(await stored(99)), scenarioHash: 'a'.repeat(64) };
		expect(await backupVerifier(lookup)(other, { scenarios: [] })).toBe('unverifiable');
	});

	it('looks each scenario up on the device once per file, whatever its attempts', async () => {
		const asked: string[] = [];
		const counting: ScenarioLookup = {
			find: (id, version) => (asked.push(`find ${id} ${version}`), lookup.find(id, version)),
			versions: (id) => (asked.push(`versions ${id}`), lookup.versions(id))
		};
		const unknown = { ...(await stored(model.score.total)), scenarioVersion: 9 };
		const attempts = [await stored(model.score.total), await stored(99), unknown, unknown];
		const verify = backupVerifier(counting);
		const file = { scenarios: [] };
		const verdicts = [];
		for (const attempt of attempts) verdicts.push(await verify(attempt, file));
		expect(verdicts).toEqual([
			true,
			{ refused: expect.objectContaining({ reason: 'score-mismatch' }) },
			'unverifiable',
			'unverifiable'
		]);
		expect(asked).toEqual(['find test-plant 1', 'find test-plant 9', 'versions test-plant']);
		// Another file's check asks again.
		await verify(attempts[0], { scenarios: [] });
		expect(asked).toHaveLength(4);
	});

	it('agrees with the export of a stored attempt', async () => {
		const attempt = await stored(model.score.total);
		const [verdict] = await checkItems(
			[{ label: 'exported', text: JSON.stringify(toExportedAttempt(attempt)) }],
			storage(),
			lookup
		);
		expect(verdict.status).toBe('accepted');
	});
});

describe('a class backup restored on a fresh device (issue 22)', () => {
	const names = [
		['Chen <Jr>', 'Team <B>'],
		['A & "B" \'C\'', 'R&D'],
		['=SUM(A1)', '+Plus'],
		['-minus', '@at'],
		['李娜 🎉', '华东 <东>']
	];

	async function classDevice() {
		const s = storage();
		await s.scenarios.save(scenarioText, 'published');
		const verdicts = await checkItems(
			names.map(([player, team], i) => ({
				label: `${i}`,
				text: file({ player, team })
			})),
			s,
			lookup
		);
		expect(verdicts.every((v) => v.status === 'accepted')).toBe(true);
		await storeAccepted(verdicts, s);
		return s;
	}

	it('restores every attempt and name, replayed on the file’s scenarios', async () => {
		const device = await classDevice();
		const fresh = storage();
		const check = await fresh.backup.check(await device.backup.export(), {
			verifyAttempt: backupVerifier(lookupOf([]))
		});
		expect(check).toMatchObject({ ok: true, plan: { unverifiable: 0 } });
		if (!check.ok) return;
		await fresh.backup.apply(check.plan);
		expect(await fresh.attempts.count()).toBe(names.length);
		expect((await fresh.players.list()).map((p) => p.name).sort()).toEqual(
			names.map(([player]) => player).sort()
		);
		expect((await fresh.teams.list()).map((t) => t.name).sort()).toEqual(
			names.map(([, team]) => team).sort()
		);
	});

	async function exported(edit: (rows: Record<string, unknown>[]) => void) {
		const device = await classDevice();
		const file = JSON.parse(await (await device.backup.export()).text());
		const table = file.data.data.find((t: { tableName: string }) => t.tableName === 'attempts');
		edit(table.rows);
		return new Blob([JSON.stringify(file)]);
	}

	it('recomputes a forged fingerprint instead of keeping it', async () => {
		const blob = await exported((rows) => {
			for (const row of rows) row.fingerprint = 'e'.repeat(64);
		});
		const fresh = storage();
		const check = await fresh.backup.check(blob, { verifyAttempt: backupVerifier(lookup) });
		expect(check.ok).toBe(true);
		if (!check.ok) return;
		await fresh.backup.apply(check.plan);
		expect(await fresh.attempts.count()).toBe(names.length);
		const rows = await fresh.attempts.forScenario('test-plant', 1);
		for (const row of rows) {
			const full = (await fresh.attempts.get(row.id))!;
			expect(row.fingerprint).toBe(attemptFingerprint(full));
		}
	});

	it('says what is wrong with a refused attempt, not always “the score”', async () => {
		const blob = await exported((rows) => {
			rows[0].finishedAt = Date.UTC(2099, 0, 1);
		});
		const check = await storage().backup.check(blob, { verifyAttempt: backupVerifier(lookup) });
		expect(check).toMatchObject({
			ok: false,
			problems: [{ code: 'unverified', row: 1, verdict: { reason: 'date-in-future' } }]
		});
		if (check.ok || check.problems[0].code !== 'unverified') return;
		expect(refusalReason(check.problems[0].verdict!, 'en')).toMatch(/in the future/);
	});
});

describe('the backup verifier without the text (verifyAttemptValue)', () => {
	const asIs = inPlaceCheck(attemptSchema);
	const NOW = Date.parse('2026-12-05T09:00:00.000Z');
	const other = lookupOf([]);

	/** Real attempts, played (replayed) and stored on a device: names of every kind. */
	async function playedAttempts(): Promise<Attempt[]> {
		const s = storage();
		const verdicts = await checkItems(
			[
				['Li Na', 'East', 'assessment'],
				['李娜 🎉', '华东 <东>', 'practice'],
				['Chen <Jr>', undefined, 'assessment']
			].map(([player, team, mode], i) => ({
				label: `${i}`,
				text: file({ player, team, mode: mode as ExportedAttempt['mode'] })
			})),
			s,
			lookup
		);
		const ids = (await storeAccepted(verdicts, s)).map((v) => (v as { storedId: string }).storedId);
		const attempts = [];
		for (const id of ids) attempts.push((await s.attempts.get(id))!);
		return attempts;
	}

	/** Tampered copies, each named, and whether it is read as it is (no text needed). */
	function tampered(a: Attempt): [string, Attempt, boolean][] {
		const result = a.result;
		const moved = (ms: number) => ({ ...a, finishedAt: a.startedAt + ms });
		return [
			['genuine', a, true],
			['changed score', { ...a, result: { ...result, score: result.score - 1 } }, true],
			['score -0', { ...a, result: { ...result, score: -0 } }, false],
			['changed category', { ...a, result: { ...result, categories: { roles: 1 } } }, true],
			['changed outcome', { ...a, result: { ...result, outcome: 'lost' } }, true],
			['an action left out', { ...a, actions: a.actions.slice(0, -1) }, true],
			['actions reordered', { ...a, actions: [...a.actions].reverse() }, true],
			['no actions', { ...a, actions: [] }, true],
			['an action changed', { ...a, actions: [{ type: 'withdraw' }, ...a.actions.slice(1)] }, true],
			[
				'an action with a field no action has',
				{ ...a, actions: [{ ...a.actions[0], extra: 1 } as never, ...a.actions.slice(1)] },
				false
			],
			['wrong fingerprint', { ...a, fingerprint: 'e'.repeat(64) }, true],
			['unknown scenario', { ...a, scenarioId: 'nowhere' }, true],
			['unknown version', { ...a, scenarioVersion: 9 }, true],
			['another copy of the scenario', { ...a, scenarioHash: 'a'.repeat(64) }, true],
			['a hash that is no hash', { ...a, scenarioHash: 'A'.repeat(64) }, false],
			['another seed', { ...a, seed: 7 }, true],
			['a seed too large', { ...a, seed: 2 ** 60 }, false],
			['newer rules', { ...a, rules: 99 }, false],
			['no seed nor rules', { ...a, seed: undefined, rules: undefined }, true],
			['too fast', moved(1), true],
			['finished before it started', moved(-1), false],
			['in the future', { ...a, finishedAt: Date.UTC(2099, 0, 1) }, true],
			['before the app', { ...a, startedAt: Date.UTC(2020, 0, 1) }, true],
			['a name around spaces', { ...a, playerName: ` ${a.playerName} ` }, false],
			['a name of invisible characters', { ...a, playerName: '\u200b' }, true],
			['an empty team name', { ...a, teamName: '' }, true],
			['a name too long', { ...a, playerName: 'x'.repeat(500) }, false]
		];
	}

	it('gives the verdict of the text on real attempts, tampered ones and broken ones', async () => {
		const attempts = await playedAttempts();
		const cases = attempts.flatMap(tampered);
		const reasons = new Set<string>();
		for (const [name, attempt, asItself] of cases) {
			for (const device of [lookup, other]) {
				const text = await verifyAttempt(toExportedAttempt(attempt), device, { now: NOW });
				const value = toExportedAttempt(attempt);
				expect(readsAsItself(value, asIs), name).toBe(asItself);
				const verdict = await verifyAttemptValue(value, device, { now: NOW, asIs });
				expect(verdict, name).toEqual(text);
				reasons.add(verdict.status === 'accepted' ? 'accepted' : verdict.reason);
			}
		}
		// Values that are no attempt at all: read through their text either way.
		for (const odd of [null, 7, '{"format":', [], {}, { format: 'sales-sim/attempt@2' }]) {
			expect(readsAsItself(odd, asIs)).toBe(false);
			expect(await verifyAttemptValue(odd, lookup, { now: NOW, asIs })).toEqual(
				await verifyAttempt(odd, lookup, { now: NOW })
			);
		}
		// Every kind of verdict the cases were made for was met.
		expect([...reasons].sort()).toEqual(
			[
				'accepted',
				'category-mismatch',
				'date-in-future',
				'date-too-early',
				'hash-mismatch',
				'malformed',
				'name-invalid',
				'outcome-mismatch',
				'refused-action',
				'score-mismatch',
				'too-fast',
				'unfinished',
				'unknown-scenario',
				'unknown-version'
			].sort()
		);
	}, 60_000);

	it('checks a backup of them as the text way did: the same plan or the same problems', async () => {
		const attempts = await playedAttempts();
		const textWay = (device: ScenarioLookup) => async (attempt: Attempt) => {
			const verdict = await verifyAttempt(toExportedAttempt(attempt), device, { now: Date.now() });
			if (verdict.status === 'accepted') return true;
			return ['unknown-scenario', 'unknown-version', 'hash-mismatch'].includes(verdict.reason)
				? ('unverifiable' as const)
				: { refused: verdict };
		};
		const backupOf = (rows: Attempt[]) =>
			dexieExportFile([
				['attempts', rows.map(({ actions: _actions, ...row }) => row)],
				['attemptActions', rows.map(({ id, actions }) => ({ id, actions }))]
			]);
		// One clock for both ways (the backup verifier reads Date.now for each attempt).
		vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-12-05T09:00:00.000Z') });
		onTestFinished(() => void vi.useRealTimers());
		let compared = 0;
		for (const picked of [
			// Genuine and unverifiable ones: a plan.
			attempts,
			attempts.flatMap((a) =>
				tampered(a)
					.filter(([name]) => /unknown|another copy|genuine/.test(name))
					.map(([, attempt]) => attempt)
			),
			// Forged or broken ones: problems, each with the verifier's verdict.
			...tampered(attempts[1]).map(([, attempt]) => [attempt]),
			// The same, each after an attempt on the same scenario: on a device without it, the
			// backup verifier answers the second from what it found of the first.
			...tampered(attempts[1]).map(([, attempt]) => [attempts[0], attempt])
		]) {
			const rows = picked.map((a, i) => ({ ...a, id: `${a.id}-${i}` }) as Attempt);
			for (const device of [lookup, other]) {
				const checks = [];
				for (const verify of [backupVerifier(device), textWay(device)]) {
					const check = await storage().backup.check(backupOf(rows), { verifyAttempt: verify });
					checks.push(check);
				}
				expect(checks[0]).toEqual(checks[1]);
				if (compared < 4) expect(checks[0].ok).toBe(true);
				compared++;
			}
		}
		expect(compared).toBeGreaterThan(100);
	}, 60_000);
});

/**
 * The backup check in two threads (backup-helper.ts): the worker's side runs here on one end of a
 * MessageChannel, as it runs in a worker, and every check made with it must give what the
 * check made in one thread gives, on good files and on files refused for each kind of reason.
 * The browser test (tests/storage.e2e.ts) runs it in a real worker.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportCheck } from '$lib/db';
import type { CheckOptions } from '$lib/db/backup-service';
import { installBlobReading, testStorage, type TestStorage } from '$lib/db/test-support';
import { exportedAttempt } from '$lib/engine/deal/fixtures/exported-attempt';
import { modelPath, testScenarioInput } from '$lib/engine/deal/fixtures/test-scenario';
import { lookupOf, type ScenarioLookup } from '$lib/engine/results/verify-attempt';
import { parseScenario } from '$lib/engine/scenario/parse-scenario';
import { actionsSchema } from '$lib/engine/scenario/schema';
import {
	serveBackupChecks,
	workerHelper,
	type FromWorker,
	type ToWorker,
	type WorkerLike,
	type WorkerScope
} from './backup-helper';
import { backupVerifier, checkItems, storeAccepted } from './import-attempts';

const scenarioText = JSON.stringify(testScenarioInput);
const parsed = await parseScenario(scenarioText);
if (!parsed.ok) throw new Error('the test scenario does not validate');
const known = { scenario: parsed.scenario, hash: parsed.hash };
const actions = actionsSchema.parse(modelPath);
const NOW = Date.UTC(2026, 11, 7, 12);

beforeAll(installBlobReading);
// One clock for both checks: a refusal for a time in the future names the latest time allowed.
beforeEach(() => vi.useFakeTimers({ toFake: ['Date'], now: NOW }));
afterEach(() => vi.useRealTimers());
let open: TestStorage[] = [];
let workers: { terminated: boolean }[] = [];
afterEach(() => {
	for (const s of open) s.db.close();
	open = [];
	workers = [];
});
function storage(): TestStorage {
	const s = testStorage({ now: () => NOW });
	open.push(s);
	return s;
}

/** A worker stand-in: the worker's side served on the other end of a MessageChannel. */
function channelWorker(): WorkerLike {
	const { port1, port2 } = new MessageChannel();
	serveBackupChecks(port2 as unknown as WorkerScope);
	const state = { terminated: false };
	workers.push(state);
	const worker: WorkerLike = {
		postMessage: (message: ToWorker) => port1.postMessage(message),
		set onmessage(listener: ((event: MessageEvent<FromWorker>) => void) | null) {
			port1.onmessage = listener as (event: MessageEvent) => void;
		},
		get onmessage() {
			return port1.onmessage as WorkerLike['onmessage'];
		},
		onerror: null,
		terminate() {
			state.terminated = true;
			port1.close();
			port2.close();
		}
	};
	return worker;
}

/** A device holding the test scenario and five attempts on it, its backup as a JSON object. */
async function classBackup(): Promise<{ data: { data: { tableName: string; rows: Row[] }[] } }> {
	const s = storage();
	await s.scenarios.save(scenarioText, 'published');
	const players = ['Li Na', 'Wang Wei', 'Zhang Min', 'Chen Jie', 'Zhao Lei'];
	const text = (player: string) => JSON.stringify(exportedAttempt(known, actions, { player }));
	const verdicts = await checkItems(
		players.map((player) => ({ label: player, text: text(player) })),
		s,
		lookupOf([known])
	);
	await storeAccepted(verdicts, s);
	return JSON.parse(await (await s.backup.export()).text());
}

/** A row of the file, as JSON.parse gives it (the tests break some). */
type Row = Record<string, unknown>;

function rowsOf(file: Awaited<ReturnType<typeof classBackup>>, table: string): Row[] {
	return file.data.data.find((t) => t.tableName === table)?.rows ?? [];
}

const blob = (value: unknown) =>
	new Blob([typeof value === 'string' ? value : JSON.stringify(value)]);

/**
 * Checks `file` on a fresh device in one thread, then with the worker's side as the helper, and
 * expects the same answer.
 */
async function bothWays(
	file: Blob,
	device: ScenarioLookup = lookupOf([]),
	verifier: () => CheckOptions['verifyAttempt'] = () => backupVerifier(device)
): Promise<ImportCheck> {
	const target = storage();
	const alone = await target.backup.check(file, { verifyAttempt: verifier() });
	const helped = await target.backup.check(file, {
		verifyAttempt: verifier(),
		helper: workerHelper(device, channelWorker)
	});
	expect(helped).toEqual(alone);
	// The rows to write field for field, in order (toEqual does not look at the order of fields).
	const written = (check: ImportCheck) => (check.ok ? JSON.stringify([...check.plan.writes]) : '');
	expect(written(helped)).toBe(written(alone));
	expect(workers.length).toBeGreaterThan(0);
	expect(workers.every((w) => w.terminated)).toBe(true);
	return alone;
}

describe('the backup check with its rows checked in a worker', () => {
	it('plans the same import of a class, replayed on the file’s scenarios', async () => {
		const check = await bothWays(blob(await classBackup()));
		expect(check).toMatchObject({ ok: true, plan: { unverifiable: 0 } });
		if (check.ok) expect(check.plan.totals.added).toBeGreaterThan(5);
	});

	it('replays on the device’s scenarios, and keeps unverified what neither has', async () => {
		const file = await classBackup();
		file.data.data = file.data.data.filter((t) => t.tableName !== 'scenarios');
		const onDevice = await bothWays(blob(file), lookupOf([known]));
		expect(onDevice).toMatchObject({ ok: true, plan: { unverifiable: 0 } });
		const nowhere = await bothWays(blob(file), lookupOf([]));
		expect(nowhere).toMatchObject({ ok: true, plan: { unverifiable: 5 } });
	});

	it('takes the schema’s copy of a row it changes, and the worker’s fingerprints', async () => {
		const file = await classBackup();
		const attempts = rowsOf(file, 'attempts');
		// Fields in another order, and a forged fingerprint: the schema reorders, the check recomputes.
		const { id, ...rest } = attempts[2];
		attempts[2] = { ...rest, id, fingerprint: 'e'.repeat(64) };
		const lists = rowsOf(file, 'attemptActions');
		const { id: listId, ...list } = lists[3];
		lists[3] = { ...list, id: listId };
		// A name the schema cleans (the last attempt: the page replays it), replayed in the page as
		// read, then again as the schema gave it: a verifier that tells the two apart agrees.
		attempts[4].playerName = 'Zhao\u00a0 Lei';
		const device = lookupOf([known]);
		const asCleaned: () => CheckOptions['verifyAttempt'] = () => {
			const verify = backupVerifier(device);
			return (attempt, file) =>
				attempt.playerName.startsWith('Zhao') && attempt.playerName !== 'Zhao Lei'
					? 'unverifiable'
					: verify(attempt, file);
		};
		const check = await bothWays(blob(file), device, asCleaned);
		expect(check).toMatchObject({ ok: true, plan: { unverifiable: 0 } });
	});

	it('refuses what the check in one thread refuses, with the same problems', async () => {
		const tampered = await classBackup();
		(rowsOf(tampered, 'attempts')[1].result as { score: number }).score = 100;
		const future = await classBackup();
		rowsOf(future, 'attempts')[0].finishedAt = Date.UTC(2099, 0, 1);
		const badRow = await classBackup();
		rowsOf(badRow, 'attempts')[4].seed = 'seven';
		const alone = await classBackup();
		alone.data.data = alone.data.data.filter((t) => t.tableName !== 'attemptActions');
		const notARow = await classBackup();
		rowsOf(notARow, 'attempts')[2] = null as unknown as Row;
		rowsOf(notARow, 'attemptActions')[1] = [1, 2] as unknown as Row;
		const twice = await classBackup();
		rowsOf(twice, 'attempts').push(rowsOf(twice, 'attempts')[0]);
		for (const [file, code] of [
			[tampered, 'unverified'],
			[future, 'unverified'],
			[badRow, 'bad-row'],
			[notARow, 'bad-row'],
			[alone, 'incomplete-attempt'],
			[twice, 'duplicate-key']
		] as const) {
			const check = await bothWays(blob(file), lookupOf([known]));
			expect(check.ok ? [] : check.problems.map((p) => p.code)).toContain(code);
		}
	});

	it('refuses a file that is no backup before its rows, and ends the worker', async () => {
		expect(await bothWays(blob('{"format":'))).toMatchObject({ problems: [{ code: 'not-json' }] });
		expect(await bothWays(blob({ hello: 1 }))).toMatchObject({
			problems: [{ code: 'not-a-backup' }]
		});
	});

	it('checks in the page when the worker stops on an error of its own, or the file is large', async () => {
		const file = blob(await classBackup());
		const target = storage();
		const alone = await target.backup.check(file, { verifyAttempt: backupVerifier(lookupOf([])) });
		const broken = (): WorkerLike => {
			const worker: WorkerLike = {
				postMessage: () =>
					queueMicrotask(() => worker.onerror?.({ preventDefault() {} } as ErrorEvent)),
				onmessage: null,
				onerror: null,
				terminate() {}
			};
			return worker;
		};
		const helped = await target.backup.check(file, {
			verifyAttempt: backupVerifier(lookupOf([])),
			helper: workerHelper(lookupOf([]), broken)
		});
		expect(helped).toEqual(alone);
		const none = await target.backup.check(file, {
			verifyAttempt: backupVerifier(lookupOf([])),
			helper: () => undefined
		});
		expect(none).toEqual(alone);
		// A file over the size checked in two threads is checked in the page alone.
		const large = await target.backup.check(file, {
			verifyAttempt: backupVerifier(lookupOf([])),
			helper: workerHelper(lookupOf([]), channelWorker, file.size - 1)
		});
		expect(large).toEqual(alone);
		expect(workers).toHaveLength(0);
	});

	it('reads the stored attempts while the worker checks, and plans as the check in one thread', async () => {
		const file = await classBackup();
		// Without its scenario no attempt can be replayed here, so each is stored unverified: the
		// file's verified mark differs from the stored one until the replays take it off (the
		// worker's replays, for the first attempts, once the stored ones have been read).
		file.data.data = file.data.data.filter((t) => t.tableName !== 'scenarios');
		const verifyAttempt = () => backupVerifier(lookupOf([]));
		const target = storage();
		const first = await target.backup.check(blob(file), { verifyAttempt: verifyAttempt() });
		if (!first.ok) throw new Error('the class backup was refused');
		await target.backup.apply(first.plan);
		expect(first.plan.unverifiable).toBe(5);
		const stored = await target.db.attempts.orderBy('id').toArray();
		// Stored since: one attempt under another name (a field the import writes anew), one of
		// another length (a field it keeps), one under another id (a twin of the file's), and one
		// the file has not.
		await target.db.attempts.update(stored[0].id, { playerName: 'Someone Else' });
		await target.db.attempts.update(stored[1].id, { weeksUsed: stored[1].weeksUsed + 1 });
		await target.db.attempts.delete(stored[2].id);
		await target.db.attempts.put({ ...stored[2], id: 'zz-moved' });
		await target.db.attempts.put({ ...stored[3], id: 'zz-extra', fingerprint: 'f'.repeat(64) });

		const alone = await target.backup.check(blob(file), { verifyAttempt: verifyAttempt() });
		const helped = await target.backup.check(blob(file), {
			verifyAttempt: verifyAttempt(),
			helper: workerHelper(lookupOf([]), channelWorker)
		});
		expect(helped).toEqual(alone);
		const written = (check: ImportCheck) =>
			check.ok ? JSON.stringify([...check.plan.writes]) : '';
		expect(written(helped)).toBe(written(alone));
		if (!alone.ok) throw new Error('the class backup was refused');
		expect(alone.plan.tables.find((t) => t.table === 'attempts')).toMatchObject({
			added: 0,
			replaced: 2,
			unchanged: 2,
			skipped: 1
		});
	});

	it('checks with a worker started ahead, and replaces one that stopped before the check', async () => {
		const file = blob(await classBackup());
		const target = storage();
		const alone = await target.backup.check(file, { verifyAttempt: backupVerifier(lookupOf([])) });
		const helper = workerHelper(lookupOf([]), channelWorker);
		helper.warm();
		helper.warm();
		expect(workers).toHaveLength(1);
		const ahead = await target.backup.check(file, {
			verifyAttempt: backupVerifier(lookupOf([])),
			helper
		});
		expect(ahead).toEqual(alone);
		expect(workers).toHaveLength(1);
		expect(workers[0].terminated).toBe(true);

		// A worker started ahead that stopped on an error (its script did not load) is not used.
		let started = 0;
		const failing = (): WorkerLike => {
			started++;
			if (started > 1) return channelWorker();
			const worker: WorkerLike = {
				postMessage: () => {
					throw new Error('a stopped worker was sent the check');
				},
				onmessage: null,
				onerror: null,
				terminate() {}
			};
			queueMicrotask(() => worker.onerror?.({ preventDefault() {} } as ErrorEvent));
			return worker;
		};
		const replaced = workerHelper(lookupOf([]), failing);
		replaced.warm();
		await Promise.resolve();
		const again = await target.backup.check(file, {
			verifyAttempt: backupVerifier(lookupOf([])),
			helper: replaced
		});
		expect(again).toEqual(alone);
		expect(started).toBe(2);
		expect(workers).toHaveLength(2);

		// Leaving the page stops the worker started ahead.
		const left = workerHelper(lookupOf([]), channelWorker);
		left.warm();
		left.close();
		expect(workers).toHaveLength(3);
		expect(workers[2].terminated).toBe(true);
	});

	it('fails as the page’s check fails when the device’s scenarios cannot be read', async () => {
		const file = await classBackup();
		file.data.data = file.data.data.filter((t) => t.tableName !== 'scenarios');
		const unreadable: ScenarioLookup = {
			find: () => Promise.reject(new Error('storage is not available')),
			versions: () => Promise.reject(new Error('storage is not available'))
		};
		await expect(
			storage().backup.check(blob(file), {
				verifyAttempt: backupVerifier(unreadable),
				helper: workerHelper(unreadable, channelWorker)
			})
		).rejects.toThrow('storage is not available');
	});
});

/**
 * A class's history in one backup: 10,000 attempts checked, imported, and checked again against
 * the stored rows, then another device's copy of the same plays. Checking was quadratic (every
 * row copied the list of rows to write, every attempt scanned the stored ones): at this size
 * that took minutes, and the spec's timeout would catch it coming back. The 100,000 attempts of
 * the issue are in `npm run bench` ("backup check of 100,000 attempts", scripts/bench/backup.ts):
 * over fake-indexeddb, importing them takes minutes on a loaded machine, too long for a spec.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { classBackup, exportMarks } from './backup-fixture';
import type { ImportCheck, ImportPlan } from './backup-service';
import { installBlobReading, testStorage, type TestStorage } from './test-support';

beforeAll(installBlobReading);

let open: TestStorage | undefined;
afterEach(() => open?.db.close());

function planOf(check: ImportCheck): ImportPlan {
	if (!check.ok) throw new Error(`refused: ${JSON.stringify(check.problems.slice(0, 3))}`);
	return check.plan;
}

const summary = (plan: ImportPlan) =>
	Object.fromEntries(
		plan.tables.map((t) => [t.table, [t.added, t.replaced, t.unchanged, t.skipped]])
	);

const ATTEMPTS = 10_000;

describe('a backup of 10,000 attempts', () => {
	it('is checked and imported whole, then found unchanged, and its plays known under other ids', async () => {
		const storage = (open = testStorage());
		const backup = classBackup(ATTEMPTS);

		const plan = planOf(await storage.backup.check(backup.file));
		expect(summary(plan)).toEqual({
			teams: [40, 0, 0, 0],
			players: [1000, 0, 0, 0],
			attempts: [ATTEMPTS, 0, 0, 0]
		});
		expect(plan.writes.get('attempts')).toHaveLength(ATTEMPTS);
		expect(plan.writes.get('attemptActions')).toHaveLength(ATTEMPTS);
		await storage.backup.apply(plan);
		expect(await storage.backup.counts()).toMatchObject({
			teams: 40,
			players: 1000,
			attempts: ATTEMPTS,
			attemptActions: ATTEMPTS
		});
		// Arrivals are new here, in the file's order of arrival: the last attempt arrived last.
		const first = await storage.db.attempts.get('attempt-0');
		const last = await storage.db.attempts.get(`attempt-${ATTEMPTS - 1}`);
		expect(last!.arrivedAt - first!.arrivedAt).toBe(ATTEMPTS - 1);

		// The same file again: every row is found stored and equal, nothing to write.
		const again = planOf(await storage.backup.check(backup.file));
		expect(summary(again)).toEqual({
			teams: [0, 0, 40, 0],
			players: [0, 0, 1000, 0],
			attempts: [0, 0, ATTEMPTS, 0]
		});
		expect(again.writes.size).toBe(0);

		// Another device's export of the same plays: the attempts under other ids are the same
		// plays (same fingerprint), so they are skipped; its teams and players, under other ids
		// but the same names, merge into the stored ones.
		const other = classBackup(ATTEMPTS, { idPrefix: 'other-' });
		const merged = planOf(await storage.backup.check(other.file));
		expect(summary(merged)).toEqual({
			teams: [0, 0, 0, 40],
			players: [0, 0, 0, 1000],
			attempts: [0, 0, 0, ATTEMPTS]
		});
	}, 180_000);

	it('finds the twins of a few attempts through the fingerprint index, on a device holding many', async () => {
		// A file of a few attempts against many stored reads those rows by key and looks each
		// fingerprint up in the index (BackupService.storedRows and plan), where a large file
		// reads the stored attempts whole, once.
		const storage = (open = testStorage());
		const stored = planOf(
			await storage.backup.check(classBackup(40, { players: 10, teams: 2 }).file)
		);
		await storage.backup.apply(stored);
		const few = classBackup(3, { players: 10, teams: 2, idPrefix: 'other-' });
		expect(summary(planOf(await storage.backup.check(few.file)))).toEqual({
			teams: [0, 0, 0, 2],
			players: [0, 0, 0, 10],
			attempts: [0, 0, 0, 3]
		});
		// A play not stored yet is added, whichever way its twins were looked for.
		const more = classBackup(41, { players: 10, teams: 2 });
		const plan = planOf(await storage.backup.check(more.file));
		expect(plan.tables.find((t) => t.table === 'attempts')).toMatchObject({
			added: 1,
			unchanged: 40
		});
	});

	it('is written as the export writes it: the same rows, their arrays marked the same way', async () => {
		const storage = (open = testStorage());
		const backup = classBackup(3, { players: 2, teams: 1 });
		await storage.backup.apply(planOf(await storage.backup.check(backup.file)));
		type Table = { tableName: string; rows: Record<string, unknown>[] };
		const tables = async (file: Blob) =>
			new Map(
				(JSON.parse(await file.text()) as { data: { data: Table[] } }).data.data.map((t) => [
					t.tableName,
					t.rows
				])
			);
		const exported = await tables(await storage.backup.export());
		const ours = await tables(backup.file);
		for (const table of ['teams', 'players', 'attempts', 'attemptActions']) {
			const rows = exported.get(table)!;
			expect(rows.length, table).toBeGreaterThan(0);
			for (const row of rows) {
				const { $types, ...rest } = row;
				expect($types, table).toEqual(exportMarks(rest));
				expect(Object.keys(row).at(-1) === '$types', table).toBe($types !== undefined);
			}
			// The fixture's rows carry the same marks (their derived fields aside).
			expect(ours.get(table)!.map((row) => row.$types)).toEqual(rows.map((row) => row.$types));
		}
	});
});

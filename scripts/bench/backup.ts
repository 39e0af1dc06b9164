/**
 * Backup figures, in Node over fake-indexeddb (the specs' IndexedDB): `BackupService.check` of a
 * backup of a class's 100,000 attempts (src/lib/db/backup-fixture.ts: 40 teams, 1,000 players,
 * each attempt with its actions), first on an empty device, then on a device that already holds
 * every row (each row looked up and compared: the slower case). Import (`apply`) between the two
 * is timed too, without a budget: fake-indexeddb's writes are not a browser's. A control: the
 * empty-device check again, on a second empty database beside the full one, which shows what the
 * full one's rows cost the collector by merely being in the heap (fake-indexeddb keeps them as
 * objects there; a browser keeps them outside the page's heap).
 */
import { classBackup } from '../../src/lib/db/backup-fixture';
import { installBlobReading, testStorage } from '../../src/lib/db/test-support';

export interface BackupTimes {
	attempts: number;
	/** check on an empty device, ms */
	checkEmpty: number;
	/** apply of that plan, ms */
	apply: number;
	/** check again once every row is stored, ms */
	checkStored: number;
	/** the empty-device check on a second, empty database while the full one is open, ms */
	checkBeside: number;
	/**
	 * CPU time of this process (every thread: the collector's too) for each check, ms: what the
	 * check costs whatever else the shared machine runs.
	 */
	cpu: { checkEmpty: number; checkStored: number; checkBeside: number };
}

export async function benchBackup(attempts = 100_000): Promise<BackupTimes> {
	installBlobReading();
	const storage = testStorage();
	try {
		const backup = classBackup(attempts);
		const rows = attempts + backup.teams.length + backup.players.length;
		const { file } = backup;
		const cpuNow = () => {
			const { user, system } = process.cpuUsage();
			return (user + system) / 1000;
		};
		const time = async <T>(run: () => Promise<T>): Promise<[T, number, number]> => {
			const start = performance.now();
			const cpu = cpuNow();
			const value = await run();
			return [value, performance.now() - start, cpuNow() - cpu];
		};
		const [first, checkEmpty, cpuEmpty] = await time(() => storage.backup.check(file));
		if (!first.ok) throw new Error(`the generated backup was refused: ${first.problems[0]?.code}`);
		const [, apply] = await time(() => storage.backup.apply(first.plan));
		const other = testStorage();
		const [, checkBeside, cpuBeside] = await time(() => other.backup.check(file)).finally(() =>
			other.db.close()
		);
		const [again, checkStored, cpuStored] = await time(() => storage.backup.check(file));
		if (!again.ok || again.plan.totals.unchanged !== rows)
			throw new Error('the second check did not find every row stored and unchanged');
		return {
			attempts,
			checkEmpty,
			apply,
			checkStored,
			checkBeside,
			cpu: { checkEmpty: cpuEmpty, checkStored: cpuStored, checkBeside: cpuBeside }
		};
	} finally {
		storage.db.close();
	}
}

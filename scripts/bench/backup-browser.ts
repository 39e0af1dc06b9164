/**
 * The backup check where the app runs it: the settings page in Chromium, over the browser's own
 * IndexedDB. The same file as the Node figure (src/lib/db/backup-fixture.ts, a class's 100,000
 * attempts) is chosen in the page's file input, on an empty device, then imported with the
 * page's Import button, then chosen again on the device now holding every row. Each check is
 * timed from the input's change event to the frame painted after the import summary appears
 * (the whole check: reading the File, the schemas, the fingerprints, the stored rows, the
 * summary's render), with the page's main-thread task time beside it (CDP Performance metrics).
 * Without a CPU slow-down, like the storage figures. The page's check also looks each attempt
 * marked verified up for a replay (CheckOptions.verifyAttempt): the fixture's scenario is on no
 * device, so none is replayed and each is found unverifiable, as a class's backup from a
 * trainer's scenario this device lacks would be.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from '@playwright/test';
import { classBackup } from '../../src/lib/db/backup-fixture';
import { freshContext } from './browser';

export interface BrowserBackupTimes {
	attempts: number;
	/** check on an empty device, ms */
	checkEmpty: number;
	/** import of that plan (the page's Import button to its "Imported" line), ms */
	apply: number;
	/** check again once every row is stored, ms */
	checkStored: number;
	/** main-thread task time of the page during each check, ms */
	cpu: { checkEmpty: number; checkStored: number };
}

const INPUT = '#import-file';
const SUMMARY = '#plan-heading';
/** A check of 100,000 attempts on a loaded machine, and an import of them, can take minutes. */
const TIMEOUT = 15 * 60_000;

async function taskTime(cdp: CDPSession): Promise<number> {
	const { metrics } = (await cdp.send('Performance.getMetrics')) as {
		metrics: { name: string; value: number }[];
	};
	return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

/** Chooses the file in the settings page and waits for its import summary: [ms, task ms]. */
async function check(page: Page, cdp: CDPSession, path: string): Promise<[number, number]> {
	await page.locator(INPUT).waitFor({ timeout: 60_000 });
	await page.evaluate(`(() => {
		window.__backupChosen = undefined;
		document.addEventListener('change', (event) => {
			if (event.target.id === ${JSON.stringify(INPUT.slice(1))}) window.__backupChosen = event.timeStamp;
		}, { capture: true, once: true });
		window.__bench.waits.summary = undefined;
		window.__bench.waitFor('summary', ${JSON.stringify(`${SUMMARY}, [role=alert] h3`)});
	})()`);
	const before = await taskTime(cdp);
	await page.setInputFiles(INPUT, path);
	await page.waitForFunction('window.__bench.waits.summary?.painted !== undefined', undefined, {
		timeout: TIMEOUT,
		polling: 100
	});
	const cpu = (await taskTime(cdp)) - before;
	if ((await page.locator(SUMMARY).count()) === 0) {
		const why = await page.locator('[role=alert]').first().innerText();
		throw new Error(`the settings page refused the backup: ${why}`);
	}
	const { painted, chosen } = (await page.evaluate(
		'({ painted: window.__bench.waits.summary.painted, chosen: window.__backupChosen })'
	)) as { painted: number; chosen: number };
	return [painted - chosen, cpu];
}

export async function backupInChromium(
	browser: Browser,
	origin: string,
	attempts = 100_000
): Promise<BrowserBackupTimes> {
	const { file } = classBackup(attempts);
	const path = join(tmpdir(), `sales-sim-bench-backup-${process.pid}.json`);
	writeFileSync(path, Buffer.from(await file.arrayBuffer()));
	const context = await freshContext(browser, origin);
	try {
		const open = async () => {
			const page = await context.newPage();
			const cdp = await context.newCDPSession(page);
			await cdp.send('Performance.enable');
			await page.goto('/settings');
			return { page, cdp };
		};
		const first = await open();
		const [checkEmpty, cpuEmpty] = await check(first.page, first.cdp, path);
		const started = Date.now();
		await first.page.getByRole('button', { name: 'Import', exact: true }).click();
		await first.page
			.locator('[role=status]', { hasText: /Imported/ })
			.waitFor({ timeout: TIMEOUT });
		const apply = Date.now() - started;
		await first.page.close();
		const second = await open();
		const [checkStored, cpuStored] = await check(second.page, second.cdp, path);
		const unchanged = await second.page.getByText('Nothing to change').count();
		if (unchanged === 0)
			throw new Error('the second check did not find every row stored and unchanged');
		return {
			attempts,
			checkEmpty,
			apply,
			checkStored,
			cpu: { checkEmpty: cpuEmpty, checkStored: cpuStored }
		};
	} finally {
		await context.close();
		rmSync(path, { force: true });
	}
}

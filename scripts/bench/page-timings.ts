/**
 * Page timings with the CPU slowed down 4 times: largest contentful paint, total blocking time
 * (from the first contentful paint until the page has been quiet for two seconds) and the
 * longest task, each in a fresh profile (empty cache, empty storage), median over several loads.
 */
import type { Browser } from '@playwright/test';
import { freshContext, settle, slowPage, waited, type Wait } from './browser';
import { longestTask, median, totalBlockingTime, type LongTask } from './stats';

export interface PageLoad {
	lcp: number;
	tbt: number;
	longest: number;
}

export interface PageTimings {
	lcp: number;
	tbt: number;
	longest: number;
	runs: PageLoad[];
}

export async function loadOnce(
	browser: Browser,
	origin: string,
	path: string,
	ready: Wait
): Promise<PageLoad> {
	const context = await freshContext(browser, origin, [ready]);
	try {
		const page = await slowPage(context);
		await page.goto(path);
		await waited(page, ready.name);
		await settle(page, 2000, 15_000);
		const { lcp, fcp, longTasks } = (await page.evaluate(
			'({ lcp: window.__bench.lcp, fcp: window.__bench.fcp, longTasks: window.__bench.longTasks })'
		)) as { lcp?: number; fcp?: number; longTasks: LongTask[] };
		if (lcp === undefined || fcp === undefined) {
			throw new Error(`${path}: the browser reported no contentful paint.`);
		}
		return { lcp, tbt: totalBlockingTime(longTasks, fcp), longest: longestTask(longTasks) };
	} finally {
		await context.close();
	}
}

export async function pageTimings(
	browser: Browser,
	origin: string,
	path: string,
	ready: Wait,
	runs: number
): Promise<PageTimings> {
	// One load first to warm the server and the disk cache; not counted.
	await loadOnce(browser, origin, path, ready);
	const loads: PageLoad[] = [];
	for (let i = 0; i < runs; i++) loads.push(await loadOnce(browser, origin, path, ready));
	return {
		lcp: median(loads.map((l) => l.lcp))!,
		tbt: median(loads.map((l) => l.tbt))!,
		longest: median(loads.map((l) => l.longest))!,
		runs: loads
	};
}

/** Headless Chromium for the benchmark: a fresh profile per measurement, CPU slowed by CDP. */
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { findChromium } from '../find-chromium.mjs';

/** CPU slow-down applied through the DevTools protocol (Emulation.setCPUThrottlingRate). */
export const CPU_SLOWDOWN = 4;
/** A laptop's window. */
export const VIEWPORT = { width: 1280, height: 800 };

const observers = readFileSync(new URL('./page/observers.js', import.meta.url), 'utf8');

export async function launch(): Promise<Browser> {
	return chromium.launch({
		executablePath: findChromium() as string,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}

export interface Wait {
	name: string;
	selector: string;
	text?: string;
}

/**
 * A new, empty profile (no cache, no storage) whose pages run the observers, and note when each
 * of `waits` first shows.
 */
export async function freshContext(
	browser: Browser,
	origin: string,
	waits: Wait[] = []
): Promise<BrowserContext> {
	const context = await browser.newContext({
		baseURL: origin,
		viewport: VIEWPORT,
		locale: 'en-US'
	});
	await context.addInitScript({ content: observers });
	for (const wait of waits) {
		await context.addInitScript({
			content: `window.__bench.waitFor(${JSON.stringify(wait.name)}, ${JSON.stringify(wait.selector)}, ${JSON.stringify(wait.text)});`
		});
	}
	return context;
}

/** A page of `context` with the CPU slowed down `rate` times. */
export async function slowPage(context: BrowserContext, rate = CPU_SLOWDOWN): Promise<Page> {
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate });
	return page;
}

/** Resolves once no long task has started for `quietMs` (or after `maxMs`). */
export async function settle(page: Page, quietMs = 1000, maxMs = 10_000): Promise<void> {
	const start = Date.now();
	let count = -1;
	let since = Date.now();
	while (Date.now() - start < maxMs) {
		const now: number = await page.evaluate('window.__bench.longTasks.length');
		if (now !== count) {
			count = now;
			since = Date.now();
		} else if (Date.now() - since >= quietMs) return;
		await new Promise((r) => setTimeout(r, 100));
	}
}

export interface WaitTime {
	found: number;
	painted?: number;
}

/** When the wait `name` was met, in ms from navigation start; waits up to `timeoutMs`. */
export async function waited(page: Page, name: string, timeoutMs = 90_000): Promise<WaitTime> {
	await page.waitForFunction(
		`window.__bench.waits[${JSON.stringify(name)}]?.painted !== undefined`,
		undefined,
		{ timeout: timeoutMs, polling: 50 }
	);
	return page.evaluate(`window.__bench.waits[${JSON.stringify(name)}]`);
}

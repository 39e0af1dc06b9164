/**
 * First load: the JavaScript and CSS a page makes the browser download, from the production
 * build, each file gzipped here at level 9 (what a static host that compresses sends; `vite
 * preview` itself sends them uncompressed). Counted from what the browser actually requests in
 * a fresh profile until the network is idle, modulepreloads and lazy chunks included, in two
 * parts: the files requested before the page's first screen was painted and its load event
 * fired (what a trainee on a slow network waits for), and those requested after that, in the
 * background (storage code fetched once the browser is idle).
 */
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { freshContext, settle, waited, type Wait } from './browser';

export interface FileSize {
	url: string;
	kind: 'js' | 'css';
	raw: number;
	gzip: number;
}

export interface FirstLoad {
	/** Before the first screen, gzipped KB. */
	js: number;
	css: number;
	rawJs: number;
	/** After the first screen, in the background, gzipped KB. */
	laterJs: number;
	laterCss: number;
	/** The files before the first screen, largest first. */
	files: FileSize[];
	later: FileSize[];
}

const KB = 1024;

export async function firstLoad(
	browser: Browser,
	origin: string,
	path: string,
	ready: Wait
): Promise<FirstLoad> {
	const context = await freshContext(browser, origin, [ready]);
	const page = await context.newPage();
	const pending: Promise<FileSize | undefined>[] = [];
	page.on('response', (response) => {
		const url = new URL(response.url());
		const kind: FileSize['kind'] | undefined = url.pathname.endsWith('.css')
			? 'css'
			: /\.m?js$/.test(url.pathname)
				? 'js'
				: undefined;
		if (!kind || url.origin !== origin) return;
		pending.push(
			response
				.body()
				.then((body) => ({
					url: url.pathname,
					kind,
					raw: body.length,
					gzip: gzipSync(body, { level: 9 }).length
				}))
				.catch(() => undefined)
		);
	});
	await page.goto(path);
	await waited(page, ready.name);
	await page.waitForLoadState('networkidle');
	await settle(page, 500);
	const all = (await Promise.all(pending)).filter((f): f is FileSize => f !== undefined);
	// Request start times and the end of the first screen, in the page's own clock.
	const timing = (await page.evaluate(`({
		screen: Math.max(
			window.__bench.waits[${JSON.stringify(ready.name)}].painted,
			performance.getEntriesByType('navigation')[0].loadEventEnd
		),
		starts: performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, e.startTime])
	})`)) as { screen: number; starts: [string, number][] };
	await context.close();
	const startOf = new Map(timing.starts);
	const early = (f: FileSize) => (startOf.get(f.url) ?? 0) <= timing.screen;
	const files = all.filter(early).sort((a, b) => b.gzip - a.gzip);
	const later = all.filter((f) => !early(f)).sort((a, b) => b.gzip - a.gzip);
	const sum = (list: FileSize[], kind: FileSize['kind'], key: 'raw' | 'gzip') =>
		list.filter((f) => f.kind === kind).reduce((total, f) => total + f[key], 0) / KB;
	return {
		js: sum(files, 'js', 'gzip'),
		css: sum(files, 'css', 'gzip'),
		rawJs: sum(files, 'js', 'raw'),
		laterJs: sum(later, 'js', 'gzip'),
		laterCss: sum(later, 'css', 'gzip'),
		files,
		later
	};
}

/** The largest files, for the table's "How" column: `name 12.3 KB, …`. */
export function largest(load: FirstLoad, count = 3): string {
	return load.files
		.filter((f) => f.kind === 'js')
		.slice(0, count)
		.map((f) => `${f.url.split('/').pop()} ${(f.gzip / KB).toFixed(1)} KB`)
		.join(', ');
}

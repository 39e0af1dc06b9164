/**
 * First load: the JavaScript and CSS a page makes the browser download before it can be used,
 * from the production build, each file gzipped here at level 9 (what a static host that
 * compresses sends; `vite preview` itself sends them uncompressed). Counted from what the
 * browser actually requests in a fresh profile, so modulepreloads and lazily imported chunks
 * the page fetches on its way to its first screen are included.
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
	js: number;
	css: number;
	rawJs: number;
	files: FileSize[];
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
	const files = (await Promise.all(pending)).filter((f): f is FileSize => f !== undefined);
	await context.close();
	const sum = (kind: FileSize['kind'], key: 'raw' | 'gzip') =>
		files.filter((f) => f.kind === kind).reduce((total, f) => total + f[key], 0) / KB;
	return {
		js: sum('js', 'gzip'),
		css: sum('css', 'gzip'),
		rawJs: sum('js', 'raw'),
		files: files.sort((a, b) => b.gzip - a.gzip)
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

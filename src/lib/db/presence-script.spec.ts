/**
 * The script in src/app.html that lets a prerendered page show what depends on stored data at
 * once where the device has no database (`data-nothing-stored`) must name the app's database as
 * db-name.ts does: named otherwise, it would show the play page's setup form before a deal in
 * progress is read.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DB_NAME } from './db-name';

const html = readFileSync('src/app.html', 'utf8');
const script =
	[...html.matchAll(/<script>([\s\S]*?)<\/script>/g)]
		.map((match) => match[1])
		.find((text) => text.includes('data-nothing-stored')) ?? '';

/** Whether the script marks the page, given the databases the browser lists. */
async function marks(names: string[] | 'fails'): Promise<boolean> {
	const attributes = new Set<string>();
	const indexedDB = {
		databases: () =>
			names === 'fails'
				? Promise.reject(new Error('not allowed'))
				: Promise.resolve(names.map((name) => ({ name, version: 1 })))
	};
	const document = { documentElement: { setAttribute: (name: string) => attributes.add(name) } };
	new Function('indexedDB', 'document', script)(indexedDB, document);
	await new Promise((done) => setTimeout(done, 0));
	return attributes.has('data-nothing-stored');
}

describe('the page’s question whether anything is stored (src/app.html)', () => {
	it('is found in the page', () => {
		expect(script).toContain('indexedDB.databases');
	});

	it('marks the page only where the app’s own database is not listed', async () => {
		expect(await marks([])).toBe(true);
		expect(await marks(['another-app'])).toBe(true);
		expect(await marks(['another-app', DB_NAME])).toBe(false);
		expect(await marks([DB_NAME])).toBe(false);
	});

	it('leaves the page unmarked when the browser cannot list its databases', async () => {
		expect(await marks('fails')).toBe(false);
	});
});

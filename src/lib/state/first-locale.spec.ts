/**
 * The script in src/app.html that keeps a prerendered (English) page invisible where the device
 * reads in another language must choose that language exactly as Paraglide does in the browser
 * (src/lib/state/locale.svelte.ts): the stored choice, else the browser's languages, else English.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { baseLocale, extractLocaleFromNavigator, toLocale } from '$lib/paraglide/runtime.js';

const html = readFileSync('src/app.html', 'utf8');
const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';

/** Whether the script marks the page as waiting for another language. */
function marksPending(stored: string | null, languages: readonly string[] | undefined): boolean {
	const attributes = new Map<string, string>();
	const env = {
		localStorage: { getItem: () => stored },
		navigator: { languages },
		document: {
			documentElement: {
				setAttribute: (name: string, value: string) => attributes.set(name, value)
			}
		}
	};
	new Function('localStorage', 'navigator', 'document', script)(
		env.localStorage,
		env.navigator,
		env.document
	);
	return attributes.has('data-locale-pending');
}

/** Paraglide's choice with the strategy the app compiles (package.json, `i18n`). */
function paraglideChoice(stored: string | null, languages: readonly string[] | undefined): string {
	vi.stubGlobal('navigator', { languages });
	return toLocale(stored) ?? extractLocaleFromNavigator() ?? baseLocale;
}

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('the first language of a prerendered page (src/app.html)', () => {
	it('is found in the page', () => {
		expect(script).toContain('data-locale-pending');
	});

	const cases: [stored: string | null, languages: readonly string[] | undefined][] = [
		[null, ['en-US', 'en']],
		[null, ['zh-CN', 'zh']],
		[null, ['zh']],
		[null, ['zh-TW']],
		[null, ['zh-cn']],
		[null, ['de-DE', 'zh-CN']],
		[null, ['de-DE', 'fr']],
		[null, ['fr', 'en-GB', 'zh-CN']],
		[null, []],
		[null, undefined],
		['en', ['zh-CN']],
		['zh-CN', ['en-US']],
		['ZH-cn', ['en-US']],
		['de', ['zh-CN']],
		['de', ['en-US']],
		['', ['zh-CN']]
	];
	it.each(cases)('stored %j, browser %j: as Paraglide chooses', (stored, languages) => {
		expect(marksPending(stored, languages)).toBe(paraglideChoice(stored, languages) !== baseLocale);
	});

	it('keeps the page shown where storage cannot be read', () => {
		const env = { setAttribute: vi.fn() };
		new Function('localStorage', 'navigator', 'document', script)(
			{
				getItem: () => {
					throw new Error('denied');
				}
			},
			{ languages: ['en'] },
			{ documentElement: env }
		);
		expect(env.setAttribute).not.toHaveBeenCalled();
	});
});

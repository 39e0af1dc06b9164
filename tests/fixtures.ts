import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

/** Runs an axe-core scan of the page as it is now and fails with the violations listed. */
async function expectAccessible(page: Page, context = ''): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const summary = results.violations.map(
		(violation) =>
			`${violation.id} (${violation.impact}): ${violation.help}\n` +
			violation.nodes.map((node) => `    ${node.target.join(' ')}`).join('\n')
	);
	expect(summary, `accessibility violations ${context}`).toEqual([]);
}

/**
 * Waits until a page's controls answer: a prerendered page is only HTML until it is hydrated, and
 * a click or a choice made before that is lost (src/routes/+layout.svelte marks the moment with
 * `<html data-hydrated>`, at once on the fallback page).
 */
export async function hydrated(page: Page): Promise<void> {
	await expect(page.locator('html')).toHaveAttribute('data-hydrated');
}

interface Fixtures {
	/** axe-core scan of the current page state. */
	axe: (context?: string) => Promise<void>;
	/** Switch the interface language with the header's switch. */
	switchLanguage: (code: 'en' | 'zh-CN') => Promise<void>;
}

export const test = base.extend<Fixtures>({
	page: async ({ page }, use) => {
		// Every test starts in English, whatever the machine's own language.
		await page.addInitScript(() => {
			if (!localStorage.getItem('PARAGLIDE_LOCALE')) localStorage.setItem('PARAGLIDE_LOCALE', 'en');
		});
		await use(page);
	},
	axe: async ({ page }, use) => {
		await use((context) => expectAccessible(page, context));
	},
	switchLanguage: async ({ page }, use) => {
		await use(async (code) => {
			await hydrated(page);
			await page.getByRole('combobox', { name: /Language|语言/ }).selectOption(code);
			await expect(page.locator('html')).toHaveAttribute('lang', code);
		});
	}
});

export { expect };

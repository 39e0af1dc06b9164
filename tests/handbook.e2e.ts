import { readFileSync } from 'node:fs';
import {
	ACTIVITIES,
	ATTITUDES,
	CONTACTS,
	CUSTOMER_GROUPS,
	DEFAULT_METHODOLOGY,
	DEPARTMENTS,
	LEVELS,
	ROLES,
	SECTIONS,
	STAGES,
	STRATEGIES,
	TERM_SECTIONS,
	type Fit,
	type TermKind
} from '../src/lib/engine/methodology';
import { FORECAST_EXAMPLE } from '../src/lib/components/handbook/handbook-examples';
import { expect, hydrated, test } from './fixtures';

type Locale = 'en' | 'zh-CN';
type Catalogue = Record<string, string>;
const read = (path: string): Catalogue => JSON.parse(readFileSync(path, 'utf8')) as Catalogue;
const labels: Record<Locale, Catalogue> = {
	en: read('messages/en.json'),
	'zh-CN': read('messages/zh-CN.json')
};
const handbook: Record<Locale, Catalogue> = {
	en: read('messages/handbook/en.json'),
	'zh-CN': read('messages/handbook/zh-CN.json')
};
const label = (locale: Locale, kind: string, id: string) =>
	labels[locale][`${kind}_${id.replaceAll('-', '_')}`];

const TERM_IDS: Record<TermKind, readonly string[]> = {
	stage: STAGES,
	role: ROLES,
	attitude: ATTITUDES,
	contact: CONTACTS,
	level: LEVELS,
	department: DEPARTMENTS,
	activity: ACTIVITIES,
	strategy: STRATEGIES,
	group: CUSTOMER_GROUPS
};
/** The anchors each chapter must have: one for every term that links to it. */
const anchorsOf = (section: string) =>
	(Object.keys(TERM_SECTIONS) as TermKind[])
		.filter((kind) => TERM_SECTIONS[kind] === section)
		.flatMap((kind) => TERM_IDS[kind]);

test('the handbook index opens, lists every chapter and is accessible', async ({ page, axe }) => {
	await page.goto('/handbook');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Handbook');
	await expect(
		page
			.getByRole('navigation', { name: 'Main navigation' })
			.getByRole('link', { name: 'Handbook' })
	).toHaveAttribute('aria-current', 'page');
	const chapters = page.getByRole('region', { name: 'Chapters' }).getByRole('link');
	await expect(chapters).toHaveText(
		SECTIONS.map((id) => new RegExp(handbook.en[`hb_section_${id}_title`]))
	);
	await axe('handbook index');
});

test('the handbook index reads in Chinese and is accessible', async ({
	page,
	axe,
	switchLanguage
}) => {
	await page.goto('/handbook');
	await switchLanguage('zh-CN');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('手册');
	await expect(page.getByRole('region', { name: '术语表' })).toContainText(
		label('zh-CN', 'stage', 'internal-deliberation')
	);
	await axe('handbook index in Chinese');
});

// One test per chapter and language keeps each within the time limit on a busy machine.
for (const locale of ['en', 'zh-CN'] as const) {
	for (const section of SECTIONS) {
		test(`the ${section} chapter opens, has its anchors and is accessible (${locale})`, async ({
			page,
			axe
		}) => {
			await page.addInitScript((code) => localStorage.setItem('PARAGLIDE_LOCALE', code), locale);
			await page.goto(`/handbook/${section}`);
			const title = handbook[locale][`hb_section_${section}_title`];
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expect(
				page.getByRole('navigation', { name: handbook[locale].hb_nav_sections }).getByRole('link', {
					name: title
				})
			).toHaveAttribute('aria-current', 'page');
			for (const anchor of anchorsOf(section)) {
				await expect(page.locator(`[id="${anchor}"]`), `#${anchor}`).toHaveCount(1);
			}
			// No message key may show through where a text is missing.
			await expect(page.locator('main')).not.toContainText(/\b(hb|term|guide)_[a-z_]+\b/);
			await axe(`/handbook/${section} (${locale})`);
		});
	}
}

for (const locale of ['en', 'zh-CN'] as const) {
	for (const path of ['/handbook/activities', '/handbook/defaults']) {
		test(`the fit table on ${path} shows the engine's fit, cell by cell (${locale})`, async ({
			page
		}) => {
			await page.addInitScript((code) => localStorage.setItem('PARAGLIDE_LOCALE', code), locale);
			await page.goto(path);
			// The prerendered chapter is English until hydrated, then in the device's language.
			await hydrated(page);
			const table = page.locator('table.fit-table');
			await expect(table).toHaveCount(1);

			const header = await table
				.locator('thead th a')
				.evaluateAll((links) => links.map((a) => a.textContent?.trim()));
			expect(header).toEqual(STAGES.map((stage) => label(locale, 'stage', stage)));

			const shown = await table.locator('tbody tr').evaluateAll((rows) =>
				rows.map((row) => ({
					activity: row.querySelector('th a')?.textContent?.trim(),
					cells: [...row.querySelectorAll('td')].map((cell) => ({
						symbol: cell.querySelector('[aria-hidden="true"]')?.textContent?.trim(),
						words: cell.querySelector('.sr-only')?.textContent?.trim()
					}))
				}))
			);
			const SYMBOL: Record<Fit, string> = { good: '++', fair: '+', poor: '−' };
			const expected = ACTIVITIES.map((activity) => ({
				activity: label(locale, 'activity', activity),
				cells: STAGES.map((stage) => {
					const fit = DEFAULT_METHODOLOGY.fit[activity][stage];
					return { symbol: SYMBOL[fit], words: label(locale, 'fit', fit) };
				})
			}));
			expect(shown).toEqual(expected);
		});
	}
}

test('a term explains itself on keyboard focus, Escape hides it, and it links to its chapter', async ({
	page
}) => {
	await page.goto('/handbook');
	await hydrated(page);
	const first = STAGES[0];
	const term = page.getByRole('link', { name: label('en', 'stage', first), exact: true });
	const definition = handbook.en[`term_stage_${first.replaceAll('-', '_')}`];

	// The glossary follows the guide's button: one Tab from it reaches the first term.
	await page.getByRole('button', { name: 'Open the first-play guide' }).focus();
	await page.keyboard.press('Tab');
	await expect(term).toBeFocused();
	const tooltip = page.getByRole('tooltip').filter({ hasText: definition });
	await expect(tooltip).toBeVisible();
	await expect(term).toHaveAccessibleDescription(definition);

	await page.keyboard.press('Escape');
	await expect(tooltip).toBeHidden();
	await expect(term).toBeFocused();

	// The next term takes over: one explanation at a time.
	await page.keyboard.press('Tab');
	await expect(page.getByRole('tooltip')).toHaveCount(1);
	const second = handbook.en[`term_stage_${STAGES[1].replaceAll('-', '_')}`];
	await expect(page.getByRole('tooltip').filter({ hasText: second })).toBeVisible();
	await expect(tooltip).toBeHidden();

	// Pointing works too.
	const role = page.getByRole('link', { name: label('en', 'role', 'designer'), exact: true });
	await role.hover();
	await expect(
		page.getByRole('tooltip').filter({ hasText: handbook.en.term_role_designer })
	).toBeVisible();

	await role.click();
	await expect(page).toHaveURL(/\/handbook\/roles#designer$/);
	await expect(page.locator('#designer')).toBeInViewport();
});

test('a term explains itself in Chinese too', async ({ page, switchLanguage }) => {
	await page.goto('/handbook');
	await switchLanguage('zh-CN');
	const term = page.getByRole('link', {
		name: label('zh-CN', 'role', 'decision-maker'),
		exact: true
	});
	await term.focus();
	await expect(
		page.getByRole('tooltip').filter({ hasText: handbook['zh-CN'].term_role_decision_maker })
	).toBeVisible();
});

test('an address with an anchor opens the chapter at that term', async ({ page }) => {
	await page.goto('/handbook/roles#decision-maker');
	const entry = page.locator('#decision-maker');
	await expect(
		entry.getByRole('heading', { name: label('en', 'role', 'decision-maker') })
	).toBeVisible();
	await expect(entry).toBeInViewport();
	await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
	await expect
		.poll(() => entry.evaluate((element) => Math.round(element.getBoundingClientRect().top)))
		.toBeLessThan(40);
});

test('an address with a broken anchor still opens the chapter, at its top', async ({ page }) => {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto('/handbook/roles#%E0%A4%A');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.locator('#decision-maker')).toBeAttached();
	expect(await page.evaluate(() => window.scrollY)).toBe(0);
	// The chapter is prerendered: SvelteKit hydrates it without decoding the anchor, and the layout,
	// which looks for the anchor again once the page is drawn in the device's language, adds no
	// error of its own.
	expect(errors).toEqual([]);
});

test('a handbook link opens the chapter and the place it names', async ({ page }) => {
	await page.goto('/handbook/defaults');
	const link = page
		.locator('#gifts')
		.getByRole('link', { name: `Handbook: ${handbook.en.hb_section_activities_title}` });
	await link.click();
	await expect(page).toHaveURL(/\/handbook\/activities#gift$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		handbook.en.hb_section_activities_title
	);
	await expect(page.locator('#gift')).toBeInViewport();
});

test('the first-play guide opens as a dialog, steps through, and gives focus back', async ({
	page,
	axe
}) => {
	await page.goto('/handbook');
	await hydrated(page);
	const open = page.getByRole('button', { name: 'Open the first-play guide' });
	await open.click();
	const dialog = page.getByRole('dialog', { name: 'Your first deal' });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('heading', { name: handbook.en.guide_chart_title })).toBeFocused();
	await axe('first-play guide');

	await dialog.getByRole('button', { name: 'Next' }).click();
	await expect(
		dialog.getByRole('heading', { name: handbook.en.guide_activities_title })
	).toBeFocused();
	// The costs shown are the engine's.
	const visit = dialog.getByRole('row', { name: new RegExp(label('en', 'activity', 'visit')) });
	await expect(visit).toContainText(
		new Intl.NumberFormat('en').format(DEFAULT_METHODOLOGY.costs.visit.money)
	);
	await dialog.getByRole('button', { name: 'Next' }).click();
	await expect(dialog.getByRole('heading', { name: handbook.en.guide_stages_title })).toBeFocused();
	await expect(dialog.getByRole('img', { name: handbook.en.hb_track_title })).toBeVisible();

	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(open).toBeFocused();

	await open.click();
	await expect(dialog.getByRole('heading', { name: handbook.en.guide_chart_title })).toBeFocused();
	await dialog.getByRole('button', { name: 'Skip the guide' }).click();
	await expect(dialog).toBeHidden();
	await expect(open).toBeFocused();
});

test('the customer-group check answers a share and explains a bad one', async ({ page }) => {
	await page.goto('/handbook/groups');
	await hydrated(page);
	const share = page.getByLabel('Our share (%)');
	const result = page.locator('#share-result');
	await share.fill('12.5');
	await expect(result.getByRole('link')).toHaveText(label('en', 'group', 'development'));
	await share.fill('4');
	await expect(result.getByRole('link')).toHaveText(label('en', 'group', 'growth'));
	await share.fill('abc');
	await expect(result).toHaveText(handbook.en.hb_groups_try_invalid);
	await expect(share).toHaveAttribute('aria-invalid', 'true');
});

test('the forecast example adds up the stage amounts at the engine rates', async ({ page }) => {
	await page.goto('/handbook/funnel');
	const total = FORECAST_EXAMPLE.reduce(
		(sum, { stage, amount }) => sum + amount * DEFAULT_METHODOLOGY.funnel[stage],
		0
	);
	await expect(page.locator('.forecast-total')).toHaveText(
		new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(total)
	);
});

test('an unknown chapter is a page that does not exist', async ({ page }) => {
	await page.goto('/handbook/no-such-chapter');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist.');
});

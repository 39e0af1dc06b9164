/**
 * The prerendered pages (src/lib/state/hydration.svelte.ts): their first screen is in the HTML the
 * server sends, in English; the app hydrates it without a mismatch, then shows the device's own
 * language and what it stores, in places the HTML reserved.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { ConsoleMessage, Page } from '@playwright/test';
import { expect, test } from './fixtures';

type Locale = 'en' | 'zh-CN';
type Catalogue = Record<string, string>;
const read = (path: string): Catalogue => JSON.parse(readFileSync(path, 'utf8')) as Catalogue;
const messages: Record<Locale, Catalogue> = {
	en: {
		...read('messages/en.json'),
		...read('messages/handbook/en.json'),
		...read('messages/play/en.json')
	},
	'zh-CN': {
		...read('messages/zh-CN.json'),
		...read('messages/handbook/zh-CN.json'),
		...read('messages/play/zh-CN.json')
	}
};

/** A shipped scenario file, as far as the library shows it. */
interface Shipped {
	id: string;
	title: string;
	difficulty: string;
}

const scenario = JSON.parse(readFileSync('scenarios/city-hospital-his.json', 'utf8')) as {
	id: string;
	title: string;
};

/** Each kind of prerendered page, with its first heading in each language. */
const PAGES: { kind: string; path: string; heading: (language: Locale) => string }[] = [
	{ kind: 'home', path: '/', heading: (l) => messages[l].app_tagline },
	{ kind: 'library', path: '/scenarios', heading: (l) => messages[l].scenarios_title },
	{ kind: 'handbook', path: '/handbook', heading: (l) => messages[l].hb_title },
	{
		kind: 'handbook chapter',
		path: '/handbook/stages',
		heading: (l) => messages[l].hb_section_stages_title
	},
	// A scenario is in its own language, whatever the interface's.
	{ kind: 'play', path: `/play/${scenario.id}`, heading: () => scenario.title }
];

/** Escaped as the HTML has it. */
const inHtml = (text: string) =>
	text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Console errors, uncaught errors and Svelte's warnings (a hydration mismatch is one). */
function problems(page: Page): string[] {
	const seen: string[] = [];
	page.on('console', (message: ConsoleMessage) => {
		const text = message.text();
		if (message.type() === 'error' || (message.type() === 'warning' && /svelte|hydrat/i.test(text)))
			seen.push(`${message.type()}: ${text}`);
	});
	page.on('pageerror', (error) => seen.push(`uncaught: ${error.message}`));
	return seen;
}

/** Layout shifts the page made without an input, summed as the browser reports them. */
async function layoutShift(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((done) => {
				let sum = 0;
				new PerformanceObserver((list) => {
					for (const entry of list.getEntries() as (PerformanceEntry & {
						value: number;
						hadRecentInput: boolean;
					})[])
						if (!entry.hadRecentInput) sum += entry.value;
				}).observe({ type: 'layout-shift', buffered: true });
				// The buffered entries are delivered in a task of their own.
				setTimeout(() => done(sum), 0);
			})
	);
}

for (const { kind, path, heading } of PAGES) {
	test(`${kind}: the first HTML response holds the page's heading`, async ({ request }) => {
		const response = await request.get(path);
		expect(response.status()).toBe(200);
		const html = await response.text();
		expect(html).toContain(inHtml(heading('en')));
		expect(html).toContain('<main id="main"');
		// The fallback page's stand-in header is not in a page that has its own.
		expect(html).not.toContain('id="app-shell"');
	});

	for (const language of ['en', 'zh-CN'] as const) {
		test(`${kind} in ${language}: hydrated without an error or a mismatch, then in its language`, async ({
			page
		}) => {
			await page.addInitScript((code) => localStorage.setItem('PARAGLIDE_LOCALE', code), language);
			const seen = problems(page);
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading(language));
			await expect(page.locator('html')).toHaveAttribute('lang', language);
			await expect(page.locator('html')).not.toHaveAttribute('data-locale-pending');
			// What the device stores is read once hydrated; let it arrive.
			await page.waitForLoadState('networkidle');
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			expect(seen).toEqual([]);
			// Stored data and the language filled places the HTML kept for them.
			expect(await layoutShift(page)).toBeLessThan(0.01);
		});
	}
}

test('a path that is not prerendered gets the fallback page, which routes in the browser', async ({
	page,
	request
}) => {
	const html = await (await request.get('/scoreboard')).text();
	expect(html).toContain('id="app-shell"');
	expect(html).not.toContain('<main id="main"');
	const seen = problems(page);
	await page.goto('/scoreboard');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.locator('#app-shell')).toHaveCount(0);
	expect(seen).toEqual([]);
});

test.describe("the play page's setup form before the app's JavaScript runs", () => {
	const start = (page: Page) => page.getByRole('button', { name: messages.en.play_setup_start });
	test.beforeEach(async ({ page }) => {
		// Only the page's own inline scripts run: the app's code never arrives.
		await page.route('**/_app/**/*.js', (route) => route.abort());
	});

	test('shows at once on a device that stores nothing, Start held until the app runs', async ({
		page
	}) => {
		await page.goto(`/play/${scenario.id}`);
		await expect(page.locator('html')).toHaveAttribute('data-nothing-stored');
		await expect(start(page)).toBeVisible();
		await expect(start(page)).toBeDisabled();
	});

	test('stays hidden where the app has a database, until the app has read it', async ({ page }) => {
		await page.goto(`/play/${scenario.id}`);
		await page.evaluate(
			() =>
				new Promise((done, fail) => {
					const request = indexedDB.open('sales-sim');
					request.onsuccess = () => done(request.result.close());
					request.onerror = () => fail(request.error);
				})
		);
		await page.reload();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(scenario.title);
		// The page's own question was asked first: once this answer is in, so is the page's.
		await page.evaluate(async () => {
			await indexedDB.databases();
			await new Promise((done) => setTimeout(done, 0));
		});
		await expect(page.locator('html')).not.toHaveAttribute('data-nothing-stored');
		await expect(start(page)).toBeHidden();
	});
});

/**
 * Holds the app's code back until `release` is called: the page is then its prerendered HTML,
 * with only its own inline scripts running. Go to the page with `waitUntil: 'commit'`: the held
 * scripts delay its load event.
 */
async function holdAppCode(page: Page): Promise<() => Promise<void>> {
	const held: (() => Promise<void>)[] = [];
	let holding = true;
	await page.route('**/_app/**/*.js', (route) =>
		holding ? void held.push(() => route.continue()) : route.continue()
	);
	return async () => {
		holding = false;
		await Promise.all(held.splice(0).map((go) => go()));
	};
}

test('a name and team typed into the setup form before the app runs are kept, and the deal starts with them', async ({
	page
}) => {
	// The app's code is held back until the trainee has typed.
	const release = await holdAppCode(page);
	await page.goto(`/play/${scenario.id}?seed=0`, { waitUntil: 'commit' });
	const name = page.getByLabel(messages.en.play_setup_name);
	const team = page.getByLabel(messages.en.play_setup_team);
	await name.fill('Wang');
	await team.fill('West');
	await release();
	const start = page.getByRole('button', { name: messages.en.play_setup_start });
	await expect(start).toBeEnabled();
	await expect(name).toHaveValue('Wang');
	// A team typed is the trainee's own: correcting the name keeps it.
	await name.fill('Wang Fang');
	await expect(team).toHaveValue('West');
	await page.getByRole('radio', { name: /^Practice/ }).check();
	await start.click();
	await page.locator('dialog[open]').getByRole('button', { name: 'Skip the guide' }).click();
	await expect(page.getByRole('heading', { name: 'Sales activity' })).toBeVisible();
	await expect(page.getByText('Wang Fang (West)')).toBeVisible();
	await expect(page).toHaveURL(new RegExp(`/play/${scenario.id}\\?seed=0$`));
});

test.describe('input given before the app runs is played once it has hydrated the page', () => {
	test("the handbook's guide button, pressed early, opens the guide", async ({ page }) => {
		const release = await holdAppCode(page);
		await page.goto('/handbook', { waitUntil: 'commit' });
		await page.getByRole('button', { name: 'Open the first-play guide' }).click();
		await expect(page.locator('html')).not.toHaveAttribute('data-hydrated');
		await release();
		// Opened once, on its first step.
		const dialog = page.locator('dialog[open]');
		await expect(
			dialog.getByRole('heading', { name: messages.en.guide_chart_title })
		).toBeFocused();
		await expect(page.locator('html')).toHaveAttribute('data-hydrated');
	});

	test("the library's filter, chosen early, filters the scenarios", async ({ page }) => {
		const release = await holdAppCode(page);
		await page.goto('/scenarios', { waitUntil: 'commit' });
		await page.getByLabel('Difficulty').selectOption('intro');
		await release();
		await expect(page).toHaveURL(/\/scenarios\?difficulty=intro$/);
		await expect(page.getByLabel('Difficulty')).toHaveValue('intro');
		const intro = readdirSync('scenarios')
			.filter((file) => file.endsWith('.json'))
			.map((file) => JSON.parse(readFileSync(`scenarios/${file}`, 'utf8')) as Shipped)
			.filter((shipped) => shipped.difficulty === 'intro');
		expect(intro.length).toBeGreaterThan(0);
		await expect(page.getByRole('article')).toHaveCount(intro.length);
		for (const { title } of intro)
			await expect(page.getByRole('article', { name: title })).toBeVisible();
	});

	test('a language chosen early is the one the page is drawn in, and is kept', async ({ page }) => {
		const release = await holdAppCode(page);
		await page.goto('/', { waitUntil: 'commit' });
		await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
		await release();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages['zh-CN'].app_tagline);
		await page.reload();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages['zh-CN'].app_tagline);
	});
});

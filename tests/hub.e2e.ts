/**
 * The app with the class hub (issue 18): the browser tests are served by the hub (playwright
 * config), so the API is on the same origin as the app.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { play, readScenario, startDeal } from './play-driver';

const scenario = readScenario('city-hospital-his');

async function trainee(
	browser: Browser,
	baseURL: string
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ baseURL });
	const page = await context.newPage();
	// The hub refuses plays faster than a person clicks: the test moves the page's clock on
	// before the last action (playHuman), so the attempt took as long as a trainee's would.
	await page.clock.install();
	await page.addInitScript(() => {
		if (!localStorage.getItem('PARAGLIDE_LOCALE')) localStorage.setItem('PARAGLIDE_LOCALE', 'en');
	});
	return { context, page };
}

async function joinByLink(page: Page, joinUrl: string, className: string): Promise<void> {
	await page.goto(joinUrl);
	await expect(page.getByRole('heading', { name: `Class “${className}”` })).toBeVisible();
	await page.getByRole('button', { name: 'Join this class' }).click();
	await expect(page).toHaveURL(/\/class$/);
	await expect(page.getByRole('heading', { level: 2, name: className })).toBeVisible();
}

/** Plays a check path as a trainee would, taking a minute over it (see `trainee`). */
async function playHuman(page: Page, check: number): Promise<void> {
	const actions = scenario.checks![check].actions;
	for (const [index, action] of actions.entries()) {
		if (index === actions.length - 1) await page.clock.fastForward('01:00');
		await play(page, scenario, action);
	}
	await expect(page).toHaveURL(/\/attempts\//);
}

test('a trainee joins a class by its link; a finished attempt is sent and accepted', async ({
	browser,
	request,
	baseURL,
	page,
	axe
}) => {
	const created = await request.post('/api/classes', { data: { name: 'Spring <b>class</b>' } });
	expect(created.status()).toBe(201);
	const { code, joinUrl } = await created.json();

	// The join page by link, looked at before joining.
	await page.goto(joinUrl);
	await expect(page.getByRole('heading', { name: 'Class “Spring <b>class</b>”' })).toBeVisible();
	await axe('join page');

	const one = await trainee(browser, baseURL!);
	await joinByLink(one.page, joinUrl, 'Spring <b>class</b>');
	await axe('class page');
	await one.page.goto('/');
	await expect(one.page.getByText('In class “Spring <b>class</b>”')).toBeVisible();

	await startDeal(one.page, scenario.id, 'assessment', { name: 'Chen Qi' });
	await playHuman(one.page, 2);
	const status = one.page.getByRole('status', { name: 'Class' });
	await expect(status).toContainText('Accepted by the class hub');

	const board = await (await request.get(`/api/classes/${code}/board`)).json();
	expect(board.rows.map((row: { player: string }) => row.player)).toEqual(['Chen Qi']);
	await one.context.close();
});

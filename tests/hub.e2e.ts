/**
 * The app with the class hub (issue 18): the browser tests are served by the hub (playwright
 * config), so the API is on the same origin as the app.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { formatCode } from '../src/lib/hub/class-code';
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

/**
 * Plays a check path as a trainee would, taking a minute over it (see `trainee`); `beforeLast`
 * runs before the last action (going offline, say).
 */
async function playHuman(
	page: Page,
	check: number,
	beforeLast: () => Promise<void> = async () => {}
): Promise<void> {
	const actions = scenario.checks![check].actions;
	for (const [index, action] of actions.entries()) {
		if (index === actions.length - 1) {
			await page.clock.fastForward('01:00');
			await beforeLast();
		}
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
	// A deal played through the UI, on a shared machine.
	test.setTimeout(120_000);
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

test('two trainees finish; the projector ranks both live, one sent after coming back online', async ({
	browser,
	request,
	baseURL,
	page,
	axe
}) => {
	// Two deals played through the UI, one after the other, on a shared machine.
	test.setTimeout(180_000);
	const created = await request.post('/api/classes', { data: { name: 'Autumn class' } });
	const { code, joinUrl } = await created.json();

	// The projector: joined like a trainee, showing the class's board and its join link.
	await joinByLink(page, joinUrl, 'Autumn class');
	await page.goto('/scoreboard');
	const classBoard = page.getByTestId('class-board');
	await expect(classBoard).toContainText('No assessment result has reached the class yet.');
	await axe('scoreboard with the class board');
	await page.goto('/scoreboard/projector?source=class');
	await expect(page.getByTestId('join-link')).toHaveText(`Join the class: ${joinUrl}`);
	const projector = page.locator('[data-testid="projector"][data-ready="true"]');
	await expect(projector).toContainText('No results yet.');
	await axe('projector of the class');
	const rows = projector.locator('li[data-rank]');

	const one = await trainee(browser, baseURL!);
	const two = await trainee(browser, baseURL!);
	await joinByLink(one.page, joinUrl, 'Autumn class');
	await joinByLink(two.page, joinUrl, 'Autumn class');

	await startDeal(one.page, scenario.id, 'assessment', { name: 'Chen Qi' });
	await playHuman(one.page, 2);
	await expect(rows).toHaveCount(1);
	await expect(rows.nth(0)).toHaveAttribute('data-name', 'Chen Qi');

	// The second trainee loses the network before the last action. (The app has no service
	// worker: the debrief's code is loaded once beforehand, as a trainee's earlier visit would.)
	await two.page.goto('/attempts/none');
	await expect(two.page.getByRole('heading', { name: 'Debrief' })).toBeVisible();
	await startDeal(two.page, scenario.id, 'assessment', { name: 'Wang Wei' });
	await playHuman(two.page, 1, () => two.context.setOffline(true));
	const status = two.page.getByRole('status', { name: 'Class' });
	await expect(status).toContainText('Waiting to be sent to the class');
	await expect(rows).toHaveCount(1);

	await two.context.setOffline(false);
	await expect(rows).toHaveCount(2);
	const board = await (await request.get(`/api/classes/${code}/board`)).json();
	const names = board.rows.map((row: { player: string }) => row.player);
	expect(names.sort()).toEqual(['Chen Qi', 'Wang Wei']);
	await expect(rows.nth(0)).toHaveAttribute('data-name', board.rows[0].player);
	await expect(rows.nth(1)).toHaveAttribute('data-name', board.rows[1].player);

	// The trainee's debrief shows the hub's verdict once back online, and so does the class page.
	await expect(status).toContainText('Accepted by the class hub');
	await two.page.goto('/class');
	await expect(two.page.locator('[data-outbox-status="accepted"]')).toHaveCount(1);
	await one.context.close();
	await two.context.close();
});

test('a trainer makes a class in the app, shows its QR code, publishes a scenario of their own to it, and downloads its results', async ({
	browser,
	baseURL,
	page,
	request,
	axe,
	switchLanguage
}) => {
	test.setTimeout(120_000);
	await page.goto('/trainer/class');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Class hub');
	await axe('trainer class page, no class yet');
	await page.getByLabel('Class name').fill('Winter class');
	await page.getByRole('button', { name: 'Make the class' }).click();
	await expect(page.getByRole('status')).toContainText('The class is made.');
	const section = page.getByTestId('trainer-class');
	await expect(section.getByRole('heading', { name: 'Winter class' })).toBeVisible();
	const joinUrl = (await page.getByTestId('class-join-link').textContent())!.trim();
	expect(joinUrl).toMatch(new RegExp(`^${baseURL}/join\\?class=[0-9A-Z]{12}$`));
	const code = new URL(joinUrl).searchParams.get('class')!;
	await expect(page.getByTestId('join-qr')).toHaveAttribute('data-url', joinUrl);
	await expect(
		page.getByRole('img', { name: `QR code of the join link ${joinUrl}` })
	).toBeVisible();
	await expect(page.getByTestId('class-attempts')).toHaveText('0');
	await axe('trainer class page with its class');

	// The key stays hidden until asked for; it is the hub's key for this class.
	await page.getByRole('button', { name: 'Show' }).click();
	const key = (await section.locator('dd .font-mono').last().textContent())!.trim();
	const view = await request.get(`/api/classes/${code}/trainer`, {
		headers: { authorization: `Bearer ${key}` }
	});
	expect(view.status()).toBe(200);

	// A scenario of the trainer's own, published in the studio, then to the class.
	const text = readFileSync('scenarios/city-hospital-his.json', 'utf8')
		.replace('"version": 2', '"version": 3')
		.replace(
			'"title": "City Hospital: a new information system"',
			'"title": "City Hospital, winter edition"'
		);
	await page.goto('/trainer');
	await page.locator('input[type="file"]').setInputFiles({
		name: 'winter.json',
		mimeType: 'application/json',
		buffer: Buffer.from(text)
	});
	await page.getByRole('tab', { name: 'Publish' }).click();
	await page.getByLabel('Change note (required)').fill('The winter edition.');
	await page.getByRole('button', { name: 'Publish version 3' }).click();
	await expect(page).toHaveURL(/\/trainer$/);
	await page.getByRole('button', { name: 'Publish version 3 to the class “Winter class”' }).click();
	await expect(page.getByText('Published to the class.')).toBeVisible();
	const listed = await (await request.get(`/api/classes/${code}/scenarios`)).json();
	expect(listed.scenarios).toMatchObject([{ id: 'city-hospital-his', version: 3 }]);

	await page.goto('/trainer/class');
	await expect(page.getByTestId('class-scenario')).toContainText('City Hospital, winter edition');
	await expect(page.getByTestId('class-scenario')).toContainText('In the class');

	// A trainee who joins the class finds the trainer's scenario in the library.
	const one = await trainee(browser, baseURL!);
	await joinByLink(one.page, joinUrl, 'Winter class');
	await expect(one.page.getByTestId('class-scenarios-added')).toContainText(
		'New in your library from this class: 1'
	);
	await one.page.goto('/scenarios');
	await expect(
		one.page.getByRole('article', { name: 'City Hospital, winter edition' })
	).toBeVisible();
	await one.context.close();

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download the results (CSV)' }).click();
	expect((await download).suggestedFilename()).toMatch(
		new RegExp(`^sales-sim-class-${code}-.*\\.csv$`)
	);

	await switchLanguage('zh-CN');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('班级中心');
	await axe('trainer class page in Chinese');

	// Another device of the trainer's: a wrong key is refused, the right one kept.
	const other = await browser.newContext({ baseURL });
	const second = await other.newPage();
	await second.addInitScript(() => localStorage.setItem('PARAGLIDE_LOCALE', 'en'));
	await second.goto('/trainer/class');
	await second.getByLabel('Class code').fill(code.toLowerCase());
	await second.getByLabel('Trainer key').fill('x'.repeat(43));
	await second.getByRole('button', { name: 'Use this class' }).click();
	await expect(second.getByRole('alert')).toHaveText(
		'The hub did not accept this trainer key for the class.'
	);
	await second.getByLabel('Trainer key').fill(key);
	await second.getByRole('button', { name: 'Use this class' }).click();
	await expect(second.getByRole('status')).toContainText('This device now runs the class.');
	await expect(second.getByTestId('class-code')).toHaveText(formatCode(code));
	await other.close();
});

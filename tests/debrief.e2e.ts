import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { attemptFromCheck, storeAttempt, type SeededAttempt } from './attempt-seed';

/** Opens the library (so the app creates its database), stores the attempt, opens its debrief. */
async function openDebrief(page: import('@playwright/test').Page, attempt: SeededAttempt) {
	await page.goto('/scenarios');
	await expect(page.getByRole('button', { name: /Choose a player|选择学员/ })).toBeVisible();
	await storeAttempt(page, attempt);
	await page.goto(`/attempts/${attempt.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(attempt.scenario.title);
}

test('the debrief replays a stored attempt and explains every category', async ({
	page,
	axe,
	switchLanguage
}) => {
	// A long page scanned by axe twice, in two languages.
	test.slow();
	const attempt = await attemptFromCheck('city-hospital-his.json', 0, {
		id: 'debrief-model',
		player: 'Li Na'
	});
	const { expected } = attempt;
	await openDebrief(page, attempt);
	await expect(page.getByText('Replayed and checked')).toBeVisible();
	await expect(page.getByText(`${expected.score.total} / 100`)).toBeVisible();
	await expect(page.getByText('Won', { exact: true })).toBeVisible();
	await expect(page.getByText('Gold', { exact: true })).toBeVisible();

	// Every category that counts, and every rule's explanation.
	const categories = page.getByRole('heading', { level: 2, name: 'Score by category' });
	await expect(categories).toBeVisible();
	const counted = expected.score.categories.filter((c) => c.weight > 0);
	await expect(page.locator('#categories ~ ul > li')).toHaveCount(counted.length);
	const rules = counted.reduce((sum, c) => sum + c.rules.length, 0);
	await expect(page.locator('details li')).toHaveCount(rules);
	// A category at full marks folds away; its rules are one click away.
	const roles = page.locator('details', {
		has: page.getByRole('heading', { name: 'Buying roles' })
	});
	await expect(roles).not.toHaveAttribute('open');
	await roles.getByRole('heading', { name: 'Buying roles' }).click();
	await expect(roles.getByRole('link', { name: 'Handbook: Buying roles' }).first()).toHaveAttribute(
		'href',
		'/handbook/roles'
	);
	const forecast = page.locator('details', {
		has: page.getByRole('heading', { name: 'Forecast' })
	});
	await expect(forecast).toHaveAttribute('open');
	await expect(forecast.getByRole('link', { name: /^Handbook: / }).first()).toHaveAttribute(
		'href',
		'/handbook/funnel'
	);

	// The chart beside the truth, drawn on the organization chart: one card per person…
	await expect(page.getByTestId('chart-board-comparison').getByRole('article')).toHaveCount(
		attempt.scenario.people.length
	);
	// …and as a table: one row per person.
	await page.getByRole('button', { name: 'Table', exact: true }).click();
	const chart = page.getByRole('table').first();
	await expect(chart.getByRole('rowheader')).toHaveCount(attempt.scenario.people.length);

	// The actions stage by stage, reactions as a direction only.
	const timeline = page.getByRole('region', { name: 'What you did, stage by stage' });
	await expect(timeline.getByRole('heading', { level: 3, name: 'Discover needs' })).toBeVisible();
	await expect(timeline.getByText('warmer').first()).toBeVisible();
	await expect(timeline.getByText('You chose:').first()).toBeVisible();
	const reached = new Set(expected.final.log.map((entry) => entry.stage));
	await expect(timeline.getByRole('heading', { level: 3 })).toHaveCount(reached.size);
	await axe('debrief in English');

	await switchLanguage('zh-CN');
	await expect(page.getByRole('heading', { level: 2, name: '各项得分' })).toBeVisible();
	await expect(page.getByText('金牌', { exact: true })).toBeVisible();
	await axe('debrief in Chinese');
});

test('a stored result that differs from the replay is flagged, and the replay is shown', async ({
	page,
	axe
}) => {
	const attempt = await attemptFromCheck('city-hospital-his.json', 1, {
		id: 'debrief-tampered',
		player: 'Wang Wei',
		tamperScore: 99
	});
	expect(attempt.expected.score.total).not.toBe(99);
	await openDebrief(page, attempt);
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('The stored result does not match a replay of the actions');
	await expect(alert).toContainText(
		`Stored score: 99. The replay gives: ${attempt.expected.score.total}.`
	);
	await expect(page.getByText(`${attempt.expected.score.total} / 100`)).toBeVisible();
	await expect(page.getByText('Replayed and checked')).toHaveCount(0);
	await axe('debrief with a warning');
});

test('the attempt downloads as the exported-attempt JSON, and copies', async ({
	page,
	context
}) => {
	const attempt = await attemptFromCheck('zh-auto-parts-welding-line.json', 0, {
		id: 'debrief-export',
		player: '张伟'
	});
	await openDebrief(page, attempt);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download the attempt' }).click()
	]);
	expect(download.suggestedFilename()).toBe(`attempt-${attempt.scenario.id}-张伟-2026-11-28.json`);
	const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
	expect(file).toMatchObject({
		format: 'sales-sim/attempt@2',
		seed: 0,
		rules: 2,
		scenario: { id: attempt.scenario.id, version: attempt.scenario.version, hash: attempt.hash },
		player: '张伟',
		mode: 'assessment',
		finishedAt: '2026-11-28T09:41:00.000Z',
		result: { outcome: attempt.expected.outcome, score: attempt.expected.score.total }
	});
	expect(file.actions).toEqual(JSON.parse(JSON.stringify(attempt.actions)));

	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.getByRole('button', { name: 'Copy the attempt' }).click();
	await expect(page.getByText('The attempt is on the clipboard.')).toBeVisible();
	const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
	expect(copied).toEqual(file);
	await expect(page.getByRole('link', { name: 'Play again' })).toHaveAttribute(
		'href',
		`/play/${attempt.scenario.id}`
	);
});

test('an unknown attempt, or one kept only in a closed tab, says so', async ({ page, axe }) => {
	await page.goto('/attempts/no-such-attempt');
	await expect(page.getByText('There is no attempt at this address on this device.')).toBeVisible();
	await axe('unknown attempt');
	await page.goto('/attempts/unsaved-3');
	await expect(page.getByText('is gone since the page was reloaded')).toBeVisible();
	await page.getByRole('link', { name: 'Back to the scenarios' }).click();
	await expect(page).toHaveURL(/\/scenarios$/);
});

test('withdrawing at once on the play page leads to its debrief', async ({ page, axe }) => {
	const scenario = JSON.parse(readFileSync('scenarios/northline-forklift-telematics.json', 'utf8'));
	await page.goto(`/play/${scenario.id}`);
	await page.getByLabel('Your name').fill('Chen Jing');
	await page.getByRole('button', { name: /Start the deal|Create and continue/ }).click();
	// The first-play guide opens on a first deal; Escape closes it.
	const guide = page.getByRole('dialog');
	await expect(guide).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(guide).toBeHidden();
	await page.getByRole('button', { name: 'Withdraw from the deal' }).click();
	await page.getByRole('button', { name: 'Yes, withdraw' }).click();
	await expect(page).toHaveURL(/\/attempts\/[^/]+$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(scenario.title);
	await expect(page.getByText('Withdrawn', { exact: true })).toBeVisible();
	await expect(page.getByText('Played by Chen Jing')).toBeVisible();
	await expect(page.getByText('Replayed and checked')).toBeVisible();
	await axe('debrief of a withdrawal');
});

test('where the browser keeps no data, the debrief of a deal still shows, unsaved', async ({
	page,
	axe
}) => {
	// Some private modes have no IndexedDB at all.
	await page.addInitScript(() => {
		Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
	});
	const scenario = JSON.parse(readFileSync('scenarios/zh-bank-branch-terminals.json', 'utf8'));
	await page.goto('/scenarios');
	await expect(page.getByText('This browser does not keep data')).toBeVisible();
	// The player picker keeps the name in memory.
	await page.getByRole('button', { name: 'Choose a player' }).click();
	const picker = page.getByRole('region', { name: 'Who is playing?' });
	await expect(picker.getByText('your name is kept only until you close this tab')).toBeVisible();
	await picker.getByLabel('Your name').fill('Zhao Min');
	await picker.getByRole('button', { name: 'Create and continue' }).click();
	await expect(page.getByText('Playing as Zhao Min')).toBeVisible();
	await page.getByRole('link', { name: `Play ${scenario.title}` }).click();
	await page.getByLabel('Your name').fill('Zhao Min');
	await page.getByRole('button', { name: /Start the deal|Create and continue/ }).click();
	const guide = page.getByRole('dialog');
	await expect(guide).toBeVisible();
	await page.keyboard.press('Escape');
	await page.getByRole('button', { name: 'Withdraw from the deal' }).click();
	await page.getByRole('button', { name: 'Yes, withdraw' }).click();
	await expect(page).toHaveURL(/\/attempts\/unsaved-\d+$/);
	await expect(page.getByText('This attempt was not saved')).toBeVisible();
	await expect(page.getByText('Withdrawn', { exact: true })).toBeVisible();
	await axe('unsaved debrief');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download the attempt' }).click()
	]);
	const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
	expect(file).toMatchObject({
		player: 'Zhao Min',
		actions: [{ type: 'withdraw' }],
		result: { outcome: 'withdrawn' }
	});
});

import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { exportedAttempt } from '../src/lib/engine/deal/fixtures/exported-attempt';
import { attemptCode } from '../src/lib/engine/results/attempt-code';
import type { ExportedAttempt } from '../src/lib/engine/scenario/schema';
import { attemptFromCheck, storeAttempt, type SeededAttempt } from './attempt-seed';
import { expect, test } from './fixtures';

/**
 * A trainee's device of its own (a browser context apart from the trainer's page): the attempt is
 * stored there, and its debrief exports it as a download, a link and a code.
 */
async function exportOnTraineeDevice(browser: Browser, attempt: SeededAttempt) {
	const context = await browser.newContext();
	await context.addInitScript(() => localStorage.setItem('PARAGLIDE_LOCALE', 'en'));
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	const page = await context.newPage();
	await page.goto('/scenarios');
	await expect(page.getByRole('button', { name: /Choose a player/ })).toBeVisible();
	await storeAttempt(page, attempt);
	await page.goto(`/attempts/${attempt.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(attempt.scenario.title);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download the attempt' }).click()
	]);
	const file = readFileSync(await download.path());
	const name = download.suggestedFilename();

	await page.getByRole('button', { name: 'Copy link' }).click();
	await expect(page.getByText('Link copied.')).toBeVisible();
	const link = await page.evaluate(() => navigator.clipboard.readText());

	const show = page.getByRole('button', { name: 'Show code' });
	await expect(show).toHaveAttribute('aria-expanded', 'false');
	await show.click();
	await expect(page.getByRole('button', { name: 'Hide code' })).toHaveAttribute(
		'aria-expanded',
		'true'
	);
	const field = page.getByLabel('Code of this attempt');
	await field.focus();
	// Focus selects the whole code, ready to copy.
	expect(
		await field.evaluate((el: HTMLTextAreaElement) => el.selectionEnd - el.selectionStart)
	).toBe((await field.inputValue()).length);
	const code = await field.inputValue();
	await context.close();
	return { file, name, link, code };
}

function row(page: Page, name: string | RegExp) {
	return page.getByRole('row', { name });
}

test('results from another device: a verified one is stored, a tampered and a broken one are refused', async ({
	page,
	browser,
	axe,
	switchLanguage
}) => {
	test.slow();
	const attempt = await attemptFromCheck('city-hospital-his.json', 0, {
		id: 'import-model',
		player: 'Li Na'
	});
	const score = attempt.expected.score.total;
	const exported = await exportOnTraineeDevice(browser, attempt);
	expect(exported.link).toMatch(/^http:\/\/localhost:\d+\/scoreboard\/import#attempt=SSA1:/);
	expect(exported.code).toMatch(/^SSA1:/);

	const original: ExportedAttempt = JSON.parse(exported.file.toString('utf8'));
	const tampered = { ...original, result: { ...original.result, score: 100 } };

	// The trainer's device: this page, with no data of its own.
	await page.goto('/scoreboard/import');
	await expect(page.getByRole('heading', { level: 1, name: 'Import results' })).toBeVisible();
	await axe('import page, empty');
	await page.getByLabel('Choose attempt files (.json)').setInputFiles([
		{ name: exported.name, mimeType: 'application/json', buffer: exported.file },
		{
			name: 'tampered.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify(tampered))
		},
		{
			name: 'broken.json',
			mimeType: 'application/json',
			buffer: Buffer.from('{"format": "sales-sim/attempt@1", "player": ')
		}
	]);
	await expect(page.getByRole('status').filter({ hasText: 'checked' })).toHaveText(
		'3 checked: 1 accepted, 2 refused.'
	);
	const genuine = row(page, new RegExp(exported.name));
	await expect(genuine.getByRole('cell').nth(0)).toHaveText('Li Na no team');
	await expect(genuine).toContainText(attempt.scenario.title);
	await expect(genuine).toContainText('Accepted');
	await expect(row(page, /tampered\.json/)).toContainText(
		`Refused The file claims a score of 100, but the replay gives ${score}.`
	);
	await expect(row(page, /broken\.json/)).toContainText(
		'Refused Not a readable attempt file (line 1, column'
	);
	await axe('import page with a mixed batch');

	await page.getByRole('button', { name: 'Store the accepted results (1)' }).click();
	await expect(genuine).toContainText('Stored');
	await expect(page.getByRole('status').filter({ hasText: 'checked' })).toHaveText(
		'3 checked: 1 accepted, 2 refused. 1 stored, 2 refused.'
	);
	await expect(page.getByRole('button', { name: /Store the accepted results/ })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Open the scoreboard' })).toHaveAttribute(
		'href',
		'/scoreboard'
	);

	// The same attempt as a code, pasted: already stored.
	await page.getByLabel('Codes or links, one per line').fill(exported.code);
	await page.getByRole('button', { name: 'Check the codes' }).click();
	await expect(row(page, /Code 1/)).toContainText(
		'Refused This attempt is already stored on this device.'
	);

	await switchLanguage('zh-CN');
	await expect(page.getByRole('heading', { level: 1, name: '导入成绩' })).toBeVisible();
	await page.getByLabel('代码或链接，每行一个').fill(exported.code.slice(0, 60));
	await page.getByRole('button', { name: '检查代码' }).click();
	// The list outlives the change of language; the next code is the second.
	await expect(row(page, /代码 1/)).toContainText('这次练习的成绩已经保存在本设备上。');
	await expect(row(page, /代码 2/)).toContainText('代码不完整：结尾缺失。');
	await axe('import page in Chinese');

	// The stored attempt opens its debrief, replayed and checked.
	await switchLanguage('en');
	await page.getByRole('link', { name: 'Debrief of Li Na' }).click();
	await expect(page).toHaveURL(/\/attempts\/[^/]+$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(attempt.scenario.title);
	await expect(page.getByText('Replayed and checked')).toBeVisible();
	await expect(page.getByText(`${score} / 100`)).toBeVisible();
});

test('a link opens the import page with the result, shown before it is stored', async ({
	page,
	axe,
	switchLanguage
}) => {
	const attempt = await attemptFromCheck('zh-auto-parts-welding-line.json', 0, {
		id: 'import-link',
		player: '张伟'
	});
	const exported = exportedAttempt(attempt, attempt.actions, {
		player: '张伟',
		team: '华东',
		mode: 'practice'
	});
	await page.goto(`/scoreboard/import#attempt=${attemptCode(exported)}`);
	const panel = page.getByRole('region', { name: 'A result from a link' });
	await expect(panel).toContainText('张伟');
	await expect(panel).toContainText('华东');
	await expect(panel).toContainText(attempt.scenario.title);
	await expect(panel).toContainText('Practice: not on scoreboards');
	await switchLanguage('zh-CN');
	await expect(page.getByRole('region', { name: '来自链接的成绩' })).toContainText(
		'练习：不计入排行榜'
	);
	await axe('a result from a link, in Chinese');
	await switchLanguage('en');
	await page.getByRole('button', { name: 'Store this result' }).click();
	await expect(panel).toHaveCount(0);
	await expect(row(page, /The link you opened/)).toContainText('Stored');
	await expect(page).toHaveURL(/\/scoreboard\/import$/);

	// A link cut off on the way says so, and offers nothing to store.
	const cut = `/scoreboard/import#attempt=${attemptCode(exported).slice(0, 120)}`;
	await page.goto(cut);
	const again = page.getByRole('region', { name: 'A result from a link' });
	await expect(again).toContainText('The code is cut off: its end is missing.');
	await expect(again.getByRole('button', { name: 'Store this result' })).toHaveCount(0);
	await again.getByRole('button', { name: 'Do not store it' }).click();
	await expect(again).toHaveCount(0);
});

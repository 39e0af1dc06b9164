/**
 * A class across devices: two trainees on two teams play in assessment mode, each in a browser
 * context of their own (their own IndexedDB), and export their attempts; the trainer's device
 * imports both and a tampered copy, refuses the tampered one, and shows the right ranking on the
 * scoreboard and the projector.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { expect, test } from './fixtures';
import { replay } from '../src/lib/engine/deal/replay';
import { scenarioSchema } from '../src/lib/engine/scenario/schema';
import { play, readScenario } from './play-driver';

const scenario = readScenario('city-hospital-his');

/** The score of one of the scenario's check paths on seed 0, from the engine in Node. */
function checkScore(check: number): number {
	const parsed = scenarioSchema.parse(
		JSON.parse(readFileSync(`scenarios/${scenario.id}.json`, 'utf8'))
	);
	return replay(parsed, parsed.checks![check].actions, { seed: 0, keepStates: false }).score.total;
}

/** Plays one of the scenario's check paths as a trainee of a new team; returns the exported file. */
async function playOnOwnDevice(
	browser: Browser,
	{ name, team, check }: { name: string; team: string; check: number }
) {
	const context = await browser.newContext();
	await context.addInitScript(() => localStorage.setItem('PARAGLIDE_LOCALE', 'en'));
	const page = await context.newPage();
	// Seed 0, the deal the check paths were written for (a link may name the seed).
	await page.goto(`/play/${scenario.id}?seed=0`);
	await page.getByLabel('Your name').fill(name);
	await page.getByLabel('Your team (optional)').fill(team);
	await page.getByRole('radio', { name: /^Assessment/ }).check();
	await page.getByRole('button', { name: 'Start the deal' }).click();
	const guide = page.locator('dialog[open]');
	await guide.getByRole('button', { name: 'Skip the guide' }).click();
	await expect(page.getByRole('heading', { name: 'Sales activity' })).toBeVisible();
	for (const action of scenario.checks![check].actions) await play(page, scenario, action);
	await expect(page).toHaveURL(/\/attempts\//);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download the attempt' }).click()
	]);
	const played = JSON.parse(readFileSync((await download.path())!).toString('utf8'));
	await context.close();
	// The robot clicks through the deal faster than a person can, which the verifier refuses
	// (src/lib/engine/results/plausibility.ts): as if a person had played, it started half an hour
	// before it finished. The play itself (actions, result) is the download's.
	played.startedAt = new Date(Date.parse(played.finishedAt) - 30 * 60_000).toISOString();
	const file = Buffer.from(JSON.stringify(played, null, 2));
	return { name: download.suggestedFilename(), file };
}

test('two trainees on two devices, one trainer: imports, refuses a tampered file, ranks fairly', async ({
	page,
	browser,
	axe
}) => {
	test.setTimeout(300_000);
	// Li Na (East) takes the short cut; Wang Wei (West) the naive path, which scores less.
	const liScore = checkScore(2);
	const wangScore = checkScore(1);
	expect(liScore).toBeGreaterThan(wangScore);
	const [li, wang] = await Promise.all([
		playOnOwnDevice(browser, { name: 'Li Na', team: 'East', check: 2 }),
		playOnOwnDevice(browser, { name: '王伟', team: 'West', check: 1 })
	]);
	const liAttempt = JSON.parse(li.file.toString('utf8'));
	expect(liAttempt.result.score).toBe(liScore);
	expect(liAttempt.seed).toBe(0);
	// The tampered copy: Wang Wei's attempt, claiming a perfect score.
	const wangAttempt = JSON.parse(wang.file.toString('utf8'));
	const tampered = { ...wangAttempt, result: { ...wangAttempt.result, score: 100 } };

	// The trainer's device.
	await page.goto('/scoreboard/import');
	await page.getByLabel('Choose attempt files (.json)').setInputFiles([
		{ name: li.name, mimeType: 'application/json', buffer: li.file },
		{ name: wang.name, mimeType: 'application/json', buffer: wang.file },
		{
			name: 'tampered.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify(tampered))
		}
	]);
	await expect(page.getByRole('status').filter({ hasText: 'checked' })).toHaveText(
		'3 checked: 2 accepted, 1 refused.'
	);
	await expect(page.getByRole('row', { name: /tampered\.json/ })).toContainText(
		`Refused The file claims a score of 100, but the replay gives ${wangScore}.`
	);
	await page.getByRole('button', { name: 'Store the accepted results (2)' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'stored' })).toContainText('2 stored');

	await page.getByRole('link', { name: 'Open the scoreboard' }).click();
	const board = page.locator('[data-testid="scoreboard"][data-ready="true"]');
	const rows = board.locator('tbody tr');
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(0)).toHaveAttribute('data-player', 'Li Na');
	await expect(rows.nth(0)).toContainText('East');
	await expect(rows.nth(0)).toContainText(String(liScore));
	await expect(rows.nth(1)).toHaveAttribute('data-player', '王伟');
	await expect(rows.nth(1)).toContainText(String(wangScore));
	await expect(board).not.toContainText('100');
	await axe('scoreboard of imported results');

	await page.getByLabel('Board', { exact: true }).selectOption('team');
	await expect(rows.nth(0)).toHaveAttribute('data-team', 'East');
	await expect(rows.nth(1)).toHaveAttribute('data-team', 'West');

	await page.getByRole('link', { name: 'Projector view' }).click();
	const projector = page.locator('[data-testid="projector"][data-ready="true"]');
	await expect(projector.locator('li[data-rank]')).toHaveCount(2);
	await expect(projector.locator('li[data-rank="1"]')).toHaveAttribute('data-name', 'East');
	await expect(projector.locator('li[data-rank="2"]')).toHaveAttribute('data-name', 'West');
	await page.getByRole('link', { name: 'Back to the scoreboard' }).click();
	await page.getByLabel('Board', { exact: true }).selectOption('scenario');
	await page.getByRole('link', { name: 'Projector view' }).click();
	await expect(projector.locator('li[data-rank="1"]')).toHaveAttribute('data-name', 'Li Na');
	await expect(projector.locator('li[data-rank="2"]')).toHaveAttribute('data-name', '王伟');
	await axe('projector of imported results');
});

/**
 * Issue 22: results a class can trust. A class whose names hold markup-like characters, quotes,
 * Chinese, emoji and spreadsheet formula starts is imported from attempt files, backed up, and
 * restored whole on a fresh device (a new browser context with an empty database).
 */
import { readFile } from 'node:fs/promises';
import { exportedAttempt } from '../src/lib/engine/deal/fixtures/exported-attempt';
import { attemptFromCheck } from './attempt-seed';
import { expect, test } from './fixtures';

const NAMES: [player: string, team: string][] = [
	['Chen <Jr>', 'Team <B>'],
	['A & "B" \'C\'', 'R&D <East>'],
	['=SUM(A1:A9)', '+Plus'],
	['-Minus', '@Mention'],
	['李娜 🎉', '华东 🚀']
];

test('a backup of a class with names that look like markup or formulas restores whole on a fresh device', async ({
	page,
	browser
}) => {
	test.slow();
	const seeded = await attemptFromCheck('city-hospital-his.json', 0, {
		id: 'trust-class',
		player: 'x'
	});
	const files = NAMES.map(([player, team], i) => {
		const attempt = exportedAttempt(seeded, seeded.actions, {
			player,
			team,
			startedAt: `2026-11-28T09:0${i}:00.000Z`,
			finishedAt: `2026-11-28T09:4${i}:00.000Z`
		});
		return {
			name: `attempt-${i}.json`,
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify(attempt))
		};
	});

	// The trainer's device: the class's attempt files, every one accepted and stored.
	await page.goto('/scoreboard/import');
	await page.getByLabel('Choose attempt files (.json)').setInputFiles(files);
	await expect(page.getByRole('status').filter({ hasText: 'checked' })).toHaveText(
		`${NAMES.length} checked: ${NAMES.length} accepted, 0 refused.`
	);
	await page.getByRole('button', { name: `Store the accepted results (${NAMES.length})` }).click();
	await expect(page.getByRole('status').filter({ hasText: 'stored' })).toContainText(
		`${NAMES.length} stored`
	);

	// Its backup.
	await page.goto('/settings');
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export all data' }).click();
	const backup = await readFile(await (await downloading).path());

	// A fresh device.
	const fresh = await browser.newContext();
	await fresh.addInitScript(() => localStorage.setItem('PARAGLIDE_LOCALE', 'en'));
	const other = await fresh.newPage();
	await other.goto('/settings');
	await other
		.getByLabel('Import a backup file')
		.setInputFiles({ name: 'class.json', mimeType: 'application/json', buffer: backup });
	const summary = other.getByRole('region', { name: 'What importing class.json will change' });
	await expect(summary).toBeVisible();
	const row = (name: string) => summary.getByRole('row', { name: new RegExp(`^${name}`) });
	await expect(row('Teams')).toHaveText(new RegExp(`Teams\\s*${NAMES.length}\\s*0\\s*0\\s*0`));
	await expect(row('Players')).toHaveText(new RegExp(`Players\\s*${NAMES.length}\\s*0\\s*0\\s*0`));
	await expect(row('Results')).toHaveText(new RegExp(`Results\\s*${NAMES.length}\\s*0\\s*0\\s*0`));
	await expect(summary.getByTestId('plan-unverifiable')).toHaveCount(0);
	await summary.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(other.getByText(/^Imported: \d+ added, 0 replaced\.$/)).toBeVisible();

	// Every name on the scoreboard, as text.
	await other.goto('/scoreboard');
	const board = other.locator('[data-testid=scoreboard][data-ready=true]');
	for (const [player, team] of NAMES) {
		await expect(board.getByText(player, { exact: true }).first()).toBeVisible();
		await expect(board.getByText(team, { exact: true }).first()).toBeVisible();
	}
	// No markup was made of a name.
	expect(await board.locator('b, jr, east').count()).toBe(0);
	await fresh.close();
});

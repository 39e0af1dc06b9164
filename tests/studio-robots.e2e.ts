/**
 * The studio's robots (Checks tab): the quick robot suite runs on the draft in a Web Worker and
 * shows what each robot scored and which bounds the draft breaks.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

/** The shipped hospital without its checks: no model path, so that bound is always broken. */
const noChecks = (() => {
	const scenario = JSON.parse(readFileSync('scenarios/city-hospital-his.json', 'utf8'));
	delete scenario.checks;
	scenario.version = 3;
	return JSON.stringify(scenario, null, '\t');
})();

test('a trainer runs the robots on a draft and reads the table and the broken bounds', async ({
	page,
	axe
}) => {
	test.setTimeout(120_000);
	await page.goto('/trainer');
	await page.locator('input[type="file"]').setInputFiles({
		name: 'hospital-no-checks.json',
		mimeType: 'application/json',
		buffer: Buffer.from(noChecks)
	});
	await expect(page).toHaveURL(/\/trainer\/scenarios\/[^/]+$/);
	await page.getByRole('tab', { name: 'Checks' }).click();
	await expect(
		page.getByRole('heading', { name: 'Robots: can this draft be gamed?' })
	).toBeVisible();

	const button = page.getByRole('button', { name: 'Run robots' });
	await button.click();
	const table = page.getByRole('table', { name: 'What each robot scored on this draft' });
	await expect(table).toBeVisible({ timeout: 60_000 });
	await expect(button).toBeEnabled();
	// Without a model path only the optimiser and the five robots without the method play.
	await expect(table.getByRole('row')).toHaveCount(7);
	await expect(table.getByRole('rowheader', { name: /^Random legal play/ })).toBeVisible();
	await expect(
		table.getByRole('rowheader', { name: /^Score-only optimiser \((not )?methodical\)/ })
	).toBeVisible();
	const random = table.getByRole('row', { name: /Random legal play/ });
	await expect(random.getByRole('cell').first()).toHaveText('100');
	await expect(page.getByRole('heading', { name: /^✗ Bounds broken: \d+$/ })).toBeVisible();
	await expect(page.getByText('No model path: add a check with a minScore')).toBeVisible();
	await axe('robots table');

	// Editing the draft makes the table stale.
	await page.getByRole('tab', { name: 'Editor' }).click();
	await page.locator('.cm-content').click();
	await page.keyboard.press('Control+End');
	await page.keyboard.insertText(' ');
	await page.getByRole('tab', { name: 'Checks' }).click();
	await expect(
		page.getByText('The file changed since the robots ran. Run them again.')
	).toBeVisible();
});

/**
 * The studio for branching deals: the branch map (with a check's path), the try-out from any
 * stage, and the forms beside the JSON.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const river = readFileSync('scenarios/riverside-water-meters.json', 'utf8');
const editorText = (page: Page) => page.locator('.cm-content');

async function importFile(page: Page, name: string, text: string) {
	await page.locator('input[type="file"]').setInputFiles({
		name,
		mimeType: 'application/json',
		buffer: Buffer.from(text)
	});
	await expect(page).toHaveURL(/\/trainer\/scenarios\/[^/]+$/);
}

test('the branch map draws the stages, marks a check’s path and opens a node in the JSON', async ({
	page,
	axe
}) => {
	await page.goto('/trainer');
	await importFile(page, 'riverside.json', river);
	await page.getByRole('tab', { name: 'Map' }).click();
	await expect(page.getByRole('heading', { name: 'Branch map' })).toBeVisible();
	const stages = page.getByRole('list', { name: 'The stages of the deal' });
	await expect(stages.getByRole('heading', { level: 3 })).toHaveCount(6);
	// The option that withdraws well needs the designer's intel: the condition in words.
	const wise = stages.getByRole('button', {
		name: /^Option Withdraw.*Only if variant “grant-locked” drawn and intel found/
	});
	await expect(wise).toHaveCount(1);
	await expect(wise).toContainText('Ends the deal: Withdrawn');
	const lockIn = stages.getByRole('button', {
		name: /Event as the stage closes.*Ends the deal: Lost/
	});
	await expect(lockIn).toHaveCount(1);
	await axe('branch map');

	// A check's path: pushing on runs into the lock-in.
	const checks = page.getByLabel('Show a check’s path');
	// The options are "No check", then the checks in file order; the fourth pushes on.
	await checks.selectOption({ index: 4 });
	await expect(page.getByTestId('map-path')).toContainText('ends in System design: Lost');
	await expect(lockIn).toContainText('✓ on the path');
	await expect(wise).not.toContainText('on the path');
	await checks.selectOption({ index: 1 });
	await expect(page.getByTestId('map-path')).toContainText('Withdrawn');
	await expect(wise).toContainText('✓ on the path');
	await expect(lockIn).not.toContainText('on the path');
	await axe('branch map with a path');

	// The keyboard opens a node's place in the JSON.
	await wise.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('tab', { name: 'Editor' })).toHaveAttribute('aria-selected', 'true');
	await expect(editorText(page)).toBeFocused();
	const selected = await page.evaluate(() => getSelection()?.toString() ?? '');
	expect(selected).toContain('"id": "withdraw"');
	expect(selected).toContain('"ends": "withdrawn"');
});

/**
 * The studio's Translation tab: a Chinese twin of a shipped scenario, shown side by side with its
 * original; a difference of structure is named; both languages pass axe.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

const original = JSON.parse(readFileSync('scenarios/city-hospital-his.json', 'utf8'));

/** The hospital "translated": a new id and language, naming its original; two texts in Chinese. */
function twin(edit: (s: typeof original) => void = () => {}): string {
	const value = structuredClone(original);
	value.id = 'city-hospital-his-zh';
	value.version = 1;
	value.locale = 'zh-CN';
	value.translationOf = { id: 'city-hospital-his', locale: 'en' };
	value.title = '市第二医院：新的信息系统';
	value.people[0].name = '赵明';
	edit(value);
	return JSON.stringify(value, null, '\t');
}

test('a translation is shown beside its original, and a difference of structure is named', async ({
	page,
	axe,
	switchLanguage
}) => {
	test.setTimeout(90_000);
	await page.goto('/trainer');
	await page.locator('input[type="file"]').setInputFiles({
		name: 'hospital-zh.json',
		mimeType: 'application/json',
		buffer: Buffer.from(twin((s) => (s.people[0].influence = s.people[0].influence === 5 ? 4 : 5)))
	});
	await page.getByRole('tab', { name: 'Translation' }).click();
	const pair = page.getByTestId('translation-pair');
	await expect(pair.getByRole('heading')).toHaveText(
		`city-hospital-his v${original.version} and its translation city-hospital-his-zh v1`
	);
	const structure = page.getByTestId('translation-structure');
	await expect(structure).toContainText('Differences of structure: 1.');
	await expect(structure).toContainText(`${original.people[0].name} › influence`);
	const title = pair.getByRole('row', { name: /^title/ });
	await expect(title.getByRole('cell').nth(0)).toHaveText(original.title);
	await expect(title.getByRole('cell').nth(1)).toHaveText('市第二医院：新的信息系统');
	await expect(title.getByRole('cell').nth(1)).toHaveAttribute('lang', 'zh-CN');
	// No earlier version of the translation: nothing can be flagged as changed on one side.
	await expect(page.getByTestId('translation-flagged')).toContainText(
		'No text changed in one language only.'
	);
	await axe('translation tab');

	// A place opens in the editor.
	await title.getByRole('button', { name: 'title' }).click();
	await expect(page.getByRole('tab', { name: 'Editor' })).toHaveAttribute('aria-selected', 'true');

	await switchLanguage('zh-CN');
	await page.getByRole('tab', { name: '译本' }).click();
	await expect(page.getByTestId('translation-structure')).toContainText('结构上有 1 处不同');
	await axe('translation tab in Chinese');
});

test('a scenario with no twin says how to name one', async ({ page }) => {
	await page.goto('/trainer');
	await page.locator('input[type="file"]').setInputFiles({
		name: 'hospital-3.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify({ ...original, version: 3 }, null, '\t'))
	});
	await page.getByRole('tab', { name: 'Translation' }).click();
	await expect(page.getByRole('tabpanel')).toContainText(
		'This scenario names no original ("translationOf")'
	);
});

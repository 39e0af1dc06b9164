import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

const zh = {
	...JSON.parse(readFileSync('messages/zh-CN.json', 'utf8')),
	...JSON.parse(readFileSync('messages/play/zh-CN.json', 'utf8'))
} as Record<string, string>;

// An unknown scenario to play and an unknown attempt are 404s (their pages' load functions),
// shown by the error page in the reader's language.
for (const [path, sentence, key] of [
	['/play/no-such-scenario', 'There is no such scenario on this device.', 'play_missing'],
	[
		'/attempts/no-such-attempt',
		'There is no attempt at this address on this device.',
		'debrief_not_found'
	]
] as const) {
	test(`${path} shows the 404 page, in English and in Chinese`, async ({
		page,
		axe,
		switchLanguage
	}) => {
		await page.goto(path);
		await expect(
			page.getByRole('heading', { level: 1, name: 'This page does not exist.' })
		).toBeVisible();
		await expect(page.getByText(sentence)).toBeVisible();
		await expect(page.getByRole('link', { name: 'Back to the scenarios' })).toHaveAttribute(
			'href',
			'/scenarios'
		);
		await axe(`404 at ${path}`);

		await switchLanguage('zh-CN');
		await expect(page.getByRole('heading', { level: 1, name: zh.not_found })).toBeVisible();
		await expect(page.getByText(zh[key])).toBeVisible();
		await expect(page.getByText(sentence)).toHaveCount(0);
		// Loaded afresh in Chinese, it says the same.
		await page.reload();
		await expect(page.getByRole('heading', { level: 1, name: zh.not_found })).toBeVisible();
		await expect(page.getByText(zh[key])).toBeVisible();
		await expect(page.getByRole('link', { name: zh.play_back_to_library })).toBeVisible();
	});
}

import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

const zh = {
	...JSON.parse(readFileSync('messages/zh-CN.json', 'utf8')),
	...JSON.parse(readFileSync('messages/play/zh-CN.json', 'utf8'))
} as Record<string, string>;

// An unknown scenario to play and an unknown attempt are 404s (their pages' load functions),
// shown by the error page in the reader's language: under "This page does not exist.", or under
// the debrief's own heading for an attempt's address.
for (const [path, heading, sentence, keys] of [
	[
		'/play/no-such-scenario',
		'This page does not exist.',
		'There is no such scenario on this device.',
		{ heading: 'not_found', sentence: 'play_missing' }
	],
	[
		'/attempts/no-such-attempt',
		'Debrief',
		'There is no attempt at this address on this device.',
		{ heading: 'debrief_title', sentence: 'debrief_not_found' }
	]
] as const) {
	test(`${path} shows the 404 page, in English and in Chinese`, async ({
		page,
		axe,
		switchLanguage
	}) => {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
		await expect(page.getByText(sentence)).toBeVisible();
		await expect(page.getByRole('link', { name: 'Back to the scenarios' })).toHaveAttribute(
			'href',
			'/scenarios'
		);
		await axe(`404 at ${path}`);

		await switchLanguage('zh-CN');
		await expect(page.getByRole('heading', { level: 1, name: zh[keys.heading] })).toBeVisible();
		await expect(page.getByText(zh[keys.sentence])).toBeVisible();
		await expect(page.getByText(sentence)).toHaveCount(0);
		// Loaded afresh in Chinese, it says the same.
		await page.reload();
		await expect(page.getByRole('heading', { level: 1, name: zh[keys.heading] })).toBeVisible();
		await expect(page.getByText(zh[keys.sentence])).toBeVisible();
		await expect(page.getByRole('link', { name: zh.play_back_to_library })).toBeVisible();
	});
}

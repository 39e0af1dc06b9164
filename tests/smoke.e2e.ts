import { expect, test } from './fixtures';

const pages = [
	{ path: '/', heading: /Practise key-account deals/ },
	{ path: '/scenarios', heading: 'Scenarios' },
	{ path: '/scoreboard', heading: 'Scoreboard' },
	{ path: '/trainer', heading: 'Trainer studio' }
];

for (const { path, heading } of pages) {
	test(`${path} opens, reads well and is accessible`, async ({ page, axe }) => {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		await axe(path);
	});
}

test('the header navigates to every page', async ({ page }) => {
	await page.goto('/');
	const nav = page.getByRole('navigation', { name: 'Main navigation' });
	for (const name of ['Scenarios', 'Scoreboard', 'Trainer']) {
		await nav.getByRole('link', { name }).click();
		await expect(nav.getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
	}
});

test('the language switch turns the app to Chinese and is remembered', async ({
	page,
	switchLanguage,
	axe
}) => {
	await page.goto('/');
	await switchLanguage('zh-CN');
	await expect(page.getByRole('link', { name: '案例' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('大客户销售');
	await axe('home in Chinese');
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page.getByRole('link', { name: '排行榜' })).toBeVisible();
	await switchLanguage('en');
	await expect(page.getByRole('link', { name: 'Scoreboard' })).toBeVisible();
});

test('an unknown address says so and links home', async ({ page }) => {
	await page.goto('/no-such-page');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist.');
	await page.getByRole('link', { name: 'Back to the home page' }).click();
	await expect(page).toHaveURL(/\/$/);
});

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

test('the header navigates to every page; trainers enter from the footer', async ({ page }) => {
	await page.goto('/');
	const nav = page.getByRole('navigation', { name: 'Main navigation' });
	for (const name of ['Scenarios', 'Handbook', 'Scoreboard', 'Settings']) {
		await nav.getByRole('link', { name }).click();
		await expect(nav.getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
	}
	// Not in a trainee's main menu.
	await expect(nav.getByRole('link', { name: 'Trainer' })).toHaveCount(0);
	await page.getByRole('contentinfo').getByRole('link', { name: 'For trainers' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trainer studio');
});

for (const code of ['en', 'zh-CN'] as const) {
	test(`at 768 px the navigation stays on one line (${code})`, async ({ page, switchLanguage }) => {
		await page.setViewportSize({ width: 768, height: 900 });
		await page.goto('/');
		if (code !== 'en') await switchLanguage(code);
		const header = page.getByRole('banner');
		const items = header.locator('a, select');
		const tops = await items.evaluateAll((nodes) =>
			nodes.map((node) =>
				Math.round(node.getBoundingClientRect().top + node.getBoundingClientRect().height / 2)
			)
		);
		expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(4);
		const overflow = await header.evaluate((node) => node.scrollWidth - node.clientWidth);
		expect(overflow).toBeLessThanOrEqual(0);
	});
}

test('the language switch turns the app to Chinese and is remembered', async ({
	page,
	switchLanguage,
	axe
}) => {
	await page.goto('/');
	await switchLanguage('zh-CN');
	await expect(page.getByRole('link', { name: '案例', exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('大客户销售');
	await axe('home in Chinese');
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page.getByRole('link', { name: '排行榜', exact: true })).toBeVisible();
	await switchLanguage('en');
	await expect(page.getByRole('link', { name: 'Scoreboard' })).toBeVisible();
});

test('an unknown address says so and links home', async ({ page }) => {
	await page.goto('/no-such-page');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist.');
	await page.getByRole('link', { name: 'Back to the home page' }).click();
	await expect(page).toHaveURL(/\/$/);
});

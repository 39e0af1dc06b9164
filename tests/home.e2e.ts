import { expect, test } from './fixtures';
import { attemptFromCheck, storeAttempt } from './attempt-seed';
import { play, readScenario, startDeal } from './play-driver';

test('a new trainee is sent to the intro scenario and sees what a deal asks', async ({
	page,
	axe
}) => {
	await page.goto('/');
	const next = page.getByRole('region', { name: 'Play next' });
	await expect(next).toContainText('Northline Logistics');
	await expect(next).toContainText('Start here');
	await expect(page.getByRole('region', { name: 'Your deal is waiting' })).toHaveCount(0);
	await expect(page.getByTestId('assigned-practice')).toHaveCount(0);
	await expect(page.getByRole('region', { name: 'Your recent results' })).toContainText(
		'No results yet'
	);
	const track = page.getByRole('region', { name: 'What you will do in a deal' });
	await expect(track.getByRole('img')).toBeVisible();
	await expect(track).toContainText('30 to 45 minutes');
	await axe('home, new trainee');
	await next.getByRole('link', { name: /^Play Northline/ }).click();
	await expect(page).toHaveURL(/\/play\/northline-forklift-telematics$/);
});

test('the home page resumes the open deal and lists results with medals', async ({ page, axe }) => {
	const scenario = readScenario('city-hospital-his');
	await startDeal(page, scenario.id, 'practice');
	await play(page, scenario, { type: 'strategy', strategy: 'farming' });
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome back, Li Na');
	const resume = page.getByRole('region', { name: 'Your deal is waiting' });
	await expect(resume).toContainText('City Hospital');
	await expect(resume).toContainText('Discover needs');
	// The recommendation is another scenario than the one waiting.
	await expect(page.getByRole('region', { name: 'Play next' })).toContainText('Northline');
	await axe('home with a deal waiting');
	await resume.getByRole('link', { name: 'Resume the deal' }).click();
	await expect(page.getByRole('status')).toContainText('Welcome back');

	// A finished attempt shows with its score and medal, linked to its debrief.
	const attempt = await attemptFromCheck('city-hospital-his.json', 0, {
		id: 'home-result',
		player: 'Wang Fang'
	});
	await storeAttempt(page, attempt);
	await page.goto('/');
	const results = page.getByRole('region', { name: 'Your recent results' });
	await expect(results.getByRole('link', { name: attempt.scenario.title })).toBeVisible();
	await expect(results).toContainText('Gold');
	await expect(results).toContainText('1 gold, 0 silver, 0 bronze');
	await expect(page.getByText('Your finished deals took 30 minutes (median).')).toBeVisible();
});

test('the drawing of a deal takes the place its prerendered page kept for it, at every width', async ({
	browser
}) => {
	// From a phone's to a desktop's: two columns with labels in three, four or two lines, then
	// three columns, then six.
	for (const width of [320, 390, 430, 500, 700, 1280]) {
		const viewport = { width, height: 900 };
		const html = await browser.newContext({ viewport, javaScriptEnabled: false });
		const before = await html.newPage();
		await before.goto('/');
		const kept = await before.locator('[id^="stage-track-reserve"]').boundingBox();
		await html.close();
		const app = await browser.newContext({ viewport });
		const after = await app.newPage();
		await after.goto('/');
		const drawn = await after
			.getByRole('img', { name: /The six procurement stages/ })
			.boundingBox();
		await app.close();
		expect(drawn?.height, `at ${width} px`).toBe(kept?.height);
	}
});

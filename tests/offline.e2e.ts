/**
 * The app offline and its updates (src/service-worker.ts, src/lib/state/app-update.svelte.ts):
 * once loaded, a whole deal is played with the network cut, through a reload; a new build is
 * offered with a prompt that waits for the deal in progress to end.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { currentStage, play, readScenario, startDeal } from './play-driver';

const scenario = readScenario('city-hospital-his');
const model = scenario.checks![0];

/** The service worker has stored this version and answers the page's requests. */
async function controlled(page: Page) {
	await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated');
}

/** The state of the version waiting to take over, 'none', or 'reloading' while the page reloads. */
function waitingVersion(page: Page): Promise<string> {
	return page
		.evaluate(
			async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? 'none'
		)
		.catch(() => 'reloading');
}

/** Registers the service worker under `?build=<n>` once the test has set a next build. */
const NEXT_BUILD = `(() => {
	const register = ServiceWorkerContainer.prototype.register;
	ServiceWorkerContainer.prototype.register = function (url, options) {
		const build = localStorage.getItem('test-next-build');
		return register.call(this, build ? url + '?build=' + build : url, options);
	};
})();`;

test('a whole deal is played with the network cut after the first load, through a reload', async ({
	page,
	context
}) => {
	test.setTimeout(180_000);
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await controlled(page);
	await context.setOffline(true);
	expect(await page.evaluate(() => navigator.onLine)).toBe(false);

	// The play page, its scenario and every chunk come from the service worker's copy.
	await startDeal(page, scenario.id, 'assessment');
	const half = Math.floor(model.actions.length / 2);
	for (const action of model.actions.slice(0, half)) await play(page, scenario, action);
	const stage = await currentStage(page).textContent();

	await page.reload();
	await expect(page.getByRole('status')).toContainText('Welcome back');
	await expect(currentStage(page)).toHaveText(stage!);
	for (const action of model.actions.slice(half)) await play(page, scenario, action);
	await expect(page).toHaveURL(/\/attempts\//);
	await expect(page.getByRole('main')).toContainText('won', { ignoreCase: true });
	await context.setOffline(false);
});

test('a new build is offered with a prompt, which waits for the deal in progress to end', async ({
	page,
	axe
}) => {
	test.setTimeout(120_000);
	await page.addInitScript(NEXT_BUILD);
	await page.goto('/');
	await controlled(page);
	await startDeal(page, scenario.id, 'practice');
	await play(page, scenario, model.actions[0]);

	// A new build. Chromium fetches a service worker's script outside Playwright's routing, so the
	// server cannot be made to answer a changed script; instead the new build's script is the same
	// file under a new URL (NEXT_BUILD, set below), which the browser installs as a new version
	// whatever its bytes, and which the app registers from then on, as a new build's app would.
	await page.evaluate(async () => {
		localStorage.setItem('test-next-build', '2');
		await navigator.serviceWorker.register('/service-worker.js');
	});
	await expect.poll(() => waitingVersion(page)).toBe('installed');
	const prompt = page.getByRole('status').filter({ hasText: 'A new version of sales-sim' });
	// Not during the deal: nothing is swapped or offered under it.
	await expect(page.getByRole('button', { name: 'Update now' })).toHaveCount(0);
	await expect(currentStage(page)).toContainText('Discover needs');

	// Leaving the deal (it waits, stored) shows the prompt.
	await page
		.getByRole('navigation', { name: 'Main navigation' })
		.getByRole('link', { name: 'Scenarios' })
		.click();
	await expect(prompt).toBeVisible();
	await axe('the update prompt');
	await page.getByRole('button', { name: 'Later' }).click();
	await expect(prompt).toHaveCount(0);
	await page.reload();
	// Still the old version after a reload: "Later" lasts until no tab uses it.
	await expect(prompt).toBeVisible();
	const reloaded = page.waitForEvent('load');
	await page.getByRole('button', { name: 'Update now' }).click();
	await reloaded;
	// The page reloads into the new version: nothing waits any more, and it answers the page.
	await expect.poll(() => waitingVersion(page)).toBe('none');
	await controlled(page);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(prompt).toHaveCount(0);
});

import { expect, test } from './fixtures';
import { currentStage, play, readScenario, startDeal } from './play-driver';

const scenario = readScenario('city-hospital-his');

test('closing a stage with nothing done asks first, and an open decision is one step away', async ({
	page,
	axe
}) => {
	await startDeal(page, scenario.id, 'practice');
	await play(page, scenario, { type: 'strategy', strategy: 'farming' });
	const close = page.getByRole('button', { name: 'Close this stage and move on' });
	await close.click();
	await expect(
		page.getByText('You have done no sales activity and made no forecast')
	).toBeVisible();
	const notYet = page.getByRole('button', { name: 'Not yet' });
	await expect(notYet).toBeFocused();
	await axe('play page asking before closing an empty stage');
	await page.keyboard.press('Escape');
	await expect(notYet).toHaveCount(0);
	await expect(close).toBeFocused();
	await expect(currentStage(page)).toContainText('Discover needs');

	// An activity but no forecast: it still asks, and "Close it anyway" closes.
	await play(page, scenario, { type: 'activity', activity: 'visit', people: ['sun-jie'] });
	await close.click();
	await expect(page.getByText('You have made no forecast for this stage')).toBeVisible();
	await page.getByRole('button', { name: 'Close it anyway' }).click();
	await expect(currentStage(page)).toContainText('Internal deliberation');

	// The decision is far up the page: closing says so beside the button and takes you there.
	await play(page, scenario, { type: 'activity', activity: 'visit', people: ['dean-zhao'] });
	await play(page, scenario, { type: 'forecast', probability: 0.3 });
	await close.click();
	const closing = page.getByRole('region', { name: /^Close / });
	await expect(closing.getByRole('alert')).toContainText("Answer this stage's decision");
	const go = page.getByRole('button', { name: /Go to the decision/ });
	await expect(go).toBeFocused();
	await page.keyboard.press('Enter');
	const panel = page.getByRole('region', { name: 'A decision for this stage' });
	await expect(panel.getByRole('radio').first()).toBeFocused();
	await expect(panel).toBeInViewport();
	await expect(currentStage(page)).toContainText('Internal deliberation');
});

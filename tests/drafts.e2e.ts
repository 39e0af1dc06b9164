import { expect, test } from './fixtures';
import { play, readScenario, startDeal } from './play-driver';

const scenario = readScenario('city-hospital-his');

test('a reload keeps the chosen activity, the ticked people, a typed forecast and a chosen decision', async ({
	page
}) => {
	await startDeal(page, scenario.id, 'practice');
	// Into the second stage, which asks a decision.
	await play(page, scenario, { type: 'strategy', strategy: 'farming' });
	await play(page, scenario, { type: 'activity', activity: 'visit', people: ['sun-jie'] });
	await play(page, scenario, { type: 'forecast', probability: 0.2 });
	await play(page, scenario, { type: 'advance' });

	const planner = page.getByRole('region', { name: 'Sales activity' });
	await planner.locator('input[value="site-visit"]').check();
	await planner.getByRole('checkbox', { name: /^Zhao Ming ·/ }).check();
	await planner.getByRole('checkbox', { name: /^Sun Jie ·/ }).check();
	await page.getByLabel('Chance of winning, in percent').fill('35');
	const decision = page.getByRole('region', { name: 'A decision for this stage' });
	const option = scenario.stages['internal-deliberation'].decision!.options[1];
	await decision.getByRole('radio', { name: option.text, exact: true }).check();

	await page.reload();
	await expect(page.getByRole('status')).toContainText('Welcome back');
	await expect(planner.locator('input[value="site-visit"]')).toBeChecked();
	await expect(planner.getByRole('checkbox', { name: /^Zhao Ming ·/ })).toBeChecked();
	await expect(planner.getByRole('checkbox', { name: /^Sun Jie ·/ })).toBeChecked();
	await expect(planner.getByRole('checkbox', { name: /^Ma Jun ·/ })).not.toBeChecked();
	await expect(page.getByLabel('Chance of winning, in percent')).toHaveValue('35');
	await expect(decision.getByRole('radio', { name: option.text, exact: true })).toBeChecked();

	// Played, a draft is gone: the next reload shows the stored forecast and no ticked people.
	await planner.getByRole('button', { name: 'Do it' }).click();
	await expect(page.getByRole('region', { name: 'What happened' })).toContainText('Site visit');
	await page.getByRole('button', { name: 'Save forecast' }).click();
	await expect(page.getByText(/^Forecast for this stage: 35%/)).toBeVisible();
	await page.reload();
	await expect(page.getByRole('status')).toContainText('Welcome back');
	await expect(planner.getByRole('checkbox', { name: /^Zhao Ming ·/ })).not.toBeChecked();
	await expect(page.getByLabel('Chance of winning, in percent')).toHaveValue('35');
	await expect(decision.getByRole('radio', { name: option.text, exact: true })).toBeChecked();
});

import { expect, test } from './fixtures';

async function setUp(page: import('@playwright/test').Page, id: string) {
	await page.goto(`/play/${id}`);
	await expect(page.getByRole('button', { name: 'Start the deal' })).toBeVisible();
	return { name: page.getByLabel('Your name'), team: page.getByLabel('Your team (optional)') };
}

test('on a shared device the next trainee is not filed under the last one’s team', async ({
	page
}) => {
	let form = await setUp(page, 'city-hospital-his');
	await form.name.fill('Li Na');
	await form.team.fill('East');
	await page.getByRole('button', { name: 'Start the deal' }).click();
	await page.locator('dialog[open]').getByRole('button', { name: 'Skip the guide' }).click();
	await expect(page.getByText('Li Na (East)')).toBeVisible();

	// The next trainee opens another deal: the form remembers the last player and their team…
	form = await setUp(page, 'northline-forklift-telematics');
	await expect(form.name).toHaveValue('Li Na');
	await expect(form.team).toHaveValue('East');
	// …and typing another name clears a team that was not theirs.
	await form.name.fill('Zhang Wei');
	await expect(form.team).toHaveValue('');
	// Typing back a stored player's name brings back that player's team.
	await form.name.fill('Li Na');
	await expect(form.team).toHaveValue('East');
	await form.name.fill('Zhang Wei');
	await page.getByRole('button', { name: 'Start the deal' }).click();
	await expect(page.getByText(/· Zhang Wei$/)).toBeVisible();
	await expect(page.getByText('Zhang Wei (East)')).toHaveCount(0);
});

test('a team the trainee typed is kept when they correct their name', async ({ page }) => {
	const form = await setUp(page, 'city-hospital-his');
	await form.name.fill('Zhao');
	await form.team.fill('West');
	await form.name.fill('Zhao Lei');
	await expect(form.team).toHaveValue('West');
});

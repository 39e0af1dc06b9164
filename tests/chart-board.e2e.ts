import { expect, test } from './fixtures';
import { play, readScenario, startDeal } from './play-driver';

const scenario = readScenario('city-hospital-his');
const model = scenario.checks![0];
const FIELDS = { role: 'Role', attitude: 'Attitude', level: 'Level' } as const;

test('a whole chart is filled in on the organization chart with at most half of the dropdowns’ interactions', async ({
	page,
	axe
}) => {
	await page.setViewportSize({ width: 768, height: 1024 });
	await startDeal(page, scenario.id, 'practice');
	await play(page, scenario, { type: 'strategy', strategy: 'farming' });
	const board = page.getByTestId('chart-board');
	await expect(board).toBeVisible();
	const cards = board.getByTestId('chart-card');
	const known = await cards.count();
	expect(known).toBeGreaterThan(4);
	// Today's table had one dropdown per field: open it, choose (two interactions each).
	const dropdownInteractions = known * 3 * 2;

	await page.evaluate(() => {
		(window as unknown as { clicks: number }).clicks = 0;
		document.addEventListener(
			'pointerdown',
			() => ((window as unknown as { clicks: number }).clicks += 1),
			true
		);
	});
	const entries = model.actions.filter((a) => a.type === 'chart').slice(0, known);
	for (const action of entries) {
		if (action.type !== 'chart') continue;
		const name = scenario.people.find((p) => p.id === action.person)!.name;
		for (const field of ['role', 'attitude', 'level'] as const) {
			const value = action[field];
			if (!value) continue;
			await board
				.getByRole('group', { name: `${FIELDS[field]}: ${name}`, exact: true })
				.locator(`button[data-value="${value}"]`)
				.click();
			await expect(
				board
					.getByRole('group', { name: `${FIELDS[field]}: ${name}`, exact: true })
					.locator(`button[data-value="${value}"]`)
			).toHaveAttribute('aria-pressed', 'true');
		}
	}
	const clicks = await page.evaluate(() => (window as unknown as { clicks: number }).clicks);
	expect(clicks).toBe(known * 3);
	expect(clicks).toBeLessThanOrEqual(dropdownInteractions / 2);

	// Placed by level: no card is left in the "not set" row; nothing is cut at 768 px.
	await expect(board.getByText('Level not set yet')).toHaveCount(0);
	const cut = await board
		.locator('button, h4, p')
		.evaluateAll((nodes) =>
			nodes.filter((n) => n.scrollWidth > n.clientWidth + 1).map((n) => n.textContent)
		);
	expect(cut).toEqual([]);
	await axe('organization chart at 768 px');

	// The table shows the same chart.
	await page.getByRole('button', { name: 'Table', exact: true }).click();
	await expect(board).toHaveCount(0);
	const first = entries[0];
	if (first.type === 'chart') {
		const name = scenario.people.find((p) => p.id === first.person)!.name;
		await expect(
			page
				.getByRole('table')
				.getByRole('group', { name: `Role: ${name}`, exact: true })
				.locator('[aria-pressed="true"]')
		).toHaveAttribute('data-value', first.role!);
	}
});

test('a chart field is one Tab stop, which follows focus: the arrows’, a click’s or a choice’s', async ({
	page
}) => {
	await startDeal(page, scenario.id, 'practice');
	await play(page, scenario, { type: 'strategy', strategy: 'farming' });
	const name = scenario.people[0].name;
	const group = page
		.getByTestId('chart-board')
		.getByRole('group', { name: `Role: ${name}`, exact: true });
	const buttons = group.getByRole('button');
	const stops = () =>
		buttons.evaluateAll((nodes) => nodes.filter((n) => n.getAttribute('tabindex') === '0').length);
	await buttons.first().focus();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await expect(buttons.nth(2)).toBeFocused();
	await expect(buttons.nth(2)).toHaveAttribute('tabindex', '0');
	expect(await stops()).toBe(1);
	// Out of the group and back: to the button the arrows left focus on, nothing chosen.
	await page.keyboard.press('Tab');
	await expect(buttons.nth(2)).not.toBeFocused();
	await page.keyboard.press('Shift+Tab');
	await expect(buttons.nth(2)).toBeFocused();
	await expect(group.locator('[aria-pressed="true"]')).toHaveCount(0);
	// Focused from elsewhere (the page, a pointer), the button becomes the stop, before any choice.
	await buttons.nth(1).focus();
	await expect(buttons.nth(1)).toHaveAttribute('tabindex', '0');
	expect(await stops()).toBe(1);
	await page.keyboard.press('Enter');
	await expect(buttons.nth(1)).toHaveAttribute('aria-pressed', 'true');
	await expect(buttons.nth(1)).toBeFocused();
	await expect(buttons.nth(1)).toHaveAttribute('tabindex', '0');
	expect(await stops()).toBe(1);
});

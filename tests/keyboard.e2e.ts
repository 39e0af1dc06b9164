/**
 * A whole deal played with the keyboard only (Tab, Shift+Tab, arrows, Enter, Space, Escape):
 * after every action, focus is on the control used or on the next logical one, and no chart
 * value changed that the player did not choose.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { readScenario, startDeal, type Action, type ScenarioFile } from './play-driver';

const scenario = readScenario('city-hospital-his');
const model = scenario.checks![0];
const FIELDS = { role: 'Role', attitude: 'Attitude', level: 'Level' } as const;

/**
 * Presses Tab (or Shift+Tab, whichever way the target lies) until focus is inside `target`:
 * the keyboard path a player would take. Fails when the target cannot be reached.
 */
async function tabTo(page: Page, target: Locator): Promise<void> {
	const inside = () =>
		target.evaluateAll((nodes) => nodes.some((node) => node.contains(document.activeElement)));
	if (await inside()) return;
	const backwards = await target.first().evaluate((node) => {
		const active = document.activeElement;
		if (!active || active === document.body) return false;
		return Boolean(active.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING);
	});
	for (let i = 0; i < 400; i++) {
		await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
		if (await inside()) return;
	}
	throw new Error(`could not reach ${target} with the Tab key`);
}

/** Every chart value shown, by "Field: person". */
async function chartValues(page: Page): Promise<Record<string, string>> {
	return page
		.getByRole('region', { name: 'Procurement analysis chart' })
		.evaluate((chart) =>
			Object.fromEntries(
				[...chart.querySelectorAll('[role="group"][aria-label]')].map((group) => [
					group.getAttribute('aria-label')!,
					group.querySelector('[aria-pressed="true"]')?.getAttribute('data-value') ?? ''
				])
			)
		);
}

async function settled(page: Page) {
	await expect(page.getByTestId('deal')).not.toHaveAttribute('aria-busy', 'true');
}

function personName(file: ScenarioFile, id: string) {
	return file.people.find((p) => p.id === id)!.name;
}

async function focused(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement;
		return el ? `${el.tagName} ${el.getAttribute('aria-label') ?? el.textContent?.trim()}` : '';
	});
}

/** Plays one action from the keyboard and checks focus and the chart after it. */
async function playByKeyboard(page: Page, action: Action): Promise<void> {
	const started = Date.now();
	const before = await chartValues(page);
	const expected = { ...before };
	switch (action.type) {
		case 'strategy': {
			const group = page.getByRole('group', { name: 'Sales strategy' });
			const wanted = group.locator(`input[value="${action.strategy}"]`);
			await tabTo(page, group.getByRole('radio'));
			// None is chosen yet: Tab lands on the first (or last) radio without choosing it.
			if (await wanted.evaluate((node) => node === document.activeElement))
				await page.keyboard.press('Space');
			else
				await page.keyboard.press(
					(await group
						.getByRole('radio')
						.first()
						.evaluate((n) => n === document.activeElement))
						? 'ArrowDown'
						: 'ArrowUp'
				);
			await settled(page);
			await expect(wanted).toBeChecked();
			await expect(wanted).toBeFocused();
			break;
		}
		case 'chart': {
			for (const field of ['role', 'attitude', 'level'] as const) {
				const value = action[field];
				if (!value) continue;
				const group = page.getByRole('group', {
					name: `${FIELDS[field]}: ${personName(scenario, action.person)}`,
					exact: true
				});
				await tabTo(page, group);
				const wanted = group.locator(`button[data-value="${value}"]`);
				for (let i = 0; i < 6 && !(await wanted.evaluate((n) => n === document.activeElement)); i++)
					await page.keyboard.press('ArrowRight');
				// The arrows moved focus only: nothing has been chosen yet.
				expect(await chartValues(page)).toEqual(expected);
				await page.keyboard.press('Enter');
				await settled(page);
				expected[`${FIELDS[field]}: ${personName(scenario, action.person)}`] = value;
				await expect(wanted).toHaveAttribute('aria-pressed', 'true');
				await expect(wanted).toBeFocused();
			}
			break;
		}
		case 'activity': {
			const planner = page.getByRole('region', { name: 'Sales activity' });
			const types = planner.getByRole('group', { name: 'Activity', exact: true });
			await tabTo(page, types.getByRole('radio'));
			const wanted = types.locator(`input[value="${action.activity}"]`);
			for (let i = 0; i < 8 && !(await wanted.isChecked()); i++)
				await page.keyboard.press('ArrowRight');
			await expect(wanted).toBeChecked();
			for (const id of action.people ?? []) {
				const box = planner.getByRole('checkbox', {
					name: new RegExp(`^${personName(scenario, id)} ·`)
				});
				await tabTo(page, box);
				await page.keyboard.press('Space');
				await expect(box).toBeChecked();
			}
			const submit = planner.getByRole('button', { name: 'Do it' });
			await tabTo(page, submit);
			await page.keyboard.press('Enter');
			await settled(page);
			await expect(submit).toBeFocused();
			break;
		}
		case 'decide': {
			const panel = page.getByRole('region', { name: 'A decision for this stage' });
			const option = Object.values(scenario.stages)
				.find((s) => s.decision?.id === action.decision)!
				.decision!.options.find((o) => o.id === action.option)!;
			await tabTo(page, panel.getByRole('radio'));
			const wanted = panel.getByRole('radio', { name: option.text, exact: true });
			if (!(await wanted.evaluate((n) => n === document.activeElement))) {
				for (let i = 0; i < 6 && !(await wanted.isChecked()); i++)
					await page.keyboard.press('ArrowDown');
			} else await page.keyboard.press('Space');
			await expect(wanted).toBeChecked();
			await tabTo(page, panel.getByRole('button', { name: 'Decide' }));
			await page.keyboard.press('Enter');
			await settled(page);
			// The form is replaced by the answer: focus moves to it.
			await expect(panel.getByText(/^You decided:/)).toBeFocused();
			break;
		}
		case 'forecast': {
			const input = page.getByLabel('Chance of winning, in percent');
			await tabTo(page, input);
			await page.keyboard.press('ControlOrMeta+a');
			await page.keyboard.type(String(Math.round(action.probability * 100)));
			const save = page.getByRole('button', { name: 'Save forecast' });
			await tabTo(page, save);
			await page.keyboard.press('Enter');
			await settled(page);
			await expect(page.getByText(/^Forecast for this stage:/)).toContainText(
				`${Math.round(action.probability * 100)}%`
			);
			await expect(save).toBeFocused();
			break;
		}
		case 'advance': {
			const close = page.getByRole('button', {
				name: /^(Close this stage and move on|Close the installation and finish)$/
			});
			const finishing = (await close.textContent())!.includes('finish');
			await tabTo(page, close);
			await page.keyboard.press('Enter');
			// A stage with no activity or no forecast asks first, with focus on "Not yet".
			const notYet = page.getByRole('button', { name: 'Not yet' });
			if (
				await notYet.waitFor({ timeout: 300 }).then(
					() => true,
					() => false
				)
			) {
				await expect(notYet).toBeFocused();
				await page.keyboard.press('Shift+Tab');
				await expect(page.getByRole('button', { name: 'Close it anyway' })).toBeFocused();
				await page.keyboard.press('Enter');
			}
			if (finishing) {
				await expect(page).toHaveURL(/\/attempts\//);
				return;
			}
			await settled(page);
			// A new stage: focus moves to its heading, the start of what to read next.
			await expect(page.locator('#stage-heading')).toBeFocused();
			break;
		}
		case 'withdraw':
			throw new Error('the model path does not withdraw');
	}
	// A person revealed by the action joins the chart with nothing set.
	const after = await chartValues(page);
	for (const key of Object.keys(after)) if (!(key in expected)) expected[key] = '';
	expect(after, `chart after ${JSON.stringify(action)}`).toEqual(expected);
	expect(await focused(page)).not.toBe('BODY ');
	if (process.env.KEYBOARD_TIMING) console.log(action.type, Date.now() - started, 'ms');
}

test('a whole deal played with the keyboard only keeps focus and never changes the chart by accident', async ({
	page
}) => {
	test.setTimeout(300_000);
	await startDeal(page, scenario.id, 'assessment');
	for (const action of model.actions) await playByKeyboard(page, action);
	await expect(page).toHaveURL(/\/attempts\//);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(/City/);
});

test('on the chart the arrow keys move focus only, and Escape or Tab choose nothing', async ({
	page
}) => {
	await startDeal(page, scenario.id, 'practice');
	const before = await chartValues(page);
	const group = page.getByRole('group', { name: 'Role: Sun Jie', exact: true });
	await tabTo(page, group);
	for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight', 'End', 'Home', 'ArrowUp', 'Escape'])
		await page.keyboard.press(key);
	await page.keyboard.press('Tab');
	expect(await chartValues(page)).toEqual(before);
	expect(Object.values(before).every((value) => value === '')).toBe(true);
});

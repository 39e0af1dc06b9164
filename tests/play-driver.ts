/**
 * Drives the play page the way a trainee would, one contract action at a time, so that browser
 * tests can play a scenario's check paths through the UI.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

const labels: Record<string, string> = JSON.parse(readFileSync('messages/en.json', 'utf8'));
const label = (kind: string, id: string) => labels[`${kind}_${id.replaceAll('-', '_')}`] ?? id;

interface FileDecision {
	id: string;
	options: { id: string; text: string }[];
}

/** A decision of the file by id, in a stage's `decision` or `decisions`. */
function fileDecision(scenario: ScenarioFile, id: string): FileDecision | undefined {
	return Object.values(scenario.stages)
		.flatMap((plan) => [...(plan.decision ? [plan.decision] : []), ...(plan.decisions ?? [])])
		.find((decision) => decision.id === id);
}

export interface ScenarioFile {
	id: string;
	people: { id: string; name: string }[];
	stages: Record<string, { decision?: FileDecision; decisions?: FileDecision[] }>;
	checks?: { name: string; actions: Action[]; expect: Record<string, unknown> }[];
}

export type Action =
	| { type: 'strategy'; strategy: string }
	| {
			type: 'chart';
			person: string;
			role?: string;
			attitude?: string;
			level?: string;
			contact?: string;
	  }
	| { type: 'activity'; activity: string; people?: string[] }
	| { type: 'decide'; decision: string; option: string }
	| { type: 'forecast'; probability: number }
	| { type: 'advance' }
	| { type: 'withdraw' };

export function readScenario(id: string): ScenarioFile {
	return JSON.parse(readFileSync(`scenarios/${id}.json`, 'utf8'));
}

/**
 * Starts a deal on the play page as `name`, in `mode`, and skips the first-play guide (shown the
 * first time a deal is opened on a device: pass `firstTime: false` after that).
 */
export async function startDeal(
	page: Page,
	id: string,
	mode: 'practice' | 'assessment',
	{ name = 'Li Na', firstTime = true }: { name?: string; firstTime?: boolean } = {}
) {
	// Seed 0: the deal each scenario's model path is written for, so the tests play a known deal.
	await page.goto(`/play/${id}?seed=0`);
	await page.getByLabel('Your name').fill(name);
	await page
		.getByRole('radio', { name: mode === 'practice' ? /^Practice/ : /^Assessment/ })
		.check();
	await page.getByRole('button', { name: 'Start the deal' }).click();
	if (firstTime) {
		const guide = page.locator('dialog[open]');
		await expect(guide).toHaveCount(1);
		await guide.getByRole('button', { name: 'Skip the guide' }).click();
		await expect(guide).toHaveCount(0);
	}
	await expect(page.getByRole('heading', { name: 'Sales activity' })).toBeVisible();
}

/** No action is being stored (the deal is marked aria-busy while one is). */
async function settled(page: Page) {
	await expect(page.getByTestId('deal')).not.toHaveAttribute('aria-busy', 'true');
}

/** The stage the track marks as current. */
export function currentStage(page: Page) {
	return page
		.getByRole('navigation', { name: 'Procurement stages' })
		.locator('[aria-current="step"]');
}

/** Plays one action through the controls a trainee would use. */
export async function play(page: Page, scenario: ScenarioFile, action: Action): Promise<void> {
	const name = (id: string) => scenario.people.find((p) => p.id === id)!.name;
	switch (action.type) {
		case 'strategy':
			await page
				.getByRole('radio', { name: label('strategy', action.strategy), exact: true })
				.check();
			break;
		case 'chart':
			for (const field of ['role', 'attitude', 'level', 'contact'] as const) {
				const value = action[field];
				if (!value) continue;
				const title = { role: 'Role', attitude: 'Attitude', level: 'Level', contact: 'Contact' }[
					field
				];
				await page
					.getByRole('group', { name: `${title}: ${name(action.person)}`, exact: true })
					.locator(`button[data-value="${value}"]`)
					.click();
				await settled(page);
			}
			return;
		case 'activity': {
			const planner = page.getByRole('region', { name: 'Sales activity' });
			await planner
				.getByRole('radio', { name: label('activity', action.activity), exact: true })
				.check();
			for (const box of await planner.getByRole('checkbox').all()) await box.uncheck();
			for (const id of action.people ?? []) {
				await planner.getByRole('checkbox', { name: new RegExp(`^${name(id)} ·`) }).check();
			}
			await planner.getByRole('button', { name: 'Do it' }).click();
			break;
		}
		case 'decide': {
			const option = fileDecision(scenario, action.decision)!.options.find(
				(o) => o.id === action.option
			)!;
			const panel = page.getByRole('region', { name: 'A decision for this stage' });
			await panel.getByRole('radio', { name: option.text, exact: true }).check();
			await panel.getByRole('button', { name: 'Decide' }).click();
			break;
		}
		case 'forecast':
			await page
				.getByLabel('Chance of winning, in percent')
				.fill(String(Math.round(action.probability * 100)));
			await page.getByRole('button', { name: 'Save forecast' }).click();
			break;
		case 'advance': {
			const before = await currentStage(page).textContent();
			await page
				.getByRole('button', {
					name: /^(Close this stage and move on|Close the installation and finish)$/
				})
				.click();
			// The stage closes (the deal may end with it), or, for a stage with no activity or no
			// forecast, the page asks first: waited for as such, not for a set time, which a loaded
			// machine can outlast.
			const anyway = page.getByRole('button', { name: 'Close it anyway' });
			const asked = async () => anyway.isVisible();
			await expect
				.poll(
					async () =>
						page.url().includes('/attempts/') ||
						(await asked()) ||
						(await currentStage(page)
							.textContent({ timeout: 100 })
							.then((stage) => stage !== before)
							.catch(() => false))
				)
				.toBe(true);
			if (await asked()) await anyway.click();
			break;
		}
		case 'withdraw':
			await page.getByRole('button', { name: 'Withdraw from the deal' }).click();
			await page.getByRole('button', { name: 'Yes, withdraw' }).click();
			break;
	}
	// Wait until the action is stored and shown (or the deal has ended and the debrief opened).
	await expect
		.poll(
			async () =>
				page.url().includes('/attempts/') ||
				(await page
					.getByTestId('deal')
					.getAttribute('aria-busy', { timeout: 100 })
					.then((busy) => busy !== 'true')
					.catch(() => false))
		)
		.toBe(true);
}

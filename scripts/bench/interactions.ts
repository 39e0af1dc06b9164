/**
 * Interactions on the play page with the CPU slowed down 4 times: a shipped scenario's model
 * path played through the controls a trainee uses, each input timed to the next paint (Event
 * Timing, as INP counts it) and to the last change it caused on screen (the action stored in
 * IndexedDB, then shown). Chart entries are made with the keyboard: Enter on a choice of the
 * chart board, focused first.
 *
 * Playwright finds each control with the CPU at full speed: its checks before an input (the
 * control's role and name, visible, enabled, not covered) are scripts it runs in the page, which
 * at a quarter speed made long tasks of their own that were counted as the app's. The input
 * itself, and everything the page does until its result has been on screen for 200 ms, runs with
 * the CPU slowed down.
 */
import { findDecision } from '../../src/lib/engine/deal/deal-rules';
import { scenarioSchema } from '../../src/lib/engine/scenario/schema';
import { readFileSync } from 'node:fs';
import type { Browser, CDPSession, Locator, Page } from '@playwright/test';
import { CPU_SLOWDOWN, freshContext, slowPage } from './browser';
import type { LongTask } from './stats';

export type InteractionKind = 'choose-activity' | 'do-activity' | 'chart' | 'next-stage' | 'other';

export interface Timed {
	kind: InteractionKind;
	nextPaint: number;
	resultShown: number | undefined;
	/** The longest task from the input until its result had been on screen for 200 ms. */
	longestTask: number;
}

export interface InteractionRun {
	timed: Timed[];
	longTasks: LongTask[];
}

interface Action {
	type: string;
	strategy?: string;
	person?: string;
	role?: string;
	attitude?: string;
	contact?: string;
	level?: string;
	activity?: string;
	people?: string[];
	decision?: string;
	option?: string;
	probability?: number;
}

interface ScenarioFile {
	id: string;
	people: { id: string; name: string }[];
	stages: Record<string, { decision?: { id: string; options: { id: string; text: string }[] } }>;
	checks: { actions: Action[] }[];
}

const labels: Record<string, string> = JSON.parse(readFileSync('messages/en.json', 'utf8'));
const label = (kind: string, id: string) => labels[`${kind}_${id.replaceAll('-', '_')}`] ?? id;

const SETTLED = `(() => {
	const bench = window.__bench;
	if (location.pathname.includes('/attempts/')) return true;
	const doIt = [...document.querySelectorAll('button[type=submit]')].find((b) => b.textContent.trim() === 'Do it');
	if (!doIt || doIt.disabled || bench.inputs.length === 0) return false;
	const since = bench.lastChange ?? bench.inputs[0].start;
	return performance.now() - since > 200;
})()`;

/** The DevTools session that sets each page's CPU speed. */
const cpu = new WeakMap<Page, CDPSession>();

async function cpuRate(page: Page, rate: number): Promise<void> {
	await cpu.get(page)!.send('Emulation.setCPUThrottlingRate', { rate });
}

/** An input: its control found (at full speed), then what gives the input (slowed down). */
type Input = () => Promise<() => Promise<void>>;

async function timed(page: Page, kind: InteractionKind, input: Input): Promise<Timed> {
	const give = await input();
	await cpuRate(page, CPU_SLOWDOWN);
	await page.evaluate('window.__bench.arm()');
	await give();
	await page.waitForFunction(SETTLED, undefined, { timeout: 20_000, polling: 50 });
	const read = (await page.evaluate('window.__bench.read()')) as
		{ nextPaint?: number; resultShown?: number; longTasks: LongTask[] } | undefined;
	await cpuRate(page, 1);
	if (read?.nextPaint === undefined) throw new Error(`No paint was seen after a ${kind} input.`);
	return {
		kind,
		nextPaint: read.nextPaint,
		resultShown: read.resultShown,
		longestTask: Math.max(0, ...read.longTasks.map((t) => t.duration))
	};
}

/** A click in the middle of `locator`, once Playwright has checked it can be clicked. */
const click =
	(locator: Locator): Input =>
	async () => {
		await locator.click({ trial: true });
		const box = await locator.boundingBox();
		if (!box) throw new Error(`${locator} has no box to click.`);
		return () => locator.page().mouse.click(box.x + box.width / 2, box.y + box.height / 2);
	};

/**
 * Chooses `value` in a chart field (a row of toggle buttons, ChoiceGroup.svelte) with one timed
 * key press: its button focused first (untimed), then Enter, as a keyboard user chooses.
 */
async function chartByKey(page: Page, group: Locator, value: string, out: Timed[]) {
	const button = group.locator(`button[data-value="${value}"]`);
	if ((await button.count()) === 0) throw new Error(`The chart has no option ${value}.`);
	if ((await button.getAttribute('aria-pressed')) === 'true') return;
	out.push(
		await timed(page, 'chart', async () => {
			await button.focus();
			return () => page.keyboard.press('Enter');
		})
	);
}

async function playAction(page: Page, scenario: ScenarioFile, action: Action, out: Timed[]) {
	const name = (id: string) => scenario.people.find((p) => p.id === id)!.name;
	switch (action.type) {
		case 'strategy':
			out.push(
				await timed(
					page,
					'other',
					click(page.getByRole('radio', { name: label('strategy', action.strategy!), exact: true }))
				)
			);
			return;
		case 'chart':
			for (const field of ['role', 'attitude', 'contact', 'level'] as const) {
				const value = action[field];
				if (!value) continue;
				const title = { role: 'Role', attitude: 'Attitude', contact: 'Contact', level: 'Level' }[
					field
				];
				const group = page.getByRole('group', {
					name: `${title}: ${name(action.person!)}`,
					exact: true
				});
				await chartByKey(page, group, value, out);
			}
			return;
		case 'activity': {
			const planner = page.getByRole('region', { name: 'Sales activity' });
			const radio = planner.getByRole('radio', {
				name: label('activity', action.activity!),
				exact: true
			});
			if (!(await radio.isChecked())) out.push(await timed(page, 'choose-activity', click(radio)));
			for (const box of await planner.getByRole('checkbox').all()) {
				if (await box.isChecked()) out.push(await timed(page, 'other', click(box)));
			}
			for (const id of action.people ?? []) {
				const box = planner.getByRole('checkbox', { name: new RegExp(`^${name(id)} ·`) });
				out.push(await timed(page, 'other', click(box)));
			}
			out.push(
				await timed(page, 'do-activity', click(planner.getByRole('button', { name: 'Do it' })))
			);
			return;
		}
		case 'decide': {
			// Through the schema: a file may leave out what it defaults (a stage's `decisions`).
			const parsed = scenarioSchema.parse(scenario);
			const option = findDecision(parsed, action.decision!)!.decision.options.find(
				(o) => o.id === action.option
			)!;
			const panel = page.getByRole('region', { name: 'A decision for this stage' });
			out.push(
				await timed(
					page,
					'other',
					click(panel.getByRole('radio', { name: option.text, exact: true }))
				)
			);
			out.push(await timed(page, 'other', click(panel.getByRole('button', { name: 'Decide' }))));
			return;
		}
		case 'forecast':
			await page
				.getByLabel('Chance of winning, in percent')
				.fill(String(Math.round(action.probability! * 100)));
			out.push(
				await timed(page, 'other', click(page.getByRole('button', { name: 'Save forecast' })))
			);
			return;
		case 'advance':
			out.push(
				await timed(
					page,
					'next-stage',
					click(page.getByRole('button', { name: 'Close this stage and move on' }))
				)
			);
			return;
		default:
			throw new Error(`The interaction benchmark cannot play a ${action.type} action.`);
	}
}

/**
 * Plays `file`'s first check in a fresh profile, up to (not including) its last action, which
 * ends the deal and opens the debrief.
 */
export async function playOnce(
	browser: Browser,
	origin: string,
	file: string
): Promise<InteractionRun> {
	const scenario: ScenarioFile = JSON.parse(readFileSync(`scenarios/${file}`, 'utf8'));
	const context = await freshContext(browser, origin);
	try {
		const page = await slowPage(context);
		cpu.set(page, await context.newCDPSession(page));
		await page.goto(`/play/${scenario.id}`);
		await page.getByLabel('Your name').fill('Bench Trainee');
		await page.getByRole('radio', { name: /^Practice/ }).check();
		await page.getByRole('button', { name: 'Start the deal' }).click();
		await page.locator('dialog[open]').getByRole('button', { name: 'Skip the guide' }).click();
		await page.getByRole('heading', { name: 'Sales activity' }).waitFor();
		const startedAt = (await page.evaluate('performance.now()')) as number;
		// What the deal's first paint puts off runs slowed down too, before Playwright looks.
		await page.waitForTimeout(1000);
		await cpuRate(page, 1);
		const out: Timed[] = [];
		const actions = scenario.checks[0].actions;
		for (const action of actions.slice(0, -1)) await playAction(page, scenario, action, out);
		const longTasks = ((await page.evaluate('window.__bench.longTasks')) as LongTask[]).filter(
			(t) => t.start >= startedAt
		);
		return { timed: out, longTasks };
	} finally {
		await context.close();
	}
}

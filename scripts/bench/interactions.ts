/**
 * Interactions on the play page with the CPU slowed down 4 times: a shipped scenario's model
 * path played through the controls a trainee uses, each input timed to the next paint (Event
 * Timing, as INP counts it) and to the last change it caused on screen (the action stored in
 * IndexedDB, then shown). Chart entries are made with the keyboard (arrow keys on the select),
 * the only way to change a select with real input events in a headless browser.
 */
import { findDecision } from '../../src/lib/engine/deal/deal-rules';
import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from '@playwright/test';
import { freshContext, slowPage } from './browser';
import type { LongTask } from './stats';

export type InteractionKind = 'choose-activity' | 'do-activity' | 'chart' | 'next-stage' | 'other';

export interface Timed {
	kind: InteractionKind;
	nextPaint: number;
	resultShown: number | undefined;
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

/** No control is waiting for a write. */
const SETTLED_ANY = `(() => {
	const doIt = [...document.querySelectorAll('button[type=submit]')].find((b) => b.textContent.trim() === 'Do it');
	return doIt && !doIt.disabled && performance.now() - window.__bench.lastAnyChange > 200;
})()`;

async function timed(
	page: Page,
	kind: InteractionKind,
	input: () => Promise<void>
): Promise<Timed> {
	await page.evaluate('window.__bench.arm()');
	await input();
	await page.waitForFunction(SETTLED, undefined, { timeout: 20_000, polling: 50 });
	const read = (await page.evaluate('window.__bench.read()')) as
		{ nextPaint?: number; resultShown?: number } | undefined;
	if (read?.nextPaint === undefined) throw new Error(`No paint was seen after a ${kind} input.`);
	return { kind, nextPaint: read.nextPaint, resultShown: read.resultShown };
}

/**
 * Sets the select to `value` with one timed key press: first (untimed, without real input
 * events) to the option next to it when it is not there already, then an arrow key onto it.
 */
async function chartByKey(page: Page, select: Locator, value: string, out: Timed[]) {
	const { current, values } = await select.evaluate((el: HTMLSelectElement) => ({
		current: el.value,
		values: [...el.options].filter((o) => !o.disabled).map((o) => o.value)
	}));
	const at = values.indexOf(value);
	if (at < 0) throw new Error(`The chart has no option ${value}.`);
	if (current === value) return;
	const from = at > 0 ? values[at - 1] : values[at + 1];
	if (current !== from) {
		await select.selectOption(from);
		await page.waitForFunction(SETTLED_ANY, undefined, { timeout: 20_000, polling: 50 });
	}
	await select.focus();
	out.push(await timed(page, 'chart', () => page.keyboard.press(at > 0 ? 'ArrowDown' : 'ArrowUp')));
}

async function playAction(page: Page, scenario: ScenarioFile, action: Action, out: Timed[]) {
	const name = (id: string) => scenario.people.find((p) => p.id === id)!.name;
	const click = (locator: Locator) => () => locator.click();
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
			for (const field of ['role', 'attitude', 'level'] as const) {
				const value = action[field];
				if (!value) continue;
				const title = { role: 'Role', attitude: 'Attitude', level: 'Level' }[field];
				const select = page.getByLabel(`${title}: ${name(action.person!)}`, { exact: true });
				await chartByKey(page, select, value, out);
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
			const option = findDecision(scenario, action.decision)!.decision.options.find(
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
		await page.goto(`/play/${scenario.id}`);
		await page.getByLabel('Your name').fill('Bench Trainee');
		await page.getByRole('radio', { name: /^Practice/ }).check();
		await page.getByRole('button', { name: 'Start the deal' }).click();
		await page.locator('dialog[open]').getByRole('button', { name: 'Skip the guide' }).click();
		await page.getByRole('heading', { name: 'Sales activity' }).waitFor();
		const startedAt = (await page.evaluate('performance.now()')) as number;
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

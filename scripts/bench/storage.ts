/**
 * Storage figures in Chromium: the scoreboard with 100,000 attempts in the app's IndexedDB, and
 * resuming a deal of 200 actions.
 *
 * The attempts are written straight into IndexedDB by page/seed.js (as the repositories write
 * them: rows that satisfy the record schemas, with boardKey, fingerprint and an attemptActions
 * row each, checked here on a sample first). 100,000 attempts on one scenario by 1,000 trainees
 * in 40 classes over the last 60 days, four in five of them assessments: a large training
 * centre's year.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { SNAPSHOT_VERSION } from '../../src/lib/engine/deal/deal-machine';
import { replay } from '../../src/lib/engine/deal/replay';
import { persist, snapshotOf } from '../../src/lib/engine/deal/deal-session';
import { scenarioHash } from '../../src/lib/engine/scenario/hash';
import { scenarioSchema, type Action, type Scenario } from '../../src/lib/engine/scenario/schema';
import { RULES_VERSION, SCORE_CATEGORIES } from '../../src/lib/engine/methodology';
import {
	attemptActionsRecordSchema,
	attemptRecordSchema,
	dealRecordSchema,
	playerRecordSchema,
	teamRecordSchema
} from '../../src/lib/db/records';
import { freshContext, slowPage, waited, type Wait } from './browser';

// One expression; Prettier ends it with a semicolon, which cannot stand inside `(…).seed()`.
const seedSource = readFileSync(new URL('./page/seed.js', import.meta.url), 'utf8')
	.trim()
	.replace(/;$/, '');

interface SeedLibrary {
	team(t: number, p: SeedParams): unknown;
	player(j: number, p: SeedParams): unknown;
	attempt(i: number, p: SeedParams): unknown;
}

export interface SeedParams {
	scenario: { id: string; version: number; hash: string };
	actions: Action[];
	attempts: number;
	players: number;
	teams: number;
	assessmentShare: number;
	start: number;
	spanMs: number;
	categories: readonly string[];
}

export interface BoardScenario {
	file: string;
	scenario: Scenario;
	hash: string;
}

export async function readShipped(file: string): Promise<BoardScenario> {
	const json: unknown = JSON.parse(readFileSync(`scenarios/${file}`, 'utf8'));
	return { file, scenario: scenarioSchema.parse(json), hash: await scenarioHash(json) };
}

export function seedParams(board: BoardScenario, attempts = 100_000): SeedParams {
	return {
		scenario: { id: board.scenario.id, version: board.scenario.version, hash: board.hash },
		actions: board.scenario.checks![0].actions,
		attempts,
		players: 1000,
		teams: 40,
		assessmentShare: 0.8,
		// The 60 days up to this hour, so that "today" and "this week" on the board hold results.
		start: Math.floor(Date.now() / 3_600_000) * 3_600_000 - 60 * 86_400_000,
		spanMs: 60 * 86_400_000,
		categories: SCORE_CATEGORIES
	};
}

/** Checks a sample of the rows the page will write against the app's record schemas. */
export function checkSeedRows(params: SeedParams): void {
	const library = (0, eval)(seedSource) as SeedLibrary;
	for (let t = 0; t < params.teams; t += 7) teamRecordSchema.parse(library.team(t, params));
	for (let j = 0; j < params.players; j += 97) playerRecordSchema.parse(library.player(j, params));
	const seen = new Set<string>();
	for (let i = 0; i < params.attempts; i += 997) {
		const row = attemptRecordSchema.parse(library.attempt(i, params));
		if (seen.has(row.fingerprint)) throw new Error('Two seeded attempts share a fingerprint.');
		seen.add(row.fingerprint);
	}
	attemptActionsRecordSchema.parse({ id: 'bench-attempt-000000', actions: params.actions });
}

const call = (method: string, ...args: unknown[]) =>
	`(${seedSource}).${method}(${args.map((a) => JSON.stringify(a)).join(', ')})`;

/** Waits until the app has created its database (any page of the app opens it). */
async function databaseReady(page: Page): Promise<void> {
	await page.waitForFunction(
		`indexedDB.databases().then((dbs) => dbs.some((d) => d.name === 'sales-sim' && d.version > 0))`,
		undefined,
		{ timeout: 20_000, polling: 100 }
	);
}

export interface SeededProfile {
	/** Opens a page in the seeded profile. */
	page: () => Promise<Page>;
	seconds: number;
	close: () => Promise<void>;
}

/** A fresh profile whose database holds `params.attempts` attempts. */
export async function seededProfile(
	browser: Browser,
	origin: string,
	params: SeedParams,
	waits: Wait[]
): Promise<SeededProfile> {
	checkSeedRows(params);
	const context = await freshContext(browser, origin, [...waits, BOARD_READY]);
	const page = await context.newPage();
	await page.goto('/scenarios');
	await databaseReady(page);
	const started = Date.now();
	await page.evaluate(call('seed', params));
	const seconds = (Date.now() - started) / 1000;
	await page.close();
	return { page: () => context.newPage(), seconds, close: () => context.close() };
}

const BOARD = '[data-testid=scoreboard]';
const BOARD_READY: Wait = { name: 'board', selector: `${BOARD}[data-ready=true]` };

const BOARD_SETTLED = `(() => {
	const bench = window.__bench;
	if (!document.querySelector('${BOARD}[data-ready=true]') || bench.inputs.length === 0) return false;
	return performance.now() - (bench.lastChange ?? bench.inputs[0].start) > 300;
})()`;

export interface BoardTimes {
	/** The first open after seeding: the page rebuilds its derived tables from the attempts. */
	firstOpen: number;
	/** Navigation to the board painted, later opens. */
	opens: number[];
	/** A period change (the query and the table's render): input to the new board painted. */
	changes: number[];
	/**
	 * A custom window applied (7 to 30 days, edges off the hour): nothing is read ahead for it, so
	 * this is the board query from IndexedDB and the render.
	 */
	windows: number[];
	/** The competition select changed (competitions over the last day, week and month). */
	competitions: number[];
	rows: number;
}

/**
 * The scoreboard page on the seeded board, without a CPU slow-down: undefined when the app has
 * no scoreboard page that says when its board is ready (data-ready on data-testid=scoreboard).
 */
export async function boardTimes(
	profile: SeededProfile,
	params: SeedParams,
	runs: number
): Promise<BoardTimes> {
	const url = `/scoreboard?scenario=${params.scenario.id}&version=${params.scenario.version}`;
	const open = async () => {
		const page = await profile.page();
		await page.goto(url);
		await page.locator(BOARD).waitFor({ timeout: 10_000 });
		const { painted } = await waited(page, BOARD_READY.name, 300_000);
		return { page, painted: painted! };
	};
	const first = await open();
	await first.page.close();
	const opens: number[] = [];
	for (let i = 0; i < runs; i++) {
		const again = await open();
		opens.push(again.painted);
		if (i < runs - 1) await again.page.close();
		else {
			const { page } = again;
			const rows = await page.locator('main table tbody tr').count();
			// A person reads the board before choosing another period (the page reads the usual
			// periods ahead in that time).
			await page.waitForTimeout(1000);
			const changes: number[] = [];
			// The period select: the one offering "this week".
			const period = page.locator('select:has(option[value="week"])');
			// All → today → this week → today → all, `runs` times: each a new query and render.
			const keys = Array.from({ length: runs }, () => [
				'ArrowDown',
				'ArrowDown',
				'ArrowUp',
				'ArrowUp'
			]);
			for (const key of keys.flat()) {
				await period.focus();
				const shown = await keyToBoard(page, key);
				if (shown !== undefined) changes.push(shown);
			}
			const windows = await customWindows(page, runs);
			const competitions = await competitionChanges(page, params, runs);
			await page.close();
			return { firstOpen: first.painted, opens, changes, windows, competitions, rows };
		}
	}
	return undefined;
}

/**
 * Presses a key on the focused control and waits for the board to settle: ms from the key press
 * to the last change painted (undefined when nothing changed).
 */
async function keyToBoard(page: Page, key: string): Promise<number | undefined> {
	await page.evaluate('window.__bench.arm()');
	await page.keyboard.press(key);
	await page.waitForFunction(BOARD_SETTLED, undefined, { timeout: 60_000, polling: 50 });
	const read = (await page.evaluate('window.__bench.read()')) as { resultShown?: number };
	return read.resultShown;
}

/** A datetime-local value in the page's time zone (the benchmark's, as Chromium inherits it). */
function localInput(time: number): string {
	const d = new Date(time);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** Applies custom windows of 7, 14, 30 and 3 days (`runs` rounds): input to board painted. */
async function customWindows(page: Page, runs: number): Promise<number[]> {
	await page.locator('select:has(option[value="week"])').selectOption('custom');
	const from = page.locator('#board-from');
	const to = page.locator('#board-to');
	await to.waitFor();
	const times: number[] = [];
	const end = Date.now() - 37 * 60_000;
	for (let round = 0; round < runs; round++) {
		for (const days of [7, 14, 30, 3]) {
			// Each round ends a minute earlier: a new window, never one the page has kept.
			const until = end - round * 60_000;
			await from.fill(localInput(until - days * 86_400_000 - 17 * 60_000));
			await to.fill(localInput(until));
			await to.focus();
			const shown = await keyToBoard(page, 'Enter');
			if (shown !== undefined) times.push(shown);
		}
	}
	return times;
}

/**
 * Adds three competitions on the seeded scenario (the last day, week and month, edges off the
 * hour) through IndexedDB and opens the page again, then steps the competition select down
 * through them and back up to none with arrow keys (`runs` rounds): input to board painted.
 */
async function competitionChanges(page: Page, params: SeedParams, runs: number): Promise<number[]> {
	const now = Date.now();
	const scenarios = [{ id: params.scenario.id, version: params.scenario.version }];
	const competitions = [
		{ id: 'bench-cup-day', name: 'Bench cup, a day', from: now - 86_400_000 - 777_777, to: now },
		{
			id: 'bench-cup-week',
			name: 'Bench cup, a week',
			from: now - 7 * 86_400_000 - 1_234_567,
			to: now - 7_200_000
		},
		{
			id: 'bench-cup-month',
			name: 'Bench cup, a month',
			from: now - 30 * 86_400_000 - 999_999,
			to: now
		}
	].map((c) => ({ ...c, scenarios }));
	await page.evaluate(
		`new Promise((done, fail) => {
			const request = indexedDB.open('sales-sim');
			request.onerror = () => fail(request.error);
			request.onsuccess = () => {
				const tx = request.result.transaction('competitions', 'readwrite');
				for (const c of ${JSON.stringify(competitions)}) tx.objectStore('competitions').put(c);
				tx.oncomplete = () => { request.result.close(); done(); };
				tx.onerror = () => fail(tx.error);
			};
		})`
	);
	// Written around the app: the page learns of them when it is opened again.
	await page.reload();
	await page.locator(BOARD_READY.selector).waitFor({ timeout: 60_000 });
	const select = page.locator('#board-competition');
	await select.locator('option[value="bench-cup-month"]').waitFor({ state: 'attached' });
	// As after opening: a person reads the board first (the page reads ahead meanwhile).
	await page.waitForTimeout(1000);
	const times: number[] = [];
	// Down through the three and back up to none, `runs` times (arrow keys: a real input).
	const keys = Array.from({ length: runs }, () => [
		...Array<string>(competitions.length).fill('ArrowDown'),
		...Array<string>(competitions.length).fill('ArrowUp')
	]);
	for (const key of keys.flat()) {
		await select.focus();
		const shown = await keyToBoard(page, key);
		if (shown !== undefined) times.push(shown);
	}
	return times;
}

/**
 * 200 actions the engine accepts: the scenario's model path but its last step (which ends the
 * deal), then chart entries and forecasts in the stage it reached, alternating.
 */
export function dealActions(scenario: Scenario, count = 200): Action[] {
	const path = scenario.checks![0].actions.slice(0, -1);
	const reached = replay(scenario, path, { keepStates: false }).final;
	const person = scenario.people.find((p) => reached.people[p.id].known)!.id;
	const attitudes = ['supporter', 'neutral'] as const;
	const actions: Action[] = [...path];
	for (let i = 0; actions.length < count; i++) {
		actions.push(
			i % 2 === 0
				? { type: 'forecast', probability: (i % 20) / 20 }
				: { type: 'chart', person, attitude: attitudes[(i >> 1) % 2] }
		);
	}
	const check = replay(scenario, actions, { keepStates: false });
	if (check.refused.length > 0) {
		throw new Error(
			`The engine refused a resume benchmark action: ${check.refused[0].refusal.code}`
		);
	}
	return actions;
}

/**
 * A deal in progress, as the play page stores it (with its seed and rules: a row without them is
 * one stored before they existed, resumed under rules 1, which a snapshot of today's rules does
 * not fit): with a fitting snapshot, or an outdated one.
 */
export function dealRecord(
	board: BoardScenario,
	actions: Action[],
	snapshot: 'stored' | 'outdated'
) {
	const final = replay(board.scenario, actions, { keepStates: false }).final;
	const now = Date.UTC(2026, 2, 2, 10);
	return dealRecordSchema.parse({
		id: 'bench-deal',
		scenarioId: board.scenario.id,
		scenarioVersion: board.scenario.version,
		scenarioHash: board.hash,
		playerId: 'bench-player-resume',
		mode: 'practice',
		seed: 0,
		rules: RULES_VERSION,
		startedAt: now - 3_600_000,
		updatedAt: now,
		actions,
		snapshot:
			snapshot === 'stored' ? JSON.parse(JSON.stringify(persist(snapshotOf(final)).snapshot)) : {},
		snapshotVersion: snapshot === 'stored' ? SNAPSHOT_VERSION : 0
	});
}

const RESUMED: Wait = {
	name: 'resumed',
	selector: 'button[type=submit]:not([disabled])',
	text: 'Do it'
};

/**
 * Opens the play page on a stored deal of `actions.length` actions, with the CPU slowed down:
 * ms from navigation start until the restored deal is painted with its controls enabled.
 */
export async function resumeTimes(
	browser: Browser,
	origin: string,
	board: BoardScenario,
	actions: Action[],
	snapshot: 'stored' | 'outdated',
	runs: number
): Promise<number[]> {
	const deal = dealRecord(board, actions, snapshot);
	const player = playerRecordSchema.parse({
		id: 'bench-player-resume',
		name: 'Resuming Trainee',
		nameKey: 'resuming trainee',
		teamId: null,
		createdAt: deal.startedAt
	});
	const times: number[] = [];
	for (let i = 0; i < runs + 1; i++) {
		const context = await freshContext(browser, origin, [RESUMED]);
		try {
			const setup = await context.newPage();
			await setup.goto('/scenarios');
			await databaseReady(setup);
			await setup.evaluate(call('seedDeal', deal, player));
			await setup.close();
			const page = await slowPage(context);
			await page.goto(`/play/${board.scenario.id}`);
			const { painted } = await waited(page, RESUMED.name);
			const resumed = await page.getByRole('status').filter({ hasText: 'Welcome back' }).count();
			if (resumed === 0) throw new Error('The play page did not say it resumed the deal.');
			// The first run warms the server and the disk cache; not counted.
			if (i > 0) times.push(painted!);
		} finally {
			await context.close();
		}
	}
	return times;
}

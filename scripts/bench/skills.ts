/**
 * Skills figures, in Node (issue 19): 100,000 stored attempts (their result rows and forecasts,
 * as the skills pages read them from IndexedDB) turned into skill levels and summed once
 * (src/lib/skills/aggregate.ts `buildCube`); then each change a trainer makes on the class page
 * — another team, another skill — timed from the sums to everything that page shows for it: the
 * heat map's rows with each member's shortest stave, the group's levels and stave, the skill's
 * trend by week, and who meets each of three KPI targets with their weekly control. Times are
 * this process's CPU time.
 */
import {
	DEFAULT_METHODOLOGY,
	SCORE_CATEGORIES,
	type ScoreCategoryId
} from '../../src/lib/engine/methodology';
import {
	buildCube,
	groupSummary,
	memberRows,
	membersOf,
	trend,
	type SkillCube
} from '../../src/lib/skills/aggregate';
import {
	brier,
	forecastsOf,
	funnelReport,
	reliabilityBins
} from '../../src/lib/skills/calibration';
import { control, measure, type KpiDefinition } from '../../src/lib/skills/kpi';
import { SKILLS, skillLevels, type SkillAttempt } from '../../src/lib/skills/skills';

export interface SkillsBench {
	attempts: number;
	players: number;
	teams: number;
	weeks: number;
	/** Stored rows to sums, ms (median of runs). */
	build: number[];
	/** Each team × skill change, ms. */
	changes: number[];
	/** A trainee's calibration view from the sums, ms. */
	calibration: number[];
}

/** A small deterministic generator (mulberry32), so every run sums the same attempts. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface StoredRow {
	playerId: string;
	teamId: string;
	scenarioId: string;
	finishedAt: number;
	outcome: 'won' | 'lost' | 'withdrawn';
	categories: Partial<Record<ScoreCategoryId, number>>;
	forecasts: number[];
}

function rows(count: number, players: number, teams: number, weeks: number): StoredRow[] {
	const next = random(19);
	const start = Date.UTC(2026, 0, 5);
	const weights = DEFAULT_METHODOLOGY.weights;
	const out: StoredRow[] = [];
	for (let i = 0; i < count; i++) {
		const player = Math.floor(next() * players);
		const categories: Partial<Record<ScoreCategoryId, number>> = {};
		for (const category of SCORE_CATEGORIES)
			categories[category] = Math.round(next() * weights[category] * 100) / 100;
		out.push({
			playerId: `p${player}`,
			teamId: `t${player % teams}`,
			scenarioId: `s${i % 10}`,
			finishedAt: start + Math.floor(next() * weeks * 7 * 24 * 3600 * 1000),
			outcome: next() < 0.4 ? 'won' : 'lost',
			categories,
			forecasts: [0, 1, 2, 3, 4].map(() => Math.round(next() * 100) / 100)
		});
	}
	return out;
}

function toAttempt(row: StoredRow): SkillAttempt {
	return {
		playerId: row.playerId,
		teamId: row.teamId,
		scenarioId: row.scenarioId,
		finishedAt: row.finishedAt,
		outcome: row.outcome,
		levels: skillLevels(row.categories, DEFAULT_METHODOLOGY.weights),
		forecast: {
			forecasts: Float64Array.from(row.forecasts),
			reached: row.outcome === 'won' ? 5 : 3
		}
	};
}

const TARGETS: KpiDefinition[] = [
	{ metric: 'skill:roles', comparator: 'at-least', threshold: 0.8, scope: { kind: 'class' } },
	{ metric: 'skill:key-people', comparator: 'at-least', threshold: 0.9, scope: { kind: 'class' } },
	{ metric: 'brier', comparator: 'at-most', threshold: 0.15, scope: { kind: 'class' } }
];

/** Everything the class page recomputes when the team or the skill changes. */
function view(cube: SkillCube, teamId: string, skill: (typeof SKILLS)[number]): number {
	const members = membersOf(cube, { kind: 'team', teamId });
	const table = memberRows(members);
	const summary = groupSummary(members);
	const points = trend(members, skill, cube.weeks);
	let meeting = 0;
	for (const target of TARGETS) {
		meeting += measure(target, members).meeting;
		meeting += control(target, members, cube.weeks).length;
	}
	return table.length + summary.attempts + points.length + meeting;
}

/**
 * CPU time this process has used, in ms: on a shared machine the wall clock counts the time other
 * processes had the core (as scripts/bench/engine.ts measures replays).
 */
function now(): number {
	const { user, system } = process.cpuUsage();
	return (user + system) / 1000;
}

export function benchSkills(runs = 5): SkillsBench {
	const ATTEMPTS = 100_000;
	const PLAYERS = 1_000;
	const TEAMS = 25;
	const WEEKS = 20;
	const stored = rows(ATTEMPTS, PLAYERS, TEAMS, WEEKS);
	const build: number[] = [];
	let cube: SkillCube | undefined;
	for (let run = 0; run < runs; run++) {
		const t0 = now();
		cube = buildCube(stored.map(toAttempt));
		build.push(now() - t0);
	}
	const changes: number[] = [];
	let sink = 0;
	for (let team = 0; team < TEAMS; team++) {
		for (const skill of SKILLS) {
			const t0 = now();
			sink += view(cube!, `t${team}`, skill);
			changes.push(now() - t0);
		}
	}
	const calibration: number[] = [];
	for (let player = 0; player < 50; player++) {
		const t0 = now();
		const one = cube!.byId.get(`p${player}`);
		if (!one) continue;
		const pairs = forecastsOf([one]);
		sink += reliabilityBins(pairs).length + brier(pairs).count;
		sink += funnelReport([one], DEFAULT_METHODOLOGY.funnel).attempts;
		calibration.push(now() - t0);
	}
	if (sink === 0) throw new Error('The skills benchmark computed nothing.');
	return {
		attempts: ATTEMPTS,
		players: PLAYERS,
		teams: TEAMS,
		weeks: WEEKS,
		build,
		changes,
		calibration
	};
}

/** The class page is ready when its skill table shows (scripts/bench/browser.ts observes it). */
export const SKILLS_READY = { name: 'skills', selector: '[data-testid=skill-table] tbody tr' };

export interface SkillsPageTimes {
	/** The first open after seeding: the page rebuilds its skill sums from the attempts, ms. */
	first: number;
	/** Navigation to the skill table painted, ms, per load. */
	painted: number[];
	/** A change of team or skill to the next frame, ms. */
	changes: number[];
	members: number;
}

/**
 * The class page on a seeded profile (the scoreboard's 100,000 attempts): navigation to the
 * skill table painted once after seeding (the attempts were written around the app, so the page
 * rebuilds its skill sums: src/lib/state/skills-data.ts), then `runs` times; then, on the last load, every team and then every skill
 * chosen in turn, each timed in the page from the change to the frame after it.
 */
export async function skillsPageTimes(
	open: () => Promise<import('@playwright/test').Page>,
	waited: (
		page: import('@playwright/test').Page,
		name: string,
		timeoutMs?: number
	) => Promise<{ painted?: number }>,
	runs: number
): Promise<SkillsPageTimes> {
	const painted: number[] = [];
	let page: import('@playwright/test').Page | undefined = await open();
	await page.goto('/trainer/skills');
	const { painted: first } = await waited(page, SKILLS_READY.name, 600_000);
	for (let run = 0; run < runs; run++) {
		if (page) await page.close();
		page = await open();
		await page.goto('/trainer/skills');
		const { painted: at } = await waited(page, SKILLS_READY.name, 300_000);
		painted.push(at!);
	}
	const members = await page!.locator('[data-testid=skill-table] tbody tr').count();
	const changes: number[] = [];
	for (const testid of ['team-select', 'skill-select']) {
		const values = await page!
			.locator(`[data-testid=${testid}] option`)
			.evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
		for (const value of [...values.slice(1), values[0]]) {
			changes.push(
				await page!.evaluate(
					async ({ testid, value }) => {
						const select = document.querySelector(`[data-testid=${testid}]`) as HTMLSelectElement;
						const start = performance.now();
						select.value = value;
						select.dispatchEvent(new Event('change', { bubbles: true }));
						await new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));
						return performance.now() - start;
					},
					{ testid, value }
				)
			);
		}
	}
	await page!.close();
	return { first: first!, painted, changes, members };
}

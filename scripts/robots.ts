/**
 * `npm run robots -- [--json] [--quick] [--check] [files…]`: plays the robot suite
 * (src/lib/engine/robots/) on scenario files and prints one table per scenario: each robot's
 * mean and best score, its win rate, and the highest score of a deal it lost or of a withdrawal
 * the scenario does not mark wise; then every bound of src/lib/engine/robots/bounds.ts the
 * scenario breaks, with the figures. Exit code 1 when a file does not validate or breaks a bound.
 *
 * With no files it plays every file in scenarios/ and writes their table into docs/authoring.md
 * between `<!-- generated:robots:start -->` and `<!-- generated:robots:end -->` (the full suite
 * only; `--quick` never writes it). `--check` changes nothing and exits 1 when that table is out
 * of date and prints nothing else (bounds are the unit tests' business:
 * src/lib/engine/robots/robots.spec.ts).
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	BOUNDS,
	ROBOT_NAMES,
	boundReason,
	checkBounds,
	type BrokenBound
} from '../src/lib/engine/robots/bounds';
import {
	FULL_SUITE,
	QUICK_SUITE,
	ROBOTS,
	runSuite,
	summarise,
	type RobotId,
	type RobotSummary,
	type SuiteOptions
} from '../src/lib/engine/robots/runner';
import type { Scenario } from '../src/lib/engine/scenario/schema';
import { GUIDE, replaceSection } from './balance';
import { loadScenarioFile } from './cli/load';

export interface ScenarioRobots {
	file: string;
	scenario: { id: string; version: number };
	rows: RobotSummary[];
	broken: BrokenBound[];
	/** The optimiser's best path, to read how it games the score. */
	optimiser?: { score: number; methodical: boolean; detail?: unknown; actions: unknown[] };
}

/** Plays the suite on one scenario and judges it. */
export function robotsFor(file: string, scenario: Scenario, options: SuiteOptions): ScenarioRobots {
	const result = runSuite(scenario, options);
	const optimiser = result.runs
		.filter((run) => run.robot === 'optimiser')
		.reduce<(typeof result.runs)[number] | undefined>(
			(a, b) => (!a || b.score > a.score ? b : a),
			undefined
		);
	return {
		file,
		scenario: result.scenario,
		rows: summarise(result.runs),
		broken: checkBounds(result),
		...(optimiser
			? {
					optimiser: {
						score: optimiser.score,
						methodical: optimiser.methodical,
						...(optimiser.detail ? { detail: optimiser.detail } : {}),
						actions: optimiser.actions
					}
				}
			: {})
	};
}

const dash = '—';
const percent = (value: number) => `${Math.round(value * 100)}%`;
const worst = (value: number | undefined) => (value === undefined ? dash : String(value));

/** One scenario's table for a terminal. */
export function textTable(result: ScenarioRobots): string {
	const head = ['robot', 'runs', 'mean', 'max', 'won', 'lost: max', 'unwise withdrawal: max'];
	const body = result.rows.map((row) => [
		ROBOT_NAMES[row.robot] + (row.methodical === false ? ' (not methodical)' : ''),
		String(row.runs),
		String(row.mean),
		String(row.max),
		percent(row.winRate),
		worst(row.lostMax),
		worst(row.unwiseMax)
	]);
	const widths = head.map((_, i) => Math.max(...[head, ...body].map((cells) => cells[i].length)));
	const line = (cells: string[]) =>
		cells
			.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
			.join('  ');
	const out = [
		`${result.file}  (${result.scenario.id} v${result.scenario.version})`,
		line(head),
		...body.map(line)
	];
	if (result.broken.length === 0) out.push('All bounds hold.');
	else
		out.push(
			`${result.broken.length} bounds broken:`,
			...result.broken.map((b) => `  ✗ ${boundReason(b)}`)
		);
	return out.join('\n');
}

/** Short column heads of the guide's table (the text under it names each robot in full). */
const COLUMN: Record<RobotId, string> = {
	model: 'model',
	'model-certainty': '100% forecasts',
	'key-replay': 'key replay',
	withdrawal: 'withdrawal',
	optimiser: 'optimiser',
	random: 'random',
	spray: 'spray',
	'spray-guessed-chart': 'spray + chart',
	'decision-maker-only': 'DM only',
	'gifts-only': 'gifts'
};

/** The shipped scenarios' table for the trainers' guide: one row per scenario, one column per robot. */
export function robotsSection(results: readonly ScenarioRobots[], options: SuiteOptions): string {
	const cell = (result: ScenarioRobots, robot: RobotId): string => {
		const row = result.rows.find((r) => r.robot === robot);
		if (!row) return dash;
		const extra: string[] = [];
		if (robot === 'random') extra.push(`won ${percent(row.winRate)}`);
		if (robot === 'withdrawal' && row.unwiseMax !== undefined) return `unwise ${row.unwiseMax}`;
		if (robot === 'optimiser') extra.push(row.methodical ? 'methodical' : 'not methodical');
		const score =
			row.runs > 1 && row.mean !== row.max ? `${row.mean} / ${row.max}` : String(row.max);
		return [score, ...extra].join(', ');
	};
	const robots = ROBOTS;
	const lines = [
		`| scenario | ${robots.map((robot) => COLUMN[robot]).join(' | ')} | bounds broken |`,
		`| --- | ${robots.map(() => '---').join(' | ')} | --: |`,
		...results.map(
			(result) =>
				`| \`${result.scenario.id}\` | ${robots.map((robot) => cell(result, robot)).join(' | ')} | ${result.broken.length} |`
		),
		'',
		`Scores are “mean / best” when they differ. Suite: ${options.seeds} seeds per robot, random play on ${options.randomSeeds} seeds, the key replayed on ${options.keySeeds} other seeds, the optimiser scoring ${options.optimiserBudget.toLocaleString('en')} action lists (twice: playing to the end, and free to withdraw). Bounds: model path ≥ ${BOUNDS.modelMinScore}; without the method mean ≤ ${BOUNDS.naiveMeanMax} and best ≤ ${BOUNDS.naiveBestMax}; random wins ≤ ${percent(BOUNDS.randomWinRateMax)}; a lost deal ≤ ${BOUNDS.lostMax}; an unwise withdrawal ≤ ${BOUNDS.unwiseWithdrawalMax}.`
	];
	const broken = results.filter((result) => result.broken.length > 0);
	if (broken.length > 0) {
		lines.push('', 'Bounds broken:', '');
		for (const result of broken) {
			lines.push(`- \`${result.scenario.id}\`: ${result.broken.map(boundReason).join('; ')}.`);
		}
	}
	return lines.join('\n');
}

async function renderGuide(doc: string, section: string): Promise<string> {
	const next = replaceSection(doc, 'robots', section);
	const prettier = await import('prettier');
	const options = (await prettier.resolveConfig(GUIDE)) ?? {};
	return prettier.format(next, { ...options, filepath: GUIDE });
}

export interface Args {
	json: boolean;
	quick: boolean;
	check: boolean;
	files: string[];
}

export function parseArgs(argv: readonly string[]): Args | string {
	const args: Args = { json: false, quick: false, check: false, files: [] };
	for (const arg of argv) {
		if (arg === '--json') args.json = true;
		else if (arg === '--quick') args.quick = true;
		else if (arg === '--check') args.check = true;
		else if (arg.startsWith('--')) return `Unknown option ${arg}.`;
		else args.files.push(arg);
	}
	if (args.check && (args.files.length > 0 || args.quick)) {
		return '--check compares the guide’s table of the shipped scenarios: give it no files and no --quick.';
	}
	return args;
}

const USAGE = 'Usage: npm run robots -- [--json] [--quick] [--check] [scenario files…]';

async function main(argv: readonly string[]): Promise<number> {
	const args = parseArgs(argv);
	if (typeof args === 'string') {
		console.error(`${args}\n${USAGE}`);
		return 2;
	}
	const shipped = args.files.length === 0;
	const files = shipped
		? (await readdir('scenarios'))
				.filter((f) => f.endsWith('.json'))
				.sort()
				.map((f) => join('scenarios', f))
		: args.files;
	const options = args.quick ? QUICK_SUITE : FULL_SUITE;
	const results: ScenarioRobots[] = [];
	let invalid = 0;
	for (const file of files) {
		const scenario = await loadScenarioFile(file);
		if (!scenario) {
			invalid++;
			continue;
		}
		results.push(robotsFor(file, scenario, options));
	}
	if (args.json) {
		console.log(JSON.stringify({ suite: options, bounds: BOUNDS, scenarios: results }, null, 2));
	} else if (!args.check) {
		console.log(results.map(textTable).join('\n\n'));
	}
	const broken = results.filter((result) => result.broken.length > 0).length;
	if (shipped && !args.quick && invalid === 0) {
		const doc = await readFile(GUIDE, 'utf8');
		const next = await renderGuide(doc, robotsSection(results, options));
		if (args.check) {
			if (next !== doc) {
				console.error(`${GUIDE} is out of date: run npm run robots and commit the result.`);
				return 1;
			}
			console.error(`${GUIDE}: the robots table is up to date.`);
			return 0;
		}
		if (next !== doc) await writeFile(GUIDE, next);
		console.error(`${GUIDE}: robots table ${next === doc ? 'already up to date' : 'updated'}.`);
	}
	if (invalid > 0) console.error(`${invalid} of ${files.length} files do not validate.`);
	if (broken > 0) console.error(`${broken} of ${results.length} scenarios break a bound.`);
	return invalid > 0 || broken > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	process.exitCode = await main(process.argv.slice(2));
}

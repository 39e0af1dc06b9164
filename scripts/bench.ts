/**
 * `npm run bench`: what trainees and trainers feel, measured against budgets, in one table.
 * Builds the production site, serves it with `vite preview`, measures it in headless Chromium
 * (found by find-chromium.mjs) with the CPU slowed down 4 times, measures the engine in Node,
 * prints the table and writes it with the machine's description to docs/performance.md.
 * Exits with 1 when a budget is missed (the file is written all the same), 2 when it failed.
 * Not part of `npm test`. Environment: BENCH_PORT (4180), BENCH_RUNS (page loads per page, 3),
 * BENCH_SKIP_BUILD=1, BUILD_DIR and KIT_OUT_DIR (.build-bench, .svelte-kit-bench), BENCH_ONLY (a
 * comma-separated list of parts to run: load, pages, interactions, storage, engine, skills (the
 * skills class page in Chromium, on the storage part's seeded profile, and the sums in Node), backup
 * (the check in Node, and in Chromium's settings page), fuzz, resume (the storage part's resume of a
 * deal alone);
 * their figures go to a section of docs/performance.md of their own, which a full run removes).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { CPU_SLOWDOWN, launch, waited, type Wait } from './bench/browser';
import { benchBackup } from './bench/backup';
import { backupInChromium } from './bench/backup-browser';
import { benchReplay, benchValidation } from './bench/engine';
import { benchSkills, SKILLS_READY, skillsPageTimes } from './bench/skills';
import { firstLoad, largest } from './bench/first-load';
import { fuzzPassed, fuzzSection, fuzzValidator, type FuzzResult } from './bench/fuzz';
import { playOnce, type InteractionKind, type Timed } from './bench/interactions';
import { describeMachine, machine } from './bench/machine';
import { busyNote, METHOD, WHY_MISSED } from './bench/notes';
import { pageTimings } from './bench/page-timings';
import { markdownTable, missedNotes, textTable, verdict, type Figure } from './bench/report';
import { build, serve } from './bench/server';
import { median, worst } from './bench/stats';
import {
	boardTimes,
	dealActions,
	readShipped,
	resumeTimes,
	seededProfile,
	seedParams
} from './bench/storage';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** The scenario played and seeded: the first shipped file. */
const SCENARIO_FILE = 'alder-valley-dairy-cip.json';
const OUT = 'docs/performance.md';
const PARTS = [
	'load',
	'pages',
	'interactions',
	'storage',
	'engine',
	'skills',
	'backup',
	'fuzz',
	'resume'
] as const;
const ONLY = process.env.BENCH_ONLY?.split(',').map((p) => p.trim());
const unknownPart = ONLY?.find((p) => !(PARTS as readonly string[]).includes(p));
if (unknownPart) {
	console.error(`BENCH_ONLY: no part "${unknownPart}" (parts: ${PARTS.join(', ')}).`);
	process.exit(2);
}
const runs = (part: (typeof PARTS)[number]) => !ONLY || ONLY.includes(part);

const started = Date.now();
const host = machine();
const figures: Figure[] = [];
const log = (text: string) =>
	console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${text}`);

const READY: Record<string, Wait> = {
	home: { name: 'ready', selector: 'main h1' },
	library: { name: 'ready', selector: 'main article h2' },
	play: { name: 'ready', selector: 'main form button[type=submit]', text: 'Start the deal' },
	scoreboard: { name: 'ready', selector: 'main h1' }
};

async function measureBrowser(browser: Browser, origin: string) {
	const board = await readShipped(SCENARIO_FILE);
	const pages = [
		{ key: 'home', name: 'home page', path: '/' },
		{ key: 'library', name: 'scenario library', path: '/scenarios' },
		{ key: 'play', name: 'play page', path: `/play/${board.scenario.id}` },
		{ key: 'scoreboard', name: 'scoreboard', path: '/scoreboard' }
	];

	for (const { key, name, path } of runs('load') ? pages : []) {
		log(`first load: ${path}`);
		const load = await firstLoad(browser, origin, path, READY[key]);
		figures.push(
			{
				id: `load.${key}.js`,
				group: 'First load',
				label: `${name}, JavaScript for the first screen (gzip)`,
				unit: 'KB',
				value: load.js,
				detail: `${load.files.filter((f) => f.kind === 'js').length} files, ${load.rawJs.toFixed(0)} KB unzipped; largest: ${largest(load)}`,
				// Issue 20: the play page and the scoreboard at most 150 KB before their first screen.
				budget:
					key === 'home'
						? { max: 100, source: 'stated' }
						: key === 'library'
							? undefined
							: { max: 150, source: 'stated' }
			},
			{
				id: `load.${key}.css`,
				group: 'First load',
				label: `${name}, CSS for the first screen (gzip)`,
				unit: 'KB',
				value: load.css
			},
			{
				id: `load.${key}.later`,
				group: 'First load',
				label: `${name}, JavaScript and CSS fetched after it, in the background (gzip)`,
				unit: 'KB',
				value: load.laterJs + load.laterCss,
				detail: `${load.later.length} files`
			}
		);
		if (key === 'home')
			figures.push({
				id: 'load.home.all',
				group: 'First load',
				label: 'home page, JavaScript in all, the background included (gzip)',
				unit: 'KB',
				value: load.js + load.laterJs,
				detail: 'what a first visit downloads before it is idle',
				// Issue 20: the home page at most 60 KB of JavaScript in all, idle loads included.
				budget: { max: 60, source: 'stated' }
			});
	}

	for (const { key, name, path } of runs('pages') ? pages : []) {
		log(`page timings: ${path} (${RUNS} loads)`);
		const t = await pageTimings(browser, origin, path, READY[key], RUNS);
		const how = `median of ${RUNS} loads (${t.runs.map((r) => Math.round(r.lcp)).join(', ')} ms)`;
		figures.push(
			{
				id: `page.${key}.lcp`,
				group: `Page, CPU ÷${CPU_SLOWDOWN}`,
				label: `${name}, largest contentful paint`,
				unit: 'ms',
				value: t.lcp,
				detail: how,
				budget: { max: 1500, source: 'stated' }
			},
			{
				id: `page.${key}.tbt`,
				group: `Page, CPU ÷${CPU_SLOWDOWN}`,
				label: `${name}, total blocking time`,
				unit: 'ms',
				value: t.tbt,
				detail: `median; after the first paint until 2 s quiet`
			},
			{
				id: `page.${key}.longest`,
				group: `Page, CPU ÷${CPU_SLOWDOWN}`,
				label: `${name}, longest task`,
				unit: 'ms',
				value: t.longest,
				detail: `median of ${RUNS} loads (${t.runs.map((r) => Math.round(r.longest)).join(', ')} ms); stretch goal 50 ms`,
				// Issue 20: the longest task on load at most 100 ms (stretch: 50 ms).
				budget: { max: 100, source: 'stated' }
			}
		);
	}

	if (runs('interactions')) await measureInteractions(browser, origin);
	if (runs('storage') || runs('skills')) await measureStorage(browser, origin, board);
	// Part of the storage figures; `resume` runs it alone (no 100,000 attempts seeded).
	if (runs('storage') || runs('resume')) await measureResume(browser, origin, board);
	if (runs('backup')) await measureBackupInChromium(browser, origin);
}

async function measureInteractions(browser: Browser, origin: string) {
	log(`interactions: ${SCENARIO_FILE}, model path`);
	const run = await playOnce(browser, origin, SCENARIO_FILE);
	const timed: Timed[] = run.timed;
	const playLongest = Math.max(0, ...run.longTasks.map((t) => t.duration));
	const kinds: { kind: InteractionKind; label: string }[] = [
		{ kind: 'choose-activity', label: 'choose an activity' },
		{ kind: 'do-activity', label: 'do the activity ("Do it")' },
		{ kind: 'chart', label: 'chart entry (Enter on a chart board choice)' },
		{ kind: 'next-stage', label: 'next stage ("Close this stage")' },
		{ kind: 'other', label: 'any other control (strategy, people, decision, forecast)' }
	];
	for (const { kind, label } of kinds) {
		const of = timed.filter((t) => t.kind === kind);
		const paints = of.map((t) => t.nextPaint);
		const results = of.map((t) => t.resultShown).filter((v): v is number => v !== undefined);
		figures.push({
			id: `interaction.${kind}`,
			group: `Interaction, CPU ÷${CPU_SLOWDOWN}`,
			label: `${label}: input to next paint, worst`,
			unit: 'ms',
			value: worst(paints),
			detail: `median ${Math.round(median(paints) ?? 0)} ms of ${paints.length}`,
			budget: { max: 100, source: 'stated' }
		});
		if (results.length > 0) {
			figures.push({
				id: `interaction.${kind}.result`,
				group: `Interaction, CPU ÷${CPU_SLOWDOWN}`,
				label: `${label}: input to result on screen, worst`,
				unit: 'ms',
				value: worst(results),
				detail: `median ${Math.round(median(results) ?? 0)} ms of ${results.length}`
			});
		}
	}
	figures.push({
		id: 'interaction.longest',
		group: `Interaction, CPU ÷${CPU_SLOWDOWN}`,
		label: 'longest task while playing',
		unit: 'ms',
		value: playLongest,
		detail: `over ${timed.length} inputs; the longest after an input of each kind: ${kinds
			.map(
				({ kind }) =>
					`${kind} ${worst(timed.filter((t) => t.kind === kind).map((t) => t.longestTask))} ms`
			)
			.join(', ')}`,
		budget: { max: 50, source: 'stated' }
	});
}

async function measureStorage(
	browser: Browser,
	origin: string,
	board: Awaited<ReturnType<typeof readShipped>>
) {
	log('storage: seeding 100,000 attempts');
	const params = seedParams(board);
	const profile = await seededProfile(browser, origin, params, [SKILLS_READY]);
	log(`storage: seeded in ${profile.seconds.toFixed(0)} s`);
	if (runs('storage')) await measureBoard(profile, params);
	if (runs('skills')) await measureSkillsPage(profile);
	await profile.close();
}

async function measureBoard(
	profile: Awaited<ReturnType<typeof seededProfile>>,
	params: ReturnType<typeof seedParams>
) {
	log('storage: timing the scoreboard');
	const board100k = await boardTimes(profile, params, RUNS);
	figures.push(
		{
			id: 'storage.board',
			group: 'Storage',
			label: 'scoreboard of 100,000 attempts: period changed to board painted, worst',
			unit: 'ms',
			value: worst(board100k.changes),
			detail: `all, today and this week in turn, ${board100k.rows} rows shown; the page reads these periods ahead once its board is painted; median ${Math.round(median(board100k.changes)!)} ms of ${board100k.changes.length}`,
			budget: { max: 100, source: 'stated' }
		},
		{
			id: 'storage.board.window',
			group: 'Storage',
			label: 'scoreboard of 100,000 attempts: custom window applied to board painted, worst',
			unit: 'ms',
			value: worst(board100k.windows),
			detail: `7, 14, 30 and 3 days, edges off the hour; the page reads the last 14 days' rows ahead, the rest from IndexedDB; median ${Math.round(median(board100k.windows)!)} ms of ${board100k.windows.length}`,
			budget: { max: 100, source: 'stated' }
		},
		{
			id: 'storage.board.competition',
			group: 'Storage',
			label: 'scoreboard of 100,000 attempts: competition changed to board painted, worst',
			unit: 'ms',
			value: worst(board100k.competitions),
			detail: `competitions over the last day, week and month, and none; median ${Math.round(median(board100k.competitions)!)} ms of ${board100k.competitions.length}`,
			budget: { max: 100, source: 'stated' }
		},
		{
			id: 'storage.board.open',
			group: 'Storage',
			label: 'scoreboard of 100,000 attempts: navigation to board painted',
			unit: 'ms',
			value: median(board100k.opens),
			detail: `median of ${board100k.opens.length} (${board100k.opens.map(Math.round).join(', ')} ms); page load included`
		},
		{
			id: 'storage.board.first',
			group: 'Storage',
			label: 'scoreboard of 100,000 attempts: first open after seeding',
			unit: 'ms',
			value: board100k.firstOpen,
			detail: 'the attempts were written around the app: its derived board tables are rebuilt'
		}
	);
}

async function measureSkillsPage(profile: Awaited<ReturnType<typeof seededProfile>>) {
	log('skills: timing the class page');
	const skillsPage = await skillsPageTimes(profile.page, waited, RUNS);
	figures.push(
		{
			id: 'skills.page.first',
			group: 'Storage',
			label:
				'skills class page of 100,000 attempts: first open after seeding, to skill table painted',
			unit: 'ms',
			value: skillsPage.first,
			detail:
				'the attempts were written around the app: its skill sums are rebuilt from every result and action list'
		},
		{
			id: 'skills.page.paint',
			group: 'Storage',
			label: 'skills class page of 100,000 attempts: navigation to skill table painted',
			unit: 'ms',
			value: median(skillsPage.painted),
			detail: `${skillsPage.members} members; median of ${RUNS} (${skillsPage.painted.map(Math.round).join(', ')} ms)`,
			budget: { max: 1000, source: 'stated' }
		},
		{
			id: 'skills.page.change',
			group: 'Storage',
			label: 'skills class page of 100,000 attempts: team or skill changed to next frame, worst',
			unit: 'ms',
			value: worst(skillsPage.changes),
			detail: `every team, then every skill; median ${Math.round(median(skillsPage.changes)!)} ms of ${skillsPage.changes.length}`,
			budget: { max: 100, source: 'stated' }
		}
	);
}

async function measureResume(
	browser: Browser,
	origin: string,
	board: Awaited<ReturnType<typeof readShipped>>
) {
	log('storage: resuming a deal of 200 actions');
	const actions = dealActions(board.scenario);
	for (const snapshot of ['stored', 'outdated'] as const) {
		const times = await resumeTimes(browser, origin, board, actions, snapshot, RUNS);
		figures.push({
			id: `storage.resume.${snapshot}`,
			group: 'Storage',
			label:
				snapshot === 'stored'
					? `resume a deal of ${actions.length} actions, CPU ÷${CPU_SLOWDOWN}`
					: `resume a deal of ${actions.length} actions, snapshot outdated (replayed), CPU ÷${CPU_SLOWDOWN}`,
			unit: 'ms',
			value: median(times),
			detail: `navigation to the deal painted with its controls enabled; median of ${RUNS} (${times.map(Math.round).join(', ')} ms)`,
			budget: { max: 1500, source: 'derived' }
		});
	}
}

async function measureBackup() {
	log('backup: checking 100,000 attempts');
	const times = await benchBackup(100_000);
	const n = times.attempts.toLocaleString('en-US');
	const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
	figures.push(
		{
			id: 'backup.check',
			group: 'Backup (Node)',
			label: `backup check of ${n} attempts`,
			unit: 'ms',
			value: Math.max(times.checkEmpty, times.checkStored),
			detail: `the slower of: on an empty device ${ms(times.checkEmpty)} (CPU ${ms(times.cpu.checkEmpty)}), on one holding every row ${ms(times.checkStored)} (CPU ${ms(times.cpu.checkStored)}); control: on an empty device beside the full one ${ms(times.checkBeside)} (CPU ${ms(times.cpu.checkBeside)}); over fake-indexeddb; no replays (the fixture's scenario is on no device)`,
			budget: { max: 5000, source: 'stated' }
		},
		{
			id: 'backup.apply',
			group: 'Backup (Node)',
			label: `backup import of ${n} attempts`,
			unit: 'ms',
			value: times.apply,
			detail: 'apply of the checked plan into fake-indexeddb, boards rebuilt'
		}
	);
}

async function measureBackupInChromium(browser: Browser, origin: string) {
	log('backup: checking 100,000 attempts in Chromium (settings page)');
	const times = await backupInChromium(browser, origin, 100_000);
	const n = times.attempts.toLocaleString('en-US');
	const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
	figures.push(
		{
			id: 'backup.check.chromium',
			group: 'Backup (Chromium)',
			label: `backup check of ${n} attempts, settings page`,
			unit: 'ms',
			value: Math.max(times.checkEmpty, times.checkStored),
			detail: `the slower of: on an empty device ${ms(times.checkEmpty)} (main thread ${ms(times.cpu.checkEmpty)}), on one holding every row ${ms(times.checkStored)} (main thread ${ms(times.cpu.checkStored)}); file chosen to its summary painted, the same file as the Node figure; each attempt looked up for a replay, none replayable (the fixture's scenario is on no device)`,
			budget: { max: 5000, source: 'stated' }
		},
		{
			id: 'backup.apply.chromium',
			group: 'Backup (Chromium)',
			label: `backup import of ${n} attempts, settings page`,
			unit: 'ms',
			value: times.apply,
			detail: 'the Import button to its "Imported" line; boards kept up to date as rows are written'
		}
	);
}

async function measureEngine() {
	log('engine: replays');
	const replays = await benchReplay();
	const slowest = replays.reduce((a, b) => (b.perSecond < a.perSecond ? b : a));
	figures.push({
		id: 'engine.replay',
		group: 'Engine (Node)',
		label: 'full-attempt replays per second, slowest scenario',
		unit: 'per s',
		value: slowest.perSecond,
		detail: `${slowest.scenario}, ${slowest.actions} actions; median of ${replays.length} scenarios ${Math.round(median(replays.map((r) => r.perSecond))!).toLocaleString('en-US')} /s`,
		budget: { min: 5000, source: 'stated' }
	});
	log('engine: validations');
	const validations = await benchValidation();
	const slowestFile = validations.reduce((a, b) => (b.perSecond < a.perSecond ? b : a));
	figures.push({
		id: 'engine.validate',
		group: 'Engine (Node)',
		label: 'scenario validations per second, slowest file',
		unit: 'per s',
		value: slowestFile.perSecond,
		detail: `${slowestFile.file} (${slowestFile.kilobytes.toFixed(0)} KB); median of ${validations.length} files ${Math.round(median(validations.map((v) => v.perSecond))!).toLocaleString('en-US')} /s`,
		budget: { min: 80, source: 'derived' }
	});
}

function measureSkills() {
	log('skills: 100,000 attempts');
	const result = benchSkills();
	const about = `${result.attempts.toLocaleString('en-US')} attempts of ${result.players.toLocaleString('en-US')} players in ${result.teams} teams over ${result.weeks} weeks; CPU time`;
	figures.push(
		{
			id: 'skills.sum',
			group: 'Skills (Node)',
			label: 'class page: 100,000 attempts to skill sums, once',
			unit: 'ms',
			value: median(result.build),
			detail: `${about}; median of ${result.build.length}; stored rows read from IndexedDB not included`
		},
		{
			id: 'skills.change',
			group: 'Skills (Node)',
			label: 'class page: change of team or skill, worst',
			unit: 'ms',
			value: worst(result.changes),
			detail: `${about}; heat map rows, staves, trend, 3 KPI targets with weekly control; median ${median(result.changes)!.toFixed(1)} ms of ${result.changes.length}`,
			budget: { max: 100, source: 'stated' }
		},
		{
			id: 'skills.calibration',
			group: 'Skills (Node)',
			label: "trainee page: a trainee's calibration and funnel from the sums, worst",
			unit: 'ms',
			value: worst(result.calibration),
			detail: `${result.calibration.length} trainees of about ${Math.round(result.attempts / result.players)} attempts each`
		}
	);
}

let fuzz: FuzzResult | undefined;

function write(failure?: string) {
	const missed = missedNotes(figures, WHY_MISSED);
	const text = [
		'# Performance',
		'',
		'Written by `npm run bench` (scripts/bench.ts); do not edit by hand. Budgets marked * are',
		'derived from the stated ones (see "Budgets" below); "—" is a figure reported without a budget.',
		'',
		markdownTable(figures),
		'',
		failure ? `**The benchmark stopped early:** ${failure}\n` : '',
		busyNote(host.load[0], host.cores) ?? '',
		'',
		'## Budgets missed',
		'',
		...(missed.length
			? missed.map((line) => `- ${line}`)
			: ['None: every figure meets its budget.']),
		'',
		fuzz ? fuzzSection(fuzz) : '',
		'',
		'## Machine',
		'',
		...describeMachine(host),
		`- Benchmark time: ${((Date.now() - started) / 1000).toFixed(0)} s`,
		'',
		...METHOD
	].join('\n');
	// Keep the class hub's section, which `npm run bench:hub` writes (scripts/bench-hub.ts).
	const hub = existsSync(OUT)
		? /<!-- bench:hub start -->[\s\S]*<!-- bench:hub end -->/.exec(readFileSync(OUT, 'utf8'))
		: null;
	writeFileSync(OUT, text.replace(/\n{3,}/g, '\n\n') + (hub ? `\n${hub[0]}\n` : ''));
}

/**
 * A run of some parts only (BENCH_ONLY): its figures in a section of their own, marked with the
 * parts, replacing the section of an earlier run of the same parts; the full table is left.
 */
function writePartial(parts: string, failure?: string) {
	const start = `<!-- bench:only=${parts} start -->`;
	const end = `<!-- bench:only=${parts} end -->`;
	const missed = missedNotes(figures, WHY_MISSED);
	const section = [
		start,
		`## Partial run: BENCH_ONLY=${parts}`,
		'',
		`Only these parts were run (\`BENCH_ONLY=${parts} npm run bench\`); the next full run replaces this section.`,
		'',
		markdownTable(figures),
		'',
		failure ? `**The benchmark stopped early:** ${failure}\n` : '',
		busyNote(host.load[0], host.cores) ?? '',
		'',
		...(missed.length ? ['Budgets missed:', '', ...missed.map((line) => `- ${line}`), ''] : []),
		...describeMachine(host),
		end
	]
		.join('\n')
		.replace(/\n{3,}/g, '\n\n');
	const current = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '# Performance\n';
	const at = current.indexOf(start);
	const next =
		at >= 0
			? current.slice(0, at) + section + current.slice(current.indexOf(end) + end.length)
			: `${current.trimEnd()}\n\n${section}\n`;
	writeFileSync(OUT, next);
}

let failure: string | undefined;
try {
	if (
		['load', 'pages', 'interactions', 'storage', 'skills', 'resume', 'backup'].some((part) =>
			runs(part as never)
		)
	) {
		build();
		const server = await serve();
		const browser = await launch();
		host.chromium = browser.version();
		try {
			await measureBrowser(browser, server.origin);
		} finally {
			await browser.close();
			await server.stop();
		}
	}
	if (runs('engine')) await measureEngine();
	if (runs('backup')) await measureBackup();
	if (runs('fuzz')) {
		log('validator fuzz run: 10,000 generated hostile files');
		fuzz = fuzzValidator();
	}
	if (runs('skills')) measureSkills();
} catch (error) {
	failure = error instanceof Error ? (error.stack ?? error.message) : String(error);
}

console.log(`\n${textTable(figures)}\n`);
const busy = busyNote(host.load[0], host.cores);
if (busy) console.log(`NOTE    ${busy}\n`);
for (const line of missedNotes(figures, WHY_MISSED)) console.log(`MISSED  ${line}`);
if (ONLY) {
	writePartial(ONLY.join(','), failure?.split('\n')[0]);
	console.log(`\nBENCH_ONLY=${ONLY.join(',')}: written to its own section of ${OUT}.`);
} else {
	write(failure?.split('\n')[0]);
	console.log(`\nWritten to ${OUT} (${((Date.now() - started) / 1000).toFixed(0)} s).`);
}
if (failure) {
	console.error(`\nThe benchmark failed: ${failure}`);
	process.exit(2);
}
const fuzzMissed = fuzz !== undefined && !fuzzPassed(fuzz);
if (fuzzMissed) console.log('MISSED  the validator fuzz run (see its section)');
process.exit(figures.some((f) => verdict(f) === 'MISSED') || fuzzMissed ? 1 : 0);

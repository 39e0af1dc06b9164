/**
 * `npm run balance`: regenerates the generated parts of the trainers' guide, docs/authoring.md,
 * so that the guide never disagrees with the engine it describes:
 *
 *   terms    the methodology's terms with their English and Chinese labels (message catalogues)
 *   numbers  the methodology's default numbers (src/lib/engine/methodology.ts)
 *   balance  for every file in scenarios/: its model path, its naive path, and a robot that
 *            spends money without judgement, replayed on the engine
 *
 * Each part sits between `<!-- generated:<name>:start -->` and `<!-- generated:<name>:end -->`.
 * `npm run balance -- --check` changes nothing and exits 1 when the guide is out of date.
 * `npm run balance -- <files...>` prints the balance rows of those files and leaves the guide alone.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stageDecisions } from '../src/lib/engine/deal/deal-rules';
import { replay } from '../src/lib/engine/deal/replay';
import { resolveMethodology } from '../src/lib/engine/deal/resolve-methodology';
import {
	ACTIVITIES,
	ATTITUDES,
	CONTACTS,
	CUSTOMER_GROUPS,
	DEFAULT_METHODOLOGY,
	DEPARTMENTS,
	DIFFICULTIES,
	FITS,
	INTEL_KINDS,
	LEVELS,
	OUTCOMES,
	POSITIONS,
	ROLES,
	SCORE_CATEGORIES,
	STAGES,
	STRATEGIES,
	customerGroup,
	type ActivityId,
	type Fit
} from '../src/lib/engine/methodology';
import { validateScenarioText } from '../src/lib/engine/scenario/parse-scenario';
import type { Action, Scenario, ScenarioCheck } from '../src/lib/engine/scenario/schema';
import type { LabelKind } from '../src/lib/i18n/labels';

export const GUIDE = 'docs/authoring.md';
export const SECTIONS = ['terms', 'numbers', 'balance'] as const;
export type SectionName = (typeof SECTIONS)[number];

/**
 * The message catalogues of one language, all feature areas merged. Read from the JSON sources
 * rather than the compiled Paraglide modules, which are a thousand files to load; the keys are
 * those of `termLabel` (src/lib/i18n/labels.ts): `<kind>_<id with underscores>`.
 */
function catalogue(locale: 'en' | 'zh-CN'): Record<string, string> {
	const files = [
		join('messages', `${locale}.json`),
		...readdirSync('messages', { withFileTypes: true })
			.filter((entry) => entry.isDirectory())
			.map((entry) => join('messages', entry.name, `${locale}.json`))
	];
	return Object.assign(
		{},
		...files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
	);
}

const catalogues = { en: catalogue('en'), 'zh-CN': catalogue('zh-CN') };
const label = (locale: 'en' | 'zh-CN', kind: LabelKind, id: string) =>
	catalogues[locale][`${kind}_${id.replaceAll('-', '_')}`] ?? id;
const en = (kind: LabelKind, id: string) => label('en', kind, id);
const zh = (kind: LabelKind, id: string) => label('zh-CN', kind, id);
/** "Visit (拜访)": the label a trainer reads, with the course's own term. */
const both = (kind: LabelKind, id: string) => `${en(kind, id)} (${zh(kind, id)})`;
const FIT_MARK: Record<Fit, string> = { good: '++', fair: '+', poor: '−' };

// ------------------------------------------------------------------ sections

/** The terms table: every methodology id with its English and Chinese label. */
export function termsSection(): string {
	const kinds: [LabelKind, string, readonly string[]][] = [
		['stage', 'stage', STAGES],
		['role', 'role', ROLES],
		['attitude', 'attitude', ATTITUDES],
		['contact', 'contact', CONTACTS],
		['level', 'level', LEVELS],
		['department', 'department', DEPARTMENTS],
		['activity', 'activity', ACTIVITIES],
		['strategy', 'strategy', STRATEGIES],
		['group', 'customer group', CUSTOMER_GROUPS],
		['intel_kind', 'intel kind', INTEL_KINDS],
		['position', 'our position', POSITIONS],
		['outcome', 'outcome', OUTCOMES],
		['difficulty', 'difficulty', DIFFICULTIES],
		['category', 'score category', SCORE_CATEGORIES]
	];
	const rows = kinds.flatMap(([kind, name, ids]) =>
		ids.map((id) => `| ${name} | \`${id}\` | ${en(kind, id)} | ${zh(kind, id)} |`)
	);
	return ['| term | id in the file | English | 中文 |', '| --- | --- | --- | --- |', ...rows].join(
		'\n'
	);
}

/** The methodology's default numbers, as the engine uses them. */
export function numbersSection(): string {
	const m = DEFAULT_METHODOLOGY;
	const out: string[] = [];
	const stageHead = STAGES.map((s) => en('stage', s)).join(' | ');
	out.push(
		'**Activities**: default cost (in the deal’s currency), weeks of your time, the most people one activity can reach, and its fit for each stage (++ good, + fair, − poor).',
		'',
		`| activity | money | weeks | people | ${stageHead} |`,
		`| --- | --: | --: | --: | ${STAGES.map(() => ':-:').join(' | ')} |`,
		...ACTIVITIES.map((a) => {
			const c = m.costs[a];
			const fits = STAGES.map((s) => FIT_MARK[m.fit[a][s]]).join(' | ');
			const people = c.needsTarget ? String(c.maxPeople) : `0–${c.maxPeople}`;
			return `| ${both('activity', a)} | ${number(c.money)} | ${c.weeks} | ${people} | ${fits} |`;
		}),
		'',
		'**Key people per stage** (the focus score and the +' +
			`${m.keyRoleBonus} key-role bonus use them):`,
		'',
		'| stage | key roles | also key |',
		'| --- | --- | --- |',
		...STAGES.map((s) => {
			const depts = m.keyDepartments[s].map((d) => both('department', d)).join(', ');
			return `| ${both('stage', s)} | ${m.keyRoles[s].map((r) => both('role', r)).join(', ')} | ${depts || '—'} |`;
		}),
		'',
		'**Attitude points**: ' +
			ATTITUDES.map((a) => `${en('attitude', a)} starts at ${signed(m.attitudePoints[a])}`).join(
				', '
			) +
			`; points stay within ${signed(-m.maxPoints)}..${signed(m.maxPoints)}; ` +
			`opponent at ${signed(-2)} or below, supporter at ${signed(2)} or above; ` +
			`one attitude step of an event or option = ${m.attitudeStep} points.`,
		'',
		'**One activity’s effect on one person** (points):',
		'',
		`- fit for the stage: ${FITS.map((f) => `${en('fit', f).toLowerCase()} ${signed(m.fitEffect[f])}`).join(', ')};`,
		`- key role (or key department) for the stage, when the fit is not poor: ${signed(m.keyRoleBonus)};`,
		`- level: ${LEVELS.filter((l) => Object.keys(m.levelResponse[l]).length > 0)
			.map(
				(l) =>
					`${en('level', l).toLowerCase()} people ${Object.entries(m.levelResponse[l])
						.map(([a, v]) => `${en('activity', a).toLowerCase()} ${signed(v!)}`)
						.join(', ')}`
			)
			.join('; ')};`,
		'- the person’s own `responds` for the activity type;',
		`- then, only if the effect is positive: influence ${m.hardToMoveInfluence} people −1 (never below 1), and the strategy against the customer group, never below 0: ` +
			STRATEGIES.map(
				(s) =>
					`${en('strategy', s).toLowerCase()} ${CUSTOMER_GROUPS.map((g) => `${en('group', g).toLowerCase()} ${signed(m.strategyResponse[s][g])}`).join(', ')}`
			).join('; ') +
			`; hunting when our position is not ahead ${signed(m.huntingWithoutEdge)} more;`,
		`- a gift to ${m.giftRiskDepartments.map((d) => en('department', d).toLowerCase()).join(' or ')}, or a gift costing more than ${m.giftModestShare * 100}% of the deal value, is a compliance risk: its effect is ${signed(m.giftRiskEffect)}, whatever else applies.`,
		'',
		`**Contact** rises by one step per activity with the person (${ACTIVITIES.filter(
			(a) => m.contactGain[a] === 0
		)
			.map((a) => en('activity', a).toLowerCase())
			.join(', ')}: none).`,
		'',
		'**The purchase decision** when purchase commitment closes:',
		'',
		`- weight of a person = influence × ${ROLES.map((r) => `${en('role', r).toLowerCase()} ${m.purchase.roleWeight[r]}`).join(', ')};`,
		`- value of an attitude: ${ATTITUDES.map((a) => `${en('attitude', a).toLowerCase()} ${signed(m.purchase.attitudeValue[a])}`).join(', ')};`,
		`- support = Σ weight × value / Σ weight (every person, on the chart or not) + ${m.purchase.intelBonus} × the share of the timing, budget, motive and designing-department kinds learned + position (${POSITIONS.map((p) => `${en('position', p).toLowerCase()} ${signed(m.purchase.positionBonus[p])}`).join(', ')});`,
		`- won when support ≥ ${m.purchase.threshold}, no decision maker is an opponent and the decision makers, weighted by influence, are on average at least neutral.`,
		'',
		'**Customer groups and the strategy that fits** (our share of their purchases in our category):',
		'',
		`| group | share | ${POSITIONS.map((p) => `we are ${en('position', p).toLowerCase()}`).join(' | ')} |`,
		`| --- | --- | ${POSITIONS.map(() => '---').join(' | ')} |`,
		...CUSTOMER_GROUPS.map((g) => {
			const [low, high] = m.groupThresholds;
			const share =
				g === 'growth'
					? `under ${percent(low)}`
					: g === 'development'
						? `${percent(low)}–${percent(high)}`
						: `over ${percent(high)}`;
			return `| ${both('group', g)} | ${share} | ${POSITIONS.map((p) => en('strategy', m.strategyFit[g][p])).join(' | ')} |`;
		}),
		'',
		'**Score weights** (a scenario’s `scoring.weights` replaces them whole): ' +
			SCORE_CATEGORIES.map((c) => `${en('category', c).toLowerCase()} ${m.weights[c]}`).join(', ') +
			'.',
		'',
		'**Funnel rates** (win probability by the stage reached, the forecast’s reference): ' +
			STAGES.map((s) => `${en('stage', s).toLowerCase()} ${percent(m.funnel[s])}`).join(', ') +
			'.',
		'',
		`**Red flags** use these thresholds: an opponent of influence ${m.highInfluence} or more left without any activity in a stage; money or weeks below ${percent(m.resourcesLowShare)} with two or more stages to go before the purchase.`
	);
	return out.join('\n');
}

export interface BalanceRow {
	file: string;
	scenario: Scenario;
	model?: PathResult;
	naive?: PathResult;
	spending: PathResult;
}

export interface PathResult {
	outcome: string;
	score: number;
	money: number;
	weeks: number;
	activities: number;
	refused: number;
}

/** The balance table: one row per scenario file. */
export function balanceSection(rows: readonly BalanceRow[]): string {
	const lines = [
		'| scenario | language | difficulty | best strategy | model path | money used | weeks used | activities | naive path | spending alone |',
		'| --- | --- | --- | --- | --- | --: | --: | --: | --- | --- |'
	];
	for (const { scenario: s, model, naive, spending } of rows) {
		const currency = s.deal.currency;
		lines.push(
			[
				`\`${s.id}\``,
				s.locale,
				en('difficulty', s.difficulty),
				`${en('strategy', s.strategy.best)} (${en('group', customerGroup(s.customer.ourShare)).toLowerCase()})`,
				model ? result(model) : 'none',
				model
					? `${number(model.money)} of ${number(s.resources.budget)} ${currency} (${percent(model.money / s.resources.budget)})`
					: '—',
				model ? `${model.weeks} of ${s.resources.weeks}` : '—',
				model ? String(model.activities) : '—',
				naive ? result(naive) : 'none',
				result(spending)
			]
				.join(' | ')
				.replace(/^/, '| ')
				.replace(/$/, ' |')
		);
	}
	lines.push(
		'',
		`${rows.length} scenario files. The model path is the check with the highest \`minScore\` that expects a win or a withdrawal; the naive path is the check with the lowest \`maxScore\`.`
	);
	return lines.join('\n');
}

function result(path: PathResult): string {
	const refused = path.refused > 0 ? `, ${path.refused} refused` : '';
	return `${en('outcome', path.outcome)} ${path.score}${refused}`;
}

// ------------------------------------------------------------------ the paths

/** The model path: the check with the highest minScore expecting a win or a withdrawal. */
export function modelCheck(scenario: Scenario): ScenarioCheck | undefined {
	return (scenario.checks ?? [])
		.filter(
			(c) =>
				c.expect.minScore !== undefined &&
				(c.expect.outcome === 'won' || c.expect.outcome === 'withdrawn')
		)
		.sort((a, b) => b.expect.minScore! - a.expect.minScore!)[0];
}

/** The naive path: the check with the lowest maxScore. */
export function naiveCheck(scenario: Scenario): ScenarioCheck | undefined {
	return (scenario.checks ?? [])
		.filter((c) => c.expect.maxScore !== undefined)
		.sort((a, b) => a.expect.maxScore! - b.expect.maxScore!)[0];
}

export function playPath(scenario: Scenario, actions: readonly Action[]): PathResult {
	const r = replay(scenario, actions, { keepStates: false });
	return {
		outcome: r.outcome ?? 'unfinished',
		score: r.score.total,
		money: r.final.moneyUsed,
		weeks: r.final.weeksUsed,
		activities: r.final.log.filter((e) => e.kind === 'activity').length,
		refused: r.refused.length
	};
}

/**
 * "Spending alone": a robot with money and no judgement. It takes the best strategy (so that
 * the strategy is not what beats it) and, in each stage up to purchase commitment, spends that
 * stage's even share of the budget (a fifth) on the costliest activity type it can afford, again
 * and again, inviting everyone on the chart in turn, as many as the activity allows. It answers
 * every decision with its best option that does not end the deal, never fills the chart and never
 * forecasts. A scenario is balanced when this robot does not win.
 */
export function spendingAlone(scenario: Scenario): Action[] {
	const method = resolveMethodology(scenario.methodology);
	const byCost = ACTIVITIES.filter((a) => a !== 'gift' && method.costs[a].needsTarget).sort(
		(a, b) => method.costs[b].money - method.costs[a].money || a.localeCompare(b)
	);
	const actions: Action[] = [{ type: 'strategy', strategy: scenario.strategy.best }];
	let turn = 0;
	for (const stage of STAGES) {
		if (stage !== 'implementation') {
			const share = scenario.resources.budget / 5;
			let spent = 0;
			for (;;) {
				const context = replay(scenario, actions, { keepStates: false }).final;
				if (context.outcome) break;
				const fits = (a: ActivityId) =>
					spent + method.costs[a].money <= share &&
					context.moneyUsed + method.costs[a].money <= scenario.resources.budget &&
					context.weeksUsed + method.costs[a].weeks <= scenario.resources.weeks;
				const activity = byCost.find(fits);
				if (!activity) break;
				const known = scenario.people.filter((p) => context.people[p.id].known).map((p) => p.id);
				const count = Math.min(method.costs[activity].maxPeople, known.length);
				const people = Array.from({ length: count }, (_, i) => known[(turn + i) % known.length]);
				turn += count;
				actions.push({ type: 'activity', activity, people });
				spent += method.costs[activity].money;
			}
		}
		for (const decision of stageDecisions(scenario.stages[stage])) {
			const best = decision.options
				.filter((o) => !o.ends)
				.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))[0];
			if (best) actions.push({ type: 'decide', decision: decision.id, option: best.id });
		}
		actions.push({ type: 'advance' });
	}
	// The deal may end before the last advance (lost at commitment): drop what it would refuse.
	const { refused } = replay(scenario, actions, { keepStates: false });
	const refusedAt = new Set(refused.map((r) => r.index));
	return actions.filter((_, i) => !refusedAt.has(i));
}

/** Every scenario file in a folder, validated; a file that does not validate is an error. */
export async function loadScenarios(
	folder = 'scenarios'
): Promise<{ file: string; scenario: Scenario }[]> {
	const files = (await readdir(folder)).filter((f) => f.endsWith('.json')).sort();
	return loadScenarioFiles(files.map((name) => join(folder, name)));
}

/** The named scenario files, validated; a file that does not validate is an error. */
export async function loadScenarioFiles(
	files: readonly string[]
): Promise<{ file: string; scenario: Scenario }[]> {
	const loaded = [];
	for (const file of files) {
		const parsed = validateScenarioText(await readFile(file, 'utf8'));
		if (!parsed.ok) {
			throw new Error(
				`${file} does not validate (${parsed.errors.length} errors): run npm run scenarios -- check ${file}`
			);
		}
		loaded.push({ file, scenario: parsed.scenario });
	}
	return loaded;
}

export function balanceRows(scenarios: { file: string; scenario: Scenario }[]): BalanceRow[] {
	return scenarios.map(({ file, scenario }) => {
		const model = modelCheck(scenario);
		const naive = naiveCheck(scenario);
		return {
			file,
			scenario,
			model: model && playPath(scenario, model.actions),
			naive: naive && playPath(scenario, naive.actions),
			spending: playPath(scenario, spendingAlone(scenario))
		};
	});
}

// ------------------------------------------------------------------ the guide

const marker = (name: string, end: 'start' | 'end') => `<!-- generated:${name}:${end} -->`;

/** The text between a section's markers, or undefined when the markers are missing. */
export function extractSection(doc: string, name: string): string | undefined {
	const start = doc.indexOf(marker(name, 'start'));
	const end = doc.indexOf(marker(name, 'end'));
	if (start < 0 || end < start) return undefined;
	return doc.slice(start + marker(name, 'start').length, end).trim();
}

/** The guide with a section's content replaced; throws when its markers are missing. */
export function replaceSection(doc: string, name: string, content: string): string {
	const start = doc.indexOf(marker(name, 'start'));
	const end = doc.indexOf(marker(name, 'end'));
	if (start < 0 || end < start) {
		throw new Error(`${GUIDE} has no ${marker(name, 'start')} … ${marker(name, 'end')} pair`);
	}
	return `${doc.slice(0, start + marker(name, 'start').length)}\n\n${content}\n\n${doc.slice(end)}`;
}

/**
 * Collapses what Prettier changes in a generated section (table padding and rules, line
 * wrapping), so that a section can be compared with its freshly generated content.
 */
export function normalizeSection(text: string): string {
	return text
		.split('\n')
		.map((line) =>
			line.trim().startsWith('|')
				? line
						.split('|')
						.map((cell) => cell.trim().replace(/^:?-+:?$/, '-'))
						.join('|')
				: line.trim()
		)
		.join('\n')
		.replace(/\s+/g, ' ')
		.trim();
}

export async function renderGuide(doc: string, rows: readonly BalanceRow[]): Promise<string> {
	let next = replaceSection(doc, 'terms', termsSection());
	next = replaceSection(next, 'numbers', numbersSection());
	next = replaceSection(next, 'balance', balanceSection(rows));
	// Loaded here, not at the top: the guide's spec uses the section builders without Prettier.
	const prettier = await import('prettier');
	const options = (await prettier.resolveConfig(GUIDE)) ?? {};
	return prettier.format(next, { ...options, filepath: GUIDE });
}

function number(value: number): string {
	return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function percent(value: number): string {
	return `${Math.round(value * 1000) / 10}%`;
}

function signed(value: number): string {
	return value > 0 ? `+${value}` : value < 0 ? `−${-value}` : '0';
}

/**
 * `npm run balance -- <files...>`: the balance rows of the files given, printed; the guide is
 * neither read nor rewritten (a trainer trying a scenario of their own before adding it).
 */
async function printBalance(files: readonly string[]): Promise<number> {
	let rows: BalanceRow[];
	try {
		rows = balanceRows(await loadScenarioFiles(files));
	} catch (error) {
		console.error((error as Error).message);
		return 1;
	}
	console.log(balanceSection(rows));
	warnSpendingWins(rows);
	return 0;
}

function warnSpendingWins(rows: readonly BalanceRow[]): void {
	for (const row of rows.filter((r) => r.spending.outcome === 'won')) {
		console.warn(
			`warning: ${row.file} can be won by spending alone (score ${row.spending.score}): lower its budget or make its key people harder to reach.`
		);
	}
}

async function main(): Promise<number> {
	const args = process.argv.slice(2);
	const files = args.filter((arg) => !arg.startsWith('--'));
	const unknown = args.find((arg) => arg.startsWith('--') && arg !== '--check');
	if (unknown || (files.length > 0 && args.includes('--check'))) {
		console.error(
			'Usage: npm run balance [-- --check]   (regenerate docs/authoring.md, or check it)\n' +
				'       npm run balance -- <scenario files...>   (print their balance; the guide is left alone)'
		);
		return 2;
	}
	if (files.length > 0) return printBalance(files);
	const check = args.includes('--check');
	const doc = await readFile(GUIDE, 'utf8');
	const rows = balanceRows(await loadScenarios());
	const next = await renderGuide(doc, rows);
	if (check) {
		if (next === doc) {
			console.log(`${GUIDE} is up to date.`);
			return 0;
		}
		console.error(`${GUIDE} is out of date: run npm run balance and commit the result.`);
		return 1;
	}
	if (next !== doc) await writeFile(GUIDE, next);
	console.log(
		`${GUIDE}: ${next === doc ? 'already up to date' : 'updated'} (${rows.length} scenarios).`
	);
	warnSpendingWins(rows);
	return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	process.exitCode = await main();
}

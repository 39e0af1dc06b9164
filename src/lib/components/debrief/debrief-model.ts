/**
 * What the debrief shows, shaped from a replay: the page never trusts a stored number, it plays
 * the attempt's actions again on the scenario and compares. Everything here is ids, codes and
 * numbers; the components turn them into sentences in the current language.
 */
import { findDecision, type DealOptions } from '$lib/engine/deal/deal-rules';
import { replay, type RefusedAction } from '$lib/engine/deal/replay';
import { matchesReplay, STORED_ROUNDING } from '$lib/engine/results/match-replay';
import type {
	CategoryScore,
	ChartEntry,
	RedFlag,
	RuleResult,
	ScoreReport
} from '$lib/engine/deal/types';
import {
	STAGES,
	medalOf,
	attitudeOf,
	customerGroup,
	stageIndex,
	type ActivityId,
	type AttitudeId,
	type ContactId,
	type CustomerGroupId,
	type DepartmentId,
	type Fit,
	type LevelId,
	type Medal,
	type OutcomeId,
	type RoleId,
	type ScoreCategoryId,
	type StageId,
	type StrategyId
} from '$lib/engine/methodology';
import type { Action, Scenario } from '$lib/engine/scenario/schema';
import type { AttemptResult } from '$lib/db';

// ------------------------------------------------------------------ medals

// The medal tiers and the rule are the methodology's (methodology.ts).
export { medalOf, type Medal };

// ------------------------------------------------------------------ what to do better

/** One scoring rule that fell short, and how many points of the total it cost. */
export interface Improvement {
	category: ScoreCategoryId;
	rule: RuleResult;
	/** Points of the 0..100 total the deal would have gained with this rule at full marks. */
	points: number;
}

/**
 * The changes that would have raised the score most, read from any score report: a rule's missed
 * points (max − points) count for its category's weight over the category's maximum, then for the
 * share of the total that the counted weights make (and any factor applied on top, such as an
 * outcome factor, found as total ÷ the weighted sum). Nothing here knows a rule's code, so new
 * scoring rules need no change: `topImprovements(report)[0].points` → e.g. 6.3.
 */
export function topImprovements(report: ScoreReport, count = 3): Improvement[] {
	const counted = report.categories.filter((category) => category.weight > 0);
	const possible = counted.reduce((sum, category) => sum + category.weight, 0);
	if (possible === 0) return [];
	const earned = counted.reduce((sum, category) => sum + category.points, 0);
	const weighted = (100 * earned) / possible;
	const factor = weighted > 0 ? report.total / weighted : 1;
	const found: Improvement[] = [];
	for (const category of counted) {
		const max = category.rules.reduce((sum, rule) => sum + rule.max, 0);
		if (max <= 0) continue;
		for (const rule of category.rules) {
			const missed = rule.max - rule.points;
			if (missed <= 0) continue;
			const points = ((missed * category.weight) / max) * (100 / possible) * factor;
			if (points >= 0.05) found.push({ category: category.category, rule, points });
		}
	}
	return found.sort((a, b) => b.points - a.points).slice(0, count);
}

// ------------------------------------------------------------------ verification

/** Something the stored attempt claims that the replay does not give. */
export type Discrepancy =
	| { kind: 'outcome'; stored: OutcomeId; replayed: OutcomeId | undefined }
	| { kind: 'score'; stored: number; replayed: number }
	| { kind: 'category'; category: ScoreCategoryId; stored: number; replayed: number }
	| { kind: 'scenario-changed'; played: string; current: string };

/** What the stored attempt says about itself, to be checked against the replay. */
export interface StoredClaim {
	/** The stored result; none for an attempt kept only in memory (it was never scored apart). */
	result?: AttemptResult;
	/** Hash of the scenario the attempt was played on. */
	playedHash: string;
	/** Hash of the scenario found now under the same id and version. */
	scenarioHash: string;
}

// ------------------------------------------------------------------ the shapes shown

export interface ChartRow {
	id: string;
	name: string;
	title: string;
	department: DepartmentId;
	influence: number;
	/** On the trainee's chart by the end (known from the start, or revealed by intel). */
	shown: boolean;
	/** The stage in which intel put this person on the chart. */
	revealedIn?: StageId;
	entered: Pick<ChartEntry, 'role' | 'attitude' | 'level'>;
	truth: { role: RoleId; attitude: AttitudeId; level: LevelId };
	right: { role: boolean; attitude: boolean; level: boolean };
}

export interface ForecastRow {
	stage: StageId;
	/** The last forecast made in the stage, 0..1. */
	probability?: number;
	/** The funnel's default win rate for the stage, 0..1. */
	funnel: number;
	/** Rules 2: the engine's calibrated probability when the forecast was made, 0..1. */
	calibrated?: number;
	/** False for the stage the deal ended in: a forecast counts when its stage closes. */
	scored: boolean;
}

/** How a person took an activity, as the trainee may see it: the direction, never the points. */
export type Change = 'warmer' | 'cooler' | 'unchanged';

export interface ReactionView {
	person: string;
	change: Change;
	contact: ContactId;
	risk: boolean;
}

/** One thing that happened in a stage, in order. */
export type Step =
	| {
			kind: 'event';
			text: string;
			/** Avoided: the trainee did in time what the scenario says prevents it. */
			skipped: boolean;
			/** What would have prevented it, when anything could. */
			unless?: { activity: ActivityId; person?: string };
	  }
	| { kind: 'strategy'; strategy: StrategyId; changed: boolean }
	| { kind: 'chart'; person: string; entry: Pick<ChartEntry, 'role' | 'attitude' | 'level'> }
	| {
			kind: 'activity';
			activity: ActivityId;
			people: string[];
			money: number;
			weeks: number;
			fit: Fit;
			reactions: ReactionView[];
			intel: { id: string; text: string }[];
			revealed: string[];
	  }
	| { kind: 'intel'; id: string; text: string }
	| { kind: 'revealed'; person: string }
	| {
			kind: 'decision';
			decision: string;
			prompt: string;
			option: string;
			text: string;
			feedback: string;
			/** The option's score against the best option's, 0..1. */
			credit: number;
	  }
	| { kind: 'forecast'; probability: number }
	| { kind: 'red-flag'; flag: RedFlag }
	| { kind: 'purchase'; outcome: OutcomeId }
	| { kind: 'ended'; outcome: OutcomeId };

/** A timeline line: a step, or a run of chart entries folded into one line. */
export type TimelineItem =
	| Step
	| {
			kind: 'charts';
			entries: { person: string; entry: Extract<Step, { kind: 'chart' }>['entry'] }[];
	  };

/**
 * Folds each run of two or more chart entries into one line, one item per person (the fields
 * entered for the same person in the run merged, the last entry of each field kept), so that a
 * chart filled in at the start of a stage is one line, not eighteen.
 */
export function foldChartSteps(steps: readonly Step[]): TimelineItem[] {
	const items: TimelineItem[] = [];
	let run: Extract<Step, { kind: 'chart' }>[] = [];
	const flush = () => {
		if (run.length === 1) items.push(run[0]);
		else if (run.length > 1) {
			const byPerson = new Map<string, Extract<Step, { kind: 'chart' }>['entry']>();
			for (const step of run)
				byPerson.set(step.person, { ...byPerson.get(step.person), ...step.entry });
			items.push({
				kind: 'charts',
				entries: [...byPerson].map(([person, entry]) => ({ person, entry }))
			});
		}
		run = [];
	};
	for (const step of steps) {
		if (step.kind === 'chart') run.push(step);
		else {
			flush();
			items.push(step);
		}
	}
	flush();
	return items;
}

export interface StageSection {
	stage: StageId;
	steps: Step[];
}

export interface StrategyView {
	/** The strategy in force at the first activity: the one the score judges. */
	planned?: StrategyId;
	/** The strategy at the end, when it differs from the planned one. */
	final?: StrategyId;
	best: StrategyId;
	acceptable: StrategyId[];
	why: string;
	group: CustomerGroupId;
	ourShare: number;
}

export interface DebriefModel {
	outcome?: OutcomeId;
	total: number;
	medal?: Medal;
	/** The categories that count here (a category with nothing to judge drops out). */
	categories: CategoryScore[];
	/** The replay's whole score report, as an exported attempt records it. */
	report: ScoreReport;
	/** The three changes that would have raised the score most. */
	improvements: Improvement[];
	chart: ChartRow[];
	redFlags: RedFlag[];
	forecasts: ForecastRow[];
	stages: StageSection[];
	strategy: StrategyView;
	spent: { money: number; budget: number; weeks: number; weeksTotal: number; currency: string };
	/** Actions the engine refuses: an attempt holding one is not a valid result. */
	refused: RefusedAction[];
	/** Where the stored attempt disagrees with the replay; empty when it agrees. */
	discrepancies: Discrepancy[];
}

// ------------------------------------------------------------------ building it

/**
 * The debrief of `actions` played on `scenario`, checked against what was stored:
 * `debriefModel(scenario, [{ type: 'withdraw' }]).outcome` → `'withdrawn'`.
 */
export function debriefModel(
	source: Scenario,
	actions: readonly Action[],
	claim?: StoredClaim,
	options: DealOptions = {}
): DebriefModel {
	const result = replay(source, actions, { ...options, keepStates: false });
	const { final } = result;
	// The deal as its seed drew it: who held which role, how each began.
	const scenario = final.scenario;
	const refusedAt = new Set(result.refused.map((r) => r.index));
	const accepted = actions.filter((_, index) => !refusedAt.has(index));
	return {
		outcome: result.outcome,
		total: result.score.total,
		medal: medalOf(result.score.total),
		categories: result.score.categories.filter((category) => category.weight > 0),
		report: result.score,
		improvements: topImprovements(result.score),
		chart: chartRows(scenario, final),
		redFlags: result.redFlags,
		forecasts: forecastRows(final),
		stages: stageSections(scenario, final, accepted),
		strategy: {
			planned: final.plannedStrategy ?? final.strategy,
			final:
				final.plannedStrategy && final.strategy !== final.plannedStrategy
					? final.strategy
					: undefined,
			best: scenario.strategy.best,
			acceptable: scenario.strategy.acceptable,
			why: scenario.strategy.why,
			group: customerGroup(scenario.customer.ourShare, final.method.groupThresholds),
			ourShare: scenario.customer.ourShare
		},
		spent: {
			money: final.moneyUsed,
			budget: scenario.resources.budget,
			weeks: final.weeksUsed,
			weeksTotal: scenario.resources.weeks,
			currency: scenario.deal.currency
		},
		refused: result.refused,
		discrepancies: claim
			? compare(claim, result.outcome, result.score.total, result.score.categories)
			: []
	};
}

type Final = ReturnType<typeof replay>['final'];

function chartRows(scenario: Scenario, final: Final): ChartRow[] {
	return scenario.people.map((person) => {
		const state = final.people[person.id];
		const entry = final.chart[person.id] ?? {};
		const attitude = attitudeOf(state.points);
		return {
			id: person.id,
			name: person.name,
			title: person.title,
			department: person.department,
			influence: person.influence,
			shown: state.known,
			...(state.revealedIn ? { revealedIn: state.revealedIn } : {}),
			entered: pickEntry(entry),
			truth: { role: person.role, attitude, level: person.level },
			right: {
				role: entry.role === person.role,
				attitude: entry.attitude === attitude,
				level: entry.level === person.level
			}
		};
	});
}

function pickEntry(entry: ChartEntry): Pick<ChartEntry, 'role' | 'attitude' | 'level'> {
	return {
		...(entry.role ? { role: entry.role } : {}),
		...(entry.attitude ? { attitude: entry.attitude } : {}),
		...(entry.level ? { level: entry.level } : {})
	};
}

function forecastRows(final: Final): ForecastRow[] {
	return STAGES.slice(0, stageIndex(final.stage) + 1)
		.filter((stage) => stage !== 'implementation')
		.map((stage) => ({
			stage,
			...(final.forecasts[stage] === undefined ? {} : { probability: final.forecasts[stage] }),
			funnel: final.method.funnel[stage],
			...(final.calibrated[stage] === undefined ? {} : { calibrated: final.calibrated[stage] }),
			scored: final.outcome !== undefined && final.closedStages.includes(stage)
		}));
}

function changeOf(effect: number): Change {
	return effect > 0 ? 'warmer' : effect < 0 ? 'cooler' : 'unchanged';
}

/** The log, stage by stage; intel and people an activity turned up are folded into it. */
function stageSections(
	scenario: Scenario,
	final: Final,
	accepted: readonly Action[]
): StageSection[] {
	const sections: StageSection[] = [];
	let current: StageSection | undefined;
	let lastActivity: Extract<Step, { kind: 'activity' }> | undefined;
	let lastActivityAt = -1;
	const strategies: StrategyId[] = [];
	for (const entry of final.log) {
		if (entry.kind === 'stage-opened' || !current || current.stage !== entry.stage) {
			current = sections.find((section) => section.stage === entry.stage);
			if (!current) {
				current = { stage: entry.stage, steps: [] };
				sections.push(current);
			}
			lastActivity = undefined;
			if (entry.kind === 'stage-opened') continue;
		}
		const steps = current.steps;
		const fromActivity = lastActivity !== undefined && entry.at === lastActivityAt;
		switch (entry.kind) {
			case 'event': {
				const event = scenario.stages[entry.stage].events.find((e) => e.text === entry.text);
				steps.push({
					kind: 'event',
					text: entry.text,
					skipped: entry.skipped,
					...(event?.unless ? { unless: { ...event.unless } } : {})
				});
				break;
			}
			case 'strategy':
				steps.push({
					kind: 'strategy',
					strategy: entry.strategy,
					changed: strategies.length > 0
				});
				strategies.push(entry.strategy);
				break;
			case 'chart': {
				const action = accepted[entry.at];
				const entered =
					action?.type === 'chart' ? pickEntry(action) : pickEntry(final.chart[entry.person] ?? {});
				steps.push({ kind: 'chart', person: entry.person, entry: entered });
				break;
			}
			case 'activity':
				lastActivity = {
					kind: 'activity',
					activity: entry.activity,
					people: [...entry.people],
					money: entry.money,
					weeks: entry.weeks,
					fit: entry.fit,
					reactions: entry.reactions.map((reaction) => ({
						person: reaction.person,
						change: changeOf(reaction.effect),
						contact: reaction.contact,
						risk: reaction.risk === true
					})),
					intel: [],
					revealed: []
				};
				lastActivityAt = entry.at;
				steps.push(lastActivity);
				break;
			case 'intel':
				if (fromActivity) lastActivity!.intel.push({ id: entry.intel, text: entry.text });
				else steps.push({ kind: 'intel', id: entry.intel, text: entry.text });
				break;
			case 'revealed':
				if (fromActivity) lastActivity!.revealed.push(entry.person);
				else steps.push({ kind: 'revealed', person: entry.person });
				break;
			case 'decision': {
				const decision = findDecision(scenario, entry.decision)?.decision;
				const option = decision?.options.find((o) => o.id === entry.option);
				const best = Math.max(0, ...(decision?.options.map((o) => o.score) ?? []));
				steps.push({
					kind: 'decision',
					decision: entry.decision,
					prompt: decision?.prompt ?? entry.decision,
					option: entry.option,
					text: option?.text ?? entry.option,
					feedback: option?.feedback ?? '',
					credit: best > 0 && option ? option.score / best : 0
				});
				break;
			}
			case 'forecast':
				steps.push({ kind: 'forecast', probability: entry.probability });
				break;
			case 'red-flag':
				steps.push({ kind: 'red-flag', flag: entry.flag });
				break;
			case 'purchase':
				steps.push({ kind: 'purchase', outcome: entry.outcome });
				break;
			case 'ended':
				steps.push({ kind: 'ended', outcome: entry.outcome });
				break;
		}
	}
	return sections;
}

function compare(
	claim: StoredClaim,
	outcome: OutcomeId | undefined,
	total: number,
	categories: CategoryScore[]
): Discrepancy[] {
	const found: Discrepancy[] = [];
	if (claim.playedHash !== claim.scenarioHash) {
		found.push({ kind: 'scenario-changed', played: claim.playedHash, current: claim.scenarioHash });
	}
	const stored = claim.result;
	if (!stored) return found;
	// A result stored here is only reported on, within the rounding of its figures (match-replay.ts).
	for (const mismatch of matchesReplay(
		stored,
		{ outcome, score: total, categories },
		STORED_ROUNDING
	)) {
		const { claimed, ...rest } = mismatch;
		found.push({ ...rest, stored: claimed } as Discrepancy);
	}
	return found;
}

/**
 * Scoring an attempt against the methodology. Each category is a list of rule results: points,
 * the maximum, a message code that explains them, and the methodology section it applies
 * (texts in messages/engine, `rule_<code>`). Category ratios are weighted by the scenario's
 * `scoring.weights` (or the defaults) into a total of 0–100; a category with nothing to judge
 * (say, a scenario without decisions) drops out and the others share its weight.
 */
import {
	DELIBERATION_INTEL,
	SCORE_CATEGORIES,
	STAGES,
	attitudeOf,
	stageIndex,
	type Fit,
	type ScoreCategoryId,
	type StageId
} from '../methodology';
import type { Scenario } from '../scenario/schema';
import { isKeyPerson, round, type DealContext } from './deal-rules';
import type { CategoryScore, LogEntry, RuleResult, ScoreReport } from './types';

type Rules = (context: DealContext) => RuleResult[];

/** Credit of an activity by its fit for the stage it was done in. */
export const FIT_CREDIT: Record<Fit, number> = { good: 1, fair: 0.5, poor: 0 };

/** How much a correct role loses for each stage it was identified late, and the least it keeps. */
export const ROLE_DELAY_LOSS = 0.15;
export const ROLE_MIN_CREDIT = 0.4;

const RULES: Record<ScoreCategoryId, Rules> = {
	roles: roleRules,
	focus: focusRules,
	activities: activityRules,
	strategy: strategyRules,
	intel: intelRules,
	decisions: decisionRules,
	forecast: forecastRules,
	outcome: outcomeRules
};

/** The score of a deal as it stands: `scoreDeal(replay(s, actions).final).total` → 0..100. */
export function scoreDeal(context: DealContext): ScoreReport {
	// A scenario's weights replace the defaults whole: they add up to 100 on their own.
	const weights: Partial<Record<ScoreCategoryId, number>> =
		context.scenario.scoring?.weights ?? context.method.weights;
	const categories: CategoryScore[] = [];
	let earned = 0;
	let possible = 0;
	for (const category of SCORE_CATEGORIES) {
		const rules = RULES[category](context);
		const max = sum(rules.map((rule) => rule.max));
		const got = sum(rules.map((rule) => rule.points));
		const weight = weights[category] ?? 0;
		const points = max > 0 ? (weight * got) / max : 0;
		if (max > 0) {
			earned += points;
			possible += weight;
		}
		categories.push({
			category,
			points: round(points, 2),
			weight: max > 0 ? weight : 0,
			rules: rules.map((rule) => ({ ...rule, points: round(rule.points, 3) }))
		});
	}
	const total = possible > 0 ? round((100 * earned) / possible, 1) : 0;
	return { total, categories };
}

/** Stages the deal reached, in order. */
function reachedStages(context: DealContext): StageId[] {
	return STAGES.slice(0, stageIndex(context.stage) + 1);
}

function activities(context: DealContext): Extract<LogEntry, { kind: 'activity' }>[] {
	return context.log.filter((entry) => entry.kind === 'activity');
}

// ------------------------------------------------------------------ roles (§2, §3)

function roleRules(context: DealContext): RuleResult[] {
	const rules: RuleResult[] = [];
	const known = context.scenario.people.filter((p) => context.people[p.id].known);
	for (const person of context.scenario.people) {
		const state = context.people[person.id];
		const entry = context.chart[person.id];
		const params = { person: person.id, role: person.role };
		if (!state.known) {
			rules.push({ code: 'role-hidden', points: 0, max: 2, params, section: 'chart' });
		} else if (!entry?.role) {
			rules.push({ code: 'role-missing', points: 0, max: 2, params, section: 'roles' });
		} else if (entry.role !== person.role) {
			rules.push({
				code: 'role-wrong',
				points: 0,
				max: 2,
				params: { ...params, chosen: entry.role },
				section: 'roles'
			});
		} else {
			const from = state.revealedIn ? stageIndex(state.revealedIn) : 0;
			const delay = Math.max(0, stageIndex(entry.roleStage ?? 'discover-needs') - from);
			const credit = Math.max(ROLE_MIN_CREDIT, 1 - ROLE_DELAY_LOSS * delay);
			rules.push({
				code: delay === 0 ? 'role-right' : 'role-late',
				points: 2 * credit,
				max: 2,
				params: { ...params, stage: entry.roleStage ?? 'discover-needs', delay },
				section: 'roles'
			});
		}
	}
	if (known.length > 0) {
		const levels = known.filter((p) => context.chart[p.id]?.level === p.level).length;
		rules.push({
			code: 'chart-levels',
			points: levels / 2,
			max: known.length / 2,
			params: { right: levels, count: known.length },
			section: 'organization'
		});
		const attitudes = known.filter(
			(p) => context.chart[p.id]?.attitude === attitudeOf(context.people[p.id].points)
		).length;
		rules.push({
			code: 'chart-attitudes',
			points: attitudes / 2,
			max: known.length / 2,
			params: { right: attitudes, count: known.length },
			section: 'chart'
		});
	}
	return rules;
}

// ------------------------------------------------------------------ focus (§4, §12 key roles)

function focusRules(context: DealContext): RuleResult[] {
	const { scenario, method } = context;
	const rules: RuleResult[] = [];
	const done = activities(context);
	for (const stage of reachedStages(context)) {
		const here = done.filter((entry) => entry.stage === stage);
		const closed = context.closedStages.includes(stage);
		if (here.length === 0) {
			if (closed) {
				rules.push({
					code: 'stage-no-activity',
					points: 0,
					max: 1,
					params: { stage },
					section: 'stages'
				});
			}
			continue;
		}
		const targets = here.flatMap((entry) => entry.people);
		if (targets.length === 0) continue;
		const key = targets.filter((id) =>
			isKeyPerson(
				method,
				stage,
				scenario.people.find((p) => p.id === id)!
			)
		).length;
		rules.push({
			code:
				key === targets.length
					? 'stage-focus-all'
					: key === 0
						? 'stage-focus-none'
						: 'stage-focus-some',
			points: key / targets.length,
			max: 1,
			params: { stage, key, count: targets.length },
			section: 'stages'
		});
	}
	if (context.closedStages.includes('internal-deliberation')) {
		const reached = context.log.find(
			(entry) =>
				entry.kind === 'activity' &&
				stageIndex(entry.stage) <= stageIndex('internal-deliberation') &&
				entry.people.some(
					(id) => scenario.people.find((p) => p.id === id)?.role === 'decision-maker'
				)
		);
		rules.push({
			code: reached ? 'dm-reached' : 'dm-not-reached',
			points: reached ? 2 : 0,
			max: 2,
			params: {},
			section: 'stages'
		});
	}
	return rules;
}

// ------------------------------------------------------------------ activities (§10, §12 fit)

function activityRules(context: DealContext): RuleResult[] {
	const done = activities(context);
	if (done.length === 0) {
		const played = context.closedStages.length > 0 || context.outcome !== undefined;
		return played
			? [{ code: 'no-activities', points: 0, max: 1, params: {}, section: 'activities' }]
			: [];
	}
	const rules: RuleResult[] = done.map((entry) => ({
		code: `activity-${entry.fit}`,
		points: FIT_CREDIT[entry.fit],
		max: 1,
		params: { activity: entry.activity, stage: entry.stage },
		section: 'activities'
	}));
	const risks = done.flatMap((entry) => entry.reactions.filter((r) => r.risk)).length;
	rules.push({
		code: risks === 0 ? 'no-compliance-risk' : 'compliance-risk',
		points: risks === 0 ? Math.max(1, done.length / 4) : 0,
		max: Math.max(1, done.length / 4),
		params: { count: risks },
		section: 'defaults'
	});
	return rules;
}

// ------------------------------------------------------------------ strategy (§5, §6)

/** Credit of the strategy planned before the first activity, against the scenario's answer key. */
export const STRATEGY_CREDIT = { best: 1, acceptable: 0.5, corrected: 0.4, wrong: 0 } as const;

function strategyRules(context: DealContext): RuleResult[] {
	const { best, acceptable } = context.scenario.strategy;
	const planned = context.plannedStrategy;
	if (!planned) {
		if (context.closedStages.length === 0 && !context.outcome) return [];
		return [{ code: 'strategy-none', points: 0, max: 1, params: { best }, section: 'strategies' }];
	}
	const verdict: keyof typeof STRATEGY_CREDIT =
		planned === best
			? 'best'
			: acceptable.includes(planned)
				? 'acceptable'
				: context.strategy === best
					? 'corrected'
					: 'wrong';
	return [
		{
			code: `strategy-${verdict}`,
			points: STRATEGY_CREDIT[verdict],
			max: 1,
			params: { best, strategy: planned },
			section: 'strategies'
		}
	];
}

// ------------------------------------------------------------------ intel (§4, §8)

function intelRules(context: DealContext): RuleResult[] {
	const reached = stageIndex(context.stage);
	const rules: RuleResult[] = [];
	for (const item of reachableIntel(context.scenario, reached)) {
		const key = DELIBERATION_INTEL.includes(item.kind);
		const max = key ? 2 : 1;
		const learned = context.intel[item.id];
		const params = { intel: item.id, kind: item.kind };
		if (!learned) {
			rules.push({
				code: 'intel-missed',
				points: 0,
				max,
				params,
				section: key ? 'stages' : 'records'
			});
		} else if (key && stageIndex(learned.stage) > stageIndex('internal-deliberation')) {
			rules.push({ code: 'intel-late', points: 1, max, params, section: 'stages' });
		} else {
			rules.push({
				code: 'intel-learned',
				points: max,
				max,
				params,
				section: key ? 'stages' : 'records'
			});
		}
	}
	return rules;
}

function reachableIntel(scenario: Scenario, reached: number) {
	return scenario.intel.filter((item) => stageIndex(item.stage) <= reached);
}

// ------------------------------------------------------------------ decisions (§4)

function decisionRules(context: DealContext): RuleResult[] {
	const rules: RuleResult[] = [];
	for (const stage of reachedStages(context)) {
		const decision = context.scenario.stages[stage].decision;
		if (!decision) continue;
		const made = context.decisions[decision.id];
		// Unanswered only when the deal ended in this stage first: advancing needs an answer.
		if (!made) continue;
		const option = decision.options.find((o) => o.id === made.option)!;
		const best = Math.max(...decision.options.map((o) => o.score));
		rules.push({
			code:
				option.score >= best
					? 'decision-best'
					: option.score > 0
						? 'decision-partial'
						: 'decision-weak',
			points: option.score,
			max: 1,
			params: { decision: decision.id, option: option.id, stage },
			section: 'stages'
		});
	}
	return rules;
}

// ------------------------------------------------------------------ forecast (§9)

/**
 * Each closed stage's last forecast against the outcome, by the Brier score: a forecast p earns
 * 1 − (p − o)², o = 1 when the deal was won and 0 otherwise.
 */
function forecastRules(context: DealContext): RuleResult[] {
	if (!context.outcome) return [];
	const truth = context.outcome === 'won' ? 1 : 0;
	const stages = context.closedStages.filter((stage) => stage !== 'implementation');
	return stages.map((stage): RuleResult => {
		const p = context.forecasts[stage];
		if (p === undefined) {
			return { code: 'forecast-missing', points: 0, max: 1, params: { stage }, section: 'funnel' };
		}
		const brier = (p - truth) ** 2;
		return {
			code: brier <= 0.09 ? 'forecast-sharp' : brier <= 0.36 ? 'forecast-fair' : 'forecast-off',
			points: 1 - brier,
			max: 1,
			params: {
				stage,
				probability: Math.round(p * 100),
				funnel: Math.round(context.method.funnel[stage] * 100)
			},
			section: 'funnel'
		};
	});
}

// ------------------------------------------------------------------ outcome (§4)

function outcomeRules(context: DealContext): RuleResult[] {
	const { outcome } = context;
	if (!outcome) {
		return context.at > 0
			? [{ code: 'outcome-unfinished', points: 0, max: 1, params: {}, section: 'stages' }]
			: [];
	}
	if (outcome === 'won')
		return [{ code: 'outcome-won', points: 1, max: 1, params: {}, section: 'stages' }];
	if (outcome === 'lost')
		return [{ code: 'outcome-lost', points: 0, max: 1, params: {}, section: 'stages' }];
	// Withdrawn: wise when the scenario says withdrawing is right by now (a decision option that
	// ends the deal as withdrawn, with credit) and the deal was heading for a loss.
	const endorsed = Math.max(
		0,
		...reachedStages(context).flatMap(
			(stage) =>
				context.scenario.stages[stage].decision?.options
					.filter((o) => o.ends === 'withdrawn')
					.map((o) => o.score) ?? []
		)
	);
	const heading = context.purchase && !context.purchase.won;
	if (endorsed > 0 && heading) {
		return [{ code: 'withdrew-wisely', points: endorsed, max: 1, params: {}, section: 'stages' }];
	}
	return [
		{
			code: heading ? 'withdrew-early' : 'withdrew-winnable',
			points: 0,
			max: 1,
			params: {},
			section: 'stages'
		}
	];
}

function sum(values: number[]): number {
	return values.reduce((a, b) => a + b, 0);
}

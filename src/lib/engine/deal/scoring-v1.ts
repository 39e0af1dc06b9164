/**
 * The first scoring rules (rules version 1), kept as they were so that an attempt played under
 * them is replayed and scored exactly as it was when it was stored: a result never changes
 * silently. Only the categories that rules 2 judge differently are here; the others are shared
 * (scoring.ts). New attempts are never scored with these.
 */
import { SCORING, STAGES, stageIndex, type StageId } from '../methodology';
import { isKeyPerson, stageDecisions, type DealContext } from './deal-rules';
import type { LogEntry, RuleResult } from './types';

/** Stages the deal reached, in order. */
export function reachedStages(context: DealContext): StageId[] {
	return STAGES.slice(0, stageIndex(context.stage) + 1);
}

/** A rule that judges a whole stage and gives it nothing (not reached, nothing done). */
export function stageRule(
	code: 'stage-not-reached' | 'stage-no-activity',
	stage: StageId
): RuleResult {
	return { code, points: 0, max: 1, params: { stage }, section: 'stages' };
}

function activities(context: DealContext): Extract<LogEntry, { kind: 'activity' }>[] {
	return context.log.filter((entry) => entry.kind === 'activity');
}

/** Rules 1 focus: the share of each stage's contacts that went to its key people. */
export function focusRulesV1(context: DealContext): RuleResult[] {
	const { scenario, method } = context;
	const rules: RuleResult[] = [];
	const done = activities(context);
	for (const stage of reachedStages(context)) {
		const here = done.filter((entry) => entry.stage === stage);
		const closed = context.closedStages.includes(stage);
		if (here.length === 0) {
			if (closed) rules.push(stageRule('stage-no-activity', stage));
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
	rules.push(...decisionMakerReached(context));
	return rules;
}

/** The decision maker worked with by the end of internal deliberation (both rules versions). */
export function decisionMakerReached(context: DealContext): RuleResult[] {
	if (!context.closedStages.includes('internal-deliberation')) return [];
	const makers = new Set(
		context.scenario.people.filter((p) => p.role === 'decision-maker').map((p) => p.id)
	);
	const last = stageIndex('internal-deliberation');
	const reached = context.log.some(
		(entry) =>
			entry.kind === 'activity' &&
			stageIndex(entry.stage) <= last &&
			entry.people.some((id) => makers.has(id))
	);
	return [
		{
			code: reached ? 'dm-reached' : 'dm-not-reached',
			points: reached ? SCORING.decisionMakerPoints : 0,
			max: SCORING.decisionMakerPoints,
			params: {},
			section: 'stages'
		}
	];
}

/** Rules 1 activities: the average fit credit of all activities, and no compliance risk. */
export function activityRulesV1(context: DealContext): RuleResult[] {
	const done = activities(context);
	if (done.length === 0) {
		const played = context.closedStages.length > 0 || context.outcome !== undefined;
		return played
			? [{ code: 'no-activities', points: 0, max: 1, params: {}, section: 'activities' }]
			: [];
	}
	const rules: RuleResult[] = done.map((entry) => ({
		code: `activity-${entry.fit}`,
		points: SCORING.fitCredit[entry.fit],
		max: 1,
		params: { activity: entry.activity, stage: entry.stage },
		section: 'activities'
	}));
	const risks = done.flatMap((entry) => entry.reactions.filter((r) => r.risk)).length;
	const weight = Math.max(1, done.length * SCORING.rules1.complianceRiskPerActivity);
	rules.push({
		code: risks === 0 ? 'no-compliance-risk' : 'compliance-risk',
		points: risks === 0 ? weight : 0,
		max: weight,
		params: { count: risks },
		section: 'defaults'
	});
	return rules;
}

/**
 * Rules 1 forecast: each closed stage's last forecast against the outcome, by the Brier score: a
 * forecast p earns 1 − (p − o)², o = 1 when the deal was won and 0 otherwise.
 */
export function forecastRulesV1(context: DealContext): RuleResult[] {
	if (!context.outcome) return [];
	const truth = context.outcome === 'won' ? 1 : 0;
	const stages = context.closedStages.filter((stage) => stage !== 'implementation');
	return stages.map((stage): RuleResult => {
		const p = context.forecasts[stage];
		if (p === undefined) {
			return { code: 'forecast-missing', points: 0, max: 1, params: { stage }, section: 'funnel' };
		}
		const brier = (p - truth) ** 2;
		const bands = SCORING.rules1.forecastBrier;
		return {
			code:
				brier <= bands.sharp
					? 'forecast-sharp'
					: brier <= bands.fair
						? 'forecast-fair'
						: 'forecast-off',
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

/** Rules 1 outcome: won 1, lost 0, a withdrawal wise when a withdrawing option endorsed it. */
export function outcomeRulesV1(context: DealContext): RuleResult[] {
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
	const endorsed = Math.max(
		0,
		...reachedStages(context).flatMap((stage) =>
			stageDecisions(context.scenario.stages[stage])
				.flatMap((d) => d.options)
				.filter((o) => o.ends === 'withdrawn')
				.map((o) => o.score)
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

/**
 * Why each mutant the deal's specs do not kill may stay (scripts/mutation-survivors.ts matches
 * them, docs/mutation.md lists them). An explanation names the file, the function the mutant is
 * in, and the code it changes (and, where that is not enough to tell two mutants apart, the
 * mutator or the replacement). Each was read against the code; where one claims a value can never
 * occur, it says which check or write makes it so.
 */

export const KINDS = {
	equivalent: 'the mutated code gives the same result for every deal (why, in each row).',
	unreachable:
		'no deal reaches the mutated branch: the validator refuses the scenario that would, or the deal’s own writes rule the value out (which, in each row).',
	cache:
		'a memo of a value computed from the deal (`FACTS` in scoring.ts): without it the value is computed again, the same.',
	edge: 'the exact edge of a band or the calibrated value: both sides of the comparison give the same verdict there, or no deal lands on it exactly (why, in each row).'
} as const;

export interface Explanation {
	file: string;
	within: string;
	/** Text the mutated code contains. */
	original?: string;
	mutator?: string;
	/** Text the replacement contains. */
	replacement?: string;
	lines?: number[];
	kind: keyof typeof KINDS;
	why: string;
}

const RULES = 'deal-rules.ts';
const SCORING = 'scoring.ts';

export const EXPLAINED: Explanation[] = [
	// ------------------------------------------------------------------ deal-rules.ts
	{
		file: RULES,
		within: 'drawDeal',
		original: '[]',
		mutator: 'ArrayDeclaration',
		kind: 'equivalent',
		why: 'Without variants the made-up one is a string: it has no people and no id, so every person is copied unchanged and no variant is named, as without it.'
	},
	{
		file: RULES,
		within: 'drawDeal',
		original: 'variants.length === 0 && !banded',
		replacement: 'false',
		kind: 'equivalent',
		why: 'The early return only saves a copy: without variants or bands the draw copies every person unchanged and names no variant.'
	},
	{
		file: RULES,
		within: 'drawDeal',
		original: 'value !== undefined',
		kind: 'equivalent',
		why: 'A variant’s patch comes from the schema, which leaves absent fields out: no key of it holds undefined.'
	},
	{
		file: RULES,
		within: 'initialContext',
		original: 'variant === undefined',
		kind: 'equivalent',
		why: 'A `variant` key holding undefined reads as no key everywhere, and JSON leaves it out.'
	},
	{
		file: RULES,
		within: 'initialContext',
		original: "'discover-needs'",
		kind: 'equivalent',
		why: '`openStage(context, ’discover-needs’)` sets the stage before anything reads it.'
	},
	{
		file: RULES,
		within: 'refusal',
		original: "'forecast'",
		kind: 'equivalent',
		why: 'A forecast then matches no case and falls out of the switch to the same `undefined` (a forecast is never refused).'
	},
	{
		file: RULES,
		within: 'holds',
		original: 'false',
		mutator: 'BooleanLiteral',
		kind: 'unreachable',
		why: 'The `return false` for a person without a state: the validator refuses a condition that names a person not in the scenario (scenario-rules.ts, `unknown-person`), and every person has a state from the start.'
	},
	{
		file: RULES,
		within: 'holds',
		original: 'state',
		kind: 'unreachable',
		why: 'The validator refuses a condition that names a person not in the scenario (scenario-rules.ts, `unknown-person`), and every person has a state from the start.'
	},
	{
		file: RULES,
		within: 'raise',
		original: 'f.code === flag.code',
		kind: 'equivalent',
		why: 'No two codes carry equal params in one stage: each names different things (people, kinds, money and weeks, a person with an attitude), and the two that name a person alone exclude each other — `compliance-risk` comes from a gift to that person, `opponent-left-alone` only for a person nobody worked on in the stage.'
	},
	{
		file: RULES,
		within: 'checkContradiction',
		original: 'context.chart[id]?.attitude',
		kind: 'unreachable',
		why: 'Called only by `chart`, right after it wrote `context.chart[id]`.'
	},
	{
		file: RULES,
		within: 'checkContradiction',
		original: '!seen || !entered',
		kind: 'equivalent',
		why: 'With nothing seen or no attitude entered, both comparisons below are false: the early return is a shortcut.'
	},
	{
		file: RULES,
		within: 'checkContradiction',
		original: 'seen',
		mutator: 'EqualityOperator',
		kind: 'equivalent',
		why: '`lastSeen` is written only as 1 or -1 (`activity`, `applyEffects`): it is never 0.'
	},
	{
		file: RULES,
		within: 'activityEffect',
		original: 'effect > 0',
		kind: 'equivalent',
		why: 'At 0 both losses are floored at 0 (`Math.max(0, …)`): the effect stays 0.'
	},
	{
		file: RULES,
		within: 'activityEffect',
		original: 'context.people[person.id]?.contact',
		kind: 'unreachable',
		why: 'Every person of the scenario has a state from the deal’s start, and the effect is asked only of the scenario’s people (refusal: `unknown-person`).'
	},
	{
		file: RULES,
		within: 'activityEffect',
		original: 'needed',
		mutator: 'ConditionalExpression',
		kind: 'equivalent',
		why: 'An activity that needs no closeness gives `CONTACTS.indexOf(undefined)` = -1, a shortfall of 0.'
	},
	{
		file: RULES,
		within: 'activityEffect',
		original: 'short * method.contactShortfallLoss',
		kind: 'equivalent',
		why: '`contactShortfallLoss` is 1 (methodology.ts) and a scenario cannot override it (resolve-methodology.ts merges costs, fit, key roles, funnel and purchase only): times 1 is over 1.'
	},
	{
		file: RULES,
		within: 'activityEffect',
		original: 'context.strategy',
		kind: 'unreachable',
		why: 'An activity is refused until a strategy is chosen (`no-strategy`), and no action unsets it.'
	},
	{
		file: RULES,
		within: 'giftWarning',
		original: '!person',
		kind: 'unreachable',
		why: 'Asked by the play page’s planner with the ids of the scenario’s people it offers.'
	},
	{
		file: RULES,
		within: 'activity',
		original: 'effect > 0',
		kind: 'equivalent',
		why: 'Inside `if (effect !== 0)`: the effect is never 0 there.'
	},
	{
		file: RULES,
		within: 'judgeWithdrawal',
		original: 'context.purchase !== undefined',
		kind: 'equivalent',
		why: '`withdraw` sets the purchase on the line before it judges the withdrawal.'
	},
	{
		file: RULES,
		within: 'applyEffects',
		original: 'attitude > 0',
		kind: 'equivalent',
		why: 'An effect of 0 is skipped by the `continue` above it.'
	},
	{
		file: RULES,
		within: 'defended',
		original: 'scenario.people.find((p) => p.id === id)?.role',
		kind: 'unreachable',
		why: 'The ids come from activity log entries, which hold only people of the scenario (refusal: `unknown-person`).'
	},
	{
		file: RULES,
		within: 'calibratedForecast',
		original: "stageIndex(context.stage) >= stageIndex('internal-deliberation')",
		kind: 'equivalent',
		why: 'Before internal deliberation the stage is discover needs, where the evidence weighs 0 (stage index 0 over commitment’s): what is taken off it counts for nothing.'
	},
	{
		file: RULES,
		within: 'calibratedForecast',
		original: "'internal-deliberation'",
		kind: 'equivalent',
		why: 'As the row above: the comparison then always holds, and it matters only where it held already.'
	},
	{
		file: RULES,
		within: 'decidePurchase',
		original: 'decisionMakers >= 0',
		replacement: 'true',
		kind: 'equivalent',
		why: 'Only an opponent has a negative value (`attitudeValue`, which a scenario cannot override), so the decision makers weigh below 0 only when one of them is an opponent, and `opponentDecisionMaker` has already said no.'
	},

	// ------------------------------------------------------------------ scoring.ts
	{
		file: SCORING,
		within: 'scoreDeal',
		original: 'FACTS.delete(context)',
		kind: 'cache',
		why: 'The memo is dropped both before and after each report, and the facts are read only inside `scoreDeal`: either drop alone keeps every report’s facts fresh.'
	},
	{
		file: SCORING,
		within: 'facts',
		original: '!found',
		kind: 'cache',
		why: 'Computes the facts again instead of using the memo: the same facts.'
	},
	{
		file: SCORING,
		within: 'facts',
		original: 'FACTS.set(context, found)',
		kind: 'cache',
		why: 'Without the memo each rule computes the facts again: the same facts.'
	},
	{
		file: SCORING,
		within: 'outcomeFactor',
		original: 'context.withdrawal?.wise',
		kind: 'unreachable',
		why: 'In the `withdrawn` case the verdict is always set (`withdraw` in deal-rules.ts).'
	},
	{
		file: SCORING,
		within: 'roleRules',
		original: "'discover-needs'",
		kind: 'unreachable',
		why: 'A chart entry with a role always has its `roleStage`: `chart` in deal-rules.ts sets both together.'
	},
	{
		file: SCORING,
		within: 'focusRules',
		original: '[]',
		mutator: 'ArrayDeclaration',
		kind: 'equivalent',
		why: 'The made-up entry is a string, no activity of any fit: the filter below drops it.'
	},
	{
		file: SCORING,
		within: 'activityRules',
		original: 'share >= SCORING.activityBands',
		kind: 'edge',
		why: 'Only a share of exactly 0.8 or 0.4 tells them apart: a cost-weighted mean of fit credits with costs from money over budget plus weeks over weeks, which no shipped scenario’s play lands on exactly. The points are the share either way; only the verdict’s word at the exact edge would change.'
	},
	{
		file: SCORING,
		within: 'forecastRules',
		original: 'p > calibrated',
		kind: 'edge',
		why: 'At `p === calibrated` the distance is 0 and the forecast is “calibrated” whichever way the comparison leans.'
	},
	{
		file: SCORING,
		within: 'outcomeRules',
		original: 'satisfaction >= SCORING.satisfiedBand',
		kind: 'edge',
		why: 'Only a satisfaction of exactly 0.8 tells them apart (an influence-weighted mean of 1, 0.4 and 0); the points are the same either way, only the verdict’s word at the exact edge would change.'
	},
	{
		file: SCORING,
		within: 'outcomeRules',
		original: 'verdict?.wise',
		kind: 'unreachable',
		why: 'Reached only for a withdrawn deal, whose verdict is always set (`withdraw` in deal-rules.ts).'
	},
	{
		file: SCORING,
		within: 'outcomeRules',
		original: 'verdict.entry === undefined',
		kind: 'equivalent',
		why: 'In the params: `{ withdrawal: undefined }` reads as `{}` everywhere and JSON leaves it out.'
	}
];

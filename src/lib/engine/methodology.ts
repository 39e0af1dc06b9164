/**
 * The key-account sales methodology as data: the course's vocabulary (§1–§11 of
 * docs/methodology.md) and the product's own defaults where the course is silent (§12).
 *
 * This is the one place these facts live, with the few that pages outside a deal show (the
 * stages, roles, departments, outcomes, difficulties, each stage's key people and the medals) in
 * methodology-basics.ts, re-exported here. Labels for people live in the message catalogues
 * (`messages/en.json`, `messages/zh-CN.json`), keyed by the ids below; rules that apply the facts
 * are generic code elsewhere in the engine. A scenario's `methodology` overrides merge onto
 * `DEFAULT_METHODOLOGY` through `resolveMethodology`.
 */
import {
	KEY_DEPARTMENTS,
	KEY_ROLES,
	STAGES,
	type DepartmentId,
	type RoleId,
	type StageId
} from './methodology-basics';

export * from './methodology-basics';

/**
 * Versions of the scoring rules. An attempt records the version it was played under and is
 * always replayed and scored under it, so no stored result changes silently.
 *   1: the first rules (attempts of format sales-sim/attempt@1).
 *   2: rules that only the method satisfies: stages not reached count, focus as coverage of the
 *      key people, forecasts against a calibrated probability, the customer's satisfaction after
 *      implementation, contact and the chart matter to the deal, gifts never credited.
 */
export const RULES_VERSIONS = [1, 2] as const;
export type RulesVersion = (typeof RULES_VERSIONS)[number];
export const RULES_VERSION: RulesVersion = 2;

/** A person's attitude to us (态度), from worst to best. */
export const ATTITUDES = ['opponent', 'neutral', 'supporter'] as const;
export type AttitudeId = (typeof ATTITUDES)[number];

/** How close our relationship is (联系), from none to close. */
export const CONTACTS = ['none', 'distant', 'frequent', 'close'] as const;
export type ContactId = (typeof CONTACTS)[number];

/** Levels in the customer's organization (级别). */
export const LEVELS = ['operational', 'management', 'decision'] as const;
export type LevelId = (typeof LEVELS)[number];

/** The eight sales activity types (销售活动). */
export const ACTIVITIES = [
	'trade-show',
	'technical-exchange',
	'testing-samples',
	'visit',
	'gift',
	'site-visit',
	'business-event',
	'telephone'
] as const;
export type ActivityId = (typeof ACTIVITIES)[number];

/** The three sales strategies (三种销售策略). */
export const STRATEGIES = ['hunting', 'farming', 'partnership'] as const;
export type StrategyId = (typeof STRATEGIES)[number];

/** Customer groups by our share of their purchases (客户群分析). */
export const CUSTOMER_GROUPS = ['growth', 'development', 'consolidation'] as const;
export type CustomerGroupId = (typeof CUSTOMER_GROUPS)[number];

/** Our offer against the competitors'. */
export const POSITIONS = ['ahead', 'level', 'behind'] as const;
export type PositionId = (typeof POSITIONS)[number];

export const INTEL_KINDS = [
	'timing',
	'budget',
	'motive',
	'designer-dept',
	'need',
	'competitor',
	'other'
] as const;
export type IntelKindId = (typeof INTEL_KINDS)[number];

/** The four things the seller must know when internal deliberation closes (§4). */
export const DELIBERATION_INTEL: readonly IntelKindId[] = [
	'timing',
	'budget',
	'motive',
	'designer-dept'
];

/** Scoring categories, in the order the debrief shows them. */
export const SCORE_CATEGORIES = [
	'roles',
	'focus',
	'activities',
	'strategy',
	'intel',
	'decisions',
	'forecast',
	'outcome'
] as const;
export type ScoreCategoryId = (typeof SCORE_CATEGORIES)[number];

/**
 * Sections of the methodology, so that every rule and term can point at the part of the
 * course it applies (the handbook renders one page per section).
 */
export const SECTIONS = [
	'organization',
	'roles',
	'chart',
	'stages',
	'groups',
	'strategies',
	'numbers',
	'records',
	'funnel',
	'activities',
	'success',
	'defaults'
] as const;
export type SectionId = (typeof SECTIONS)[number];

/** Activity fit for a stage (§12): good ++, fair +, poor −. */
export const FITS = ['good', 'fair', 'poor'] as const;
export type Fit = (typeof FITS)[number];

/** Whether a fit is at least as good as another: `fitAtLeast('good', 'fair')` → true. */
export function fitAtLeast(fit: Fit, least: Fit): boolean {
	return FITS.indexOf(fit) <= FITS.indexOf(least);
}

export interface ActivityCost {
	/** Expense money in the deal's currency. */
	money: number;
	/** Weeks of the seller's time. */
	weeks: number;
	/** Whether the activity is aimed at named people (a trade show is not). */
	needsTarget: boolean;
	/** The most people one activity can reach: selling is personal, a crowd dilutes it. */
	maxPeople: number;
}

export interface Methodology {
	/** Who the seller should mostly work with in each stage. */
	keyRoles: Record<StageId, readonly RoleId[]>;
	/** Departments whose people matter too in a stage (finance/procurement for terms). */
	keyDepartments: Record<StageId, readonly DepartmentId[]>;
	/** Activity fit per stage. */
	fit: Record<ActivityId, Record<StageId, Fit>>;
	/** Default cost of each activity type. */
	costs: Record<ActivityId, ActivityCost>;
	/** Default win probability of an opportunity by the stage it has reached (§9, §12). */
	funnel: Record<StageId, number>;
	/**
	 * Effect on a person's attitude "points" of one activity, by its fit for the stage. A person
	 * is an opponent at −2 points or below, a supporter at +2 or above, neutral between.
	 */
	fitEffect: Record<Fit, number>;
	/** Points of one attitude step (a scenario effect of 1 step moves this many points). */
	attitudeStep: number;
	/** Extra effect when the target holds a key role for the stage. */
	keyRoleBonus: number;
	/** Contact steps gained by each person in one activity of this type. */
	contactGain: Record<ActivityId, number>;
	/** How people of each level take to an activity type (added to its effect). */
	levelResponse: Record<LevelId, Partial<Record<ActivityId, number>>>;
	/**
	 * How the chosen strategy works with the customer group (added to every positive effect):
	 * trust a partnership leans on must exist first; hunting wants new ground.
	 */
	strategyResponse: Record<StrategyId, Record<CustomerGroupId, number>>;
	/** Hunting relies on a clear edge: added to positive effects when our position is not ahead. */
	huntingWithoutEdge: number;
	/** People this influential are courted by every vendor: positive effects on them are reduced by one. */
	hardToMoveInfluence: number;
	/** Attitude points of each attitude at the start, and the bounds points stay within. */
	attitudePoints: Record<AttitudeId, number>;
	maxPoints: number;
	/** The purchase decision when the commitment stage closes; see `decidePurchase`. */
	purchase: PurchaseRule;
	/** Default category weights of the score (they add up to 100). */
	weights: Record<ScoreCategoryId, number>;
	/** Red flag "resources nearly spent": share of money or weeks left below which it is raised. */
	resourcesLowShare: number;
	/** A person at least this influential who is an opponent should not be left alone in a stage. */
	highInfluence: number;
	/** Effect of a gift that is a compliance risk (to finance or procurement, or costly). */
	giftRiskEffect: number;
	/** A gift that costs more than this share of the deal value is costly, whoever receives it. */
	giftModestShare: number;
	/** Departments for which any gift is a compliance risk. */
	giftRiskDepartments: readonly DepartmentId[];
	/** Strategy fit: which strategy suits a customer group, by our position. */
	strategyFit: Record<CustomerGroupId, Record<PositionId, StrategyId>>;
	/** Share thresholds of the customer groups (§5): growth below the first, consolidation above the second. */
	groupThresholds: readonly [number, number];
	/**
	 * Rules 2. The contact an activity needs before it can move a person fully: a telephone call
	 * or a gift from a stranger changes little. Each step of contact short of it costs
	 * `contactShortfallLoss` points of a positive effect.
	 */
	contactNeeded: Partial<Record<ActivityId, ContactId>>;
	contactShortfallLoss: number;
	/**
	 * Rules 2. You sell to a person's buying role: a positive effect on someone whose role is not on
	 * your chart, or is there wrongly, is smaller by this many points.
	 */
	unchartedLoss: number;
	/**
	 * Rules 2. The calibrated forecast: the funnel rate of the stage reached, moved on the log-odds
	 * scale by the deal's evidence (−1..1) times `forecastEvidence`. The evidence is the projected
	 * purchase support against its threshold (divided by `forecastSpread`), less
	 * `forecastNoDecisionMaker` once internal deliberation has opened without the decision maker met.
	 */
	forecastEvidence: number;
	forecastSpread: number;
	forecastNoDecisionMaker: number;
}

/**
 * The purchase decision (our default; the course gives the inputs, not the formula):
 *
 *   support = Σ weight(p) × value(attitude p) / Σ weight(p)      over every person, known or not
 *             weight(p) = influence(p) × roleWeight(role p),   value: opponent −1, neutral 0, supporter +1
 *           + intelBonus × (share of the timing, budget, motive and designer-dept intel learned)
 *           + positionBonus(our position against the competitors)
 *
 * The deal is won when support ≥ threshold and the decision makers (weighted by influence) are on
 * average at least neutral and none of them is an opponent: the decision maker is decisive.
 */
export interface PurchaseRule {
	roleWeight: Record<RoleId, number>;
	attitudeValue: Record<AttitudeId, number>;
	intelBonus: number;
	positionBonus: Record<PositionId, number>;
	threshold: number;
}

export const DEFAULT_METHODOLOGY: Methodology = {
	keyRoles: KEY_ROLES,
	keyDepartments: KEY_DEPARTMENTS,
	fit: {
		'trade-show': row('good', 'poor', 'poor', 'poor', 'poor', 'poor'),
		'technical-exchange': row('fair', 'fair', 'good', 'fair', 'poor', 'fair'),
		'testing-samples': row('poor', 'poor', 'fair', 'good', 'poor', 'poor'),
		visit: row('good', 'good', 'fair', 'fair', 'good', 'good'),
		gift: row('poor', 'fair', 'poor', 'poor', 'fair', 'fair'),
		'site-visit': row('poor', 'good', 'fair', 'good', 'fair', 'poor'),
		'business-event': row('poor', 'fair', 'poor', 'fair', 'good', 'fair'),
		telephone: row('good', 'poor', 'poor', 'poor', 'poor', 'good')
	},
	costs: {
		'trade-show': { money: 8000, weeks: 1, needsTarget: false, maxPeople: 8 },
		'technical-exchange': { money: 3000, weeks: 1, needsTarget: true, maxPeople: 3 },
		'testing-samples': { money: 6000, weeks: 2, needsTarget: true, maxPeople: 3 },
		visit: { money: 1000, weeks: 1, needsTarget: true, maxPeople: 3 },
		gift: { money: 800, weeks: 0, needsTarget: true, maxPeople: 1 },
		'site-visit': { money: 8000, weeks: 2, needsTarget: true, maxPeople: 3 },
		'business-event': { money: 4000, weeks: 1, needsTarget: true, maxPeople: 3 },
		telephone: { money: 100, weeks: 0, needsTarget: true, maxPeople: 1 }
	},
	funnel: {
		'discover-needs': 0.1,
		'internal-deliberation': 0.25,
		'system-design': 0.4,
		evaluation: 0.6,
		commitment: 0.9,
		implementation: 1
	},
	fitEffect: { good: 2, fair: 1, poor: -1 },
	attitudeStep: 3,
	keyRoleBonus: 1,
	contactGain: {
		'trade-show': 1,
		'technical-exchange': 1,
		'testing-samples': 1,
		visit: 1,
		gift: 0,
		'site-visit': 1,
		'business-event': 1,
		telephone: 1
	},
	levelResponse: {
		operational: { 'technical-exchange': 1, 'testing-samples': 1 },
		management: {},
		decision: { telephone: -1, 'trade-show': -1, 'site-visit': 1, 'business-event': 1 }
	},
	strategyResponse: {
		hunting: { growth: 0, development: -1, consolidation: -1 },
		farming: { growth: 0, development: 0, consolidation: 0 },
		partnership: { growth: -2, development: -1, consolidation: 1 }
	},
	huntingWithoutEdge: -1,
	hardToMoveInfluence: 5,
	attitudePoints: { opponent: -3, neutral: 0, supporter: 3 },
	maxPoints: 6,
	purchase: {
		roleWeight: { 'decision-maker': 3, designer: 1.5, evaluator: 1.5, initiator: 1, user: 1 },
		attitudeValue: { opponent: -1, neutral: 0, supporter: 1 },
		intelBonus: 0.15,
		positionBonus: { ahead: 0.15, level: 0, behind: -0.15 },
		threshold: 0.5
	},
	weights: {
		roles: 25,
		focus: 15,
		activities: 15,
		strategy: 10,
		intel: 10,
		decisions: 10,
		forecast: 5,
		outcome: 10
	},
	resourcesLowShare: 0.15,
	highInfluence: 4,
	giftRiskEffect: -3,
	giftModestShare: 0.001,
	giftRiskDepartments: ['finance', 'procurement'],
	strategyFit: {
		growth: { ahead: 'hunting', level: 'farming', behind: 'farming' },
		development: { ahead: 'farming', level: 'farming', behind: 'farming' },
		consolidation: { ahead: 'partnership', level: 'partnership', behind: 'partnership' }
	},
	groupThresholds: [0.1, 0.3],
	contactNeeded: { telephone: 'frequent', gift: 'frequent', 'business-event': 'distant' },
	contactShortfallLoss: 1,
	unchartedLoss: 2,
	forecastEvidence: 2.5,
	forecastSpread: 0.4,
	forecastNoDecisionMaker: 0.6
};

/**
 * How the score is made (rules 2 unless named), with the reason the debrief gives for each. These
 * are the product's choices where the course is silent; they apply to every scenario.
 */
export const SCORING = {
	/** Credit of an activity by its fit for the stage it was done in. A gift is never credited. */
	fitCredit: { good: 1, fair: 0.5, poor: 0 } as Record<Fit, number>,
	/** How much a correct role loses for each stage it was identified late, and the least it keeps. */
	roleDelayLoss: 0.15,
	roleMinCredit: 0.4,
	/** Credit of the strategy planned before the first activity, against the scenario's key. */
	strategyCredit: { best: 1, acceptable: 0.5, corrected: 0.4, wrong: 0 },
	/**
	 * The share of the method's points a deal keeps by how it ended: a lost deal or a withdrawal
	 * the scenario does not mark wise cannot score well, whatever else was done.
	 */
	outcomeFactor: { won: 1, wise: 1, lost: 0.5, withdrawn: 0.3 },
	/**
	 * The share of a win's outcome credit that depends on the users' satisfaction after
	 * implementation, by the strategy the customer calls for: a partner lives on satisfaction.
	 */
	satisfactionShare: { hunting: 0.3, farming: 0.5, partnership: 0.7 } as Record<StrategyId, number>,
	/** Satisfaction of a user by their attitude after implementation. */
	satisfaction: { supporter: 1, neutral: 0.4, opponent: 0 } as Record<AttitudeId, number>,
	/** A forecast this far from the calibrated probability (or further) earns nothing. */
	forecastTolerance: 0.35,
	/** The least fit an activity needs to count as working with a key person. */
	focusFit: 'fair' as Fit,
	/**
	 * Points of the chart, per person known: the right role (2, the chart's point), and, worth
	 * less, the right level and attitude and (rules 2) contact.
	 */
	chartPoints: { role: 2, level: 0.5, attitude: 0.5, contact: 0.25 },
	/** Points of having met the decision maker in internal deliberation (§4). */
	decisionMakerPoints: 2,
	/** Points of an intel item learned: one of the four deliberation must find (§4), or another. */
	intelPoints: { key: 2, other: 1 },
	/**
	 * The least weight of an activity in a stage's activity score (its share of the budget plus
	 * its share of the weeks): a free telephone call still counts.
	 */
	leastActivityCost: 0.01,
	/** A stage's activities are good from this share of credit, mixed from the second. */
	activityBands: { good: 0.8, mixed: 0.4 },
	/** A forecast this close to the calibrated probability (or closer) is called calibrated. */
	forecastCalibratedBand: 0.1,
	/** A win whose users' satisfaction reaches this is called a satisfied customer. */
	satisfiedBand: 0.8,
	/**
	 * Rules 1 only (src/lib/engine/deal/scoring-v1.ts), kept for the results played under them:
	 * the no-compliance-risk rule's points per activity done (and at least 1), and the Brier
	 * scores up to which a forecast is called sharp, then fair.
	 */
	rules1: { complianceRiskPerActivity: 0.25, forecastBrier: { sharp: 0.09, fair: 0.36 } }
} as const;

function row(...fits: [Fit, Fit, Fit, Fit, Fit, Fit]): Record<StageId, Fit> {
	return Object.fromEntries(STAGES.map((stage, i) => [stage, fits[i]])) as Record<StageId, Fit>;
}

/** Customer group from our share of their purchases: `customerGroup(0.04)` → `'growth'`. */
export function customerGroup(
	ourShare: number,
	thresholds: readonly [number, number] = DEFAULT_METHODOLOGY.groupThresholds
): CustomerGroupId {
	if (ourShare < thresholds[0]) return 'growth';
	if (ourShare <= thresholds[1]) return 'development';
	return 'consolidation';
}

/** The stage after `stage`, or undefined after implementation: `nextStage('evaluation')` → `'commitment'`. */
export function nextStage(stage: StageId): StageId | undefined {
	return STAGES[STAGES.indexOf(stage) + 1];
}

/** Position of a stage in the procurement process, 0-based: `stageIndex('system-design')` → 2. */
export function stageIndex(stage: StageId): number {
	return STAGES.indexOf(stage);
}

/** Which methodology section each vocabulary belongs to, for links from labels to the handbook. */
export const TERM_SECTIONS = {
	stage: 'stages',
	role: 'roles',
	attitude: 'chart',
	contact: 'chart',
	level: 'organization',
	department: 'organization',
	activity: 'activities',
	strategy: 'strategies',
	group: 'groups'
} as const satisfies Record<string, SectionId>;
export type TermKind = keyof typeof TERM_SECTIONS;

/** Attitude from points: `attitudeOf(-3)` → `'opponent'`, `attitudeOf(1)` → `'neutral'`. */
export function attitudeOf(points: number): AttitudeId {
	if (points <= -2) return 'opponent';
	if (points >= 2) return 'supporter';
	return 'neutral';
}

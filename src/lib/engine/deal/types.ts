/**
 * The shapes the deal engine hands to its callers (the play page, storage, the command line).
 * Everything a person reads is a code with plain parameters: the texts live in the message
 * catalogues (messages/engine), so the browser shows them in either language and the command
 * line in English. Parameter conventions: `person` holds a person id, `stage`, `role`,
 * `activity`, `strategy`, `attitude`, `level`, `outcome`, `fit` hold methodology ids.
 */
import type {
	ActivityId,
	AttitudeId,
	ContactId,
	Fit,
	LevelId,
	OutcomeId,
	RoleId,
	RulesVersion,
	ScoreCategoryId,
	SectionId,
	StageId,
	StrategyId
} from '../methodology';

export type Params = Record<string, string | number>;

/** Why an action was refused; the state did not change. */
export interface Refusal {
	code:
		| 'ended'
		| 'unknown-person'
		| 'hidden-person'
		| 'duplicate-person'
		| 'too-many-people'
		| 'no-strategy'
		| 'needs-target'
		| 'no-money'
		| 'no-weeks'
		| 'unanswered-decision'
		| 'unknown-decision'
		| 'decision-elsewhere'
		| 'already-decided'
		| 'unknown-option'
		| 'decision-not-asked'
		| 'option-not-offered'
		| 'empty-chart-entry'
		| 'same-strategy'
		| 'invalid-action';
	params: Params;
}

/** A coach's warning, raised in a stage (see methodology §4, §12). */
export interface RedFlag {
	code:
		| 'dm-not-contacted'
		| 'deliberation-intel-missing'
		| 'no-designer-supporter'
		| 'opponent-left-alone'
		| 'chart-contradiction'
		| 'resources-low'
		| 'compliance-risk';
	stage: StageId;
	/** Index of the action after which it was raised. */
	at: number;
	params: Params;
	section: SectionId;
}

/** One person's reaction to an activity, as the trainee sees it. */
export interface Reaction {
	person: string;
	/** Attitude points gained or lost (the trainee sees only the sign and size). */
	effect: number;
	contact: ContactId;
	/** True when the gift was a compliance risk. */
	risk?: boolean;
}

/** Everything that happened, in order: the event feed. */
export type LogEntry =
	| { kind: 'stage-opened'; stage: StageId; at: number }
	| {
			kind: 'event';
			stage: StageId;
			at: number;
			/** Index of the event in its stage's list. */
			index?: number;
			text: string;
			/** The threat was headed off: its effects did not happen. */
			skipped: boolean;
			/** What the trainee reads instead when it was headed off (format 2 `headedOff`). */
			note?: string;
			/** The event ended the deal. */
			ends?: OutcomeId;
	  }
	| {
			kind: 'activity';
			stage: StageId;
			at: number;
			activity: ActivityId;
			people: string[];
			money: number;
			weeks: number;
			fit: Fit;
			reactions: Reaction[];
	  }
	| { kind: 'intel'; stage: StageId; at: number; intel: string; text: string }
	| { kind: 'revealed'; stage: StageId; at: number; person: string }
	| { kind: 'decision'; stage: StageId; at: number; decision: string; option: string }
	| { kind: 'strategy'; stage: StageId; at: number; strategy: StrategyId }
	| { kind: 'chart'; stage: StageId; at: number; person: string }
	| { kind: 'forecast'; stage: StageId; at: number; probability: number }
	| { kind: 'red-flag'; stage: StageId; at: number; flag: RedFlag }
	| { kind: 'purchase'; stage: StageId; at: number; outcome: OutcomeId; support: number }
	| { kind: 'ended'; stage: StageId; at: number; outcome: OutcomeId };

/** The trainee's own entry on the procurement analysis chart. */
export interface ChartEntry {
	role?: RoleId;
	attitude?: AttitudeId;
	level?: LevelId;
	contact?: ContactId;
	/** Stage in which the role entry was last changed. */
	roleStage?: StageId;
}

/** One scoring rule's result: what it gave, out of what, and why. */
export interface RuleResult {
	/** Message code of the explanation, `rule_<code>` in messages/engine. */
	code: string;
	points: number;
	max: number;
	params: Params;
	section: SectionId;
}

export interface CategoryScore {
	category: ScoreCategoryId;
	/** Weighted points, 0..weight. */
	points: number;
	weight: number;
	rules: RuleResult[];
}

export interface ScoreReport {
	/** 0..100, rounded to one decimal: the categories' points times the outcome factor. */
	total: number;
	categories: CategoryScore[];
	/** The version of the scoring rules that made this report. */
	rules: RulesVersion;
	/**
	 * Rules 2: the share of the categories' points the deal keeps by how it ended (message code
	 * `factor_<code>`); absent while the deal runs and under rules 1.
	 */
	factor?: { code: string; value: number };
}

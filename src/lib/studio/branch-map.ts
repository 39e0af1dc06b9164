/**
 * The branch map of a scenario: the six stages as columns, and in each the intel that can be
 * learned, the events, the decisions with their options and the wise withdrawals, each with the
 * JSON path it was written at, its condition and how it ends the deal. A check's path is what
 * its replay touched: the options chosen, the events fired or headed off, the intel learned.
 * Plain data for the map component; conditions are described in the reader's language.
 */
import { replay } from '$lib/engine/deal/replay';
import { STAGES, type OutcomeId, type StageId } from '$lib/engine/methodology';
import type { JsonPath } from '$lib/engine/scenario/problem';
import type { Condition, Scenario, ScenarioCheck } from '$lib/engine/scenario/schema';
import { termLabel } from '$lib/i18n/labels';
import { m } from '$lib/paraglide/messages.js';
import type { Locale } from '$lib/paraglide/runtime.js';

export type MapNodeKind = 'intel' | 'event' | 'decision' | 'option' | 'withdrawal';

export interface MapNode {
	/** Unique on the map: `option:bid:withdraw`, `event:evaluation:0`. */
	key: string;
	kind: MapNodeKind;
	/** Where it is written in the file. */
	path: JsonPath;
	/** The scenario's own text (the intel, the event, the prompt, the option, the feedback). */
	text: string;
	condition?: Condition;
	/** The deal ends here with this outcome. */
	ends?: OutcomeId;
	/** An event that fires as the stage opens or closes. */
	when?: 'start' | 'end';
	/** An event that method (a defence or `unless`) can head off. */
	defended?: boolean;
	/** The keys of the nodes this one's condition names. */
	dependsOn: { key: string; negated: boolean }[];
	/** An option's credit, 0..1. */
	score?: number;
}

export interface MapDecision extends MapNode {
	kind: 'decision';
	options: MapNode[];
}

export interface MapColumn {
	stage: StageId;
	intel: MapNode[];
	events: MapNode[];
	decisions: MapDecision[];
	withdrawals: MapNode[];
}

/** The nodes a condition names (intel, a decision or one of its options), and whether under `not`. */
function references(condition: Condition | undefined, negated = false): MapNode['dependsOn'] {
	if (!condition) return [];
	if ('all' in condition) return condition.all.flatMap((c) => references(c, negated));
	if ('any' in condition) return condition.any.flatMap((c) => references(c, negated));
	if ('not' in condition) return references(condition.not, !negated);
	if ('intel' in condition) return [{ key: `intel:${condition.intel}`, negated }];
	if ('decision' in condition)
		return [
			{
				key:
					condition.option === undefined
						? `decision:${condition.decision}`
						: `option:${condition.decision}:${condition.option}`,
				negated
			}
		];
	return [];
}

/**
 * `branchMap(scenario)[2].decisions[0].options[1].path` →
 * `['stages', 'system-design', 'decisions', 0, 'options', 1]`.
 */
export function branchMap(scenario: Scenario): MapColumn[] {
	return STAGES.map((stage) => {
		const plan = scenario.stages[stage];
		const intel = scenario.intel.flatMap((item, i): MapNode[] =>
			item.stage === stage
				? [
						{
							key: `intel:${item.id}`,
							kind: 'intel',
							path: ['intel', i],
							text: item.text,
							dependsOn: []
						}
					]
				: []
		);
		const events = plan.events.map((event, i): MapNode => ({
			key: `event:${stage}:${i}`,
			kind: 'event',
			path: ['stages', stage, 'events', i],
			text: event.text,
			condition: event.if,
			ends: event.ends,
			when: event.when,
			defended: event.defence !== undefined || event.unless !== undefined,
			dependsOn: references(event.if)
		}));
		// A format-1 `decision` is written apart from the format-2 list `decisions`.
		const written: [(typeof plan.decisions)[number], JsonPath][] = [
			...(plan.decision
				? [[plan.decision, ['stages', stage, 'decision']] as [typeof plan.decision, JsonPath]]
				: []),
			...plan.decisions.map(
				(d, i) => [d, ['stages', stage, 'decisions', i]] as [typeof d, JsonPath]
			)
		];
		const decisions = written.map(([decision, path]): MapDecision => ({
			key: `decision:${decision.id}`,
			kind: 'decision',
			path,
			text: decision.prompt,
			condition: decision.if,
			dependsOn: references(decision.if),
			options: decision.options.map((option, j) => ({
				key: `option:${decision.id}:${option.id}`,
				kind: 'option',
				path: [...path, 'options', j],
				text: option.text,
				condition: option.if,
				ends: option.ends,
				score: option.score,
				dependsOn: references(option.if)
			}))
		}));
		const withdrawals = scenario.withdrawals.flatMap((entry, i): MapNode[] =>
			entry.stage === stage
				? [
						{
							key: `withdrawal:${i}`,
							kind: 'withdrawal',
							path: ['withdrawals', i],
							text: entry.feedback,
							condition: entry.if,
							ends: 'withdrawn',
							dependsOn: references(entry.if)
						}
					]
				: []
		);
		return { stage, intel, events, decisions, withdrawals };
	});
}

export interface CheckPath {
	/** The nodes the replay touched. */
	touched: Set<string>;
	/** Events that fired but were headed off by method. */
	headedOff: Set<string>;
	/** The stages the deal reached. */
	stages: StageId[];
	outcome?: OutcomeId;
	/** The stage the deal ended in (or stood in, unfinished). */
	last: StageId;
	score: number;
}

/** What a check's replay touched on the map: `checkPath(s, check).touched.has('option:bid:withdraw')`. */
export function checkPath(scenario: Scenario, check: ScenarioCheck): CheckPath {
	const result = replay(scenario, check.actions, { seed: check.seed, keepStates: false });
	const final = result.final;
	const touched = new Set<string>();
	const headedOff = new Set<string>();
	const stages: StageId[] = [];
	for (const entry of final.log) {
		if (entry.kind === 'stage-opened') stages.push(entry.stage);
		if (entry.kind === 'event' && entry.index !== undefined) {
			const key = `event:${entry.stage}:${entry.index}`;
			touched.add(key);
			if (entry.skipped) headedOff.add(key);
		}
	}
	for (const [decision, made] of Object.entries(final.decisions)) {
		touched.add(`decision:${decision}`);
		touched.add(`option:${decision}:${made.option}`);
	}
	for (const intel of Object.keys(final.intel)) touched.add(`intel:${intel}`);
	if (final.withdrawal?.entry !== undefined) touched.add(`withdrawal:${final.withdrawal.entry}`);
	return {
		touched,
		headedOff,
		stages,
		outcome: result.outcome,
		last: final.stage,
		score: result.score.total
	};
}

/** "a, b and c" / "a、b且c". */
function joined(parts: string[], word: string, o: Options): string {
	if (parts.length < 2) return parts.join('');
	return m.studio_cond_join(
		{
			head: parts.slice(0, -1).join(m.studio_cond_comma({}, o)),
			last: word,
			tail: parts[parts.length - 1]
		},
		o
	);
}

type Options = { locale?: Locale };

/** How much of a scenario text a condition quotes: enough to recognize it. */
const QUOTE = 40;
const short = (text: string) => (text.length > QUOTE ? `${text.slice(0, QUOTE - 1)}…` : text);

/**
 * A condition as the reader says it (in the interface's language, or `locale`):
 * `describeCondition({ intel: 'budget' }, s)` → "intel found: “The budget is …”".
 */
export function describeCondition(
	condition: Condition,
	scenario: Scenario,
	locale?: Locale
): string {
	const o: Options = locale ? { locale } : {};
	const describe = (c: Condition) => describeCondition(c, scenario, locale);
	const label = (kind: Parameters<typeof termLabel>[0], id: string) => termLabel(kind, id, locale);
	const name = (id: string) => scenario.people.find((p) => p.id === id)?.name ?? id;
	if ('all' in condition) return joined(condition.all.map(describe), m.studio_cond_and({}, o), o);
	if ('any' in condition) return joined(condition.any.map(describe), m.studio_cond_or({}, o), o);
	if ('not' in condition) return m.studio_cond_not({ condition: describe(condition.not) }, o);
	if ('intel' in condition) {
		const item = scenario.intel.find((i) => i.id === condition.intel);
		return m.studio_cond_intel({ intel: short(item?.text ?? condition.intel) }, o);
	}
	if ('decision' in condition) {
		const decision = STAGES.flatMap((stage) => {
			const plan = scenario.stages[stage];
			return plan.decision ? [plan.decision, ...plan.decisions] : plan.decisions;
		}).find((d) => d.id === condition.decision);
		if (condition.option === undefined)
			return m.studio_cond_decision({ decision: short(decision?.prompt ?? condition.decision) }, o);
		const option = decision?.options.find((x) => x.id === condition.option);
		return m.studio_cond_option({ option: short(option?.text ?? condition.option) }, o);
	}
	if ('person' in condition) {
		if ('attitude' in condition)
			return m.studio_cond_attitude(
				{
					name: name(condition.person),
					attitudes: condition.attitude
						.map((a) => label('attitude', a))
						.join(m.studio_cond_comma({}, o))
				},
				o
			);
		return m.studio_cond_contact(
			{ name: name(condition.person), contact: label('contact', condition.contact) },
			o
		);
	}
	if ('strategy' in condition)
		return m.studio_cond_strategy({ strategy: label('strategy', condition.strategy) }, o);
	if ('stage' in condition)
		return m.studio_cond_stage({ stage: label('stage', condition.stage) }, o);
	return m.studio_cond_variant({ variant: condition.variant }, o);
}

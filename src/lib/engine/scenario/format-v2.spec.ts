/**
 * Format 2 (sales-sim/scenario@2) as a contract: what the validator says about conditions,
 * several decisions, deal-ending events, defences, variants, attitude bands, wise withdrawals and
 * translations. Each case edits the branching example (fixtures/branching-example.json, the
 * worked example of docs/authoring.md), which on its own has no error and no warning.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCheck, runChecks } from '../deal/checks';
import { replay } from '../deal/replay';
import { validateScenarioText } from './parse-scenario';
import { problemMessage } from './problem-messages';
import type { Problem } from './problem';

const EXAMPLE = readFileSync(new URL('./fixtures/branching-example.json', import.meta.url), 'utf8');
const V1 = readFileSync(new URL('./fixtures/contract-example.json', import.meta.url), 'utf8');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The example as a value, changed by `change`, as a file's text. */
function edited(change: (scenario: Json) => void, source = EXAMPLE): string {
	const scenario = JSON.parse(source) as Json;
	change(scenario);
	return JSON.stringify(scenario, null, '\t');
}

const stage = (s: Json, id: string) => s.stages[id] as Json;
const draft = (s: Json) => stage(s, 'system-design').decisions[0] as Json;
const locked = (s: Json) => stage(s, 'system-design').decisions[1] as Json;
const lockInEvent = (s: Json) => stage(s, 'evaluation').events[0] as Json;
const fanEvent = (s: Json) => stage(s, 'discover-needs').events[0] as Json;
const engineer = (s: Json) => s.people[1] as Json;

const KINDS =
	'"intel", "decision" (with "option"), "person" (with "attitude" or "contact"), "strategy", "stage", "variant", "all", "any", "not"';

interface Case {
	rule: string;
	text: string;
	code: string;
	path: string;
	severity: 'error' | 'warning';
	message?: string;
}

const cases: Case[] = [
	// ---------------------------------------------------------------- references in conditions
	{
		rule: 'a condition naming intel that does not exist',
		text: edited((s) => (draft(s).options[1].if = { intel: 'jam-rate' })),
		code: 'unknown-intel',
		path: 'stages.system-design.decisions[0].options[1].if.intel',
		severity: 'error',
		message: 'No intel item has the id "jam-rate"; did you mean "jam-rates"?'
	},
	{
		rule: 'a condition naming a decision that does not exist',
		text: edited((s) => (lockInEvent(s).if = { decision: 'draft-coments' })),
		code: 'unknown-decision',
		path: 'stages.evaluation.events[0].if.decision',
		severity: 'error',
		message: 'No stage has a decision with the id "draft-coments"; did you mean "draft-comments"?'
	},
	{
		rule: 'a condition naming an option the decision does not have',
		text: edited(
			(s) => (lockInEvent(s).if = { decision: 'draft-comments', option: 'performance' })
		),
		code: 'unknown-option',
		path: 'stages.evaluation.events[0].if.option',
		severity: 'error',
		message:
			'The decision "draft-comments" has no option "performance"; did you mean "performance-spec"?'
	},
	{
		rule: 'a condition naming a person who does not exist, inside "all"',
		text: edited(
			(s) =>
				(lockInEvent(s).if = {
					all: [{ variant: 'lock-in' }, { person: 'gm-tam', attitude: ['opponent'] }]
				})
		),
		code: 'unknown-person',
		path: 'stages.evaluation.events[0].if.all[1].person',
		severity: 'error',
		message: 'No person has the id "gm-tam"; did you mean "gm-tan"?'
	},
	{
		rule: 'a condition naming a variant that does not exist, inside "not"',
		text: edited((s) => (draft(s).if = { not: { variant: 'lockin' } })),
		code: 'unknown-variant',
		path: 'stages.system-design.decisions[0].if.not.variant',
		severity: 'error',
		message: 'No variant has the id "lockin"; did you mean "lock-in"?'
	},
	{
		rule: 'a condition naming a variant in a scenario without variants',
		text: edited(
			(s) =>
				(stage(s, 'evaluation').events = [
					{ when: 'end', if: { variant: 'lock-in' }, text: 'The tender is lost.', ends: 'lost' }
				]),
			V1
		),
		code: 'no-variants',
		path: 'stages.evaluation.events[0].if.variant',
		severity: 'error',
		message:
			'This condition names the variant "lock-in", but the scenario has no "variants". Add the variant to "variants", or remove the condition.'
	},
	{
		rule: 'a wise withdrawal whose condition names unknown intel',
		text: edited((s) => (s.withdrawals[0].if = { intel: 'lock-in-found' })),
		code: 'unknown-intel',
		path: 'withdrawals[0].if.intel',
		severity: 'error'
	},
	{
		rule: 'a brief whose condition names an unknown person',
		text: edited(
			(s) => (stage(s, 'system-design').briefs[0].if = { person: 'ortiz', contact: 'frequent' })
		),
		code: 'unknown-person',
		path: 'stages.system-design.briefs[0].if.person',
		severity: 'error'
	},

	// ---------------------------------------------------------------- several decisions
	{
		rule: 'the same decision id in "decision" and "decisions"',
		text: edited((s) => (stage(s, 'evaluation').decision = { ...draft(s), if: undefined })),
		code: 'duplicate-id',
		path: 'stages.evaluation.decision.id',
		severity: 'error',
		message:
			'The id "draft-comments" is already used at stages.system-design.decisions[0].id; ids must be unique within their list. Rename one of them.'
	},
	{
		rule: 'the same option id twice in a decision of "decisions"',
		text: edited((s) => (locked(s).options[1].id = 'push-on')),
		code: 'duplicate-id',
		path: 'stages.system-design.decisions[1].options[1].id',
		severity: 'error'
	},
	{
		rule: 'an effect on an unknown person in an option of "decisions"',
		text: edited((s) => (locked(s).options[1].effects[0].person = 'eng-ortis')),
		code: 'unknown-person',
		path: 'stages.system-design.decisions[1].options[1].effects[0].person',
		severity: 'error'
	},
	{
		rule: 'a decision of "decisions" whose best option scores less than 1',
		text: edited((s) => (locked(s).options[2].score = 0.8)),
		code: 'decision-no-full-credit',
		path: 'stages.system-design.decisions[1].options',
		severity: 'warning'
	},
	{
		rule: 'a check answering a decision of "decisions" with an option it lacks',
		text: edited((s) =>
			s.checks[1].actions.push({ type: 'decide', decision: 'locked-spec', option: 'withdrew' })
		),
		code: 'unknown-option',
		path: `checks[1].actions[${JSON.parse(EXAMPLE).checks[1].actions.length}].option`,
		severity: 'error',
		message: 'The decision "locked-spec" has no option "withdrew"; did you mean "withdraw"?'
	},

	// ---------------------------------------------------------------- conditions that can never hold
	{
		rule: 'a decision asked only after something of a later stage',
		text: edited((s) => (draft(s).if = { stage: 'evaluation' })),
		code: 'decision-never-asked',
		path: 'stages.system-design.decisions[0].if',
		severity: 'warning',
		message:
			'This decision is asked only when its condition holds in "System design", but the condition needs {"stage":"evaluation"}, which cannot happen before "evaluation": no trainee will ever be asked it. Name something that can happen by this stage, or move the decision to "evaluation".'
	},
	{
		rule: 'an option offered only after a decision of a later stage',
		text: edited((s) => {
			stage(s, 'commitment').decisions = [
				{ ...locked(s), id: 'final-terms', if: undefined, options: locked(s).options.slice(0, 2) }
			];
			draft(s).options[1].if = { all: [{ intel: 'jam-rates' }, { decision: 'final-terms' }] };
		}),
		code: 'option-never-offered',
		path: 'stages.system-design.decisions[0].options[1].if',
		severity: 'warning',
		message:
			'This option is offered only when its condition holds in "System design", but the condition needs {"decision":"final-terms"}, which cannot happen before "commitment": no trainee will ever see it. Name something that can happen by this stage, or remove the condition.'
	},
	{
		rule: 'a start event that needs intel of its own stage',
		text: edited(
			(s) =>
				(stage(s, 'system-design').events = [
					{ when: 'start', if: { intel: 'jam-rates' }, text: 'Engineering shares its jam figures.' }
				])
		),
		code: 'event-never-happens',
		path: 'stages.system-design.events[0].if',
		severity: 'warning'
	},
	{
		rule: 'a brief shown only after intel of a later stage',
		text: edited(
			(s) =>
				(stage(s, 'discover-needs').briefs = [
					{ if: { intel: 'capex-approved' }, text: 'The budget is known.' }
				])
		),
		code: 'brief-never-shown',
		path: 'stages.discover-needs.briefs[0].if',
		severity: 'warning',
		message:
			'This brief is shown only when its condition holds in "Discover needs", but the condition needs {"intel":"capex-approved"}, which cannot happen before "internal-deliberation": no trainee will read it. Name something that can happen by this stage.'
	},
	{
		rule: 'an option offered only after its own decision',
		text: edited((s) => (locked(s).options[1].if = { decision: 'locked-spec', option: 'push-on' })),
		code: 'condition-own-decision',
		path: 'stages.system-design.decisions[1].options[1].if.decision',
		severity: 'error',
		message:
			'This condition names "locked-spec", the decision it belongs to. A decision is asked until it is answered and never again, so this condition cannot hold while the decision is open. Name an earlier decision, intel found or a person\'s attitude instead.'
	},
	{
		rule: 'a decision asked only after itself',
		text: edited((s) => (locked(s).if = { any: [{ decision: 'locked-spec' }] })),
		code: 'condition-own-decision',
		path: 'stages.system-design.decisions[1].if.any[0].decision',
		severity: 'error'
	},

	// ---------------------------------------------------------------- events and defences
	{
		rule: 'an event that ends the deal with no condition and no defence',
		text: edited((s) => delete lockInEvent(s).if),
		code: 'event-always-ends',
		path: 'stages.evaluation.events[0].ends',
		severity: 'warning',
		message:
			'This event ends the deal as lost and nothing can stop it: it has no "if" (when it happens) and no "defence" (how a methodical seller heads it off), so every trainee who gets here loses. Add a "defence" or an "if", or remove "ends".'
	},
	{
		rule: 'an event with both a key ("unless") and a defence',
		text: edited((s) => (fanEvent(s).unless = { activity: 'visit', person: 'lead-li' })),
		code: 'unless-and-defence',
		path: 'stages.discover-needs.events[0].unless',
		severity: 'error',
		message:
			'This event has both "unless" (one exact activity with one exact person) and "defence", and only "unless" would count. Keep "defence" and remove "unless": a defence by role and fit protects every trainee who works by the method, while a key of one person and one activity is known to anyone who has read one debrief.'
	},
	{
		rule: 'a defence on a start event',
		text: edited((s) => (fanEvent(s).when = 'start')),
		code: 'defence-on-start',
		path: 'stages.discover-needs.events[0].defence',
		severity: 'warning'
	},
	{
		rule: 'a defence by a role nobody holds, in a list of defences',
		text: edited((s) => {
			s.people[2].role = 'user';
			fanEvent(s).defence = [{ role: 'user' }, { role: 'initiator', fit: 'good' }];
		}),
		code: 'defence-role-absent',
		path: 'stages.discover-needs.events[0].defence[1].role',
		severity: 'warning',
		message:
			'No person has the role "Initiator", in the scenario or in any variant, so this defence can never be met. Name a role someone holds, or a person.'
	},
	{
		rule: 'a defence by a person who does not exist',
		text: edited((s) => (fanEvent(s).defence = { person: 'li-na' })),
		code: 'unknown-person',
		path: 'stages.discover-needs.events[0].defence.person',
		severity: 'error'
	},

	// ---------------------------------------------------------------- variants and bands
	{
		rule: 'two variants with one id',
		text: edited((s) => (s.variants[1].id = 'open-tender')),
		code: 'duplicate-id',
		path: 'variants[1].id',
		severity: 'error'
	},
	{
		rule: 'variants that all weigh 0',
		text: edited((s) => s.variants.forEach((variant: Json) => (variant.weight = 0))),
		code: 'variant-weights-zero',
		path: 'variants',
		severity: 'error',
		message:
			'Every variant has the weight 0, so none has a chance of being drawn. Give the variants weights above 0 (the default is 1); a weight is a relative chance.'
	},
	{
		rule: 'a variant patch that changes nothing',
		text: edited((s) => (s.variants[1].people['gm-tan'] = { attitude: 'neutral', known: true })),
		code: 'variant-patch-unchanged',
		path: 'variants[1].people.gm-tan',
		severity: 'warning',
		message:
			'This patch changes nothing for "gm-tan": it is empty, or every field it sets is what the person already has. Remove it, or set what differs in this variant.'
	},
	{
		rule: 'an empty variant patch',
		text: edited((s) => (s.variants[0].people = { 'ops-khan': {} })),
		code: 'variant-patch-unchanged',
		path: 'variants[0].people.ops-khan',
		severity: 'warning'
	},
	{
		rule: 'a variant patch for a person who does not exist',
		text: edited((s) => (s.variants[1].people['eng-ortis'] = { attitude: 'opponent' })),
		code: 'unknown-person',
		path: 'variants[1].people.eng-ortis',
		severity: 'error',
		message: 'No person has the id "eng-ortis"; did you mean "eng-ortiz"?'
	},
	{
		rule: 'a variant that leaves no decision maker',
		text: edited((s) => (s.variants[1].people['gm-tan'] = { role: 'evaluator' })),
		code: 'variant-no-decision-maker',
		path: 'variants[1].people',
		severity: 'error',
		message:
			'In the variant "lock-in" no person has the role "decision-maker", so a deal drawn with it has nobody with the final say. Give that role to someone in this variant\'s "people".'
	},
	{
		rule: 'an attitude band written from better to worse',
		text: edited((s) => (engineer(s).attitudeBand = ['neutral', 'opponent'])),
		code: 'attitude-band-reversed',
		path: 'people[1].attitudeBand',
		severity: 'warning'
	},
	{
		rule: 'a start attitude outside its band',
		text: edited((s) => (engineer(s).attitude = 'supporter')),
		code: 'attitude-outside-band',
		path: 'people[1].attitude',
		severity: 'warning',
		message:
			'The start attitude is drawn from the band "opponent" to "neutral" on each attempt, so "attitude": "supporter", outside the band, is never used. Set "attitude" to one inside the band, or widen the band.'
	},

	// ---------------------------------------------------------------- withdrawals, translations, checks
	{
		rule: 'a wise withdrawal after the purchase',
		text: edited((s) => (s.withdrawals[0].stage = 'implementation')),
		code: 'withdrawal-after-purchase',
		path: 'withdrawals[0].stage',
		severity: 'error'
	},
	{
		rule: 'an option that withdraws with credit in a stage no withdrawal covers',
		text: edited((s) => (s.withdrawals[0].stage = 'evaluation')),
		code: 'withdraw-option-unmarked',
		path: 'stages.system-design.decisions[1].options[2].ends',
		severity: 'warning'
	},
	{
		rule: 'a translation in its own language',
		text: edited((s) => (s.translationOf = { id: 'harbour-airport-baggage-zh', locale: 'en' })),
		code: 'translation-same-locale',
		path: 'translationOf.locale',
		severity: 'error'
	},
	{
		rule: 'a check seed in a scenario that draws nothing',
		text: edited((s) => (s.checks[0].seed = 7), V1),
		code: 'check-seed-unused',
		path: 'checks[0].seed',
		severity: 'warning'
	},

	// ---------------------------------------------------------------- conditions the schema refuses
	{
		rule: 'two facts in one condition',
		text: edited((s) => (lockInEvent(s).if = { variant: 'lock-in', stage: 'evaluation' })),
		code: 'condition-two-kinds',
		path: 'stages.evaluation.events[0].if',
		severity: 'error',
		message:
			'This condition states two facts, "variant" and "stage", but a condition states one. To require both, write each as its own condition in a list under "all"; for either of them, under "any".'
	},
	{
		rule: 'a misspelt kind of condition',
		text: edited((s) => (draft(s).options[1].if = { intell: 'jam-rates' })),
		code: 'condition-unknown-kind',
		path: 'stages.system-design.decisions[0].options[1].if.intell',
		severity: 'error',
		message: `"intell" is not a kind of condition; did you mean "intel"? A condition states one fact: ${KINDS}.`
	},
	{
		rule: 'a misspelt kind deep inside "all" and "not"',
		text: edited((s) => (lockInEvent(s).if = { all: [{ not: { varient: 'open-tender' } }] })),
		code: 'condition-unknown-kind',
		path: 'stages.evaluation.events[0].if.all[0].not.varient',
		severity: 'error'
	},
	{
		rule: 'a condition written as a text',
		text: edited((s) => (lockInEvent(s).if = 'lock-in')),
		code: 'condition-not-object',
		path: 'stages.evaluation.events[0].if',
		severity: 'error',
		message: `A condition is an object that states one fact, such as "intel": "budget" in curly braces; found a text. The kinds of fact are: ${KINDS}.`
	},
	{
		rule: 'an empty condition',
		text: edited((s) => (s.withdrawals[0].if = {})),
		code: 'condition-empty',
		path: 'withdrawals[0].if',
		severity: 'error'
	},
	{
		rule: 'an option without its decision',
		text: edited((s) => (lockInEvent(s).if = { option: 'push-on' })),
		code: 'condition-missing-kind',
		path: 'stages.evaluation.events[0].if',
		severity: 'error',
		message:
			'"option" needs "decision" beside it, in the same condition: add "decision" with its id.'
	},
	{
		rule: 'a person without what must be true of them',
		text: edited((s) => (lockInEvent(s).if = { person: 'gm-tan' })),
		code: 'condition-person-needs',
		path: 'stages.evaluation.events[0].if',
		severity: 'error'
	},
	{
		rule: 'a person with both an attitude and a contact',
		text: edited(
			(s) => (lockInEvent(s).if = { person: 'gm-tan', attitude: ['opponent'], contact: 'none' })
		),
		code: 'condition-two-kinds',
		path: 'stages.evaluation.events[0].if',
		severity: 'error'
	},
	{
		rule: 'a wrong value inside a condition of a known kind',
		text: edited((s) => (lockInEvent(s).if = { stage: 'evaluaton' })),
		code: 'invalid-enum',
		path: 'stages.evaluation.events[0].if.stage',
		severity: 'error',
		message:
			'"evaluaton" is not a stage; did you mean "evaluation"? Allowed: "discover-needs", "internal-deliberation", "system-design", "evaluation", "commitment", "implementation".'
	},
	{
		rule: 'a field of another kind beside a known kind',
		text: edited((s) => (lockInEvent(s).if = { intel: 'jam-rates', attitude: ['opponent'] })),
		code: 'unknown-key',
		path: 'stages.evaluation.events[0].if.attitude',
		severity: 'error',
		message: 'Unknown field "attitude". Allowed here: "intel".'
	},
	{
		rule: 'a misspelt role in a single defence',
		text: edited((s) => (fanEvent(s).defence = { role: 'usr' })),
		code: 'invalid-enum',
		path: 'stages.discover-needs.events[0].defence.role',
		severity: 'error'
	}
];

function find(problems: Problem[], test: Case): Problem | undefined {
	return problems.find((problem) => problem.code === test.code && problem.pathText === test.path);
}

describe('the branching example', () => {
	const result = validateScenarioText(EXAMPLE);

	it('validates with no error and no warning', () => {
		expect(result.ok ? [] : result.errors.map((p) => `${p.pathText}: ${p.message}`)).toEqual([]);
		expect(result.warnings.map((p) => `${p.pathText}: ${p.message}`)).toEqual([]);
	});

	if (!result.ok) return;
	const scenario = result.scenario;
	const checks = scenario.checks ?? [];

	it('is the worked example of docs/authoring.md, as written there', () => {
		const guide = readFileSync(new URL('../../../../docs/authoring.md', import.meta.url), 'utf8');
		const block =
			/<!-- branching-example:start -->\s*```json\n([\s\S]*?)\n```\s*<!-- branching-example:end -->/.exec(
				guide
			);
		expect(block, 'docs/authoring.md has no branching example between its markers').not.toBeNull();
		expect(JSON.parse(block![1])).toEqual(JSON.parse(EXAMPLE));
	});

	it('passes every one of its checks', () => {
		expect(checks.length).toBeGreaterThanOrEqual(5);
		const failed = runChecks(scenario).filter((check) => !check.passed);
		expect(failed.map((check) => `${check.name}: ${JSON.stringify(check.failures)}`)).toEqual([]);
	});

	/** The check whose name starts so, replayed on its own seed. */
	const play = (name: string) => {
		const check = checks.find((candidate) => candidate.name.startsWith(name));
		if (!check) throw new Error(`The example has no check "${name}…"`);
		return replay(scenario, check.actions, { seed: check.seed, keepStates: false });
	};

	it('is won on the open tender, with the threats headed off by method', () => {
		const won = play('model path (open tender)');
		expect(won.refused).toEqual([]);
		expect([won.final.variant, won.outcome]).toEqual(['open-tender', 'won']);
		expect(won.score.factor?.code).toBe('factor-won');
		const events = won.final.log.filter((entry) => entry.kind === 'event');
		expect(events.map((entry) => [entry.stage, entry.skipped])).toEqual([
			['discover-needs', true],
			['internal-deliberation', true]
		]);
		// The feed says what was headed off, in the author's words.
		expect(events.every((entry) => entry.kind === 'event' && entry.note)).toBe(true);
		// The option that needs the intel found was offered and taken.
		expect(won.final.decisions['draft-comments']?.option).toBe('performance-spec');
		expect(won.final.intel['jam-rates']).toBeDefined();
	});

	it('is lost to the lock-in event when the trainee pushes on', () => {
		const lost = play('pushing on');
		expect([lost.final.variant, lost.outcome, lost.final.stage]).toEqual([
			'lock-in',
			'lost',
			'evaluation'
		]);
		const ending = lost.final.log.find((entry) => entry.kind === 'event' && entry.ends === 'lost');
		expect(ending?.stage).toBe('evaluation');
		expect(lost.score.factor?.code).toBe('factor-lost');
	});

	it('counts withdrawing from the lock-in as the lesson', () => {
		const wise = play('model path (lock-in)');
		expect([wise.final.variant, wise.outcome]).toEqual(['lock-in', 'withdrawn']);
		expect(wise.final.withdrawal).toEqual({ wise: true, credit: 1, entry: 0 });
		expect(wise.score.factor?.code).toBe('factor-wise');
		expect(wise.score.total).toBeGreaterThanOrEqual(80);
	});

	it('counts withdrawing from the open tender as unwise', () => {
		const unwise = play('withdrawing from a tender');
		expect([unwise.final.variant, unwise.outcome]).toEqual(['open-tender', 'withdrawn']);
		expect(unwise.final.withdrawal?.wise).toBe(false);
		expect(unwise.score.total).toBeLessThan(play('model path (lock-in)').score.total);
	});

	it('offers the performance criteria only to a trainee who found what Engineering judges on', () => {
		const model = checks[0];
		// The same path up to the answer, without the technical exchange that reveals the jam rates.
		const exchange = model.actions.findIndex(
			(action) => action.type === 'activity' && action.activity === 'technical-exchange'
		);
		const answer = model.actions.findIndex((action) => action.type === 'decide');
		expect(0 < exchange && exchange < answer).toBe(true);
		const without = replay(
			scenario,
			model.actions.slice(0, answer + 1).filter((_, i) => i !== exchange),
			{ seed: model.seed, keepStates: false }
		);
		expect(without.final.intel['jam-rates']).toBeUndefined();
		expect(without.refused[0]?.refusal.code).toBe('option-not-offered');
	});
});

describe('format 2 rules: every problem, with its path and message', () => {
	it.each(cases.map((test) => [test.rule, test] as const))('%s', (_, test) => {
		const result = validateScenarioText(test.text);
		const problems = [...(result.ok ? [] : result.errors), ...result.warnings];
		const problem = find(problems, test);
		expect(
			problem,
			`no ${test.code} at ${test.path}; found ${JSON.stringify(problems.map((p) => [p.code, p.pathText]))}`
		).toBeDefined();
		expect(problem?.severity).toBe(test.severity);
		if (test.message) expect(problem?.message).toBe(test.message);
		// An error refuses the file; a warning alone does not.
		if (test.severity === 'warning')
			expect(result.ok).toBe(problems.every((p) => p.severity === 'warning'));
		else expect(result.ok).toBe(false);
		// The Chinese text is complete: no placeholder left, not the English one.
		const chinese = problemMessage(problem!, 'zh-CN');
		expect(chinese).not.toMatch(/\{\w+\}/);
		expect(chinese).not.toBe(problem?.message);
	});
});

describe('conditions that can hold stay quiet', () => {
	it.each([
		[
			'"any" with one fact that can happen',
			{ any: [{ stage: 'commitment' }, { intel: 'jam-rates' }] }
		],
		['"not" of a later fact', { not: { stage: 'evaluation' } }],
		['a decision of the same stage', { decision: 'locked-spec' }],
		['the stage itself', { stage: 'system-design' }],
		[
			'an attitude and a strategy',
			{ all: [{ person: 'gm-tan', attitude: ['supporter'] }, { strategy: 'farming' }] }
		]
	])('%s', (_, condition) => {
		const text = edited((s) => (draft(s).options[0].if = condition));
		const result = validateScenarioText(text);
		expect(result.ok ? [] : result.errors.map((p) => p.code)).toEqual([]);
		expect(result.warnings.map((p) => p.code)).toEqual([]);
	});
});

describe('a check’s seed', () => {
	const parsed = validateScenarioText(EXAMPLE);
	if (!parsed.ok) throw new Error('The branching example does not validate');
	const withdrawal = parsed.scenario.checks![1];

	it('draws the deal its actions are played on', () => {
		expect(runCheck(parsed.scenario, withdrawal).passed).toBe(true);
		// On the open tender's seed, the locked-specification decision is never asked.
		const elsewhere = runCheck(parsed.scenario, {
			...withdrawal,
			seed: parsed.scenario.checks![0].seed
		});
		expect(elsewhere.passed).toBe(false);
		expect(elsewhere.refused[0]?.refusal.code).toBe('decision-not-asked');
	});
});

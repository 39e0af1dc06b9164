import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVITIES, ATTITUDES, LEVELS, ROLES, STRATEGIES } from '../methodology';
import { actionSchema, scenarioSchema, type Action, type Scenario } from '../scenario/schema';
import { applyAction, initialContext, refusal } from './deal-rules';
import { testScenario } from './fixtures/test-scenario';
import { replay } from './replay';

const dir = join(process.cwd(), 'scenarios');
const shipped: [string, Scenario][] = readdirSync(dir)
	.filter((file) => file.endsWith('.json'))
	.map((file) => [file, scenarioSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')))]);

/** Random actions that name this scenario's people, decisions and options (and a few that don't). */
function actionArbitrary(scenario: Scenario): fc.Arbitrary<Action> {
	const people = fc.constantFrom(...scenario.people.map((p) => p.id), 'ghost');
	const decisions = Object.values(scenario.stages).flatMap((s) => (s.decision ? [s.decision] : []));
	const decide =
		decisions.length > 0
			? fc.constantFrom(...decisions).chain((d) =>
					fc.record({
						type: fc.constant('decide' as const),
						decision: fc.constant(d.id),
						option: fc.constantFrom(...d.options.map((o) => o.id), 'nope')
					})
				)
			: fc.constant({ type: 'advance' as const });
	const raw = fc.oneof(
		{
			weight: 2,
			arbitrary: fc.record({
				type: fc.constant('strategy' as const),
				strategy: fc.constantFrom(...STRATEGIES)
			})
		},
		{
			weight: 3,
			arbitrary: fc.record(
				{
					type: fc.constant('chart' as const),
					person: people,
					role: fc.constantFrom(...ROLES),
					attitude: fc.constantFrom(...ATTITUDES),
					level: fc.constantFrom(...LEVELS)
				},
				{ requiredKeys: ['type', 'person'] }
			)
		},
		{
			weight: 6,
			arbitrary: fc.record({
				type: fc.constant('activity' as const),
				activity: fc.constantFrom(...ACTIVITIES),
				people: fc.array(people, { maxLength: 3 })
			})
		},
		{ weight: 2, arbitrary: decide },
		{
			weight: 2,
			arbitrary: fc.record({
				type: fc.constant('forecast' as const),
				probability: fc.double({ min: 0, max: 1, noNaN: true })
			})
		},
		{ weight: 3, arbitrary: fc.constant({ type: 'advance' as const }) },
		{ weight: 1, arbitrary: fc.constant({ type: 'withdraw' as const }) }
	);
	return raw.map((input) => actionSchema.parse(input));
}

describe.each([['engine fixture', testScenario] as [string, Scenario], ...shipped])(
	'random play on %s',
	(_file, scenario) => {
		it('never throws, scores 0..100, refuses without change, and replays identically', () => {
			fc.assert(
				fc.property(fc.array(actionArbitrary(scenario), { maxLength: 40 }), (actions) => {
					const first = replay(scenario, actions);
					const again = replay(scenario, actions);
					expect(again.score).toEqual(first.score);
					expect(again.final).toEqual(first.final);
					expect(first.score.total).toBeGreaterThanOrEqual(0);
					expect(first.score.total).toBeLessThanOrEqual(100);
					// a refused action leaves the context exactly as it was
					let context = initialContext(scenario);
					for (const action of actions) {
						const before = JSON.stringify(context);
						if (refusal(context, action)) {
							expect(JSON.stringify(context)).toBe(before);
						} else {
							context = applyAction(context, action);
						}
					}
					expect(context).toEqual(first.final);
					expect(first.states.length + first.refused.length).toBe(actions.length + 1);
				}),
				{ numRuns: 60 }
			);
		});
	}
);

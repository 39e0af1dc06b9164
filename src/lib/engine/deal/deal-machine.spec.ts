import { createActor, initialTransition, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { actionsSchema, type ActionInput } from '../scenario/schema';
import { STAGES } from '../methodology';
import { dealMachine, SNAPSHOT_VERSION } from './deal-machine';
import { readdirSync, readFileSync } from 'node:fs';
import { parseScenario } from '../scenario/parse-scenario';
import { refusal } from './deal-rules';
import {
	nextSnapshot,
	persist,
	restore,
	snapshotOf,
	stateValueOf,
	storedStage,
	type StoredSnapshot
} from './deal-session';
import { modelPath, naivePath, testScenario } from './fixtures/test-scenario';
import { replay } from './replay';

const model = actionsSchema.parse(modelPath);
const naive = actionsSchema.parse(naivePath);

describe('the deal machine without an actor', () => {
	it('starts in discover needs with its start events fired', () => {
		const [snapshot] = initialTransition(dealMachine, { scenario: testScenario });
		expect(snapshot.value).toBe('discover-needs');
		expect(snapshot.context.log.map((e) => e.kind)).toEqual(['stage-opened', 'event']);
	});

	it.each([
		['the model path', model, 'ended', 'won'],
		['the naive path', naive, 'ended', 'lost']
	] as const)(
		'walks %s through the stages, in step with replay',
		(_name, actions, value, outcome) => {
			let [snapshot] = initialTransition(dealMachine, { scenario: testScenario });
			const replayed = replay(testScenario, actions);
			actions.forEach((action, i) => {
				[snapshot] = transition(dealMachine, snapshot, action);
				expect(snapshot.value).toBe(stateValueOf(snapshot.context));
				expect(snapshot.context).toEqual(replayed.states[i + 1]);
			});
			expect(snapshot.value).toBe(value);
			expect(snapshot.context.outcome).toBe(outcome);
		}
	);

	it('takes the same next snapshot as XState’s transition (nextSnapshot), over every check of every shipped scenario', async () => {
		let steps = 0;
		for (const file of readdirSync('scenarios').filter((f) => f.endsWith('.json'))) {
			const parsed = await parseScenario(readFileSync(`scenarios/${file}`, 'utf8'));
			if (!parsed.ok) throw new Error(`${file} does not validate`);
			for (const check of parsed.scenario.checks ?? []) {
				const input = { scenario: parsed.scenario, seed: check.seed ?? 0 };
				let [machine] = initialTransition(dealMachine, input);
				let [direct] = initialTransition(dealMachine, input);
				for (const action of check.actions) {
					if (refusal(machine.context, action)) continue;
					[machine] = transition(dealMachine, machine, action);
					direct = nextSnapshot(direct, action);
					expect(direct.value).toBe(machine.value);
					expect(direct.status).toBe(machine.status);
					expect(direct.context).toEqual(machine.context);
					steps++;
				}
			}
		}
		expect(steps).toBeGreaterThan(300);
	});

	it('goes from commitment to implementation only when the purchase is won', () => {
		const untilCommitment = model.slice(
			0,
			model.findLastIndex((a) => a.type === 'advance')
		);
		const beforeClose = untilCommitment.slice(
			0,
			untilCommitment.findLastIndex((a) => a.type === 'advance')
		);
		let [snapshot] = initialTransition(dealMachine, { scenario: testScenario });
		for (const action of beforeClose) [snapshot] = transition(dealMachine, snapshot, action);
		expect(snapshot.value).toBe('commitment');
		[snapshot] = transition(dealMachine, snapshot, { type: 'advance' });
		expect(snapshot.value).toBe('implementation');
	});

	it.each<[string, ActionInput[]]>([
		['a refused advance', [{ type: 'advance' }, { type: 'advance' }, { type: 'advance' }]],
		['an activity before a strategy', [{ type: 'activity', activity: 'visit', people: ['gm'] }]]
	])('ignores %s', (_name, inputs) => {
		const actions = actionsSchema.parse(inputs);
		let [snapshot] = initialTransition(dealMachine, { scenario: testScenario });
		for (const action of actions.slice(0, -1))
			[snapshot] = transition(dealMachine, snapshot, action);
		const [after] = transition(dealMachine, snapshot, actions.at(-1)!);
		expect(after.value).toBe(snapshot.value);
		expect(after.context).toEqual(snapshot.context);
	});

	it('ends at once on withdraw or an option that ends the deal', () => {
		const [start] = initialTransition(dealMachine, { scenario: testScenario });
		const [withdrawn] = transition(dealMachine, start, { type: 'withdraw' });
		expect(withdrawn.value).toBe('ended');
		expect(withdrawn.status).toBe('done');
		let [snapshot] = initialTransition(dealMachine, { scenario: testScenario });
		for (const action of actionsSchema.parse([
			{ type: 'advance' },
			{ type: 'advance' },
			{ type: 'decide', decision: 'specs', option: 'withdraw' }
		])) {
			[snapshot] = transition(dealMachine, snapshot, action);
		}
		expect(snapshot.value).toBe('ended');
		expect(snapshot.context.outcome).toBe('withdrawn');
	});
});

describe('the deal machine in an actor', () => {
	it('plays the model path to a win', () => {
		const actor = createActor(dealMachine, { input: { scenario: testScenario } }).start();
		for (const action of model) actor.send(action);
		expect(actor.getSnapshot().status).toBe('done');
		expect(actor.getSnapshot().context).toEqual(replay(testScenario, model).final);
		actor.stop();
	});

	it('survives a persistence round trip through JSON', () => {
		const actor = createActor(dealMachine, { input: { scenario: testScenario } }).start();
		const half = model.slice(0, 15);
		for (const action of half) actor.send(action);
		const stored = JSON.parse(JSON.stringify(persist(actor.getPersistedSnapshot())));
		actor.stop();
		expect(stored.version).toBe(SNAPSHOT_VERSION);
		const restored = restore(testScenario, stored, half);
		expect(restored).toMatchObject({ ok: true, rebuilt: false });
		if (!restored.ok) return;
		const resumed = createActor(dealMachine, {
			snapshot: restored.snapshot,
			input: { scenario: testScenario }
		}).start();
		for (const action of model.slice(15)) resumed.send(action);
		expect(resumed.getSnapshot().context).toEqual(replay(testScenario, model).final);
		resumed.stop();
	});

	// Each spoiled snapshot differs from a fitting one in one way only, so that each case fails
	// when the check it names is removed from `restore` (the first case without the
	// SNAPSHOT_VERSION check, the second without the action count).
	it.each([
		[
			'an older snapshot version',
			10,
			(s: StoredSnapshot) => ({ ...s, version: SNAPSHOT_VERSION - 1 })
		],
		['a snapshot with more actions than stored', 11, (s: StoredSnapshot) => s],
		['garbage', 10, () => ({ version: SNAPSHOT_VERSION, snapshot: { value: 42 } })]
	])('replays the actions from the start when given %s', (_name, snapshotAt, spoil) => {
		const half = model.slice(0, 10);
		const stored = persist(snapshotOf(replay(testScenario, model.slice(0, snapshotAt)).final));
		const restored = restore(testScenario, spoil(stored) as never, half);
		expect(restored).toMatchObject({ ok: true, rebuilt: true, from: 0 });
		if (restored.ok) expect(restored.snapshot.context).toEqual(replay(testScenario, half).final);
	});

	it('plays on from a snapshot older than the last actions stored (it is written after the paint)', () => {
		const half = model.slice(0, 10);
		const stored = persist(snapshotOf(replay(testScenario, model.slice(0, 7)).final));
		const before = JSON.stringify(stored);
		const restored = restore(testScenario, stored, half);
		expect(restored).toMatchObject({ ok: true, rebuilt: true, from: 7 });
		if (restored.ok) {
			expect(restored.snapshot.context).toEqual(replay(testScenario, half).final);
			expect(restored.snapshot.value).toBe(stateValueOf(replay(testScenario, half).final));
		}
		// The stored snapshot itself is left as it was.
		expect(JSON.stringify(stored)).toBe(before);
	});

	it('stores the context without the scenario and the methodology, and draws them again', () => {
		const final = replay(testScenario, model.slice(0, 10), { seed: 99 }).final;
		const stored = persist(snapshotOf(final));
		const { context } = stored.snapshot as { context: Record<string, unknown> };
		expect(context.scenario).toEqual({ id: testScenario.id, version: testScenario.version });
		expect(context).not.toHaveProperty('method');
		expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(final.scenario).length);
		const restored = restore(testScenario, JSON.parse(JSON.stringify(stored)), model.slice(0, 10), {
			seed: 99
		});
		expect(restored).toMatchObject({ ok: true, rebuilt: false, from: 10 });
		if (restored.ok) expect(restored.snapshot.context).toEqual(final);
	});

	it('resumes from a fitting snapshot without replaying', () => {
		const half = model.slice(0, 10);
		const stored = persist(snapshotOf(replay(testScenario, half).final));
		const restored = restore(testScenario, stored, half);
		expect(restored).toMatchObject({ ok: true, rebuilt: false, from: 10 });
		if (restored.ok) expect(restored.snapshot.context).toEqual(replay(testScenario, half).final);
	});

	it('reports, without throwing, actions that no longer replay', () => {
		const restored = restore(
			testScenario,
			undefined,
			actionsSchema.parse([{ type: 'withdraw' }, { type: 'advance' }])
		);
		expect(restored).toMatchObject({ ok: false, reason: 'actions-refused' });
	});

	it('tells a stored deal’s stage from its snapshot when it fits, else from its actions', () => {
		const half = model.slice(0, 15);
		const stage = replay(testScenario, half).final.stage;
		const stored = persist(snapshotOf(replay(testScenario, half).final));
		expect(storedStage(testScenario, stored, half)).toBe(stage);
		// A fitting snapshot is read, not replayed: a stage written into it is the one told.
		const other = STAGES.find((s) => s !== stage)!;
		const marked = JSON.parse(JSON.stringify(stored)) as {
			version: number;
			snapshot: { value: string; context: { stage: string } };
		};
		marked.snapshot.context.stage = other;
		marked.snapshot.value = other;
		expect(storedStage(testScenario, marked, half)).toBe(other);
		// One that no longer fits (an older version) is not: the actions are replayed.
		expect(storedStage(testScenario, { ...marked, version: SNAPSHOT_VERSION - 1 }, half)).toBe(
			stage
		);
		// One older than the stored actions: the newer actions are played on from it.
		const all = model.slice(0, 30);
		const further = replay(testScenario, all).final.stage;
		expect(further).not.toBe(stage);
		expect(storedStage(testScenario, stored, all)).toBe(further);
	});
});

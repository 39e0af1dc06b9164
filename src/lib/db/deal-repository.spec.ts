import { createActor } from 'xstate';
import { afterEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_VERSION, dealMachine } from '$lib/engine/deal/deal-machine';
import { persist, restore, snapshotOf } from '$lib/engine/deal/deal-session';
import { modelPath, testScenario } from '$lib/engine/deal/fixtures/test-scenario';
import { replay } from '$lib/engine/deal/replay';
import { scoreDeal } from '$lib/engine/deal/scoring';
import { actionSchema, type Action } from '$lib/engine/scenario/schema';
import { resultFromReport } from './attempt-format';
import {
	DealConflictError,
	InvalidRecordError,
	RecordNotFoundError,
	StorageFullError
} from './errors';
import { testStorage, type TestStorage } from './test-support';

const HASH = 'a'.repeat(64);
const actions: Action[] = modelPath.map((a) => actionSchema.parse(a));

let open: TestStorage[] = [];
function storage(options?: Parameters<typeof testStorage>[0]): TestStorage {
	const s = testStorage(options);
	open.push(s);
	return s;
}
afterEach(() => {
	for (const s of open) s.db.close();
	open = [];
});

async function startDeal(s: TestStorage) {
	const player = await s.players.create('Li Na');
	const actor = createActor(dealMachine, { input: { scenario: testScenario } }).start();
	const deal = await s.deals.start({
		scenarioId: testScenario.id,
		scenarioVersion: testScenario.version,
		scenarioHash: HASH,
		playerId: player.id,
		mode: 'assessment',
		snapshot: persist(actor.getPersistedSnapshot()).snapshot,
		snapshotVersion: SNAPSHOT_VERSION
	});
	return { player, actor, deal };
}

describe('deals', () => {
	it('starts a deal for a known player only', async () => {
		const s = storage();
		const { deal, player } = await startDeal(s);
		expect(deal).toMatchObject({ playerId: player.id, actions: [], mode: 'assessment' });
		expect(await s.deals.get(deal.id)).toEqual(deal);
		await expect(
			s.deals.start({ ...deal, playerId: 'nobody', snapshot: {}, snapshotVersion: 1 })
		).rejects.toBeInstanceOf(RecordNotFoundError);
	});

	it('resumes a deal played to stage three exactly where it was after the database is reopened', async () => {
		const s = storage();
		const { actor, deal } = await startDeal(s);
		// Play into the system-design stage: up to and including the second 'advance'.
		const cut =
			actions.findIndex(
				(a, i) => a.type === 'advance' && actions.slice(0, i).some((b) => b.type === 'advance')
			) + 3;
		for (const [index, action] of actions.slice(0, cut).entries()) {
			actor.send(action);
			await s.deals.recordAction(
				deal.id,
				action,
				persist(actor.getPersistedSnapshot()).snapshot,
				index
			);
		}
		const before = actor.getSnapshot();
		expect(before.value).toBe('system-design');

		// The tab closes; a new page opens the same IndexedDB.
		s.db.close();
		const again = storage({ dependencies: s.dependencies });
		const [stored] = await again.deals.listUnfinished();
		expect(stored.actions).toEqual(actions.slice(0, cut));
		const restored = restore(
			testScenario,
			{ version: stored.snapshotVersion, snapshot: stored.snapshot },
			stored.actions
		);
		expect(restored.ok && !restored.rebuilt).toBe(true);
		if (!restored.ok) return;
		const resumed = createActor(dealMachine, {
			snapshot: restored.snapshot,
			input: { scenario: testScenario }
		}).start();
		expect(resumed.getSnapshot().value).toBe('system-design');
		expect(resumed.getSnapshot().context).toEqual(before.context);

		// Play on to the end and finish: the attempt equals a replay of every action.
		for (const [offset, action] of actions.slice(cut).entries()) {
			resumed.send(action);
			await again.deals.recordAction(
				stored.id,
				action,
				persist(resumed.getPersistedSnapshot()).snapshot,
				cut + offset
			);
		}
		const end = resumed.getSnapshot().context;
		const attempt = await again.deals.finish(stored.id, {
			result: resultFromReport(end.outcome!, scoreDeal(end)),
			weeksUsed: end.weeksUsed,
			verified: true
		});
		const replayed = replay(testScenario, actions);
		expect(attempt.result.score).toBe(replayed.score.total);
		expect(attempt.actions).toEqual(actions);
		expect(await again.deals.listUnfinished()).toEqual([]);
		expect(await again.attempts.get(attempt.id)).toEqual(attempt);
	});

	it('rebuilds from the actions when the stored snapshot no longer fits the machine', async () => {
		const s = storage();
		const { deal } = await startDeal(s);
		for (const [i, action] of actions.slice(0, 5).entries())
			await s.deals.recordAction(deal.id, action, { stale: true }, i);
		const stored = (await s.deals.get(deal.id))!;
		const restored = restore(
			testScenario,
			{ version: 0, snapshot: stored.snapshot },
			stored.actions
		);
		expect(restored.ok && restored.rebuilt).toBe(true);
		if (!restored.ok) return;
		const saved = await s.deals.saveSnapshot(
			deal.id,
			persist(restored.snapshot).snapshot,
			SNAPSHOT_VERSION
		);
		expect(saved.snapshotVersion).toBe(SNAPSHOT_VERSION);
		expect(saved.actions).toEqual(actions.slice(0, 5));
	});

	it('appends an action keeping the older snapshot, which resumes with the newer actions played on', async () => {
		const s = storage();
		const { deal, actor } = await startDeal(s);
		const start = (await s.deals.get(deal.id))!.snapshot;
		await s.deals.appendAction(deal.id, actions[0], 0);
		await s.deals.appendAction(deal.id, actions[1], 1);
		// An action from a stale tab is refused as recordAction refuses it.
		await expect(s.deals.appendAction(deal.id, actions[2], 1)).rejects.toEqual(
			new DealConflictError(deal.id, 1, 2)
		);
		const stored = (await s.deals.get(deal.id))!;
		expect(stored.actions).toEqual(actions.slice(0, 2));
		expect(stored.snapshot).toEqual(start);
		const restored = restore(
			testScenario,
			{ version: stored.snapshotVersion, snapshot: stored.snapshot },
			stored.actions
		);
		expect(restored).toMatchObject({ ok: true, rebuilt: true, from: 0 });
		if (restored.ok)
			expect(restored.snapshot.context).toEqual(replay(testScenario, actions.slice(0, 2)).final);
		actor.stop();

		// The snapshot after them, kept once shown: it resumes without playing anything.
		const after = replay(testScenario, actions.slice(0, 2)).final;
		await s.deals.keepSnapshot(deal.id, persist(snapshotOf(after)).snapshot, SNAPSHOT_VERSION);
		const kept = (await s.deals.get(deal.id))!;
		expect(kept.actions).toEqual(actions.slice(0, 2));
		expect(
			restore(
				testScenario,
				{ version: kept.snapshotVersion, snapshot: kept.snapshot },
				kept.actions
			)
		).toMatchObject({ ok: true, rebuilt: false, from: 2 });
	});

	it('keeps no snapshot of a deal no longer in progress, and refuses one that is not JSON', async () => {
		const s = storage();
		const { deal } = await startDeal(s);
		await expect(
			s.deals.keepSnapshot(deal.id, { big: 1n }, SNAPSHOT_VERSION)
		).rejects.toBeInstanceOf(InvalidRecordError);
		await s.deals.discard(deal.id);
		await s.deals.keepSnapshot(deal.id, { at: 1 }, SNAPSHOT_VERSION);
		expect(await s.deals.get(deal.id)).toBeUndefined();
	});

	it('refuses an action recorded from a stale tab and writes nothing', async () => {
		const s = storage();
		const { deal } = await startDeal(s);
		await s.deals.recordAction(deal.id, actions[0], { at: 1 }, 0);
		await expect(s.deals.recordAction(deal.id, actions[1], { at: 2 }, 0)).rejects.toEqual(
			new DealConflictError(deal.id, 0, 1)
		);
		expect((await s.deals.get(deal.id))?.actions).toEqual([actions[0]]);
		expect((await s.deals.get(deal.id))?.snapshot).toEqual({ at: 1 });
	});

	it.each([
		['an action outside the contract', { type: 'dance' }, {}],
		['a snapshot that is not JSON', { type: 'advance' }, { big: 1n }]
	])('refuses %s with InvalidRecordError', async (_, action, snapshot) => {
		const s = storage();
		const { deal } = await startDeal(s);
		await expect(s.deals.recordAction(deal.id, action as Action, snapshot)).rejects.toBeInstanceOf(
			InvalidRecordError
		);
		expect((await s.deals.get(deal.id))?.actions).toEqual([]);
	});

	it('reports an unknown deal', async () => {
		const s = storage();
		await expect(s.deals.recordAction('nope', actions[0], {})).rejects.toBeInstanceOf(
			RecordNotFoundError
		);
		await expect(
			s.deals.finish('nope', {
				result: { outcome: 'lost', score: 1, categories: {} },
				weeksUsed: 1,
				verified: true
			})
		).rejects.toBeInstanceOf(RecordNotFoundError);
	});

	it('lists unfinished deals, most recently played first, for everyone or one player', async () => {
		const s = storage();
		const { deal: first, player } = await startDeal(s);
		const other = await s.players.create('Wang Wei');
		const second = await s.deals.start({
			...first,
			playerId: other.id,
			snapshot: {},
			snapshotVersion: 1
		});
		await s.deals.recordAction(first.id, actions[0], {});
		expect((await s.deals.listUnfinished()).map((d) => d.id)).toEqual([first.id, second.id]);
		expect((await s.deals.listUnfinished(other.id)).map((d) => d.id)).toEqual([second.id]);
		await s.deals.discard(first.id);
		expect(await s.deals.listUnfinished(player.id)).toEqual([]);
	});

	it('keeps the deal and stores no attempt when the disk fills up in the middle of finishing', async () => {
		const s = storage();
		const { deal } = await startDeal(s);
		for (const [i, action] of actions.entries())
			await s.deals.recordAction(deal.id, action, { at: i + 1 }, i);
		// The attempt's summary row is written; then writing its actions hits the quota.
		s.db.attemptActions.hook('creating', () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		});
		const error = await s.deals
			.finish(deal.id, {
				result: { outcome: 'won', score: 80, categories: {} },
				weeksUsed: 20,
				verified: true
			})
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StorageFullError);
		expect(s.db.monitor.condition.kind).toBe('full');
		expect(await s.db.attempts.count()).toBe(0);
		expect(await s.db.attemptActions.count()).toBe(0);
		expect((await s.deals.get(deal.id))?.actions).toEqual(actions);
	});

	it('keeps the previous action and snapshot when the quota fails while recording the next', async () => {
		const s = storage();
		const { deal } = await startDeal(s);
		await s.deals.recordAction(deal.id, actions[0], { at: 1 }, 0);
		s.db.deals.hook('updating', () => {
			throw new DOMException('full', 'QuotaExceededError');
		});
		// recordAction uses put, which goes through the creating/updating hooks as an upsert.
		s.db.deals.hook('creating', () => {
			throw new DOMException('full', 'QuotaExceededError');
		});
		await expect(s.deals.recordAction(deal.id, actions[1], { at: 2 }, 1)).rejects.toBeInstanceOf(
			StorageFullError
		);
		const stored = await s.db.deals.get(deal.id);
		expect(stored?.actions).toEqual([actions[0]]);
		expect(stored?.snapshot).toEqual({ at: 1 });
	});
});

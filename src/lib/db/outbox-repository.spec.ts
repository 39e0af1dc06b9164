import { createActor } from 'xstate';
import { afterEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_VERSION, dealMachine } from '$lib/engine/deal/deal-machine';
import { persist } from '$lib/engine/deal/deal-session';
import { modelPath, testScenario } from '$lib/engine/deal/fixtures/test-scenario';
import { scoreDeal } from '$lib/engine/deal/scoring';
import { actionSchema } from '$lib/engine/scenario/schema';
import { Outbox } from '$lib/hub/outbox';
import { resultFromReport, toExportedAttempt } from './attempt-format';
import { testStorage, upgradeFrom, type TestStorage } from './test-support';

const HASH = 'a'.repeat(64);
const HUB = 'https://hub.example.com';
const CODE = '7KQ2M9XD4TRB';

let open: TestStorage[] = [];
afterEach(() => {
	for (const s of open) s.db.close();
	open = [];
});
function storage(options?: Parameters<typeof testStorage>[0]): TestStorage {
	const s = testStorage(options);
	open.push(s);
	return s;
}

/** Plays the test scenario's model path through a stored deal, ready to finish. */
async function playedDeal(s: TestStorage) {
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
	for (const [index, raw] of modelPath.entries()) {
		const action = actionSchema.parse(raw);
		actor.send(action);
		await s.deals.recordAction(
			deal.id,
			action,
			persist(actor.getPersistedSnapshot()).snapshot,
			index
		);
	}
	const end = actor.getSnapshot().context;
	return {
		deal,
		finished: {
			result: resultFromReport(end.outcome!, scoreDeal(end)),
			weeksUsed: end.weeksUsed,
			verified: true
		}
	};
}

describe('the outbox table', () => {
	it('receives a joined class’s attempt with the attempt itself, as its exported file, waiting', async () => {
		const s = storage();
		const { deal, finished } = await playedDeal(s);
		const attempt = await s.deals.finish(deal.id, {
			...finished,
			sendTo: { hub: HUB, classCode: CODE }
		});
		const item = await s.outbox.get(attempt.id);
		expect(item).toMatchObject({ hub: HUB, classCode: CODE, status: 'waiting', tries: 0 });
		expect(item?.attempt).toEqual(toExportedAttempt(attempt));
		expect(await s.outbox.waiting()).toHaveLength(1);
		expect(await s.outbox.forClass(HUB, CODE)).toHaveLength(1);
		expect(await s.outbox.forClass('https://other.example.com', CODE)).toEqual([]);
	});

	it('stays empty without a class (the app alone, as before)', async () => {
		const s = storage();
		const { deal, finished } = await playedDeal(s);
		const attempt = await s.deals.finish(deal.id, finished);
		expect(await s.outbox.get(attempt.id)).toBeUndefined();
		expect(await s.outbox.waiting()).toEqual([]);
	});

	it('keeps an item over a closed tab until the hub answers, then keeps its verdict', async () => {
		const s = storage();
		const { deal, finished } = await playedDeal(s);
		const attempt = await s.deals.finish(deal.id, {
			...finished,
			sendTo: { hub: HUB, classCode: CODE }
		});
		let now = Date.UTC(2026, 11, 6);
		const down = new Outbox({
			storage: s.outbox,
			now: () => now,
			random: () => 0.5,
			fetch: async () => {
				throw new TypeError('Failed to fetch');
			}
		});
		const [tried] = await down.flush();
		expect(tried).toMatchObject({ status: 'waiting', tries: 1, nextTryAt: now + 2000 });

		// The tab closes; a new page opens the same database, and the hub is back.
		s.db.close();
		const again = storage({ dependencies: s.dependencies });
		const posted: unknown[] = [];
		now += 2000;
		const up = new Outbox({
			storage: again.outbox,
			now: () => now,
			fetch: async (_url, init) => {
				posted.push(JSON.parse(String(init?.body)));
				return Response.json(
					{ attempt: { hash: 'f'.repeat(64), score: 77, outcome: 'won' }, counts: true },
					{ status: 201 }
				);
			}
		});
		await up.flush();
		expect(posted).toEqual([toExportedAttempt(attempt)]);
		expect(await again.outbox.get(attempt.id)).toMatchObject({
			status: 'accepted',
			accepted: { score: 77, counts: true }
		});
		expect(await again.outbox.waiting()).toEqual([]);
	});

	it('is added by version 5 to a version-4 database, which keeps its data', async () => {
		const s = await upgradeFrom(4, async (old) => {
			await old.table('settings').put({ key: 'firstPlaySeen', value: true });
		});
		open.push(s);
		expect(await s.settings.get('firstPlaySeen')).toBe(true);
		expect(await s.outbox.waiting()).toEqual([]);
		expect(s.db.verno).toBeGreaterThanOrEqual(5);
	});
});

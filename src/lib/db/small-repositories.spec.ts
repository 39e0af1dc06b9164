import { afterEach, describe, expect, it, vi } from 'vitest';
import { testScenarioInput } from '$lib/engine/deal/fixtures/test-scenario';
import { MAX_SEED } from '$lib/engine/random';
import { InvalidRecordError, RecordNotFoundError } from './errors';
import type { StorageManagerLike } from './persistence-service';
import { testStorage, type TestStorage } from './test-support';

const HASH = '9'.repeat(64);
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

describe('competitions', () => {
	it('creates, updates, lists and removes competitions', async () => {
		const s = storage();
		const spring = await s.competitions.create({
			name: 'Spring cup',
			scenarios: [{ id: 'city-hospital-his', version: 1 }],
			from: 1000,
			to: 2000
		});
		const open = await s.competitions.create({
			name: 'Open',
			scenarios: [{ id: 'test-plant', version: 2 }],
			from: null,
			to: null
		});
		expect(await s.competitions.get(spring.id)).toEqual(spring);
		// Each competition draws the deal its players share, unless one is given.
		for (const drawn of [spring, open]) {
			expect(Number.isInteger(drawn.seed)).toBe(true);
			expect(drawn.seed).toBeGreaterThanOrEqual(0);
			expect(drawn.seed).toBeLessThanOrEqual(MAX_SEED);
		}
		const given = await s.competitions.create({
			name: 'Replay of spring',
			scenarios: [{ id: 'city-hospital-his', version: 1 }],
			from: null,
			to: null,
			seed: spring.seed
		});
		expect(given.seed).toBe(spring.seed);
		// Editing keeps the seed unless a new one is given.
		expect((await s.competitions.update(given.id, { name: 'Spring again' })).seed).toBe(
			spring.seed
		);
		expect((await s.competitions.update(given.id, { seed: 7 })).seed).toBe(7);
		await s.competitions.remove(given.id);
		const summer = await s.competitions.update(spring.id, {
			name: 'Summer cup',
			from: 3000,
			to: 4000
		});
		expect(summer).toMatchObject({ id: spring.id, name: 'Summer cup', from: 3000 });
		expect((await s.competitions.list()).map((c) => c.name)).toEqual(['Summer cup', 'Open']);
		await s.competitions.remove(open.id);
		expect(await s.competitions.list()).toHaveLength(1);
		await expect(s.competitions.update('ghost', {})).rejects.toBeInstanceOf(RecordNotFoundError);
	});

	it.each([
		['no scenario', { scenarios: [], from: null, to: null }],
		[
			'a window that ends before it starts',
			{ scenarios: [{ id: 'x', version: 1 }], from: 5, to: 4 }
		],
		[
			'a scenario id that is not kebab case',
			{ scenarios: [{ id: 'X Y', version: 1 }], from: null, to: null }
		]
	])('refuses %s', async (_, changes) => {
		const s = storage();
		await expect(s.competitions.create({ name: 'Cup', ...changes })).rejects.toBeInstanceOf(
			InvalidRecordError
		);
		expect(await s.competitions.list()).toEqual([]);
	});
});

describe('settings', () => {
	it('gets and sets typed values, and forgets them', async () => {
		const s = storage();
		expect(await s.settings.get('firstPlaySeen')).toBeUndefined();
		await s.settings.set('firstPlaySeen', true);
		await s.settings.set('currentPlayerId', 'p1');
		expect(await s.settings.get('firstPlaySeen')).toBe(true);
		expect(await s.settings.get('currentPlayerId')).toBe('p1');
		await s.settings.remove('currentPlayerId');
		expect(await s.settings.get('currentPlayerId')).toBeUndefined();
	});

	it('refuses a value of the wrong shape, and ignores a stored one that no longer fits', async () => {
		const s = storage();
		await expect(
			s.settings.set('firstPlaySeen', 'yes' as unknown as boolean)
		).rejects.toBeInstanceOf(InvalidRecordError);
		await s.db.settings.put({ key: 'firstPlaySeen', value: 'yes' });
		expect(await s.settings.get('firstPlaySeen')).toBeUndefined();
	});
});

describe('persistence', () => {
	function browser(granted: boolean, persisted = false) {
		const api = {
			persist: vi.fn(async () => granted),
			persisted: vi.fn(async () => persisted),
			estimate: vi.fn(async () => ({ usage: 1234, quota: 10_000 }))
		} satisfies StorageManagerLike;
		return api;
	}

	it('asks the browser once and remembers the answer', async () => {
		const api = browser(false);
		const s = storage({ storageManager: () => api });
		expect(await s.persistence.requestPersistence()).toBe(false);
		expect(await s.persistence.requestPersistence()).toBe(false);
		expect(api.persist).toHaveBeenCalledTimes(1);
		expect(await s.settings.get('persistence')).toMatchObject({ granted: false });
		// Pressing the button asks again.
		api.persist.mockResolvedValueOnce(true);
		expect(await s.persistence.askAgain()).toBe(true);
		expect(api.persist).toHaveBeenCalledTimes(2);
	});

	it('does not ask when the data is already kept', async () => {
		const api = browser(true, true);
		const s = storage({ storageManager: () => api });
		expect(await s.persistence.requestPersistence()).toBe(true);
		expect(api.persist).not.toHaveBeenCalled();
		expect(await s.persistence.isPersisted()).toBe(true);
	});

	it('reads the storage estimate, and says null where the browser cannot tell', async () => {
		const s = storage({ storageManager: () => browser(true) });
		expect(await s.persistence.estimate()).toEqual({ usage: 1234, quota: 10_000 });
		const bare = storage({ storageManager: () => ({}) });
		expect(await bare.persistence.estimate()).toBeNull();
		expect(await bare.persistence.requestPersistence()).toBeNull();
		expect(await bare.persistence.isPersisted()).toBeNull();
		const none = storage({ storageManager: () => undefined });
		expect(await none.persistence.askAgain()).toBeNull();
	});
});

describe('asking to keep the data when it becomes worth keeping', () => {
	async function finishDeal(s: TestStorage, mode: 'practice' | 'assessment') {
		const player = await s.players.create('Li Na');
		const deal = await s.deals.start({
			scenarioId: 'test-plant',
			scenarioVersion: 1,
			scenarioHash: HASH,
			playerId: player.id,
			mode,
			snapshot: {},
			snapshotVersion: 1
		});
		return s.deals.finish(deal.id, {
			result: { outcome: 'lost', score: 20, categories: {} },
			weeksUsed: 4,
			verified: true
		});
	}

	async function importAttempt(s: TestStorage) {
		const player = await s.players.ensure('Li Na');
		return s.attempts.add({
			scenarioId: 'test-plant',
			scenarioVersion: 1,
			scenarioHash: HASH,
			playerId: player.id,
			mode: 'assessment',
			startedAt: 1,
			finishedAt: 2,
			actions: [{ type: 'withdraw' }],
			result: { outcome: 'withdrawn', score: 5, categories: {} },
			weeksUsed: 0,
			verified: true,
			source: 'imported'
		});
	}

	it.each<[string, (s: TestStorage) => Promise<unknown>, number]>([
		['a trainer saves a scenario', (s) => s.scenarios.save(JSON.stringify(testScenarioInput)), 1],
		['a result is imported', importAttempt, 1],
		['an assessment deal is finished', (s) => finishDeal(s, 'assessment'), 1],
		['a practice deal is finished', (s) => finishDeal(s, 'practice'), 0],
		['a player is created', (s) => s.players.create('Li Na'), 0]
	])('when %s (asks %i time)', async (_, write, asks) => {
		const s = storage();
		const ask = vi.spyOn(s.persistence, 'requestPersistence').mockResolvedValue(true);
		await write(s);
		expect(ask).toHaveBeenCalledTimes(asks);
	});

	it('asks the browser itself once, however many results are recorded', async () => {
		const persist = vi.fn(async () => false);
		const s = storage({ storageManager: () => ({ persist, persisted: async () => false }) });
		await finishDeal(s, 'assessment');
		await vi.waitFor(async () => expect(await s.settings.get('persistence')).toBeDefined());
		await importAttempt(s);
		await s.persistence.requestPersistence();
		expect(persist).toHaveBeenCalledTimes(1);
	});
});

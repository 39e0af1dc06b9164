import { afterEach, describe, expect, it } from 'vitest';
import { StorageFullError, StorageUnavailableError } from '$lib/db';
import { testStorage, type TestStorage } from '$lib/db/test-support';
import { nameProblem } from '$lib/engine/names';
import { PlayerState, type PlayerStorage } from './player.svelte';

let open: TestStorage[] = [];
afterEach(() => {
	for (const s of open) s.db.close();
	open = [];
});
function storage(): TestStorage {
	const s = testStorage();
	open.push(s);
	return s;
}

/** A storage whose every call fails the way a browser without IndexedDB fails. */
function failing(error: () => Error): PlayerStorage {
	const reject = () => Promise.reject(error());
	return {
		players: { list: reject, ensure: reject },
		teams: { list: reject, ensure: reject },
		settings: { get: reject, set: reject }
	};
}

describe('nameProblem', () => {
	it.each([
		['', 'empty'],
		['   ', 'empty'],
		['Li Na', undefined],
		['张伟', undefined],
		['x'.repeat(80), undefined],
		[` ${'x'.repeat(80)} `, undefined],
		['x'.repeat(81), 'long']
	])('%j → %s', (name, problem) => expect(nameProblem(name)).toBe(problem));
});

describe('PlayerState', () => {
	it('starts with no one chosen and loads the stored players and teams', async () => {
		const s = storage();
		const east = await s.teams.create('East');
		await s.players.create('Li Na', east.id);
		await s.players.create('Wang Wei');
		const state = new PlayerState(s);
		expect(state.status).toBe('idle');
		await state.load();
		expect(state.status).toBe('ready');
		expect(state.players.map((p) => p.name)).toEqual(['Li Na', 'Wang Wei']);
		expect(state.teams.map((t) => t.name)).toEqual(['East']);
		expect(state.current).toBeUndefined();
		expect(state.teamName(state.players[0])).toBe('East');
		expect(state.teamName(state.players[1])).toBeNull();
	});

	it('creates a player in a new team, remembers them, and finds them again after a reload', async () => {
		const s = storage();
		const state = new PlayerState(s);
		const outcome = await state.create('  Li Na ', ' East ');
		expect(outcome).toMatchObject({ ok: true, player: { name: 'Li Na', teamName: 'East' } });
		expect(state.current).toEqual(outcome.ok ? outcome.player : undefined);
		expect(state.team?.name).toBe('East');
		expect(await s.settings.get('currentPlayerId')).toBe(state.current?.id);

		const later = new PlayerState(s);
		await later.load();
		expect(later.current).toEqual(state.current);
	});

	it('takes the same name in the same team as the same player, and joins an existing team', async () => {
		const s = storage();
		const state = new PlayerState(s);
		const first = await state.create('Li Na', 'East');
		const again = await state.create('li  na', 'EAST');
		expect(first.ok && again.ok && again.player.id === first.player.id).toBe(true);
		const other = await state.create('Li Na', 'West');
		expect(other.ok && first.ok && other.player.id !== first.player.id).toBe(true);
		expect(state.teams.map((t) => t.name)).toEqual(['East', 'West']);
		expect(state.players).toHaveLength(2);
	});

	it('creates a player without a team', async () => {
		const state = new PlayerState(storage());
		const outcome = await state.create('Wang Wei', '  ');
		expect(outcome).toMatchObject({ ok: true, player: { name: 'Wang Wei', teamName: null } });
		expect(state.team).toBeUndefined();
	});

	it.each([
		['', undefined, 'name-empty'],
		['   ', 'East', 'name-empty'],
		['x'.repeat(81), undefined, 'name-long'],
		['Li Na', 'y'.repeat(81), 'team-long']
	])('refuses name %j in team %j: %s, storing nothing', async (name, team, problem) => {
		const s = storage();
		const state = new PlayerState(s);
		expect(await state.create(name, team)).toEqual({ ok: false, problem });
		expect(await s.players.list()).toEqual([]);
		expect(await s.teams.list()).toEqual([]);
		expect(state.current).toBeUndefined();
	});

	it('switches between stored players', async () => {
		const s = storage();
		const a = await s.players.create('Li Na');
		const b = await s.players.create('Wang Wei');
		const state = new PlayerState(s);
		expect(await state.choose(a.id)).toMatchObject({ ok: true, player: { id: a.id } });
		expect(await state.choose(b.id)).toMatchObject({ ok: true, player: { id: b.id } });
		expect(state.current?.name).toBe('Wang Wei');
		expect(await s.settings.get('currentPlayerId')).toBe(b.id);
		expect(await state.choose('no-such-player')).toEqual({ ok: false, problem: 'unknown-player' });
		expect(state.current?.name).toBe('Wang Wei');
	});

	it('forgets a current player who was removed since', async () => {
		const s = storage();
		const gone = await s.players.create('Li Na');
		await s.settings.set('currentPlayerId', gone.id);
		await s.db.players.delete(gone.id);
		const state = new PlayerState(s);
		await state.load();
		expect(state.current).toBeUndefined();
	});

	it('keeps the name in memory where storage is unavailable', async () => {
		const state = new PlayerState(failing(() => new StorageUnavailableError()));
		await state.load();
		expect(state.status).toBe('memory');
		const outcome = await state.create('Li Na', 'East');
		expect(outcome).toEqual({ ok: true, player: { id: null, name: 'Li Na', teamName: 'East' } });
		expect(state.current).toEqual({ id: null, name: 'Li Na', teamName: 'East' });
		expect(await state.create('', 'East')).toEqual({ ok: false, problem: 'name-empty' });
	});

	it('says why when storage is full, and keeps the previous player', async () => {
		const s = storage();
		const state = new PlayerState(s);
		await state.create('Li Na');
		const full: PlayerStorage = {
			...s,
			players: {
				list: () => s.players.list(),
				ensure: () => Promise.reject(new StorageFullError())
			}
		};
		const cramped = new PlayerState(full);
		await cramped.load();
		expect(cramped.current?.name).toBe('Li Na');
		expect(await cramped.create('Wang Wei')).toEqual({ ok: false, problem: 'full' });
		expect(cramped.current?.name).toBe('Li Na');
	});

	it('reports a storage that fails to load', async () => {
		const state = new PlayerState(failing(() => new StorageFullError()));
		await state.load();
		expect(state.status).toBe('failed');
		expect(state.problem).toBe('full');
	});

	it('a choice made while the players are read again is not undone when that read ends', async () => {
		const s = storage();
		const li = await s.players.create('Li Na');
		const wang = await s.players.create('Wang Wei');
		await s.settings.set('currentPlayerId', wang.id);
		// The current player's setting answers late, as on a device that loads its storage first.
		let release = () => {};
		const late = new Promise<void>((done) => (release = done));
		let slow = false;
		const state = new PlayerState({
			...s,
			settings: {
				get: async (key) => {
					const wait = slow;
					const value = await s.settings.get(key);
					if (wait) await late;
					return value;
				},
				set: (key, value) => s.settings.set(key, value)
			}
		});
		await state.load();
		expect(state.current?.name).toBe('Wang Wei');
		// The trainee picks Li Na; the page reads the players again meanwhile (the picker opening).
		const choosing = state.choose(li.id);
		slow = true;
		const reading = state.load(true);
		slow = false;
		expect(await choosing).toMatchObject({ ok: true });
		expect(state.current?.name).toBe('Li Na');
		release();
		await reading;
		expect(state.current?.name).toBe('Li Na');
	});

	it('reset() forgets everything', async () => {
		const state = new PlayerState(storage());
		await state.create('Li Na', 'East');
		state.reset();
		expect(state.status).toBe('idle');
		expect(state.current).toBeUndefined();
		expect(state.players).toEqual([]);
		expect(state.teams).toEqual([]);
		await state.load();
		expect(state.current?.name).toBe('Li Na');
	});
});

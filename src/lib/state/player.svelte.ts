/**
 * Who is playing on this device: the current player and their team (remembered in the
 * `currentPlayerId` setting), and the players and teams to pick from. Where IndexedDB is
 * unavailable the trainee still gets a name, kept in memory for this tab only.
 */
import type {
	PlayerRecord,
	players as storedPlayers,
	TeamRecord,
	teams as storedTeams
} from '$lib/db';
import type { StorageErrorCode } from '$lib/db/errors';
import { loadStorage, settingsWhenNeeded, storedData } from '$lib/db/presence';
import type { SettingRepository } from '$lib/db/setting-repository';

/**
 * The player an attempt is played as (the picker's choice, the play session's player); `id` is
 * null when nothing can be saved: the name is kept in memory only.
 */
export interface CurrentPlayer {
	id: string | null;
	name: string;
	teamName: string | null;
}

export type PlayerStatus = 'idle' | 'loading' | 'ready' | 'memory' | 'failed';

/** Why a player could not be chosen or created. */
export type PlayerProblem =
	'name-empty' | 'name-long' | 'team-long' | 'unknown-player' | 'full' | 'blocked' | 'failed';

export type PlayerOutcome =
	{ ok: true; player: CurrentPlayer } | { ok: false; problem: PlayerProblem };

/** The storage this state needs; the app's by default, a test storage in specs. */
export interface PlayerStorage {
	players: Pick<typeof storedPlayers, 'list' | 'ensure'>;
	teams: Pick<typeof storedTeams, 'list' | 'ensure'>;
	settings: Pick<SettingRepository, 'get' | 'set'>;
}

/**
 * The app's storage, its code loaded when first needed: on a device with no database yet there
 * are no players to list, and the first one created loads it.
 */
const appStorage: PlayerStorage = {
	players: {
		list: async () => (await (await storedData())?.players.list()) ?? [],
		ensure: async (name, teamId) => (await loadStorage()).players.ensure(name, teamId)
	},
	teams: {
		list: async () => (await (await storedData())?.teams.list()) ?? [],
		ensure: async (name) => (await loadStorage()).teams.ensure(name)
	},
	settings: settingsWhenNeeded
};

/*
 * The storage errors' classes (errors.ts) and the name rule (names.ts) are loaded when a write
 * fails or a name is checked, not with the first screen: the errors come from the storage code,
 * which is loaded by then.
 */
async function storageProblem<const Code extends StorageErrorCode>(
	error: unknown,
	expected: readonly Code[]
): Promise<Code | 'failed'> {
	return (await import('$lib/db/errors')).storageProblem(error, expected);
}

function problemOf(error: unknown): Promise<PlayerProblem> {
	return storageProblem(error, ['full', 'blocked']);
}

export class PlayerState {
	#storage: PlayerStorage;
	#status = $state<PlayerStatus>('idle');
	#problem = $state<PlayerProblem | undefined>();
	#players = $state.raw<PlayerRecord[]>([]);
	#teams = $state.raw<TeamRecord[]>([]);
	#currentId = $state<string | null>(null);
	#memory = $state.raw<CurrentPlayer | undefined>();
	#loading: Promise<void> | undefined;
	/** Counts choices of the current player: a read begun before one must not undo it. */
	#chosen = 0;

	constructor(storage: PlayerStorage = appStorage) {
		this.#storage = storage;
	}

	/** `memory`: storage is unavailable and a chosen name lives only in this tab. */
	get status(): PlayerStatus {
		return this.#status;
	}
	/** Why loading failed (status `failed`). */
	get problem(): PlayerProblem | undefined {
		return this.#problem;
	}
	get players(): readonly PlayerRecord[] {
		return this.#players;
	}
	get teams(): readonly TeamRecord[] {
		return this.#teams;
	}
	/** The stored record of the current player, when there is one. */
	get record(): PlayerRecord | undefined {
		return this.#currentId === null
			? undefined
			: this.#players.find((p) => p.id === this.#currentId);
	}
	/** The current player's team. */
	get team(): TeamRecord | undefined {
		const teamId = this.record?.teamId;
		return teamId ? this.#teams.find((t) => t.id === teamId) : undefined;
	}
	/** Who is playing, or undefined until someone is chosen. */
	get current(): CurrentPlayer | undefined {
		if (this.#memory) return this.#memory;
		const record = this.record;
		if (!record) return undefined;
		return { id: record.id, name: record.name, teamName: this.team?.name ?? null };
	}
	/** The team a player belongs to, by name. */
	teamName(player: PlayerRecord): string | null {
		return player.teamId ? (this.#teams.find((t) => t.id === player.teamId)?.name ?? null) : null;
	}

	/** Reads the players, the teams and the current player; once, unless `force`. */
	load(force = false): Promise<void> {
		if (this.#loading && !force) return this.#loading;
		this.#loading = this.#read();
		return this.#loading;
	}

	async #read(): Promise<void> {
		if (this.#status === 'idle') this.#status = 'loading';
		const chosen = this.#chosen;
		try {
			const [players, teams, currentId] = await Promise.all([
				this.#storage.players.list(),
				this.#storage.teams.list(),
				this.#storage.settings.get('currentPlayerId')
			]);
			// A player was chosen while this read was on its way: read again, after the choice.
			if (chosen !== this.#chosen) return this.#read();
			this.#players = players;
			this.#teams = teams;
			// A player removed by the trainer since is no longer current.
			this.#currentId = players.some((p) => p.id === currentId) ? (currentId ?? null) : null;
			this.#status = this.#memory ? 'memory' : 'ready';
			this.#problem = undefined;
		} catch (error) {
			if ((await storageProblem(error, ['unavailable'])) === 'unavailable') {
				this.#status = 'memory';
			} else {
				this.#status = 'failed';
				this.#problem = await problemOf(error);
			}
		}
	}

	/** Plays as a stored player from now on. */
	async choose(id: string): Promise<PlayerOutcome> {
		await this.load();
		if (!this.#players.some((p) => p.id === id)) return { ok: false, problem: 'unknown-player' };
		try {
			await this.#storage.settings.set('currentPlayerId', id);
		} catch (error) {
			return { ok: false, problem: await problemOf(error) };
		}
		this.#memory = undefined;
		this.#currentId = id;
		this.#chosen++;
		this.#status = 'ready';
		return { ok: true, player: this.current! };
	}

	/**
	 * Plays as the player of this name (in this team, made if needed), created when there is
	 * none: the same name in the same team is the same player. Where storage is unavailable
	 * the name is kept in memory.
	 */
	async create(name: string, teamName?: string | null): Promise<PlayerOutcome> {
		const { nameProblem } = await import('$lib/engine/names');
		const nameIssue = nameProblem(name);
		if (nameIssue)
			return { ok: false, problem: nameIssue === 'empty' ? 'name-empty' : 'name-long' };
		const team = teamName?.trim() ? teamName.trim() : null;
		if (team !== null && nameProblem(team)) return { ok: false, problem: 'team-long' };
		await this.load();
		if (this.#status === 'memory') return this.#keepInMemory(name.trim(), team);
		let chosen: CurrentPlayer;
		try {
			const teamRecord = team === null ? null : await this.#storage.teams.ensure(team);
			const record = await this.#storage.players.ensure(name, teamRecord?.id ?? null);
			await this.#storage.settings.set('currentPlayerId', record.id);
			chosen = { id: record.id, name: record.name, teamName: teamRecord?.name ?? null };
			this.#currentId = record.id;
			this.#chosen++;
			this.#memory = undefined;
		} catch (error) {
			if ((await storageProblem(error, ['unavailable'])) === 'unavailable') {
				this.#status = 'memory';
				return this.#keepInMemory(name.trim(), team);
			}
			return { ok: false, problem: await problemOf(error) };
		}
		await this.load(true);
		return { ok: true, player: chosen };
	}

	#keepInMemory(name: string, teamName: string | null): PlayerOutcome {
		this.#memory = { id: null, name, teamName };
		return { ok: true, player: this.#memory };
	}

	/** Back to nothing loaded (tests). */
	reset(): void {
		this.#status = 'idle';
		this.#problem = undefined;
		this.#players = [];
		this.#teams = [];
		this.#currentId = null;
		this.#memory = undefined;
		this.#loading = undefined;
	}
}

/** The app's one player state. */
export const player = new PlayerState();

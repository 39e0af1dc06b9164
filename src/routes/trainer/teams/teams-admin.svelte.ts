/**
 * The teams admin's live lists (teams with their player counts, players) and its changes, each
 * reported as a message the page can show.
 */
import { liveQuery } from 'dexie';
import { type PlayerRecord, players, storageProblem, teams } from '$lib/db';
import type { TeamWithCount } from '$lib/db/team-repository';
import { nameProblem } from '$lib/engine/names';

export type ChangeProblem = 'empty' | 'long' | 'taken' | 'not-empty' | 'full' | 'failed';

export type ChangeOutcome = { ok: true } | { ok: false; problem: ChangeProblem };

function problemOf(error: unknown): ChangeProblem {
	const problem = storageProblem(error, ['name-taken', 'team-not-empty', 'full']);
	return problem === 'name-taken' ? 'taken' : problem === 'team-not-empty' ? 'not-empty' : problem;
}

async function attempt(change: () => Promise<unknown>): Promise<ChangeOutcome> {
	try {
		await change();
		return { ok: true };
	} catch (error) {
		return { ok: false, problem: problemOf(error) };
	}
}

export class TeamsAdmin {
	#teams = $state.raw<TeamWithCount[]>([]);
	#players = $state.raw<PlayerRecord[]>([]);
	#loaded = $state(false);
	#unavailable = $state(false);

	/** Construct while a component initialises: the lists follow the database until it unmounts. */
	constructor() {
		$effect(() => {
			const subscription = liveQuery(async () => ({
				teams: await teams.listWithCounts(),
				players: await players.list()
			})).subscribe({
				next: (value) => {
					this.#teams = value.teams;
					this.#players = value.players;
					this.#loaded = true;
				},
				error: (error) => {
					this.#loaded = true;
					this.#unavailable = storageProblem(error, ['unavailable']) === 'unavailable';
				}
			});
			return () => subscription.unsubscribe();
		});
	}

	get teams(): TeamWithCount[] {
		return this.#teams;
	}

	get players(): PlayerRecord[] {
		return this.#players;
	}

	get loaded(): boolean {
		return this.#loaded;
	}

	get unavailable(): boolean {
		return this.#unavailable;
	}

	create(name: string): Promise<ChangeOutcome> {
		const problem = nameProblem(name);
		if (problem) return Promise.resolve({ ok: false, problem });
		return attempt(() => teams.create(name));
	}

	rename(id: string, name: string): Promise<ChangeOutcome> {
		const problem = nameProblem(name);
		if (problem) return Promise.resolve({ ok: false, problem });
		return attempt(() => teams.rename(id, name));
	}

	merge(fromId: string, intoId: string): Promise<ChangeOutcome> {
		return attempt(() => teams.merge(fromId, intoId));
	}

	remove(id: string): Promise<ChangeOutcome> {
		return attempt(() => teams.remove(id));
	}

	movePlayer(id: string, teamId: string | null, carryAttempts: boolean): Promise<ChangeOutcome> {
		return attempt(() => players.move(id, teamId, { carryAttempts }));
	}

	renamePlayer(id: string, name: string): Promise<ChangeOutcome> {
		const problem = nameProblem(name);
		if (problem) return Promise.resolve({ ok: false, problem });
		return attempt(() => players.rename(id, name));
	}
}

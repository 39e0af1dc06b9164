/**
 * The live scoreboard: a board query that follows the database as results arrive (Dexie
 * liveQuery — other tabs' writes included), for the scoreboard page and the projector.
 */
import { liveQuery } from 'dexie';
import { StorageUnavailableError } from '$lib/db';
import type { BoardQuery } from '$lib/scoreboard/board-query';
import {
	appBoardStorage,
	currentTime,
	loadBoard,
	type BoardData,
	type BoardStorage
} from './scoreboard-data';

export type { BoardData } from './scoreboard-data';
export { scenarioVersions } from './scoreboard-data';

export type FeedProblem = 'unavailable' | 'failed';

/**
 * A board that stays current. Construct it while a component initialises: it follows the query
 * getter and stops with the component.
 */
export class ScoreboardFeed {
	#data = $state.raw<BoardData | undefined>();
	#loading = $state(true);
	#problem = $state<FeedProblem | undefined>();
	#rebuilding = $state(false);
	#checked = $state(false);
	#generation = $state(0);

	constructor(
		query: () => BoardQuery,
		now: () => Date = currentTime,
		storage: BoardStorage = appBoardStorage
	) {
		// Once per page: a table written around the repositories is rebuilt first (liveQuery then
		// sees the rebuilt rows); the board counts as ready only once this check is done.
		storage.boards
			.ensureFresh(() => (this.#rebuilding = true))
			.catch(() => false)
			.then((rebuilt) => {
				// Read the board again from the rebuilt rows before calling it ready.
				if (rebuilt) this.#generation++;
				this.#rebuilding = false;
				this.#checked = true;
			});
		$effect(() => {
			const current = query();
			void this.#generation;
			this.#loading = true;
			const subscription = liveQuery(() => loadBoard(current, now(), storage)).subscribe({
				next: (data) => {
					this.#data = data;
					this.#loading = false;
					this.#problem = undefined;
				},
				error: (error) => {
					this.#loading = false;
					this.#problem = error instanceof StorageUnavailableError ? 'unavailable' : 'failed';
				}
			});
			return () => subscription.unsubscribe();
		});
	}

	get data(): BoardData | undefined {
		return this.#data;
	}

	/** True until the current query's first result is in (and the board table was checked). */
	get loading(): boolean {
		return this.#loading || !this.#checked;
	}

	get problem(): FeedProblem | undefined {
		return this.#problem;
	}

	/** The derived board table is being rebuilt from the stored attempts. */
	get rebuilding(): boolean {
		return this.#rebuilding;
	}
}

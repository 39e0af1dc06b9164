/**
 * The live scoreboard: a board query that follows the database as results arrive (Dexie's
 * storagemutated event — other tabs' writes included), for the scoreboard page and the projector.
 */
import { untrack } from 'svelte';
import { storageProblem } from '$lib/db/errors';
import type { BoardQuery } from '$lib/scoreboard/board-query';
import type { PeriodKind } from '$lib/scoreboard/ranking';
import {
	appBoardStorage,
	currentTime,
	BoardReader,
	type BoardData,
	type BoardStorage
} from './scoreboard-data';
import { coalescedRead } from './coalesced-read';
import { afterPaint } from './scheduling';

export type { BoardData } from './scoreboard-data';
export { scenarioVersions } from './scoreboard-data';

export type FeedProblem = 'unavailable' | 'failed';

export interface FeedOptions {
	now?: () => Date;
	storage?: BoardStorage;
	/**
	 * Once a board is painted, read these periods of the same board, so that switching to one
	 * shows at once, and then the board's recent rows (BoardReader.readAhead): the scoreboard
	 * page; the projector does not switch.
	 */
	prefetch?: readonly PeriodKind[];
}

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
		{ now = currentTime, storage = appBoardStorage, prefetch = [] }: FeedOptions = {}
	) {
		const reader = new BoardReader(storage, now);
		// Once per page: a table written around the repositories is rebuilt first (the query then
		// reads the rebuilt rows); the board counts as ready only once this check is done.
		storage.boards
			.ensureFresh(() => (this.#rebuilding = true))
			.catch(() => false)
			.then((rebuilt) => {
				// Read the board again from the rebuilt rows before calling it ready.
				if (rebuilt) {
					reader.forget();
					this.#generation++;
				}
				this.#rebuilding = false;
				this.#checked = true;
			});
		$effect(() => {
			const current = query();
			void this.#generation;
			this.#loading = true;
			let stopped = false;
			let prefetched = false;
			// Runs the query now (not a timer later, as liveQuery's first run), and again after each
			// write; writes that arrive while it runs are caught by one more run, not one each.
			const read = coalescedRead(() => reader.read(current), {
				stopped: () => stopped,
				done: (data) => {
					this.#data = data;
					this.#loading = false;
					this.#problem = undefined;
				},
				failed: (error) => {
					this.#loading = false;
					this.#problem = storageProblem(error, ['unavailable']);
				}
			});
			const run = async () => {
				if (!(await read())) return;
				if (prefetched || prefetch.length === 0) return;
				prefetched = true;
				afterPaint(async () => {
					try {
						for (const kind of prefetch)
							if (!stopped && kind !== current.period.kind && kind !== 'custom')
								await reader.read({ ...current, period: { kind } });
						// And the recent rows, for custom windows and competitions over recent days.
						if (!stopped) await reader.readAhead(current);
					} catch {
						// Reading ahead is a wish; the board shown is not affected.
					}
				});
			};
			// Any write to what boards read (here or in another tab): every kept answer is dropped.
			const unwatch = storage.boards.watch(() => {
				reader.forget();
				void run();
			});
			// Nothing the query reads on its way belongs to this effect: only query() and generation.
			untrack(() => void run());
			return () => {
				stopped = true;
				unwatch();
			};
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

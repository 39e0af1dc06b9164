/**
 * The projector's view of a live board: rank changes since the previous snapshot, the leader to
 * announce when they change, and pages that turn by themselves when there are more rows than
 * fit on the screen.
 */
import { rankChanges, rankSnapshot, type RankChange } from '$lib/scoreboard/ranking';

/** One row on the projector: a player or a team. */
export interface ProjectorRow {
	key: string;
	rank: number;
	name: string;
	detail: string;
	score: number;
	/** The debrief of the attempt behind the row, for a player on a scenario board. */
	attemptId: string | null;
}

export const PAGE_SIZE = 10;
export const PAGE_SECONDS = 12;

function sameRanks(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
	if (a.size !== b.size) return false;
	for (const [key, rank] of a) if (b.get(key) !== rank) return false;
	return true;
}

export class ProjectorBoard {
	#rows = $state.raw<ProjectorRow[]>([]);
	#changes = $state.raw<ReadonlyMap<string, RankChange>>(rankChanges(null, []));
	#previous: ReadonlyMap<string, number> | null = null;
	#leader = $state<ProjectorRow | undefined>();
	#announcement = $state('');
	#page = $state(0);
	#boardKey: string | undefined;

	/**
	 * Takes a new snapshot. `board` names what is shown (view, board, window): a snapshot of
	 * another board starts afresh instead of showing every row as moved.
	 */
	update(board: string, rows: ProjectorRow[], announce: (row: ProjectorRow) => string): void {
		if (board !== this.#boardKey) {
			this.#boardKey = board;
			this.#previous = null;
			this.#page = 0;
		}
		const snapshot = rankSnapshot(rows);
		if (this.#previous && sameRanks(this.#previous, snapshot)) {
			// Nothing moved (another write woke the query): keep the marks of the last move.
			this.#rows = rows;
			this.#leader = rows[0];
			return;
		}
		const previousLeader = this.#previous ? this.#rows[0]?.key : undefined;
		this.#changes = rankChanges(this.#previous, rows);
		this.#previous = snapshot;
		this.#rows = rows;
		const leader = rows[0];
		if (leader && previousLeader !== undefined && leader.key !== previousLeader)
			this.#announcement = announce(leader);
		else if (!leader || previousLeader === undefined) this.#announcement = '';
		this.#leader = leader;
		if (this.#page >= this.pages) this.#page = 0;
	}

	get rows(): ProjectorRow[] {
		return this.#rows;
	}

	get changes(): ReadonlyMap<string, RankChange> {
		return this.#changes;
	}

	get leader(): ProjectorRow | undefined {
		return this.#leader;
	}

	/** What the polite live region says: a new leader, once. */
	get announcement(): string {
		return this.#announcement;
	}

	get pages(): number {
		return Math.max(1, Math.ceil(this.#rows.length / PAGE_SIZE));
	}

	get page(): number {
		return this.#page;
	}

	get shown(): ProjectorRow[] {
		return this.#rows.slice(this.#page * PAGE_SIZE, (this.#page + 1) * PAGE_SIZE);
	}

	nextPage(): void {
		this.#page = (this.#page + 1) % this.pages;
	}

	reset(): void {
		this.#rows = [];
		this.#changes = rankChanges(null, []);
		this.#previous = null;
		this.#leader = undefined;
		this.#announcement = '';
		this.#page = 0;
		this.#boardKey = undefined;
	}
}

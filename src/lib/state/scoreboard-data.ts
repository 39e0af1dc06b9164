/**
 * Reading a scoreboard: a board query (from the address) turned into ranked rows, and the
 * scenario versions this device knows. The live wrapper is scoreboard.svelte.ts.
 */
import type {
	boards as storedBoards,
	competitions as storedCompetitions,
	teams as storedTeams,
	BoardEntry,
	BoardSummary,
	BoardWindow,
	BucketCache,
	CompetitionRecord
} from '$lib/db';
import { loadStorage, storedData } from '$lib/db/presence';
import { paramsOfQuery, type BoardQuery } from '$lib/scoreboard/board-query';
import type { ShippedSummary } from '$lib/scenarios/shipped-list';
import {
	BOARD_MODE,
	competitionWindow,
	intersectWindows,
	periodWindow,
	rankCompetition,
	rankCompetitionTeams,
	rankScenario,
	rankTeams,
	type CompetitionPlayerRow,
	type CompetitionTeamRow,
	type RankedEntry,
	type TeamBoard
} from '$lib/scoreboard/ranking';

export interface ScenarioVersionRef {
	id: string;
	version: number;
}

export interface BoardData {
	/** Every scenario version with assessment results, the most recent first. */
	boards: BoardSummary[];
	competitions: CompetitionRecord[];
	/** The chosen competition; null when none is chosen or it no longer exists. */
	competition: CompetitionRecord | null;
	/** A competition was asked for by id but is not stored here. */
	competitionMissing: boolean;
	/** The scenario versions to choose from: the competition's, or every one with results. */
	choices: ScenarioVersionRef[];
	/** The scenario version shown on a scenario or team board. */
	board: ScenarioVersionRef | null;
	/** The window results must finish in: competition and period together. */
	window: BoardWindow;
	scenario: RankedEntry[];
	teams: TeamBoard;
	/** A competition's overall board; null without a competition. */
	overall: {
		players: CompetitionPlayerRow[];
		teams: { rows: CompetitionTeamRow[]; withoutTeam: number };
	} | null;
	/** Each team's current number of players. */
	teamSizes: ReadonlyMap<string, number>;
}

export interface BoardStorage {
	boards: Pick<
		typeof storedBoards,
		'best' | 'bestOnSeed' | 'list' | 'ensureFresh' | 'watch' | 'preload'
	>;
	competitions: Pick<typeof storedCompetitions, 'list'>;
	teams: Pick<typeof storedTeams, 'listWithCounts'>;
}

/** Runs `task` once the page has painted what is pending now, when the browser is idle. */
function whenIdle(task: () => void): void {
	requestAnimationFrame(() =>
		typeof requestIdleCallback === 'function'
			? requestIdleCallback(task, { timeout: 2000 })
			: setTimeout(task, 0)
	);
}

/**
 * The app's boards, with the storage code loaded through presence.ts: on a device with no
 * database (nothing stored yet) every board is empty, and the first screen shows without Dexie,
 * the record schemas and Zod. Where the database exists the reads go to the repositories as
 * before. `watch` follows writes as soon as the storage code is there; without a database it
 * loads that code once the page is painted and idle, so that results another tab stores (which
 * creates the database) still reach an open board, and reads the board again then.
 */
export const appBoardStorage: BoardStorage = {
	boards: {
		best: async (board, window, cache) =>
			(await storedData())?.boards.best(board, window, cache) ?? [],
		bestOnSeed: async (board, window, seed) =>
			(await storedData())?.boards.bestOnSeed(board, window, seed) ?? [],
		list: async (mode) => (await storedData())?.boards.list(mode) ?? [],
		ensureFresh: async (onRebuild) => (await storedData())?.boards.ensureFresh(onRebuild) ?? false,
		preload: async (board, range, levels, cache) =>
			(await storedData())?.boards.preload(board, range, levels, cache),
		watch(onChange) {
			let stopped = false;
			let stop: (() => void) | undefined;
			const follow = (storage: Awaited<ReturnType<typeof loadStorage>>, missed: boolean) => {
				if (stopped) return;
				stop = storage.boards.watch(onChange);
				// Read without the storage code until now: what was stored meanwhile is read now.
				if (missed) onChange();
			};
			void storedData().then((storage) => {
				if (storage) follow(storage, false);
				else if (!stopped)
					whenIdle(() => void loadStorage({ inParts: true }).then((s) => follow(s, true)));
			});
			return () => {
				stopped = true;
				stop?.();
			};
		}
	},
	competitions: { list: async () => (await storedData())?.competitions.list() ?? [] },
	teams: { listWithCounts: async () => (await storedData())?.teams.listWithCounts() ?? [] }
};

function sameRef(a: ScenarioVersionRef, b: ScenarioVersionRef): boolean {
	return a.id === b.id && a.version === b.version;
}

/** What every board query starts from: the boards with results, and the competitions. */
export interface BoardCatalogue {
	boards: BoardSummary[];
	competitions: CompetitionRecord[];
}

export async function loadCatalogue(
	storage: BoardStorage = appBoardStorage
): Promise<BoardCatalogue> {
	const [boards, competitions] = await Promise.all([
		storage.boards.list(BOARD_MODE),
		storage.competitions.list()
	]);
	return { boards, competitions };
}

/** What a caller keeps between board queries (BoardReader), so that they are not read again. */
export interface KeptReads {
	/** loadCatalogue's answer: it does not depend on the query. */
	catalogue?: Promise<BoardCatalogue>;
	/** Bucket rows read before. */
	rows?: BucketCache;
}

/** Reads and ranks one board query: what the page shows. */
export async function loadBoard(
	query: BoardQuery,
	now: Date,
	storage: BoardStorage = appBoardStorage,
	kept: KeptReads = {}
): Promise<BoardData> {
	const { boards, competitions } = await (kept.catalogue ?? loadCatalogue(storage));
	const competition = competitions.find((c) => c.id === query.competitionId) ?? null;
	const window = intersectWindows(
		competition ? competitionWindow(competition) : {},
		periodWindow(query.period, now)
	);
	const played = boards.map((b) => ({ id: b.scenarioId, version: b.scenarioVersion }));
	const choices = competition
		? // The competition's versions, the most recently played first.
			[...competition.scenarios].sort((a, b) => {
				const rank = (ref: ScenarioVersionRef) => {
					const i = played.findIndex((p) => sameRef(p, ref));
					return i < 0 ? Infinity : i;
				};
				return rank(a) - rank(b);
			})
		: played;
	const asked = query.scenario;
	const board = asked && choices.some((c) => sameRef(c, asked)) ? asked : (choices[0] ?? null);
	const best = (ref: ScenarioVersionRef): Promise<BoardEntry[]> => {
		const board = { scenarioId: ref.id, scenarioVersion: ref.version, mode: BOARD_MODE };
		// A competition with a seed counts only the results played on it (the same deal for all).
		return competition?.seed === undefined
			? storage.boards.best(board, window, kept.rows)
			: storage.boards.bestOnSeed(board, window, competition.seed);
	};

	let scenario: RankedEntry[] = [];
	let overall: BoardData['overall'] = null;
	let teamSizes: ReadonlyMap<string, number> = new Map();
	if (query.view === 'competition') {
		if (competition) {
			const players = rankCompetition(await Promise.all(competition.scenarios.map(best)));
			overall = { players, teams: rankCompetitionTeams(players) };
		}
	} else if (board) {
		scenario = rankScenario(await best(board));
	}
	if (query.view !== 'scenario')
		teamSizes = new Map((await storage.teams.listWithCounts()).map((t) => [t.id, t.members]));
	return {
		boards,
		competitions,
		competition,
		competitionMissing: query.competitionId !== null && competition === null,
		choices,
		board,
		window,
		scenario,
		teams: rankTeams(scenario.map((r) => r.entry)),
		overall,
		teamSizes
	};
}

/** Days of rows read ahead: a week's class and the one before. */
const READ_AHEAD_DAYS = 14;
/** Entries kept in read rows at most (about a few MB); beyond, the rows are read afresh. */
const MAX_KEPT_ENTRIES = 60_000;
const DAY = 86_400_000;

function rowsHeld(rows: BucketCache): number {
	let entries = 0;
	for (const list of rows.values()) entries += list.length;
	return entries;
}

/**
 * Board answers for the queries asked since the last write, so that going back to a period or
 * view shows at once. The scoreboard's feed calls `forget` whenever something a board reads is
 * written (in any tab), so an answer kept here is never older than the database. The catalogue is
 * kept the same way: it does not depend on the query.
 */
export class BoardReader {
	#catalogue: Promise<BoardCatalogue> | undefined;
	#rows: BucketCache = new Map();
	readonly #answers = new Map<string, Promise<BoardData>>();

	constructor(
		private readonly storage: BoardStorage = appBoardStorage,
		private readonly now: () => Date = currentTime,
		/** Answers kept at most; the least recently asked goes first. */
		private readonly limit = 8
	) {}

	/** Drops every kept answer: something boards read has changed. */
	forget(): void {
		this.#catalogue = undefined;
		// A new map: reads still running fill the old one, which nothing uses any more.
		this.#rows = new Map();
		this.#answers.clear();
	}

	/**
	 * Reads ahead the recent rows of the boards a query shows (READ_AHEAD_DAYS of day and week
	 * rows, and the hours of yesterday and today), so that a custom window or a competition over
	 * recent days reads little more than its edges.
	 */
	async readAhead(query: BoardQuery): Promise<void> {
		const data = await this.read(query);
		const refs = query.view === 'competition' ? (data.competition?.scenarios ?? []) : data.choices;
		const shown =
			query.view === 'competition'
				? refs
				: refs.filter((r) => data.board && sameRef(r, data.board));
		const today = Math.floor(this.now().getTime() / DAY) * DAY;
		const rows = this.#rows;
		for (const ref of shown) {
			const board = { scenarioId: ref.id, scenarioVersion: ref.version, mode: BOARD_MODE };
			await this.storage.boards.preload(
				board,
				{ from: today - READ_AHEAD_DAYS * DAY, to: today + DAY },
				['week', 'day'],
				rows
			);
			await this.storage.boards.preload(
				board,
				{ from: today - DAY, to: today + DAY },
				['hour'],
				rows
			);
			// Forgotten meanwhile (a write): stop filling a cache nothing uses.
			if (rows !== this.#rows) return;
			if (rowsHeld(rows) > MAX_KEPT_ENTRIES) break;
		}
	}

	/** The board for a query: kept, or read now (and kept). */
	read(query: BoardQuery): Promise<BoardData> {
		const at = this.now();
		// "Today" is another window after midnight: the window is part of the key.
		const key = `${paramsOfQuery(query)}|${JSON.stringify(periodWindow(query.period, at))}`;
		const kept = this.#answers.get(key);
		if (kept) {
			this.#answers.delete(key);
			this.#answers.set(key, kept);
			return kept;
		}
		const catalogue = (this.#catalogue ??= loadCatalogue(this.storage));
		if (rowsHeld(this.#rows) > MAX_KEPT_ENTRIES) this.#rows = new Map();
		const answer = loadBoard(query, at, this.storage, { catalogue, rows: this.#rows });
		this.#answers.set(key, answer);
		if (this.#answers.size > this.limit) this.#answers.delete(this.#answers.keys().next().value!);
		// A failure is not kept: the next read tries again.
		answer.catch(() => {
			if (this.#answers.get(key) === answer) this.#answers.delete(key);
			if (this.#catalogue === catalogue) this.#catalogue = undefined;
		});
		return answer;
	}
}

/** A scenario version to pick in a competition, with its title. */
export interface ScenarioVersionOption extends ScenarioVersionRef {
	title: string;
	/**
	 * Whether trainees can play it now: the newest shipped or published version of its id (the
	 * library offers only that one). Archived, retired and superseded versions keep their boards.
	 */
	playable: boolean;
}

// The shipped files' ids, versions and titles, from the build (scripts/shipped-scenarios-plugin.ts):
// the board needs titles, not the files. Archived earlier versions count too: their results stay
// on the boards.
const shippedSummaries = import.meta.glob(['/scenarios/*.json', '/scenarios/archive/*.json'], {
	query: '?summary',
	import: 'default',
	eager: true
}) as Record<string, ShippedSummary>;

/** Id, version and title of a scenario file's text; undefined when it has none. */
function titleOf(text: string): ScenarioVersionOption | undefined {
	try {
		const parsed: unknown = JSON.parse(text);
		if (!parsed || typeof parsed !== 'object') return undefined;
		const { id, version, title } = parsed as Record<string, unknown>;
		if (typeof id !== 'string' || typeof version !== 'number') return undefined;
		return { id, version, title: typeof title === 'string' ? title : id, playable: false };
	} catch {
		return undefined;
	}
}

/**
 * Every scenario version this device knows — shipped, published or retired — by title, then
 * version (newest first). Only titles are needed: the shipped ones come from the build's
 * summaries, a trainer's stored ones are read without the validator (the catalogue validates
 * before anything is played), so a board shows at once.
 */
export async function scenarioVersions(): Promise<ScenarioVersionOption[]> {
	const options = new Map<string, ScenarioVersionOption>();
	// The versions the library could offer, by id: the newest of them is the one it does offer.
	const current = new Map<string, number>();
	const add = (option: ScenarioVersionOption | undefined, offered: boolean) => {
		if (!option) return;
		options.set(`${option.id}@${option.version}`, option);
		if (offered && option.version > (current.get(option.id) ?? 0))
			current.set(option.id, option.version);
	};
	for (const [path, { id, version, title }] of Object.entries(shippedSummaries))
		add({ id, version, title, playable: false }, !path.startsWith('/scenarios/archive/'));
	try {
		for (const record of (await (await storedData())?.scenarios.list()) ?? [])
			if (record.status !== 'draft') add(titleOf(record.json), record.status === 'published');
	} catch {
		// Without storage only the shipped scenarios are known.
	}
	for (const option of options.values())
		option.playable = current.get(option.id) === option.version;
	return [...options.values()].sort(
		(a, b) => a.title.localeCompare(b.title) || b.version - a.version
	);
}

/** Titles by `id@version`, as format.ts's scenarioLabel takes them. */
export function titleMap(options: readonly ScenarioVersionOption[]): ReadonlyMap<string, string> {
	return new Map(options.map((o) => [`${o.id}@${o.version}`, o.title]));
}

/** The clock boards use for "today" and "this week". */
export function currentTime(): Date {
	return new Date();
}

/**
 * Scoreboard rankings, as pure functions of board entries (each player's best attempt on one
 * scenario version, as storage's `boards.best` returns them).
 *
 * Fairness rules, in one place:
 * - Only assessment attempts count, on the exact scenario version, finished inside the window
 *   [from, to) — the query's job (`boardQuery`); these functions rank what it found.
 * - A player counts once per board: their best attempt. The order is total, so ranks run 1..n:
 *   higher score, then fewer weeks used, then which reached this device first (then the attempt
 *   id): never a time a file claims.
 * - A team's score is the average of its members' best scores, so team size does not decide.
 *   Members are the players with a best score on the board; the best counts for the team it was
 *   played for. Ties: lower average weeks, then the team whose counted results were all in first
 *   (the earliest last arrival), then the name.
 * - A competition adds up each player's best score on each of its scenario versions (a scenario
 *   not played counts 0). Ties: fewer weeks in all, then the earliest last arrival. A team's
 *   competition score is the average of its members' totals, with the same tie rules.
 */
// From the modules, not `$lib/db`, which opens the app's database.
import { bestEntries, type BoardEntry, type BoardWindow } from '$lib/db/board-buckets';
import type { CompetitionRecord, Mode } from '$lib/db/records';

/** Only assessment attempts count on a scoreboard. */
export const BOARD_MODE: Mode = 'assessment';

export interface RankedEntry {
	rank: number;
	entry: BoardEntry;
}

/** A scenario board: each player's best, ranked 1..n. */
export function rankScenario(entries: Iterable<BoardEntry>): RankedEntry[] {
	return bestEntries(entries).map((entry, i) => ({ rank: i + 1, entry }));
}

export interface TeamRow {
	rank: number;
	teamId: string;
	teamName: string;
	/** Average of the counted members' scores. */
	average: number;
	/** Average weeks used over the counted members. */
	averageWeeks: number;
	/** The latest arrival among the counted results: when the team's score was complete here. */
	lastArrival: number;
	/** The counted members' best entries, ranked. */
	members: BoardEntry[];
}

export interface TeamBoard {
	rows: TeamRow[];
	/** Players with a best score but no team: on the player board, not on the team board. */
	withoutTeam: number;
}

interface TeamScore {
	teamId: string;
	teamName: string;
	average: number;
	averageWeeks: number;
	lastArrival: number;
}

function compareTeams(a: TeamScore, b: TeamScore): number {
	return (
		b.average - a.average ||
		a.averageWeeks - b.averageWeeks ||
		a.lastArrival - b.lastArrival ||
		a.teamName.localeCompare(b.teamName) ||
		(a.teamId < b.teamId ? -1 : a.teamId > b.teamId ? 1 : 0)
	);
}

function average(values: number[]): number {
	return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** What a team's average is taken over: one member's score, weeks used and last arrival. */
interface MemberFigures {
	score: number;
	weeks: number;
	arrival: number;
}

/**
 * Groups ranked members by team and ranks the teams by their members' average (compareTeams);
 * members without a team are only counted.
 */
function rankByTeam<M extends { teamId: string | null; teamName: string | null }>(
	members: Iterable<M>,
	figures: (member: M) => MemberFigures
): { rows: (TeamScore & { rank: number; members: M[] })[]; withoutTeam: number } {
	const groups = new Map<string, M[]>();
	let withoutTeam = 0;
	for (const member of members) {
		if (member.teamId === null) {
			withoutTeam++;
			continue;
		}
		const list = groups.get(member.teamId) ?? [];
		list.push(member);
		groups.set(member.teamId, list);
	}
	const rows = [...groups.entries()]
		.map(([teamId, list]) => {
			const counted = list.map(figures);
			return {
				rank: 0,
				teamId,
				teamName: list[0].teamName ?? '',
				average: average(counted.map((f) => f.score)),
				averageWeeks: average(counted.map((f) => f.weeks)),
				lastArrival: counted.reduce((latest, f) => Math.max(latest, f.arrival), -Infinity),
				members: list
			};
		})
		.sort(compareTeams);
	rows.forEach((row, i) => (row.rank = i + 1));
	return { rows, withoutTeam };
}

/** A team board: the average of each team's members' best scores, ranked 1..n. */
export function rankTeams(entries: Iterable<BoardEntry>): TeamBoard {
	return rankByTeam(bestEntries(entries), (m) => ({
		score: m.score,
		weeks: m.weeksUsed,
		arrival: m.arrivedAt
	}));
}

export interface CompetitionPlayerRow {
	rank: number;
	playerId: string;
	playerName: string;
	teamId: string | null;
	teamName: string | null;
	/** Sum of the best scores over the competition's scenario versions (missing ones count 0). */
	total: number;
	/** Weeks used over the counted results. */
	weeks: number;
	lastArrival: number;
	/** One cell per scenario version of the competition, in its order: the best entry or null. */
	cells: (BoardEntry | null)[];
}

function comparePlayers(a: CompetitionPlayerRow, b: CompetitionPlayerRow): number {
	return (
		b.total - a.total ||
		a.weeks - b.weeks ||
		a.lastArrival - b.lastArrival ||
		(a.playerId < b.playerId ? -1 : a.playerId > b.playerId ? 1 : 0)
	);
}

/**
 * The overall board of a competition, from one board per scenario version (in the competition's
 * order), each as `boards.best` returned it for the competition's window.
 */
export function rankCompetition(
	boards: readonly (readonly BoardEntry[])[]
): CompetitionPlayerRow[] {
	const players = new Map<string, CompetitionPlayerRow>();
	boards.forEach((board, index) => {
		for (const entry of bestEntries(board)) {
			let row = players.get(entry.playerId);
			if (!row) {
				row = {
					rank: 0,
					playerId: entry.playerId,
					playerName: entry.playerName,
					teamId: entry.teamId,
					teamName: entry.teamName,
					total: 0,
					weeks: 0,
					lastArrival: -Infinity,
					cells: boards.map(() => null)
				};
				players.set(entry.playerId, row);
			}
			row.cells[index] = entry;
			row.total += entry.score;
			row.weeks += entry.weeksUsed;
			if (entry.arrivedAt > row.lastArrival) {
				// The player's latest result names them and their team.
				row.lastArrival = entry.arrivedAt;
				row.playerName = entry.playerName;
				row.teamId = entry.teamId;
				row.teamName = entry.teamName;
			}
		}
	});
	const rows = [...players.values()].sort(comparePlayers);
	rows.forEach((row, i) => (row.rank = i + 1));
	return rows;
}

export interface CompetitionTeamRow {
	rank: number;
	teamId: string;
	teamName: string;
	/** Average of the members' competition totals. */
	average: number;
	averageWeeks: number;
	lastArrival: number;
	members: CompetitionPlayerRow[];
}

/** The team board of a competition: the average of its members' totals. */
export function rankCompetitionTeams(players: readonly CompetitionPlayerRow[]): {
	rows: CompetitionTeamRow[];
	withoutTeam: number;
} {
	return rankByTeam(players, (m) => ({ score: m.total, weeks: m.weeks, arrival: m.lastArrival }));
}

/** The window of a competition, as the board query takes it. */
export function competitionWindow(
	competition: Pick<CompetitionRecord, 'from' | 'to'>
): BoardWindow {
	return { from: competition.from, to: competition.to };
}

/** Whether an attempt counts for a competition (the rule the board query applies). */
export function countsFor(
	competition: Pick<CompetitionRecord, 'scenarios' | 'from' | 'to' | 'seed'>,
	attempt: {
		scenarioId: string;
		scenarioVersion: number;
		mode: Mode;
		finishedAt: number;
		seed?: number;
	}
): boolean {
	return (
		attempt.mode === BOARD_MODE &&
		(competition.seed === undefined || (attempt.seed ?? 0) === competition.seed) &&
		competition.scenarios.some(
			(s) => s.id === attempt.scenarioId && s.version === attempt.scenarioVersion
		) &&
		(competition.from === null || attempt.finishedAt >= competition.from) &&
		(competition.to === null || attempt.finishedAt < competition.to)
	);
}

/**
 * The competitions a player can play `scenario` for at `now`: open at that moment, with that exact
 * version, and with a seed its players share (a competition saved before seeds has none to give).
 */
export function openCompetitionsFor<
	C extends Pick<CompetitionRecord, 'scenarios' | 'from' | 'to' | 'seed'>
>(list: readonly C[], scenario: { id: string; version: number }, now: number): C[] {
	return list.filter(
		(c) =>
			c.seed !== undefined &&
			(c.from === null || c.from <= now) &&
			(c.to === null || now < c.to) &&
			c.scenarios.some((ref) => ref.id === scenario.id && ref.version === scenario.version)
	);
}

export const PERIODS = ['all', 'today', 'week', 'custom'] as const;
export type PeriodKind = (typeof PERIODS)[number];

export interface Period {
	kind: PeriodKind;
	/** For `custom`: ms, either may be null (open). */
	from?: number | null;
	to?: number | null;
}

/**
 * The window of a period in the device's local time: today from midnight to midnight, this week
 * from Monday 00:00 (ISO weeks, as in China and most of Europe) for seven days.
 *
 * @example periodWindow({ kind: 'today' }, new Date(2026, 10, 28, 15)) // { from: 28 Nov 00:00, to: 29 Nov 00:00 }
 */
export function periodWindow(period: Period, now: Date): BoardWindow {
	switch (period.kind) {
		case 'all':
			return { from: null, to: null };
		case 'today': {
			const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
			return {
				from: start.getTime(),
				to: new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime()
			};
		}
		case 'week': {
			const back = (now.getDay() + 6) % 7;
			const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() - back);
			const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 7);
			return { from: start.getTime(), to: end.getTime() };
		}
		case 'custom':
			return { from: period.from ?? null, to: period.to ?? null };
	}
}

/** Both windows at once: an attempt must finish inside each (competition and period). */
export function intersectWindows(a: BoardWindow, b: BoardWindow): BoardWindow {
	const max = (x?: number | null, y?: number | null) =>
		x == null ? (y ?? null) : y == null ? x : Math.max(x, y);
	const min = (x?: number | null, y?: number | null) =>
		x == null ? (y ?? null) : y == null ? x : Math.min(x, y);
	return { from: max(a.from, b.from), to: min(a.to, b.to) };
}

/** The ranks of a board, by player or team id: what the next snapshot is compared with. */
export function rankSnapshot(
	rows: readonly { key: string; rank: number }[]
): ReadonlyMap<string, number> {
	return new Map(rows.map((r) => [r.key, r.rank]));
}

export interface RankChange {
	kind: 'new' | 'up' | 'down' | 'same';
	by: number;
}

/**
 * How each row's rank moved since the previous snapshot (keyed by player or team id). With no
 * previous snapshot, nothing is marked.
 *
 * @example rankChanges(new Map([['a', 2]]), [{ key: 'a', rank: 1 }]).get('a') // { kind: 'up', by: 1 }
 */
export function rankChanges(
	previous: ReadonlyMap<string, number> | null,
	current: readonly { key: string; rank: number }[]
): Map<string, RankChange> {
	const changes = new Map<string, RankChange>();
	for (const { key, rank } of current) {
		const before = previous?.get(key);
		if (!previous) changes.set(key, { kind: 'same', by: 0 });
		else if (before === undefined) changes.set(key, { kind: 'new', by: 0 });
		else if (before > rank) changes.set(key, { kind: 'up', by: before - rank });
		else if (before < rank) changes.set(key, { kind: 'down', by: rank - before });
		else changes.set(key, { kind: 'same', by: 0 });
	}
	return changes;
}

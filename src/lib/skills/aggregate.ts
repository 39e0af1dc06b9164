/**
 * Skill levels of trainees, teams and a class, aggregated once (issue 19).
 *
 * `buildCube` reads every attempt once into sums per player and per player and UTC week; every
 * view a trainer switches between (a team, a skill, a trainee) then adds up a few of those sums
 * instead of reading the attempts again, so that a change of team or skill stays fast with
 * 100,000 attempts (scripts/bench/skills.ts measures it).
 *
 * Levels: a trainee's level in a skill is the mean of their attempts' levels in it (0..1); a team's
 * or the class's is the mean of its members' levels, each member counting once, so that one busy
 * trainee does not hide the others — the barrel is as short as its members' staves.
 */
import {
	SKILLS,
	FORECAST_STAGE_COUNT,
	skillIndex,
	type SkillAttempt,
	type SkillId
} from './skills';

const S = SKILLS.length;
/**
 * Layout of one sums row: S level sums, S judged counts, then attempts, wins, the forecasts'
 * squared errors and count (a Brier score per row without reading the forecasts again), and the
 * deals that met the decision maker by the end of internal deliberation of those judged on it.
 */
const ATTEMPTS = 2 * S;
const WON = 2 * S + 1;
const SQUARED = 2 * S + 2;
const FORECASTS = 2 * S + 3;
const MAKER_MET = 2 * S + 4;
const MAKER_JUDGED = 2 * S + 5;
const ROW = 2 * S + 6;

export const WEEK_MS = 7 * 24 * 3600 * 1000;
/** 1970-01-05, the first Monday after the epoch: weeks start on Mondays, UTC, as the scoreboard's do (src/lib/db/board-buckets.ts). */
export const FIRST_MONDAY = 4 * 24 * 3600 * 1000;

/** The start (ms, UTC Monday 00:00) of the week a time falls in. */
export function weekOf(time: number): number {
	return FIRST_MONDAY + Math.floor((time - FIRST_MONDAY) / WEEK_MS) * WEEK_MS;
}

/** A forecast of one stage and what happened: `o` is 1 when the deal was won. */
export interface ForecastPair {
	p: number;
	o: 0 | 1;
	/** Stage index, 0 = discover needs .. 4 = commitment. */
	stage: number;
	week: number;
}

/** Forecast pairs as columns: 100,000 attempts' forecasts without an object each. */
export interface ForecastColumns {
	p: number[];
	o: number[];
	stage: number[];
	week: number[];
}

/** A player's forecasts as pairs. */
export function pairsOf(columns: ForecastColumns, week?: number): ForecastPair[] {
	const pairs: ForecastPair[] = [];
	for (let i = 0; i < columns.p.length; i++) {
		if (week !== undefined && columns.week[i] !== week) continue;
		pairs.push({
			p: columns.p[i],
			o: columns.o[i] as 0 | 1,
			stage: columns.stage[i],
			week: columns.week[i]
		});
	}
	return pairs;
}

/** One player's attempts, summed. */
export interface PlayerSums {
	playerId: string;
	teamId: string | null;
	total: Float64Array;
	/** Week start → sums of that week's attempts. */
	weeks: Map<number, Float64Array>;
	/** Every forecast, packed column by column (`pairsOf` unpacks them). */
	forecasts: ForecastColumns;
	/** Per attempt whose actions were read: the stage reached (0..5) and the outcome. */
	pipeline: { reached: number; won: boolean; week: number }[];
	/** Scenario id → attempts on it. */
	scenarios: Map<string, number>;
}

export interface SkillCube {
	players: PlayerSums[];
	byId: Map<string, PlayerSums>;
	/** Every week with an attempt, oldest first. */
	weeks: number[];
	attempts: number;
}

function add(row: Float64Array, attempt: SkillAttempt): void {
	for (let s = 0; s < S; s++) {
		const level = attempt.levels[s];
		if (Number.isNaN(level)) continue;
		row[s] += level;
		row[S + s] += 1;
	}
	row[ATTEMPTS] += 1;
	const o = attempt.outcome === 'won' ? 1 : 0;
	row[WON] += o;
	if (attempt.decisionMaker !== undefined) {
		row[MAKER_JUDGED] += 1;
		if (attempt.decisionMaker) row[MAKER_MET] += 1;
	}
	if (attempt.forecast) {
		for (let stage = 0; stage < FORECAST_STAGE_COUNT; stage++) {
			const p = attempt.forecast.forecasts[stage];
			if (Number.isNaN(p)) continue;
			row[SQUARED] += (p - o) ** 2;
			row[FORECASTS] += 1;
		}
	}
}

/** Sums every attempt once, by player and by player and week. */
export function buildCube(attempts: Iterable<SkillAttempt>): SkillCube {
	const byId = new Map<string, PlayerSums>();
	const weeks = new Set<number>();
	let count = 0;
	for (const attempt of attempts) {
		count++;
		let player = byId.get(attempt.playerId);
		if (!player) {
			player = {
				playerId: attempt.playerId,
				teamId: attempt.teamId,
				total: new Float64Array(ROW),
				weeks: new Map(),
				forecasts: { p: [], o: [], stage: [], week: [] },
				pipeline: [],
				scenarios: new Map()
			};
			byId.set(attempt.playerId, player);
		}
		const week = weekOf(attempt.finishedAt);
		weeks.add(week);
		add(player.total, attempt);
		let row = player.weeks.get(week);
		if (!row) player.weeks.set(week, (row = new Float64Array(ROW)));
		add(row, attempt);
		player.scenarios.set(attempt.scenarioId, (player.scenarios.get(attempt.scenarioId) ?? 0) + 1);
		if (attempt.forecast) {
			const o = attempt.outcome === 'won' ? 1 : 0;
			for (let stage = 0; stage < FORECAST_STAGE_COUNT; stage++) {
				const p = attempt.forecast.forecasts[stage];
				if (Number.isNaN(p)) continue;
				player.forecasts.p.push(p);
				player.forecasts.o.push(o);
				player.forecasts.stage.push(stage);
				player.forecasts.week.push(week);
			}
			player.pipeline.push({ reached: attempt.forecast.reached, won: o === 1, week });
		}
	}
	return {
		players: [...byId.values()],
		byId,
		weeks: [...weeks].sort((a, b) => a - b),
		attempts: count
	};
}

/** Who a view is about: the whole class, one team (id), or the players without a team (null). */
export type Scope = { kind: 'class' } | { kind: 'team'; teamId: string | null };

/** The players of a scope, in the cube's order. */
export function membersOf(cube: SkillCube, scope: Scope): PlayerSums[] {
	if (scope.kind === 'class') return cube.players;
	return cube.players.filter((player) => player.teamId === scope.teamId);
}

/** Levels per skill (NaN where nothing was judged) from one sums row. */
export function levelsOfRow(row: Float64Array): number[] {
	const levels: number[] = [];
	for (let s = 0; s < S; s++) levels.push(row[S + s] > 0 ? row[s] / row[S + s] : NaN);
	return levels;
}

export function attemptsOfRow(row: Float64Array): number {
	return row[ATTEMPTS];
}

export function winsOfRow(row: Float64Array): number {
	return row[WON];
}

/** The share of a row's judged deals that met the decision maker in time (NaN: none judged). */
export function makerShareOfRow(row: Float64Array): number {
	return row[MAKER_JUDGED] > 0 ? row[MAKER_MET] / row[MAKER_JUDGED] : NaN;
}

/** The Brier score of a row's forecasts (NaN without any). */
export function brierOfRow(row: Float64Array): number {
	return row[FORECASTS] > 0 ? row[SQUARED] / row[FORECASTS] : NaN;
}

/** A player's level in each skill over all their attempts (NaN: never judged). */
export function playerLevels(player: PlayerSums): number[] {
	return levelsOfRow(player.total);
}

/**
 * The mean of the members' levels, skill by skill; each member with a level in the skill counts
 * once. NaN where no member has one.
 */
export function groupLevels(rows: readonly Float64Array[]): number[] {
	const sums = new Float64Array(S);
	const counts = new Float64Array(S);
	for (const row of rows) {
		for (let s = 0; s < S; s++) {
			if (row[S + s] === 0) continue;
			sums[s] += row[s] / row[S + s];
			counts[s] += 1;
		}
	}
	return Array.from(sums, (sum, s) => (counts[s] > 0 ? sum / counts[s] : NaN));
}

/** The shortest stave: the lowest level; undefined when no skill has a level. */
export interface Stave {
	skill: SkillId;
	level: number;
	/** Every skill within TIE of the lowest level, in the course's order; `skill` is the first. */
	tied: SkillId[];
}

/** Levels closer than this (0.1 point of 100) are a tie, not a weakness. */
export const TIE = 0.001;

/**
 * The shortest stave of a set of levels (indexed as SKILLS). Ties go to the skill the course
 * teaches first, so the same levels always name the same stave.
 */
export function shortestStave(levels: readonly number[]): Stave | undefined {
	let lowest = Infinity;
	for (const level of levels) if (!Number.isNaN(level) && level < lowest) lowest = level;
	if (lowest === Infinity) return undefined;
	const tied = SKILLS.filter((_, s) => !Number.isNaN(levels[s]) && levels[s] - lowest < TIE);
	return { skill: tied[0], level: levels[skillIndex(tied[0])], tied };
}

/** One row of a heat map: a member's levels and shortest stave. */
export interface MemberRow {
	playerId: string;
	teamId: string | null;
	attempts: number;
	levels: number[];
	stave: Stave | undefined;
}

export function memberRows(members: readonly PlayerSums[]): MemberRow[] {
	return members.map((player) => {
		const levels = playerLevels(player);
		return {
			playerId: player.playerId,
			teamId: player.teamId,
			attempts: attemptsOfRow(player.total),
			levels,
			stave: shortestStave(levels)
		};
	});
}

/** A group's level in each skill and its shortest stave. */
export function groupSummary(members: readonly PlayerSums[]): {
	levels: number[];
	stave: Stave | undefined;
	attempts: number;
} {
	const levels = groupLevels(members.map((player) => player.total));
	let attempts = 0;
	for (const player of members) attempts += attemptsOfRow(player.total);
	return { levels, stave: shortestStave(levels), attempts };
}

/** A skill's level week by week for a group (each member's week mean, averaged over members). */
export interface TrendPoint {
	week: number;
	/** NaN in a week where no member was judged in the skill. */
	level: number;
	/** Members with a level that week. */
	members: number;
}

export function trend(
	members: readonly PlayerSums[],
	skill: SkillId,
	weeks: readonly number[]
): TrendPoint[] {
	const s = skillIndex(skill);
	return weeks.map((week) => {
		let sum = 0;
		let n = 0;
		for (const player of members) {
			const row = player.weeks.get(week);
			if (!row || row[S + s] === 0) continue;
			sum += row[s] / row[S + s];
			n++;
		}
		return { week, level: n > 0 ? sum / n : NaN, members: n };
	});
}

/**
 * The change of a trend: the last judged week's level minus the first's (NaN with fewer than two
 * judged weeks).
 */
export function trendChange(points: readonly TrendPoint[]): number {
	const judged = points.filter((point) => !Number.isNaN(point.level));
	if (judged.length < 2) return NaN;
	return judged[judged.length - 1].level - judged[0].level;
}

/**
 * A player's sums as a stored row keeps them (src/lib/db/skill-sums.ts): everything the class
 * page reads — the total, each week's sums and the scenarios played — as plain arrays, without
 * the forecasts and the pipeline, which only a trainee's own page reads (from their attempts).
 * 1,000 such rows are read from IndexedDB in tens of milliseconds, where 100,000 attempts take
 * seconds.
 */
export interface PackedSums {
	playerId: string;
	/** The team of the player's first attempt (buildCube's); the page puts a stored player in their team now. */
	teamId: string | null;
	/** The name of the player's results (a player no longer stored is shown by it). */
	playerName: string;
	total: number[];
	/** Each week: its start, then its sums row, weeks in order. */
	weeks: number[];
	scenarios: [string, number][];
}

/** The length of a sums row (PlayerSums.total). */
export const SUMS_ROW = ROW;

export function packSums(player: PlayerSums, playerName: string): PackedSums {
	const weeks: number[] = [];
	for (const week of [...player.weeks.keys()].sort((a, b) => a - b))
		weeks.push(week, ...player.weeks.get(week)!);
	return {
		playerId: player.playerId,
		teamId: player.teamId,
		playerName,
		total: Array.from(player.total),
		weeks,
		scenarios: [...player.scenarios]
	};
}

export function unpackSums(row: PackedSums, teamId: string | null = row.teamId): PlayerSums {
	const weeks = new Map<number, Float64Array>();
	for (let i = 0; i + ROW < row.weeks.length; i += ROW + 1)
		weeks.set(row.weeks[i], Float64Array.from(row.weeks.slice(i + 1, i + 1 + ROW)));
	return {
		playerId: row.playerId,
		teamId,
		total: Float64Array.from(row.total),
		weeks,
		forecasts: { p: [], o: [], stage: [], week: [] },
		pipeline: [],
		scenarios: new Map(row.scenarios)
	};
}

/** A cube of players' sums (the class page's), as buildCube would have summed their attempts. */
export function cubeOfSums(players: PlayerSums[]): SkillCube {
	const weeks = new Set<number>();
	let attempts = 0;
	for (const player of players) {
		for (const week of player.weeks.keys()) weeks.add(week);
		attempts += attemptsOfRow(player.total);
	}
	return {
		players,
		byId: new Map(players.map((player) => [player.playerId, player])),
		weeks: [...weeks].sort((a, b) => a - b),
		attempts
	};
}

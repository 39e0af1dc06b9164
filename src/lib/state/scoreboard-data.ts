/**
 * Reading a scoreboard: a board query (from the address) turned into ranked rows, and the
 * scenario versions this device knows. The live wrapper is scoreboard.svelte.ts.
 */
import {
	boards as storedBoards,
	competitions as storedCompetitions,
	scenarios as storedScenarios,
	teams as storedTeams,
	type BoardEntry,
	type BoardSummary,
	type BoardWindow,
	type CompetitionRecord
} from '$lib/db';
import { shippedScenarios } from '$lib/scenarios/catalogue';
import type { BoardQuery } from '$lib/scoreboard/board-query';
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
	boards: Pick<typeof storedBoards, 'best' | 'list' | 'ensureFresh'>;
	competitions: Pick<typeof storedCompetitions, 'list'>;
	teams: Pick<typeof storedTeams, 'listWithCounts'>;
}

export const appBoardStorage: BoardStorage = {
	boards: storedBoards,
	competitions: storedCompetitions,
	teams: storedTeams
};

function sameRef(a: ScenarioVersionRef, b: ScenarioVersionRef): boolean {
	return a.id === b.id && a.version === b.version;
}

/** Reads and ranks one board query: what the page shows. */
export async function loadBoard(
	query: BoardQuery,
	now: Date,
	storage: BoardStorage = appBoardStorage
): Promise<BoardData> {
	const [boards, competitions] = await Promise.all([
		storage.boards.list(BOARD_MODE),
		storage.competitions.list()
	]);
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
	const best = (ref: ScenarioVersionRef): Promise<BoardEntry[]> =>
		storage.boards.best(
			{ scenarioId: ref.id, scenarioVersion: ref.version, mode: BOARD_MODE },
			window
		);

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

/** A scenario version to pick in a competition, with its title. */
export interface ScenarioVersionOption extends ScenarioVersionRef {
	title: string;
}

/**
 * Every scenario version this device knows — shipped, published or retired — by title, then
 * version (newest first). Titles come from the files; a version known only from results shows
 * its id.
 */
export async function scenarioVersions(): Promise<ScenarioVersionOption[]> {
	const options = new Map<string, ScenarioVersionOption>();
	for (const entry of await shippedScenarios())
		options.set(`${entry.scenario.id}@${entry.scenario.version}`, {
			id: entry.scenario.id,
			version: entry.scenario.version,
			title: entry.scenario.title
		});
	try {
		for (const record of await storedScenarios.list()) {
			if (record.status === 'draft') continue;
			let title = record.id;
			try {
				const parsed: unknown = JSON.parse(record.json);
				if (
					parsed &&
					typeof parsed === 'object' &&
					'title' in parsed &&
					typeof parsed.title === 'string'
				)
					title = parsed.title;
			} catch {
				// A stored scenario is valid JSON; the id stands in if not.
			}
			options.set(`${record.id}@${record.version}`, {
				id: record.id,
				version: record.version,
				title
			});
		}
	} catch {
		// Without storage only the shipped scenarios are known.
	}
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

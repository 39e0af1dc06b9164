import { describe, expect, it } from 'vitest';
import type { BoardEntry, CompetitionRecord } from '$lib/db';
import type { BoardView } from '$lib/scoreboard/board-query';
import {
	rankCompetition,
	rankCompetitionTeams,
	rankScenario,
	rankTeams
} from '$lib/scoreboard/ranking';
import type { BoardData } from '$lib/state/scoreboard-data';
import { boardFile, hasBoardFile } from './board-csv';

const entry = (i: number, teamId: string | null): BoardEntry => ({
	attemptId: `attempt-${i}`,
	playerId: `player-${i}`,
	playerName: `Player ${i}`,
	teamId,
	teamName: teamId && `Team ${teamId}`,
	score: 60 + i,
	outcome: 'won',
	weeksUsed: 10,
	finishedAt: Date.UTC(2026, 2, 2, 10, i),
	source: 'local',
	arrivedAt: Date.UTC(2026, 2, 2, 10, i),
	// One result of the first rules among today's: the file says which rules scored each.
	rules: i === 1 ? 1 : 2,
	seed: 0
});

const board = { id: 'dairy', version: 1 };
const competition = {
	id: 'cup',
	name: 'Spring cup',
	scenarios: [board]
} as unknown as CompetitionRecord;

function dataOf(entries: BoardEntry[], withBoard: boolean, withCompetition: boolean): BoardData {
	const players = rankCompetition([entries]);
	return {
		boards: [],
		competitions: [],
		competition: withCompetition ? competition : null,
		competitionMissing: false,
		choices: withBoard ? [board] : [],
		board: withBoard ? board : null,
		window: {},
		scenario: rankScenario(entries),
		teams: rankTeams(entries),
		overall: withCompetition ? { players, teams: rankCompetitionTeams(players) } : null,
		teamSizes: new Map()
	};
}

describe('hasBoardFile', () => {
	const views: BoardView[] = ['scenario', 'team', 'competition'];
	const cases = [
		{ name: 'no results', entries: [] },
		{ name: 'players without a team', entries: [entry(1, null), entry(2, null)] },
		{ name: 'players in teams', entries: [entry(1, 't1'), entry(2, 't2'), entry(3, null)] }
	];
	for (const { name, entries } of cases)
		for (const view of views)
			for (const withBoard of [true, false])
				for (const withCompetition of [true, false])
					it(`agrees with boardFile: ${name}, ${view} view, board ${withBoard}, competition ${withCompetition}`, () => {
						const data = dataOf(entries, withBoard, withCompetition);
						const file = boardFile(view, data, new Map(), new Date(Date.UTC(2026, 2, 3)));
						expect(hasBoardFile(view, data)).toBe(file !== undefined);
					});

	it('says there is a file for a board with results in each view', () => {
		const data = dataOf([entry(1, 't1')], true, true);
		for (const view of views) expect(hasBoardFile(view, data)).toBe(true);
	});
});

describe('boardFile', () => {
	it('says which scoring rules scored each result of a scenario board', () => {
		const data = dataOf([entry(1, null), entry(2, 't1')], true, false);
		const file = boardFile('scenario', data, new Map(), new Date(Date.UTC(2026, 2, 3)))!;
		const lines = file.text.replace(/^\uFEFF/, '').split('\r\n');
		expect(lines[0].split(',').at(-1)).toBe('Scoring rules');
		// Ranked best first: player 2 (rules 2), then player 1 (rules 1).
		expect(lines.slice(1).map((line) => line.split(',').at(-1))).toEqual(['2', '1']);
	});
});

/** The board on screen as a CSV table, with headings in the current language. */
import { downloadBlob } from '../download';
import { termLabel } from '$lib/i18n/labels';
import { m } from '$lib/paraglide/messages.js';
import type { BoardView } from '$lib/scoreboard/board-query';
import { csvFileName, toCsv, type CsvCell } from '$lib/scoreboard/csv';
import type { BoardData } from '$lib/state/scoreboard-data';
import { formatTime, scenarioLabel } from './format';

// Apart (board-exportable.ts) so that the scoreboard loads the CSV code only when asked for a file.
export { hasBoardFile } from './board-exportable';

export interface BoardFile {
	name: string;
	text: string;
}

/** The CSV file of what a board shows; undefined when it shows nothing. */
export function boardFile(
	view: BoardView,
	data: BoardData,
	titles: ReadonlyMap<string, string>,
	now: Date
): BoardFile | undefined {
	const rank = m.scoreboard_col_rank();
	if (view === 'competition') {
		const { competition, overall } = data;
		if (!competition || !overall || overall.players.length === 0) return undefined;
		const columns = competition.scenarios.map((ref) => scenarioLabel(ref, titles));
		const header = [
			rank,
			m.scoreboard_col_player(),
			m.scoreboard_col_team(),
			m.scoreboard_col_total(),
			...columns,
			m.scoreboard_col_weeks()
		];
		const rows: CsvCell[][] = overall.players.map((p) => [
			p.rank,
			p.playerName,
			p.teamName,
			p.total,
			...p.cells.map((c) => c?.score ?? null),
			p.weeks
		]);
		return {
			name: csvFileName([m.scoreboard_csv_name(), competition.name], now),
			text: toCsv(header, rows)
		};
	}
	if (!data.board) return undefined;
	const board = scenarioLabel(data.board, titles);
	if (view === 'team') {
		if (data.teams.rows.length === 0) return undefined;
		const header = [
			rank,
			m.scoreboard_col_team(),
			m.scoreboard_col_average(),
			m.scoreboard_col_members(),
			m.scoreboard_col_average_weeks()
		];
		const rows: CsvCell[][] = data.teams.rows.map((t) => [
			t.rank,
			t.teamName,
			Math.round(t.average * 100) / 100,
			t.members.length,
			Math.round(t.averageWeeks * 100) / 100
		]);
		return {
			name: csvFileName([m.scoreboard_csv_name(), m.scoreboard_csv_teams(), board], now),
			text: toCsv(header, rows)
		};
	}
	if (data.scenario.length === 0) return undefined;
	const header = [
		rank,
		m.scoreboard_col_player(),
		m.scoreboard_col_team(),
		m.scoreboard_col_score(),
		m.scoreboard_col_outcome(),
		m.scoreboard_col_weeks(),
		m.scoreboard_col_finished(),
		m.scoreboard_col_rules()
	];
	const rows: CsvCell[][] = data.scenario.map(({ rank, entry }) => [
		rank,
		entry.playerName,
		entry.teamName,
		entry.score,
		termLabel('outcome', entry.outcome),
		entry.weeksUsed,
		formatTime(entry.finishedAt),
		entry.rules
	]);
	return {
		name: csvFileName([m.scoreboard_csv_name(), board], now),
		text: toCsv(header, rows)
	};
}

/** Hands a file to the browser's download. */
export function download(file: BoardFile): void {
	downloadBlob(file.name, new Blob([file.text], { type: 'text/csv;charset=utf-8' }));
}

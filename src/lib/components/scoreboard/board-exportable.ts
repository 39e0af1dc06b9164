import type { BoardView } from '$lib/scoreboard/board-query';
import type { BoardData } from '$lib/state/scoreboard-data';

/**
 * Whether a board shows anything to export (boardFile gives a file): cheap, so that the page
 * builds the file only when asked for it, not on every change of the board.
 */
export function hasBoardFile(view: BoardView, data: BoardData): boolean {
	if (view === 'competition')
		return !!data.competition && !!data.overall && data.overall.players.length > 0;
	if (!data.board) return false;
	return view === 'team' ? data.teams.rows.length > 0 : data.scenario.length > 0;
}

/**
 * Scoreboards as CSV files that open correctly in a spreadsheet.
 *
 * - UTF-8 with a byte-order mark: Excel then reads Chinese names as Chinese, not as mojibake.
 * - CRLF line ends and RFC 4180 quoting (papaparse): a comma, quote or line break stays in its cell.
 * - CSV injection: a cell that starts with = + - @, a tab or a carriage return would run as a
 *   formula in a spreadsheet; such text gets a leading apostrophe, which spreadsheets show as
 *   plain text. Numbers are written as numbers (a negative number is not text).
 */
import Papa from 'papaparse';

export const BOM = '\uFEFF';

export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe from formula injection. */
export function safeCell(cell: CsvCell): string | number {
	if (cell === null) return '';
	if (typeof cell === 'number') return Number.isFinite(cell) ? cell : '';
	return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * The CSV text of a table: BOM, header row, then the rows.
 *
 * @example toCsv(['Player', 'Score'], [['=SUM(A1)', 81.5]]) // '\uFEFFPlayer,Score\r\n\'=SUM(A1),81.5'
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
	const data = [header.map(safeCell), ...rows.map((row) => row.map(safeCell))];
	return BOM + Papa.unparse(data, { newline: '\r\n', quotes: false, escapeFormulae: false });
}

/**
 * A file name for a board: the parts (board and scenario) made safe for every file system, and
 * the local date.
 *
 * @example csvFileName(['scoreboard', 'city-hospital-his v1'], new Date(2026, 10, 28)) // 'scoreboard-city-hospital-his-v1-2026-11-28.csv'
 */
export function csvFileName(parts: readonly string[], date: Date): string {
	const day = [
		date.getFullYear(),
		String(date.getMonth() + 1).padStart(2, '0'),
		String(date.getDate()).padStart(2, '0')
	].join('-');
	const name = parts
		.map((part) =>
			part
				.normalize('NFKC')
				.replace(/[\\/:*?"<>|\s]+/g, '-')
				.replace(/-+/g, '-')
				.replace(/^-|-$/g, '')
		)
		.filter(Boolean)
		.join('-');
	return `${name}-${day}.csv`;
}

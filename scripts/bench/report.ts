/**
 * The benchmark's figures, their budgets, and the one table they are printed and written as.
 * Pure: no browser, no file system.
 */

export type Unit = 'KB' | 'ms' | 'per s';

export interface Budget {
	/** The figure must be at most this… */
	max?: number;
	/** …or at least this. */
	min?: number;
	/** Where the budget comes from: the list, or derived from it (see the notes). */
	source: 'stated' | 'derived';
}

export interface Figure {
	/** Stable key, e.g. `load.home.js`; notes on a missed budget are keyed by it. */
	id: string;
	group: string;
	label: string;
	unit: Unit;
	/** Undefined: not measured (the reason is in `detail`). */
	value: number | undefined;
	/** How the value was taken: "median of 5", "worst 43 ms", the largest chunk… */
	detail?: string;
	budget?: Budget;
}

export type Verdict = 'met' | 'MISSED' | 'no budget' | 'not measured';

export function verdict(figure: Figure): Verdict {
	if (figure.value === undefined) return 'not measured';
	const { budget } = figure;
	if (!budget) return 'no budget';
	if (budget.max !== undefined && figure.value > budget.max) return 'MISSED';
	if (budget.min !== undefined && figure.value < budget.min) return 'MISSED';
	return 'met';
}

/**
 * A value in its unit, as the table shows it.
 *
 * @example formatValue(12345.6, 'per s') // '12,346 /s'
 * @example formatValue(41.04, 'KB') // '41.0 KB'
 */
export function formatValue(value: number, unit: Unit): string {
	switch (unit) {
		case 'KB':
			return `${value.toFixed(1)} KB`;
		case 'ms':
			return `${Math.round(value).toLocaleString('en-US')} ms`;
		case 'per s':
			return `${Math.round(value).toLocaleString('en-US')} /s`;
	}
}

export function formatBudget(figure: Figure): string {
	const { budget, unit } = figure;
	if (!budget) return '—';
	const mark = budget.source === 'derived' ? ' *' : '';
	if (budget.max !== undefined) return `≤ ${formatValue(budget.max, unit)}${mark}`;
	if (budget.min !== undefined) return `≥ ${formatValue(budget.min, unit)}${mark}`;
	return '—';
}

/** By how much a missed figure misses, e.g. "12.3 KB (12 %) over". */
export function shortfall(figure: Figure): string | undefined {
	if (verdict(figure) !== 'MISSED' || figure.value === undefined || !figure.budget)
		return undefined;
	const { max, min } = figure.budget;
	const limit = (max ?? min)!;
	const gap = Math.abs(figure.value - limit);
	const percent = limit === 0 ? '' : ` (${Math.round((gap / limit) * 100)} %)`;
	return `${formatValue(gap, figure.unit)}${percent} ${max !== undefined ? 'over' : 'short'}`;
}

export interface Row {
	figure: string;
	value: string;
	budget: string;
	result: string;
	detail: string;
}

export function rows(figures: readonly Figure[]): Row[] {
	return figures.map((f) => ({
		figure: `${f.group}: ${f.label}`,
		value: f.value === undefined ? '—' : formatValue(f.value, f.unit),
		budget: formatBudget(f),
		result: verdict(f),
		detail: f.detail ?? ''
	}));
}

const HEADINGS: Row = {
	figure: 'Figure',
	value: 'Value',
	budget: 'Budget',
	result: 'Result',
	detail: 'How'
};
const COLUMNS = Object.keys(HEADINGS) as (keyof Row)[];

/** The table as aligned plain text, for the terminal. */
export function textTable(figures: readonly Figure[]): string {
	const all = [HEADINGS, ...rows(figures)];
	const width = (column: keyof Row) => Math.max(...all.map((row) => [...row[column]].length));
	const right = new Set<keyof Row>(['value', 'budget']);
	const line = (row: Row) =>
		COLUMNS.map((column) =>
			right.has(column)
				? row[column].padStart(width(column))
				: column === 'detail'
					? row[column]
					: row[column].padEnd(width(column))
		)
			.join('  ')
			.trimEnd();
	const rule = COLUMNS.map((column) => '-'.repeat(width(column))).join('  ');
	return [line(HEADINGS), rule, ...all.slice(1).map(line)].join('\n');
}

const cell = (text: string) => text.replaceAll('|', '\\|');

/** The table in Markdown. */
export function markdownTable(figures: readonly Figure[]): string {
	const lines = [
		`| ${COLUMNS.map((c) => HEADINGS[c]).join(' | ')} |`,
		'| --- | ---: | ---: | --- | --- |',
		...rows(figures).map((row) => `| ${COLUMNS.map((c) => cell(row[c])).join(' | ')} |`)
	];
	return lines.join('\n');
}

/**
 * One line per missed budget: which figure, by how much, and why (from `why`, keyed by the
 * figure's id; a figure without an explanation says so).
 */
export function missedNotes(
	figures: readonly Figure[],
	why: Readonly<Record<string, string>>
): string[] {
	return figures
		.filter((f) => verdict(f) === 'MISSED')
		.map(
			(f) =>
				`${f.group}: ${f.label} misses its budget by ${shortfall(f)}. ${why[f.id] ?? 'No explanation was recorded for this figure.'}`
		);
}

/**
 * What a scoreboard shows, as the address keeps it (so a board can be shared, reloaded and
 * walked back through): `?view=team&competition=ID&scenario=ID&version=2&period=week`, or
 * `period=custom&from=2026-11-28T09:00&to=…` (local times, as datetime-local inputs give them).
 */
import { PERIODS, type Period, type PeriodKind } from './ranking';

export const VIEWS = ['scenario', 'team', 'competition'] as const;
export type BoardView = (typeof VIEWS)[number];

export interface BoardQuery {
	view: BoardView;
	competitionId: string | null;
	/** The scenario version of a scenario or team board; null: the most recently played. */
	scenario: { id: string; version: number } | null;
	period: Period;
}

export const DEFAULT_QUERY: BoardQuery = {
	view: 'scenario',
	competitionId: null,
	scenario: null,
	period: { kind: 'all' }
};

/** A datetime-local value (`2026-11-28T09:00`) as ms in local time; null when not one. */
export function parseLocalDateTime(value: string | null): number | null {
	if (!value) return null;
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
	if (!match) return null;
	const [, y, mo, d, h, mi] = match.map(Number);
	const date = new Date(y, mo - 1, d, h, mi);
	// Reject 2026-02-31 and the like, which Date would roll over.
	if (date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
	return date.getTime();
}

/** Ms as a datetime-local value in local time. */
export function formatLocalDateTime(time: number): string {
	const d = new Date(time);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

export function queryFromParams(params: URLSearchParams): BoardQuery {
	const view = VIEWS.find((v) => v === params.get('view')) ?? 'scenario';
	const competitionId = params.get('competition') || null;
	const id = params.get('scenario');
	const version = Number(params.get('version'));
	const scenario = id && Number.isInteger(version) && version >= 1 ? { id, version } : null;
	const kind: PeriodKind = PERIODS.find((p) => p === params.get('period')) ?? 'all';
	const period: Period =
		kind === 'custom'
			? {
					kind,
					from: parseLocalDateTime(params.get('from')),
					to: parseLocalDateTime(params.get('to'))
				}
			: { kind };
	return { view, competitionId, scenario, period };
}

/** The query string of a board (without `?`); defaults are left out. */
export function paramsOfQuery(query: BoardQuery): string {
	const params = new URLSearchParams();
	if (query.view !== 'scenario') params.set('view', query.view);
	if (query.competitionId) params.set('competition', query.competitionId);
	if (query.scenario) {
		params.set('scenario', query.scenario.id);
		params.set('version', String(query.scenario.version));
	}
	if (query.period.kind !== 'all') params.set('period', query.period.kind);
	if (query.period.kind === 'custom') {
		if (query.period.from != null) params.set('from', formatLocalDateTime(query.period.from));
		if (query.period.to != null) params.set('to', formatLocalDateTime(query.period.to));
	}
	// A colon is allowed in a query; unescaped, the times stay readable.
	return params.toString().replaceAll('%3A', ':');
}

/** How scoreboards write numbers, times and scenario versions, in the current language. */
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { BoardWindow } from '$lib/db';

/** Rows a board shows before "Show all": the top of a large class, rendered at once. */
export const FIRST_ROWS = 50;

// Building an Intl formatter costs far more than using one: a board of 1,000 rows uses two
// per row, so each is built once per language.
const scoreFormats = new Map<string, Intl.NumberFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** Scores keep one decimal at most: 81.5, 80. */
export function formatScore(score: number): string {
	const locale = getLocale();
	let format = scoreFormats.get(locale);
	if (!format) {
		format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
		scoreFormats.set(locale, format);
	}
	return format.format(score);
}

export function formatTime(time: number): string {
	const locale = getLocale();
	let format = timeFormats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
		timeFormats.set(locale, format);
	}
	return format.format(time);
}

/** A scenario version by its title when this device knows it, by its id otherwise. */
export function scenarioLabel(
	ref: { id: string; version: number },
	titles: ReadonlyMap<string, string>
): string {
	return m.scoreboard_scenario_version({
		title: titles.get(`${ref.id}@${ref.version}`) ?? ref.id,
		version: ref.version
	});
}

/** A time window in words. */
export function windowLabel(window: BoardWindow): string {
	const { from, to } = window;
	if (from != null && to != null)
		return m.scoreboard_window({ from: formatTime(from), to: formatTime(to) });
	if (from != null) return m.scoreboard_window_from({ from: formatTime(from) });
	if (to != null) return m.scoreboard_window_to({ to: formatTime(to) });
	return m.scoreboard_window_open();
}

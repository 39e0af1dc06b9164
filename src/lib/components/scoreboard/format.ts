/** How scoreboards write numbers, times and scenario versions, in the current language. */
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { BoardWindow } from '$lib/db';

/** Scores keep one decimal at most: 81.5, 80. */
export function formatScore(score: number): string {
	return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 1 }).format(score);
}

export function formatTime(time: number): string {
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
		time
	);
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

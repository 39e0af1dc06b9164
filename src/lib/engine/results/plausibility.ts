/**
 * Whether an attempt's times could belong to a real play, before anything is replayed or stored.
 *
 * An attempt file is plain JSON: its times are whatever its author typed. The verifier cannot
 * know when a play really happened, but it can refuse what no play could give: a date before
 * this app existed (or before 1970, which storage cannot even hold), a date in the future, and a
 * deal played faster than a person can click through its actions.
 */

/** 2026-11-28, the day this project began (its first commit): no attempt is older. */
export const APP_EPOCH = Date.UTC(2026, 10, 28);
/** How far past this device's clock a time may be: clocks differ, and so do time zones. */
export const CLOCK_SLACK_MS = 86_400_000;
/**
 * Least time one action takes a person: a click on a control and a choice in a form, with
 * nothing read. Half a second is generous: filling in the chart or planning an activity takes
 * several clicks.
 */
export const MIN_ACTION_MS = 500;

export type TimeRefusal =
	| { reason: 'date-too-early'; params: { field: string; found: string; earliest: string } }
	| { reason: 'date-in-future'; params: { field: string; found: string; latest: string } }
	| {
			reason: 'too-fast';
			params: { seconds: number; minimum: number; actions: number };
	  };

/**
 * What is wrong with an attempt's times, if anything, `now` being this device's clock:
 * `timeRefusal({ startedAt: '2099-01-01T00:00:00Z', … }, Date.now())` → `date-in-future`.
 */
export function timeRefusal(
	attempt: { startedAt: string; finishedAt: string; actions: readonly unknown[] },
	now: number
): TimeRefusal | undefined {
	const latest = now + CLOCK_SLACK_MS;
	const times = [
		['startedAt', attempt.startedAt],
		['finishedAt', attempt.finishedAt]
	] as const;
	for (const [field, found] of times) {
		const at = Date.parse(found);
		if (!(at >= APP_EPOCH))
			return {
				reason: 'date-too-early',
				params: { field, found, earliest: new Date(APP_EPOCH).toISOString() }
			};
		if (at > latest)
			return {
				reason: 'date-in-future',
				params: { field, found, latest: new Date(latest).toISOString() }
			};
	}
	const took = Date.parse(attempt.finishedAt) - Date.parse(attempt.startedAt);
	const minimum = attempt.actions.length * MIN_ACTION_MS;
	if (took < minimum)
		return {
			reason: 'too-fast',
			params: {
				seconds: Math.max(0, Math.round(took / 100) / 10),
				minimum: Math.round(minimum / 100) / 10,
				actions: attempt.actions.length
			}
		};
	return undefined;
}

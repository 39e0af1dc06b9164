/**
 * How long an action may be stored before the deal's controls show that they wait (ms). Most
 * writes take a frame or two: marking every control (aria-disabled, greyed) and unmarking it a
 * moment later made Chromium restyle a few hundred elements twice for each action (the chart's
 * fields restyle their buttons), and looked like a flicker.
 */
export const BUSY_SHOWN_AFTER = 300;

/**
 * `busy` as the controls show it: true once it has held for `after` ms, false as soon as it ends.
 * Made in a component's script (it runs an effect there).
 */
export function shownBusy(
	busy: () => boolean,
	after = BUSY_SHOWN_AFTER
): { readonly current: boolean } {
	let long = $state(false);
	$effect(() => {
		if (!busy()) return;
		const timer = setTimeout(() => (long = true), after);
		return () => {
			clearTimeout(timer);
			long = false;
		};
	});
	return {
		get current() {
			return busy() && long;
		}
	};
}

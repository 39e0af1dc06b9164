import { m } from '$lib/paraglide/messages.js';
import type { AttitudeBand } from '$lib/components/handbook/attitude-bands';

/** Money in the deal's currency, in the interface language. */
export { money } from '$lib/i18n/money';

/** The least effect that reads as "clearly warmer". */
const CLEARLY = 3;

/**
 * How many reactions of each size turn a person into a supporter, from the middle of the neutral
 * and opponent bands (attitude-bands.ts, read from the engine): with the defaults a neutral
 * person needs 2 "a little warmer" or 1 "clearly warmer", an opponent 2 "clearly warmer".
 */
export function reactionsToSupport(bands: readonly AttitudeBand[]): {
	little: number;
	clearly: number;
	opponent: number;
} {
	const band = (id: AttitudeBand['attitude']) => bands.find((b) => b.attitude === id)!;
	const target = band('supporter').from;
	const middle = (id: AttitudeBand['attitude']) => Math.round((band(id).from + band(id).to) / 2);
	const fromNeutral = Math.max(1, target - middle('neutral'));
	const fromOpponent = Math.max(1, target - middle('opponent'));
	return {
		little: fromNeutral,
		clearly: Math.ceil(fromNeutral / CLEARLY),
		opponent: Math.ceil(fromOpponent / CLEARLY)
	};
}

/** How a person's reaction reads: the trainee sees the direction and size, never the points. */
export function reactionText(effect: number, risk: boolean): string {
	if (risk) return m.play_reaction_risk();
	if (effect >= CLEARLY) return m.play_reaction_much_warmer();
	if (effect >= 1) return m.play_reaction_warmer();
	if (effect === 0) return m.play_reaction_same();
	if (effect >= -2) return m.play_reaction_cooler();
	return m.play_reaction_much_cooler();
}

export function reactionTone(effect: number, risk: boolean): string {
	if (risk || effect < 0) return 'text-red-800';
	if (effect > 0) return 'text-emerald-800';
	return 'text-slate-700';
}

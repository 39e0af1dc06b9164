import { m } from '$lib/paraglide/messages.js';

/** How a person's reaction reads: the trainee sees the direction and size, never the points. */
export function reactionText(effect: number, risk: boolean): string {
	if (risk) return m.play_reaction_risk();
	if (effect >= 3) return m.play_reaction_much_warmer();
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

/** Money in the deal's currency, in the interface language. */
export function money(amount: number, currency: string, locale: string): string {
	try {
		return new Intl.NumberFormat(locale, {
			style: 'currency',
			currency,
			maximumFractionDigits: 0
		}).format(amount);
	} catch {
		return `${amount.toLocaleString(locale)} ${currency}`;
	}
}

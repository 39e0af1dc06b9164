/** Numbers, money and dates as the interface language writes them. */
import { getLocale } from '$lib/paraglide/runtime.js';

/** Points with at most two decimals: 21.354 → "21.35", 2 → "2". */
export function formatPoints(value: number): string {
	return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 2 }).format(value);
}

/** A total score with at most one decimal: 83.25 → "83.3". */
export function formatScore(value: number): string {
	return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 1 }).format(value);
}

/** A probability 0..1 as a whole percentage number: 0.35 → "35". */
export function formatPercentNumber(share: number): string {
	return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 1 }).format(share * 100);
}

/** Money in the deal's currency; falls back to the code when the currency is unknown. */
export function formatMoney(amount: number, currency: string): string {
	try {
		return new Intl.NumberFormat(getLocale(), {
			style: 'currency',
			currency,
			maximumFractionDigits: 0
		}).format(amount);
	} catch {
		return `${new Intl.NumberFormat(getLocale()).format(amount)} ${currency}`;
	}
}

/** A date and time: "28 Nov 2026, 09:41" / "2026年11月28日 09:41". */
export function formatDateTime(time: number): string {
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
		time
	);
}

import { ACTIVITIES, DEFAULT_METHODOLOGY, type Methodology } from '../methodology';
import type { MethodologyOverrides } from '../scenario/schema';

/**
 * The methodology a scenario plays under: the defaults with the scenario's overrides merged on.
 * `resolveMethodology({ costs: { visit: { money: 500 } } }).costs.visit` → `{ money: 500, weeks: 1, needsTarget: true }`.
 */
export function resolveMethodology(overrides: MethodologyOverrides | undefined): Methodology {
	if (!overrides) return DEFAULT_METHODOLOGY;
	const base = DEFAULT_METHODOLOGY;
	const costs = { ...base.costs };
	const fit = { ...base.fit };
	for (const activity of ACTIVITIES) {
		const cost = overrides.costs?.[activity];
		if (cost) costs[activity] = { ...base.costs[activity], ...definedOnly(cost) };
		const fits = overrides.fit?.[activity];
		if (fits) fit[activity] = { ...base.fit[activity], ...definedOnly(fits) };
	}
	return {
		...base,
		costs,
		fit,
		keyRoles: { ...base.keyRoles, ...definedOnly(overrides.keyRoles ?? {}) },
		funnel: { ...base.funnel, ...definedOnly(overrides.funnel ?? {}) },
		purchase: { ...base.purchase, ...definedOnly(overrides.purchase ?? {}) }
	};
}

function definedOnly<T extends object>(value: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
		[K in keyof T]-?: Exclude<T[K], undefined>;
	};
}

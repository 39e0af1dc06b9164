/**
 * Links to the handbook's sections and numbers as the handbook writes them: what pages outside the
 * handbook (the debrief, terms, the first-play guide) need of it. Apart from handbook-text.ts,
 * which holds the handbook's paragraphs, and handbook-titles.ts, which holds the sections' titles,
 * so that those pages do not download every paragraph, nor a term every title.
 */
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { SectionId } from '$lib/engine/methodology';

/** Message-key form of a methodology id: `decision-maker` → `decision_maker`. */
export function keyPart(id: string): string {
	return id.replaceAll('-', '_');
}

/** The handbook page of a section, optionally at an anchor: `handbookHref('roles', 'user')`. */
export function handbookHref(section: SectionId, anchor?: string): ResolvedPathname {
	return anchor
		? resolve(`/handbook/[section]#${anchor}`, { section })
		: resolve('/handbook/[section]', { section });
}

/** A number as the current language writes it: 1000000 → "1,000,000". */
export function formatNumber(value: number): string {
	return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 2 }).format(value);
}

/** A share as a percentage: 0.25 → "25%", 0.001 → "0.1%". */
export function formatPercent(share: number): string {
	return new Intl.NumberFormat(getLocale(), {
		style: 'percent',
		maximumFractionDigits: 2
	}).format(share);
}

/** A change with its sign: 2 → "+2", -1 → "-1", 0 → "0". */
export function formatSigned(value: number): string {
	return new Intl.NumberFormat(getLocale(), { signDisplay: 'exceptZero' }).format(value);
}

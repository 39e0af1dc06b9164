import {
	ACTIVITIES,
	ATTITUDES,
	CONTACTS,
	CUSTOMER_GROUPS,
	DEPARTMENTS,
	LEVELS,
	ROLES,
	STAGES,
	STRATEGIES,
	TERM_SECTIONS,
	type TermKind
} from '$lib/engine/methodology';
import type { ResolvedPathname } from '$app/types';
import { handbookHref, keyPart } from '$lib/components/handbook/handbook-links';
import { textOf } from '$lib/i18n/message-map';
import { TERM_DEFINITIONS } from '$lib/i18n/maps/term-definitions';

/** Every id of every kind of term, straight from the methodology's lists. */
export const TERM_IDS: { readonly [K in TermKind]: readonly string[] } = {
	stage: STAGES,
	role: ROLES,
	attitude: ATTITUDES,
	contact: CONTACTS,
	level: LEVELS,
	department: DEPARTMENTS,
	activity: ACTIVITIES,
	strategy: STRATEGIES,
	group: CUSTOMER_GROUPS
};

/** The kinds of term in the order the glossary lists them. */
export const TERM_KINDS = Object.keys(TERM_IDS) as TermKind[];

/**
 * The short definition a term shows on hover or focus, in the current language:
 * `termDefinition('role', 'designer')` → "Turns the purchase motive into procurement indicators…".
 */
export function termDefinition(kind: TermKind, id: string): string {
	return textOf(TERM_DEFINITIONS, `term_${kind}_${keyPart(id)}`);
}

/** Where a term is explained: `termHref('role', 'decision-maker')` → `/handbook/roles#decision-maker`. */
export function termHref(kind: TermKind, id: string): ResolvedPathname {
	return handbookHref(TERM_SECTIONS[kind], id);
}

// Relative imports, as labels.ts.
import type { Locale } from '../paraglide/runtime.js';
import { DEAL_LABELS } from './maps/deal-labels';
import { lookup } from './message-map';

/** The kinds of term the home page and the key-people picture name. */
export type DealLabelKind = 'stage' | 'role' | 'department' | 'difficulty' | 'outcome';

/**
 * `termLabel` (labels.ts) for these kinds only, from a map of their labels alone: the home page
 * does not download the labels of every other term. `dealLabel('stage', 'system-design')` →
 * "System design" / "系统设计".
 */
export function dealLabel(kind: DealLabelKind, id: string, locale?: Locale): string {
	const found = lookup(DEAL_LABELS, `${kind}_${id.replaceAll('-', '_')}`);
	return found ? found({}, locale ? { locale } : undefined) : id;
}

// Relative imports: the command line runs this under tsx, without SvelteKit's $lib alias.
import type { Locale } from '../paraglide/runtime.js';
import type { TermKind } from '../engine/methodology';
import { LABELS } from './maps/labels';
import { lookup } from './message-map';

export type LabelKind =
	TermKind | 'outcome' | 'difficulty' | 'position' | 'fit' | 'category' | 'locale' | 'intel_kind';

/**
 * The label of a methodology term in the current (or given) language:
 * `termLabel('stage', 'system-design')` → "System design" / "系统设计".
 */
export function termLabel(kind: LabelKind, id: string, locale?: Locale): string {
	const found = lookup(LABELS, `${kind}_${id.replaceAll('-', '_')}`);
	return found ? found({}, locale ? { locale } : undefined) : id;
}

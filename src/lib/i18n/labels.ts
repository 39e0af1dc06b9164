// Relative imports: the command line runs this under tsx, without SvelteKit's $lib alias.
import { m } from '../paraglide/messages.js';
import type { Locale } from '../paraglide/runtime.js';
import type { TermKind } from '../engine/methodology';

type Message = (inputs?: Record<string, unknown>, options?: { locale?: Locale }) => string;

export type LabelKind =
	TermKind | 'outcome' | 'difficulty' | 'position' | 'fit' | 'category' | 'locale' | 'intel_kind';

/** A message by its key, or undefined when the catalogue has none. */
export function message(key: string): Message | undefined {
	return (m as unknown as Record<string, Message | undefined>)[key];
}

/**
 * The label of a methodology term in the current (or given) language:
 * `termLabel('stage', 'system-design')` → "System design" / "系统设计".
 */
export function termLabel(kind: LabelKind, id: string, locale?: Locale): string {
	const found = message(`${kind}_${id.replaceAll('-', '_')}`);
	return found ? found({}, locale ? { locale } : undefined) : id;
}

import { m } from '$lib/paraglide/messages.js';
import type { TermKind } from '$lib/engine/methodology';

type Message = (inputs?: Record<string, never>) => string;

/**
 * The label of a methodology term in the current language:
 * `termLabel('stage', 'system-design')` → "System design" / "系统设计".
 */
export function termLabel(
	kind: TermKind | 'outcome' | 'difficulty' | 'position' | 'fit' | 'category' | 'locale',
	id: string
): string {
	const key = `${kind}_${id.replaceAll('-', '_')}`;
	const message = (m as unknown as Record<string, Message | undefined>)[key];
	return message ? message() : id;
}

/**
 * Typed maps from message key to Paraglide message function, for messages picked by a computed
 * key (src/lib/i18n/maps/*.ts, written by scripts/gen-message-maps.ts). Only the messages
 * a map names reach the pages that use it.
 */
import type { Locale } from '../paraglide/runtime.js';

/** A message function as a map holds it: inputs by name, and the language to use. */
export type Message = (inputs?: Record<string, unknown>, options?: { locale?: Locale }) => string;

/**
 * A map of messages, each key typed: `messageMap({ stage_x: m.stage_x })`. The messages' own
 * input types differ; a map holds them under one callable type.
 */
export function messageMap<K extends string>(
	messages: Record<K, (...args: never[]) => string>
): Readonly<Record<K, Message>> {
	return messages as unknown as Readonly<Record<K, Message>>;
}

/** A map's message by a key built at run time, or undefined when the map has none. */
export function lookup(map: Readonly<Record<string, Message>>, key: string): Message | undefined {
	return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** The text of a map's message, or the key itself when the map has none (a spec catches that). */
export function textOf(
	map: Readonly<Record<string, Message>>,
	key: string,
	inputs: Record<string, unknown> = {},
	locale?: Locale
): string {
	const message = lookup(map, key);
	return message ? message(inputs, locale ? { locale } : undefined) : key;
}

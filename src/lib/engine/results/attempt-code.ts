/**
 * An exported attempt as a code a trainee can paste into a chat, or a link that opens the
 * import page with it: the JSON compressed with lz-string's URL-safe alphabet, behind a short
 * prefix and a checksum.
 *
 *     SSA1:1f2e3d4c.2bk.N4IgLgpgzgDg...                  the code
 *     https://…/scoreboard/import#attempt=SSA1:1f2e…     the link
 *
 * After the prefix come a checksum (the first 8 hex digits of the SHA-256 of the JSON) and the
 * length of the compressed part (base 36). They tell a code that lost its end on the way, or had
 * characters changed, from one that was never a code, so the trainer reads what went wrong. It is no seal: the import replays every attempt whatever its checksum says.
 */
import LZString from 'lz-string';
import { sha256 } from '../scenario/hash';
import { MAX_FILE_BYTES } from '../scenario/safe-json';
import type { ExportedAttempt } from '../scenario/schema';

/** The code's prefix: sales-sim attempt, code version 1. */
export const CODE_PREFIX = 'SSA1:';
/** The link's fragment key: `#attempt=<code>`. */
export const LINK_KEY = 'attempt';

const CODE_VERSION = 1;
const PREFIX_PATTERN = /^SSA(\d{1,4}):/i;
const CHECKSUM_LENGTH = 8;
/** After the prefix: the checksum and the payload's length in base 36, each ending in a dot. */
const HEADER_PATTERN = /^([0-9a-f]{8})\.([0-9a-z]{1,6})\./i;
/** The start of a header, as left by a code cut off inside it. */
const PARTIAL_HEADER = /^[0-9a-f]{0,8}(\.[0-9a-z]{0,6})?$/i;
/** lz-string's URL-safe alphabet: the six bits of each character of a code. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const VALUES = new Map([...ALPHABET].map((char, value) => [char, value]));
/** A 1 MiB file compresses to far less than this; a longer code is refused unread. */
const MAX_CODE_LENGTH = 2 * MAX_FILE_BYTES;

export type CodeProblem =
	'not-a-code' | 'code-version' | 'code-cut-off' | 'code-corrupted' | 'code-too-large';

export type DecodedCode =
	| { ok: true; text: string }
	| { ok: false; reason: CodeProblem; params: Record<string, string | number> };

function checksum(text: string): string {
	const digest = sha256(new TextEncoder().encode(text));
	return Array.from(digest.slice(0, CHECKSUM_LENGTH / 2), (byte) =>
		byte.toString(16).padStart(2, '0')
	).join('');
}

/**
 * The code of an attempt: `attemptCode(file)` → `'SSA1:1f2e3d4c.2bk.N4IgLgpg…'`. The JSON is written
 * compactly; the code decodes to exactly that text.
 */
export function attemptCode(attempt: ExportedAttempt): string {
	return encodeAttemptText(JSON.stringify(attempt));
}

/** The code of an attempt's JSON text, as it is. */
export function encodeAttemptText(text: string): string {
	const payload = LZString.compressToEncodedURIComponent(text);
	return `${CODE_PREFIX}${checksum(text)}.${payload.length.toString(36)}.${payload}`;
}

/**
 * The link that opens the import page with the attempt:
 * `attemptLink('https://x.org/scoreboard/import', file)` → `'https://x.org/scoreboard/import#attempt=SSA1:…'`.
 */
export function attemptLink(importPage: string, attempt: ExportedAttempt): string {
	return `${importPage.split('#')[0]}#${LINK_KEY}=${attemptCode(attempt)}`;
}

/** Whether a line of pasted text starts a code or a link (the rest of a wrapped code does not). */
export function startsCode(line: string): boolean {
	const trimmed = line.trim();
	return PREFIX_PATTERN.test(trimmed) || fragmentCode(trimmed) !== undefined;
}

/** The code in a link's `#attempt=` fragment, percent-escapes undone, or undefined. */
function fragmentCode(text: string): string | undefined {
	const hash = text.indexOf('#');
	if (hash < 0) return undefined;
	for (const part of text.slice(hash + 1).split('&')) {
		const equals = part.indexOf('=');
		if (equals < 0 || part.slice(0, equals) !== LINK_KEY) continue;
		const value = part.slice(equals + 1);
		try {
			return decodeURIComponent(value);
		} catch {
			return value;
		}
	}
	return undefined;
}

/**
 * Reads a code, or a link that carries one, back to the attempt's JSON text; or says why it
 * cannot: `decodeAttemptCode('SSA1:1f2e3d4c.2bk.N4Ig')` → `{ ok: false, reason: 'code-cut-off' }`.
 * Line breaks inside a code (a chat that wrapped it) are ignored; spaces are read as `+`, which
 * some programs turn into spaces.
 */
export function decodeAttemptCode(input: string): DecodedCode {
	const trimmed = input.trim();
	const raw = fragmentCode(trimmed) ?? trimmed;
	const code = raw.replace(/[\r\n\t]+/g, '').replace(/ /g, '+');
	if (code.length > MAX_CODE_LENGTH + 16) {
		return {
			ok: false,
			reason: 'code-too-large',
			params: { size: code.length, max: MAX_FILE_BYTES }
		};
	}
	const prefix = PREFIX_PATTERN.exec(code);
	if (!prefix) return { ok: false, reason: 'not-a-code', params: { start: code.slice(0, 12) } };
	const version = Number(prefix[1]);
	if (version > CODE_VERSION) {
		return { ok: false, reason: 'code-version', params: { version, supported: CODE_VERSION } };
	}
	if (version !== CODE_VERSION) {
		return { ok: false, reason: 'not-a-code', params: { start: code.slice(0, 12) } };
	}
	const body = code.slice(prefix[0].length);
	const header = HEADER_PATTERN.exec(body);
	if (!header) {
		return PARTIAL_HEADER.test(body)
			? { ok: false, reason: 'code-cut-off', params: { length: code.length } }
			: { ok: false, reason: 'code-corrupted', params: {} };
	}
	const [, sum, declared] = header;
	const payload = body.slice(header[0].length);
	const expected = parseInt(declared, 36);
	if (payload.length < expected) {
		return {
			ok: false,
			reason: 'code-cut-off',
			params: { length: code.length, missing: expected - payload.length }
		};
	}
	if (payload.length > expected) return { ok: false, reason: 'code-corrupted', params: {} };
	const bad = [...payload].findIndex((char) => !VALUES.has(char));
	if (bad >= 0) return { ok: false, reason: 'code-corrupted', params: {} };
	const inflated = inflate(payload, MAX_FILE_BYTES);
	if (!inflated.ok) {
		return inflated.problem === 'too-large'
			? {
					ok: false,
					reason: 'code-too-large',
					params: { size: inflated.size, max: MAX_FILE_BYTES }
				}
			: { ok: false, reason: 'code-corrupted', params: {} };
	}
	if (checksum(inflated.text) !== sum.toLowerCase())
		return { ok: false, reason: 'code-corrupted', params: {} };
	return { ok: true, text: inflated.text };
}

type Inflated =
	| { ok: true; text: string }
	| { ok: false; problem: 'code-cut-off' | 'code-corrupted' }
	| { ok: false; problem: 'too-large'; size: number };

/**
 * lz-string's decompression (`decompressFromEncodedURIComponent`, version 1.5.0) rewritten to
 * stop as soon as the text grows past `maxChars` (a few kilobytes of code can otherwise expand to
 * gigabytes) and to say why it fails: the input ran out before the end mark (cut off), a
 * reference to nothing or characters left after the end mark (corrupted).
 */
export function inflate(payload: string, maxChars: number): Inflated {
	const length = payload.length;
	if (length === 0) return { ok: false, problem: 'code-cut-off' };
	const valueAt = (index: number) => VALUES.get(payload.charAt(index)) ?? 0;
	let value = valueAt(0);
	let position = 32;
	let index = 1;
	const read = (bitCount: number): number => {
		let bits = 0;
		for (let power = 1, i = 0; i < bitCount; i++, power *= 2) {
			const bit = value & position;
			position >>= 1;
			if (position === 0) {
				position = 32;
				value = valueAt(index++);
			}
			if (bit > 0) bits += power;
		}
		return bits;
	};

	const dictionary: string[] = [];
	let dictSize = 4;
	let numBits = 3;
	let enlargeIn = 4;
	const parts: string[] = [];

	const first = read(2);
	if (first === 2) return { ok: false, problem: 'code-corrupted' };
	let w = String.fromCharCode(read(first === 0 ? 8 : 16));
	dictionary[3] = w;
	parts.push(w);
	let size = 1;
	for (;;) {
		if (index > length) return { ok: false, problem: 'code-cut-off' };
		let c = read(numBits);
		if (c === 0 || c === 1) {
			dictionary[dictSize++] = String.fromCharCode(read(c === 0 ? 8 : 16));
			c = dictSize - 1;
			enlargeIn--;
		} else if (c === 2) {
			// The end mark: what follows is padding of the last character, nothing more.
			if (index < length) return { ok: false, problem: 'code-corrupted' };
			return { ok: true, text: parts.join('') };
		}
		if (enlargeIn === 0) {
			enlargeIn = 2 ** numBits;
			numBits++;
		}
		let entry: string;
		if (c < dictSize && dictionary[c] !== undefined) entry = dictionary[c];
		else if (c === dictSize) entry = w + w.charAt(0);
		else return { ok: false, problem: 'code-corrupted' };
		size += entry.length;
		if (size > maxChars) return { ok: false, problem: 'too-large', size };
		parts.push(entry);
		dictionary[dictSize++] = w + entry.charAt(0);
		enlargeIn--;
		w = entry;
		if (enlargeIn === 0) {
			enlargeIn = 2 ** numBits;
			numBits++;
		}
	}
}

/**
 * Splits pasted text into codes and links, one per line; a line that starts neither continues the
 * code above it (a chat wrapped it), or stands alone when nothing is above it.
 * `splitCodes('SSA1:ab…\ncd…\nhttps://…#attempt=SSA1:…')` → two entries.
 */
export function splitCodes(text: string): string[] {
	const items: string[] = [];
	let current: string | undefined;
	for (const line of text.split(/\r?\n/)) {
		const trimmed = line.trim();
		if (trimmed === '') {
			current = undefined;
			continue;
		}
		if (current !== undefined && !startsCode(trimmed)) {
			current += trimmed;
			items[items.length - 1] = current;
		} else {
			current = trimmed;
			items.push(current);
		}
	}
	return items;
}

/**
 * Canonical JSON (RFC 8785) of plain JSON values, and the equality it implies, without building
 * the text where only the answer is needed. `canonicalText` gives exactly the text of
 * json-canonicalize's `canonicalize` for any JSON value (canonical-json.spec.ts compares them on
 * generated values): keys sorted by UTF-16 code units, values written as `JSON.stringify` writes
 * them, an `undefined` property left out and an `undefined` array element written as `null`.
 * It is a lean walk for the hot paths (an attempt's fingerprint, a backup's row comparison):
 * json-canonicalize keeps a path string and a visited map for every value, which is most of its
 * time on small rows. Unlike it, a cycle is not named: it overflows the stack (a RangeError);
 * values read from JSON or IndexedDB rows made from JSON have none.
 */

/** The canonical JSON text of `value`: `canonicalText({ b: 1, a: [true] })` is `{"a":[true],"b":1}`. */
export function canonicalText(value: unknown): string {
	if (value === null || typeof value !== 'object' || hasToJson(value)) {
		if (typeof value === 'number' && !Number.isFinite(value))
			throw new Error(`Non-finite number (${value}) is not permitted in JSON (RFC 8785 §3.2.2.3)`);
		return JSON.stringify(value);
	}
	if (Array.isArray(value)) {
		let out = '[';
		for (let i = 0; i < value.length; i++) {
			if (i > 0) out += ',';
			const item: unknown = value[i];
			out += canonicalText(item === undefined ? null : item);
		}
		return out + ']';
	}
	const object = value as Record<string, unknown>;
	const keys = Object.keys(object).sort();
	let out = '{';
	let next = false;
	for (const key of keys) {
		const item = object[key];
		if (item === undefined) continue;
		if (next) out += ',';
		next = true;
		out += JSON.stringify(key) + ':' + canonicalText(item);
	}
	return out + '}';
}

/**
 * Whether two JSON values have the same canonical text (`canonicalText(a) === canonicalText(b)`),
 * compared in place: `sameJson({ a: 1, b: [2] }, { b: [2], a: 1 })` is true.
 */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (hasToJson(a) || hasToJson(b)) return canonicalText(a) === canonicalText(b);
	const array = Array.isArray(a);
	if (array !== Array.isArray(b)) return false;
	if (array) {
		const left = a as unknown[];
		const right = b as unknown[];
		if (left.length !== right.length) return false;
		for (let i = 0; i < left.length; i++) {
			const x = left[i] === undefined ? null : left[i];
			const y = right[i] === undefined ? null : right[i];
			if (!sameJson(x, y)) return false;
		}
		return true;
	}
	const left = a as Record<string, unknown>;
	const right = b as Record<string, unknown>;
	let count = 0;
	for (const key of Object.keys(left)) {
		const x = left[key];
		if (x === undefined) continue;
		count++;
		if (!Object.hasOwn(right, key) || !sameJson(x, right[key])) return false;
	}
	for (const key of Object.keys(right)) if (right[key] !== undefined) count--;
	return count === 0;
}

function hasToJson(value: object): boolean {
	const toJson = (value as { toJSON?: unknown }).toJSON;
	return toJson !== undefined && toJson !== null;
}

/**
 * A growable buffer of UTF-8 bytes, written in place: the canonical text of a value can be
 * hashed from it without building the text as a string and encoding it (writeCanonical).
 */
export class Utf8Buffer {
	bytes = new Uint8Array(1024);
	length = 0;

	/** Room for `extra` more bytes past `length`. */
	reserve(extra: number): void {
		const needed = this.length + extra;
		if (needed <= this.bytes.length) return;
		const grown = new Uint8Array(Math.max(needed, this.bytes.length * 2));
		grown.set(this.bytes.subarray(0, this.length));
		this.bytes = grown;
	}

	/** Any text, as TextEncoder encodes it (a lone surrogate becomes U+FFFD). */
	text(text: string): void {
		const n = text.length;
		this.reserve(n * 3);
		const bytes = this.bytes;
		let at = this.length;
		for (let i = 0; i < n; i++) {
			const code = text.charCodeAt(i);
			if (code >= 0x80) {
				this.length = at;
				at += utf8.encodeInto(text.slice(i), bytes.subarray(at)).written;
				break;
			}
			bytes[at++] = code;
		}
		this.length = at;
	}
}

const utf8 = new TextEncoder();

/**
 * Appends the UTF-8 bytes of `canonicalText(value)` to `out`: the same bytes as
 * `new TextEncoder().encode(canonicalText(value))`, written without the intermediate strings.
 */
export function writeCanonical(out: Utf8Buffer, value: unknown): void {
	switch (typeof value) {
		case 'string':
			writeString(out, value);
			return;
		case 'number':
			if (!Number.isFinite(value))
				throw new Error(
					`Non-finite number (${value}) is not permitted in JSON (RFC 8785 §3.2.2.3)`
				);
			// A finite number's JSON is ASCII.
			out.text(JSON.stringify(value));
			return;
		case 'boolean':
			out.text(value ? 'true' : 'false');
			return;
		case 'object':
			break;
		default:
			// undefined, a function, a symbol or a bigint: whatever canonicalText makes of it.
			out.text(String(canonicalText(value)));
			return;
	}
	if (value === null) {
		out.text('null');
		return;
	}
	if (hasToJson(value)) {
		out.text(canonicalText(value));
		return;
	}
	if (Array.isArray(value)) {
		out.reserve(1);
		out.bytes[out.length++] = 0x5b; // [
		for (let i = 0; i < value.length; i++) {
			if (i > 0) {
				out.reserve(1);
				out.bytes[out.length++] = 0x2c; // ,
			}
			const item: unknown = value[i];
			writeCanonical(out, item === undefined ? null : item);
		}
		out.reserve(1);
		out.bytes[out.length++] = 0x5d; // ]
		return;
	}
	const object = value as Record<string, unknown>;
	const keys = Object.keys(object).sort();
	out.reserve(1);
	out.bytes[out.length++] = 0x7b; // {
	let next = false;
	for (const key of keys) {
		const item = object[key];
		if (item === undefined) continue;
		if (next) {
			out.reserve(1);
			out.bytes[out.length++] = 0x2c; // ,
		}
		next = true;
		writeString(out, key);
		out.reserve(1);
		out.bytes[out.length++] = 0x3a; // :
		writeCanonical(out, item);
	}
	out.reserve(1);
	out.bytes[out.length++] = 0x7d; // }
}

/** A string as JSON.stringify writes it: printable ASCII copied between quotes, the rest by it. */
function writeString(out: Utf8Buffer, text: string): void {
	const n = text.length;
	out.reserve(n + 2);
	const bytes = out.bytes;
	let at = out.length;
	bytes[at++] = 0x22;
	for (let i = 0; i < n; i++) {
		const code = text.charCodeAt(i);
		// Control characters, quote, backslash and non-ASCII: JSON.stringify's escapes.
		if (code < 0x20 || code === 0x22 || code === 0x5c || code >= 0x7f) {
			out.text(JSON.stringify(text));
			return;
		}
		bytes[at++] = code;
	}
	bytes[at++] = 0x22;
	out.length = at;
}

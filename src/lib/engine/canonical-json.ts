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

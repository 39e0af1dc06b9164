/**
 * A scenario's identity: the SHA-256, in lower-case hex, of the RFC 8785 canonical JSON of the
 * file's value as written (shared/docs/scenario-format.md, "Exported attempt"). Key order and
 * whitespace do not change it; any change of content does. Web Crypto makes it the same in the
 * browser and in Node.
 */
import { canonicalize } from 'json-canonicalize';

/**
 * Hashes a JSON value: `await scenarioHash({ b: 1, a: [true] })` hashes `{"a":[true],"b":1}`.
 * Throws on what JSON cannot hold (NaN, Infinity, cycles) and on an object with a `toJSON` key,
 * which the canonicalizer would not sort; a file that passed `parseScenario` has none of these.
 */
export async function scenarioHash(value: unknown): Promise<string> {
	assertPlainJson(value, 0);
	const bytes = new TextEncoder().encode(canonicalize(value));
	const digest = await crypto.subtle.digest('SHA-256', bytes);
	return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The canonical JSON that `scenarioHash` hashes. */
export function canonicalJson(value: unknown): string {
	assertPlainJson(value, 0);
	return canonicalize(value);
}

function assertPlainJson(value: unknown, depth: number): void {
	if (depth > 1000) throw new TypeError('Value too deep to hash');
	if (typeof value === 'number' && !Number.isFinite(value)) {
		throw new TypeError(`${value} is not a JSON number`);
	}
	if (typeof value !== 'object' || value === null) return;
	if (Array.isArray(value)) {
		for (const item of value) assertPlainJson(item, depth + 1);
		return;
	}
	if (Object.hasOwn(value, 'toJSON')) throw new TypeError('An object with a toJSON key');
	for (const item of Object.values(value)) assertPlainJson(item, depth + 1);
}

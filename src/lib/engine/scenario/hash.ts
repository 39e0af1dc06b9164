/**
 * A scenario's identity: the SHA-256, in lower-case hex, of the RFC 8785 canonical JSON of the
 * file's value as written (docs/authoring.md, "The exported attempt file"). Key order and
 * whitespace do not change it; any change of content does. Web Crypto computes it the same in
 * the browser and in Node; a plain TypeScript SHA-256 stands in where a browser withholds Web
 * Crypto (pages served over plain HTTP).
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
	// Browsers offer Web Crypto only in secure contexts; an intranet served over plain HTTP
	// still needs the same hash.
	const digest = globalThis.crypto?.subtle
		? new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes))
		: sha256(bytes);
	return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

// prettier-ignore
const K = new Uint32Array([
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
]);

/** SHA-256 (FIPS 180-4) in plain TypeScript, for where Web Crypto is missing. */
export function sha256(message: Uint8Array): Uint8Array {
	const length = message.length;
	const padded = new Uint8Array(Math.ceil((length + 9) / 64) * 64);
	padded.set(message);
	padded[length] = 0x80;
	const view = new DataView(padded.buffer);
	view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
	view.setUint32(padded.length - 4, (length * 8) >>> 0);
	const h = new Uint32Array([
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	]);
	const w = new Uint32Array(64);
	const rotate = (x: number, n: number) => (x >>> n) | (x << (32 - n));
	for (let block = 0; block < padded.length; block += 64) {
		for (let t = 0; t < 16; t++) w[t] = view.getUint32(block + t * 4);
		for (let t = 16; t < 64; t++) {
			const s0 = rotate(w[t - 15], 7) ^ rotate(w[t - 15], 18) ^ (w[t - 15] >>> 3);
			const s1 = rotate(w[t - 2], 17) ^ rotate(w[t - 2], 19) ^ (w[t - 2] >>> 10);
			w[t] = w[t - 16] + s0 + w[t - 7] + s1;
		}
		let [a, b, c, d, e, f, g, k] = h;
		for (let t = 0; t < 64; t++) {
			const t1 =
				(k + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]) |
				0;
			const t2 =
				((rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
			k = g;
			g = f;
			f = e;
			e = (d + t1) | 0;
			d = c;
			c = b;
			b = a;
			a = (t1 + t2) | 0;
		}
		h[0] += a;
		h[1] += b;
		h[2] += c;
		h[3] += d;
		h[4] += e;
		h[5] += f;
		h[6] += g;
		h[7] += k;
	}
	const digest = new Uint8Array(32);
	const out = new DataView(digest.buffer);
	h.forEach((word, i) => out.setUint32(i * 4, word));
	return digest;
}

/**
 * The same hash, computed synchronously in plain TypeScript (inside an IndexedDB transaction,
 * say, where awaiting Web Crypto would end the transaction): `scenarioHashSync(value)`.
 */
export function scenarioHashSync(value: unknown): string {
	assertPlainJson(value, 0);
	const digest = sha256(new TextEncoder().encode(canonicalize(value)));
	return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
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

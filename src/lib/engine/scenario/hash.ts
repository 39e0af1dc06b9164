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
	return toHex(digest);
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
	const blocks = Math.ceil((length + 9) / 64);
	const padded = new Uint8Array(blocks * 64);
	padded.set(message);
	padded[length] = 0x80;
	const bits = length * 8;
	const end = padded.length;
	padded[end - 8] = (Math.floor(length / 0x20000000) >>> 24) & 0xff;
	padded[end - 7] = (Math.floor(length / 0x20000000) >>> 16) & 0xff;
	padded[end - 6] = (Math.floor(length / 0x20000000) >>> 8) & 0xff;
	padded[end - 5] = Math.floor(length / 0x20000000) & 0xff;
	padded[end - 4] = (bits >>> 24) & 0xff;
	padded[end - 3] = (bits >>> 16) & 0xff;
	padded[end - 2] = (bits >>> 8) & 0xff;
	padded[end - 1] = bits & 0xff;
	const h = new Int32Array(INITIAL);
	compress(h, padded, blocks);
	const digest = new Uint8Array(32);
	for (let i = 0; i < 8; i++) {
		digest[i * 4] = h[i] >>> 24;
		digest[i * 4 + 1] = (h[i] >>> 16) & 0xff;
		digest[i * 4 + 2] = (h[i] >>> 8) & 0xff;
		digest[i * 4 + 3] = h[i] & 0xff;
	}
	return digest;
}

/**
 * The SHA-256, in lower-case hex, of `bytes[0, length)`, padded in place: the bytes from `length`
 * to the next multiple of 64 past `length + 8` are overwritten, so `bytes` must be at least that
 * long. For a buffer the caller writes again and again (fingerprint.ts), with nothing allocated
 * but the hex.
 */
export function sha256HexInPlace(bytes: Uint8Array, length: number): string {
	const blocks = Math.ceil((length + 9) / 64);
	const end = blocks * 64;
	if (bytes.length < end) throw new RangeError('No room to pad the message in place');
	bytes[length] = 0x80;
	bytes.fill(0, length + 1, end - 8);
	const high = Math.floor(length / 0x20000000);
	const bits = length * 8;
	bytes[end - 8] = (high >>> 24) & 0xff;
	bytes[end - 7] = (high >>> 16) & 0xff;
	bytes[end - 6] = (high >>> 8) & 0xff;
	bytes[end - 5] = high & 0xff;
	bytes[end - 4] = (bits >>> 24) & 0xff;
	bytes[end - 3] = (bits >>> 16) & 0xff;
	bytes[end - 2] = (bits >>> 8) & 0xff;
	bytes[end - 1] = bits & 0xff;
	const h = STATE;
	h.set(INITIAL);
	compress(h, bytes, blocks);
	let out = '';
	for (let i = 0; i < 8; i++) {
		const word = h[i];
		out +=
			HEX[word >>> 24] + HEX[(word >>> 16) & 0xff] + HEX[(word >>> 8) & 0xff] + HEX[word & 0xff];
	}
	return out;
}

const INITIAL = [
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
];
const K32 = new Int32Array(K);
const W = new Int32Array(64);
const STATE = new Int32Array(8);

/**
 * The compression function over `blocks` 64-byte blocks of `bytes`, updating the state `h`:
 * plain 32-bit integer arithmetic on local variables (the hot loop of every hash here).
 */
function compress(h: Int32Array, bytes: Uint8Array, blocks: number): void {
	const w = W;
	let h0 = h[0],
		h1 = h[1],
		h2 = h[2],
		h3 = h[3],
		h4 = h[4],
		h5 = h[5],
		h6 = h[6],
		h7 = h[7];
	for (let block = 0; block < blocks; block++) {
		const offset = block * 64;
		for (let t = 0; t < 16; t++) {
			const i = offset + t * 4;
			w[t] = (bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3];
		}
		for (let t = 16; t < 64; t++) {
			const x = w[t - 15];
			const y = w[t - 2];
			const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
			const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
			w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
		}
		let a = h0,
			b = h1,
			c = h2,
			d = h3,
			e = h4,
			f = h5,
			g = h6,
			k = h7;
		for (let t = 0; t < 64; t++) {
			const t1 =
				(k +
					(((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
					((e & f) ^ (~e & g)) +
					K32[t] +
					w[t]) |
				0;
			const t2 =
				((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
					((a & b) ^ (a & c) ^ (b & c))) |
				0;
			k = g;
			g = f;
			f = e;
			e = (d + t1) | 0;
			d = c;
			c = b;
			b = a;
			a = (t1 + t2) | 0;
		}
		h0 = (h0 + a) | 0;
		h1 = (h1 + b) | 0;
		h2 = (h2 + c) | 0;
		h3 = (h3 + d) | 0;
		h4 = (h4 + e) | 0;
		h5 = (h5 + f) | 0;
		h6 = (h6 + g) | 0;
		h7 = (h7 + k) | 0;
	}
	h[0] = h0;
	h[1] = h1;
	h[2] = h2;
	h[3] = h3;
	h[4] = h4;
	h[5] = h5;
	h[6] = h6;
	h[7] = h7;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Bytes as lower-case hex: `toHex(new Uint8Array([1, 171]))` is `'01ab'`. */
export function toHex(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]];
	return out;
}

/**
 * The same hash, computed synchronously in plain TypeScript (inside an IndexedDB transaction,
 * say, where awaiting Web Crypto would end the transaction): `scenarioHashSync(value)`.
 */
export function scenarioHashSync(value: unknown): string {
	assertPlainJson(value, 0);
	return toHex(sha256(new TextEncoder().encode(canonicalize(value))));
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

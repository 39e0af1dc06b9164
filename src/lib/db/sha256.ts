/**
 * SHA-256 of a UTF-8 string in lower-case hex, synchronously, through the engine's plain
 * TypeScript SHA-256.
 *
 * Why not `crypto.subtle.digest`: it is asynchronous, so it cannot run inside an IndexedDB
 * transaction without letting the transaction commit, and browsers offer it only on secure
 * origins.
 *
 * @example sha256Hex('abc') // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
import { sha256, toHex } from '$lib/engine/scenario/hash';

const encoder = new TextEncoder();

export function sha256Hex(text: string): string {
	return toHex(sha256(encoder.encode(text)));
}

/**
 * A new random record id (a version 4 UUID).
 *
 * `crypto.randomUUID` exists only on secure origins; `getRandomValues` exists everywhere, so a
 * class serving the app over plain http on its LAN still gets ids.
 */
export function newId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	bytes[6] = (bytes[6] & 0x0f) | 0x40;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A fresh seed for a deal or a competition, from the random source (the engine has none). */
export function newSeed(): number {
	return crypto.getRandomValues(new Uint32Array(1))[0];
}

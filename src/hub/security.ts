/**
 * Class codes, trainer keys and rate limits (the threat model is in docs/hub.md).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import { CLASS_CODE_ALPHABET as ALPHABET, CODE_LENGTH } from '../lib/hub/class-code';

export { CODE_LENGTH, normalizeCode } from '../lib/hub/class-code';

/** A new class code, e.g. `7KQ2-M9XD-4TRB` without the dashes: `7KQ2M9XD4TRB`. */
export function newClassCode(): string {
	const bytes = randomBytes(CODE_LENGTH);
	let code = '';
	// 256 is a multiple of 32: taking each byte modulo 32 has no bias.
	for (const byte of bytes) code += ALPHABET[byte % 32];
	return code;
}

/** A new trainer key: 32 random bytes, base64url (43 characters). */
export function newTrainerKey(): string {
	return randomBytes(32).toString('base64url');
}

/**
 * What is stored of a trainer key: its SHA-256. The key is 256 random bits, so a plain hash is
 * enough (nothing to guess); a stolen database does not hand out working keys.
 */
export function hashTrainerKey(key: string): string {
	return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Whether `key` is the one whose hash is stored, compared in constant time. */
export function trainerKeyMatches(key: string, storedHash: string): boolean {
	const given = Buffer.from(hashTrainerKey(key), 'hex');
	const stored = Buffer.from(storedHash, 'hex');
	return given.length === stored.length && timingSafeEqual(given, stored);
}

export interface Limit {
	/** Requests allowed at once. */
	burst: number;
	/** Requests allowed per minute after that. */
	perMinute: number;
}

/**
 * Token buckets by client address: each address may make `burst` requests at once, refilled at
 * `perMinute`. Memory is bounded: idle full buckets are dropped.
 */
export class RateLimiter {
	private readonly buckets = new Map<string, { tokens: number; at: number }>();

	constructor(
		readonly limit: Limit,
		private readonly now: () => number = Date.now
	) {}

	/** Takes one token: 0 when allowed, else the seconds until the next token. */
	take(key: string): number {
		const now = this.now();
		const rate = this.limit.perMinute / 60_000;
		const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
		bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.at) * rate);
		bucket.at = now;
		this.buckets.set(key, bucket);
		if (this.buckets.size > 100_000) this.sweep(now);
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return 0;
		}
		return Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000));
	}

	/** Seconds until this key may make a request (0: now), without taking a token. */
	wait(key: string): number {
		const bucket = this.buckets.get(key);
		if (!bucket) return 0;
		const rate = this.limit.perMinute / 60_000;
		const tokens = Math.min(this.limit.burst, bucket.tokens + (this.now() - bucket.at) * rate);
		return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / rate / 1000));
	}

	private sweep(now: number): void {
		const rate = this.limit.perMinute / 60_000;
		for (const [key, bucket] of this.buckets) {
			if (bucket.tokens + (now - bucket.at) * rate >= this.limit.burst) this.buckets.delete(key);
		}
	}
}

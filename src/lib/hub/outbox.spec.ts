import { describe, expect, it } from 'vitest';
import { backoff, classify, Outbox, type OutboxItem, type OutboxStorage } from './outbox';
import type { ExportedAttempt } from '../engine/scenario/schema';

function memory(): OutboxStorage & { items: Map<string, OutboxItem> } {
	const items = new Map<string, OutboxItem>();
	return {
		items,
		put: async (item) => void items.set(item.id, structuredClone(item)),
		waiting: async () => [...items.values()].filter((item) => item.status === 'waiting')
	};
}

const attempt = { player: 'Li Na' } as unknown as ExportedAttempt;

describe('backoff', () => {
	it('doubles from 2 s up to 5 minutes, spread by a fifth either way', () => {
		expect([1, 2, 3, 4].map((n) => backoff(n, () => 0.5))).toEqual([2000, 4000, 8000, 16000]);
		expect(backoff(20, () => 0.5)).toBe(300_000);
		expect(backoff(1, () => 0)).toBe(1600);
		expect(backoff(1, () => 1)).toBe(2400);
	});
});

describe('classify', () => {
	it('reads the hub’s answers', () => {
		const accepted = { attempt: { hash: 'h', score: 80, outcome: 'won' }, counts: true };
		expect(classify(201, accepted, null)).toEqual({
			kind: 'accepted',
			hash: 'h',
			score: 80,
			outcome: 'won',
			counts: true
		});
		expect(classify(200, { ...accepted, counts: false }, null)).toMatchObject({ counts: false });
		expect(classify(422, { reason: 'score-mismatch', message: 'No.' }, null)).toEqual({
			kind: 'refused',
			reason: 'score-mismatch',
			message: 'No.'
		});
		expect(classify(404, { error: 'unknown-class', message: 'None.' }, null)).toMatchObject({
			kind: 'refused',
			reason: 'unknown-class'
		});
		expect(classify(429, {}, '30')).toMatchObject({ kind: 'retry', afterMs: 30_000 });
		expect(classify(503, null, null)).toMatchObject({
			kind: 'retry',
			error: 'The hub answered HTTP 503.'
		});
		expect(classify(200, { nothing: 1 }, null)).toMatchObject({ kind: 'retry' });
	});
});

describe('Outbox', () => {
	it('keeps an item waiting through failures, backing off, until the hub answers', async () => {
		const storage = memory();
		let now = 1_000_000;
		const answers: (() => Response)[] = [
			() => {
				throw new TypeError('fetch failed');
			},
			() => new Response('busy', { status: 503 }),
			() =>
				new Response(JSON.stringify({ error: 'rate-limited' }), {
					status: 429,
					headers: { 'retry-after': '60' }
				}),
			() =>
				new Response(
					JSON.stringify({
						status: 'accepted',
						attempt: { hash: 'abc', score: 81.5, outcome: 'won' },
						counts: true
					}),
					{
						status: 201
					}
				)
		];
		const sent: { url: string; language: string | null }[] = [];
		const outbox = new Outbox({
			storage,
			now: () => now,
			random: () => 0.5,
			language: 'zh-CN',
			fetch: async (url, init) => {
				sent.push({
					url: String(url),
					language: new Headers(init?.headers).get('accept-language')
				});
				return answers[sent.length - 1]();
			}
		});
		await outbox.add({ id: 'a1', hub: 'https://hub.example/', classCode: 'ABCD', attempt });
		expect(await outbox.flush()).toMatchObject([
			{
				status: 'waiting',
				tries: 1,
				nextTryAt: now + 2000,
				lastError: 'The hub could not be reached (fetch failed).'
			}
		]);
		expect(await outbox.flush()).toEqual([]); // not due yet
		now += 2000;
		expect((await outbox.flush())[0]).toMatchObject({ tries: 2, nextTryAt: now + 4000 });
		now += 4000;
		// Retry-After is longer than the back-off: it wins.
		expect((await outbox.flush())[0]).toMatchObject({ tries: 3, nextTryAt: now + 60_000 });
		expect(await outbox.nextDue()).toBe(now + 60_000);
		now += 60_000;
		expect((await outbox.flush())[0]).toMatchObject({
			status: 'accepted',
			tries: 4,
			accepted: { hash: 'abc', score: 81.5, counts: true }
		});
		expect(storage.items.get('a1')).not.toHaveProperty('lastError');
		expect(await outbox.nextDue()).toBeUndefined();
		expect(sent[0]).toEqual({
			url: 'https://hub.example/api/classes/ABCD/attempts',
			language: 'zh-CN'
		});
	});

	it('stops at a refusal and keeps the reason', async () => {
		const storage = memory();
		const outbox = new Outbox({
			storage,
			fetch: async () =>
				new Response(
					JSON.stringify({ error: 'refused', reason: 'hash-mismatch', message: 'Another copy.' }),
					{
						status: 422
					}
				)
		});
		await outbox.add({ id: 'a2', hub: 'https://hub.example', classCode: 'ABCD', attempt });
		await outbox.flush();
		expect(storage.items.get('a2')).toMatchObject({
			status: 'refused',
			refused: { reason: 'hash-mismatch', message: 'Another copy.' }
		});
		expect(await outbox.flush()).toEqual([]);
	});

	it('runs one flush at a time', async () => {
		const storage = memory();
		let calls = 0;
		const outbox = new Outbox({
			storage,
			fetch: async () => {
				calls++;
				await new Promise((r) => setTimeout(r, 20));
				return new Response(JSON.stringify({ attempt: { hash: 'h', score: 1, outcome: 'lost' } }), {
					status: 200
				});
			}
		});
		await outbox.add({ id: 'a3', hub: 'https://hub.example', classCode: 'ABCD', attempt });
		const [first, second] = await Promise.all([outbox.flush(), outbox.flush()]);
		expect(first).toBe(second);
		expect(calls).toBe(1);
	});
});

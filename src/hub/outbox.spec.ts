/**
 * The app's outbox (src/lib/hub/outbox.ts) against a real hub that goes away and comes back:
 * nothing is lost, nothing is stored twice, refusals keep the verifier's reason.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Outbox, type OutboxItem, type OutboxStorage } from '../lib/hub/outbox';
import { startHub, type RunningHub } from './server';
import { honestAttempt, testScenario, TEST_SCENARIO_TEXT } from './testing/attempts';
import { call, OPEN_LIMITS, ROOT } from './testing/hub';

const played = await testScenario();

function freePort(): Promise<number> {
	return new Promise((done) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => done(port));
		});
	});
}

describe('outbox and hub', () => {
	let folder: string;
	let hub: RunningHub | undefined;
	afterAll(async () => {
		await hub?.close();
		if (folder) await rm(folder, { recursive: true, force: true });
	});

	it('sends what waited while the hub was away, once, and keeps refusals with their reason', async () => {
		folder = await mkdtemp(join(tmpdir(), 'hub-outbox-'));
		const port = await freePort();
		const config = {
			port,
			host: '127.0.0.1',
			dataDir: folder,
			scenariosDir: resolve(ROOT, 'scenarios'),
			limits: OPEN_LIMITS
		};
		hub = await startHub(config, () => {});
		const created = await call(`${hub.url}/api/classes`, { method: 'POST', json: { name: 'Out' } });
		const { code, trainerKey } = created.body;
		await call(`${hub.url}/api/classes/${code}/scenarios`, {
			method: 'POST',
			json: TEST_SCENARIO_TEXT,
			headers: { authorization: `Bearer ${trainerKey}` }
		});
		await hub.close();
		hub = undefined;

		const items = new Map<string, OutboxItem>();
		const storage: OutboxStorage = {
			put: async (item) => void items.set(item.id, structuredClone(item)),
			waiting: async () => [...items.values()].filter((item) => item.status === 'waiting')
		};
		let now = Date.now();
		const outbox = new Outbox({ storage, now: () => now, random: () => 0.5 });
		const origin = `http://127.0.0.1:${port}`;
		const plays = ['Ann', 'Bo', 'Cy', 'Di'].map((player) => honestAttempt(played, { player }));
		const forged = { ...honestAttempt(played, { player: 'Eve' }) };
		forged.result = { ...forged.result, score: 100 };
		for (const [i, attempt] of [...plays, forged].entries())
			await outbox.add({ id: `a${i}`, hub: origin, classCode: code, attempt });

		// The hub is away: everything waits, with a reason and a time to try again.
		const away = await outbox.flush();
		expect(away.map((item) => item.status)).toEqual(Array(5).fill('waiting'));
		expect(away[0].lastError).toMatch(/could not be reached/);

		hub = await startHub(config, () => {});
		now += 2500;
		await outbox.flush();
		const states = [...items.values()].map((item) => [item.attempt.player, item.status]);
		expect(states).toEqual([
			['Ann', 'accepted'],
			['Bo', 'accepted'],
			['Cy', 'accepted'],
			['Di', 'accepted'],
			['Eve', 'refused']
		]);
		expect(items.get('a4')?.refused?.reason).toBe('score-mismatch');
		expect(items.get('a4')?.refused?.message).toContain('100');

		// The same attempt again (a second device, a restored backup): accepted, not stored twice.
		await outbox.add({ id: 'again', hub: origin, classCode: code, attempt: plays[0] });
		await outbox.flush();
		expect(items.get('again')).toMatchObject({
			status: 'accepted',
			accepted: { hash: items.get('a0')?.accepted?.hash }
		});
		const board = await call(`${hub.url}/api/classes/${code}/board`);
		expect(board.body.rows.map((r: { player: string }) => r.player).sort()).toEqual([
			'Ann',
			'Bo',
			'Cy',
			'Di'
		]);
	});
});

/**
 * Two hubs on one PostgreSQL (same database and schema) share classes, attempts, the board and
 * the live events: an attempt posted to one reaches the other's event stream (LISTEN/NOTIFY).
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startHub, type RunningHub } from './server';
import { honestAttempt, testScenario, TEST_SCENARIO_TEXT } from './testing/attempts';
import { call, OPEN_LIMITS, ROOT } from './testing/hub';
import { freshSchema } from './testing/postgres';

const played = await testScenario();

describe('two hubs on one PostgreSQL', () => {
	let a: RunningHub;
	let b: RunningHub;
	let drop: () => Promise<void>;

	beforeAll(async () => {
		const url = inject('postgresUrl');
		const schema = await freshSchema(url, 'scale');
		drop = schema.drop;
		const config = {
			port: 0,
			host: '127.0.0.1',
			databaseUrl: url,
			schema: schema.name,
			scenariosDir: resolve(ROOT, 'scenarios'),
			limits: OPEN_LIMITS
		};
		// Started together: the migrations run once, under their lock.
		[a, b] = await Promise.all([startHub(config, () => {}), startHub(config, () => {})]);
	});
	afterAll(async () => {
		await a?.close();
		await b?.close();
		await drop?.();
	});

	it('shares the live board', async () => {
		const created = await call(`${a.url}/api/classes`, { method: 'POST', json: { name: 'Both' } });
		const { code, trainerKey } = created.body;
		const published = await call(`${b.url}/api/classes/${code}/scenarios`, {
			method: 'POST',
			json: TEST_SCENARIO_TEXT,
			headers: { authorization: `Bearer ${trainerKey}` }
		});
		expect(published.status).toBe(201);

		const controller = new AbortController();
		const stream = await fetch(`${b.url}/api/classes/${code}/events`, {
			signal: controller.signal
		});
		const reader = stream.body!.getReader();
		const decoder = new TextDecoder();
		const answers = await Promise.all([
			call(`${a.url}/api/classes/${code}/attempts`, {
				method: 'POST',
				json: honestAttempt(played, { player: 'On A' })
			}),
			call(`${b.url}/api/classes/${code}/attempts`, {
				method: 'POST',
				json: honestAttempt(played, { player: 'On B' })
			})
		]);
		expect(answers.map((r) => r.status)).toEqual([201, 201]);
		const answered = Date.now();
		let text = '';
		const timer = setTimeout(() => controller.abort(), 5000);
		try {
			while (!(text.includes('On A') && text.includes('On B'))) {
				const { value, done } = await reader.read();
				if (done) break;
				text += decoder.decode(value, { stream: true });
			}
		} finally {
			clearTimeout(timer);
			controller.abort();
		}
		expect(text).toContain('"player":"On A"');
		expect(text).toContain('"player":"On B"');
		// Both on B's stream within two seconds of being accepted.
		expect(Date.now() - answered).toBeLessThan(2000);
		for (const hub of [a, b]) {
			const board = await call(`${hub.url}/api/classes/${code}/board`);
			expect(board.body.rows.map((r: { player: string }) => r.player).sort()).toEqual([
				'On A',
				'On B'
			]);
		}
	});
});

/**
 * The hub killed with SIGKILL during a burst of posts, then restarted: every attempt that got a
 * 201 or 200 is stored, the clients (each retrying its own attempt until it gets an answer, as
 * the app's outbox does) send the rest, and none is stored twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { honestAttempt, testScenario, TEST_SCENARIO_TEXT } from './testing/attempts';
import { call, DB_KINDS, ROOT, type DbKind } from './testing/hub';
import { freshSchema } from './testing/postgres';

const played = await testScenario();
const ATTEMPTS = 150;
const WORKERS = 15;

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** Starts `src/hub/main.ts` in its own Node process and waits until it answers. */
async function startProcess(env: Record<string, string>, port: number): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/main.ts'], {
		cwd: ROOT,
		env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const deadline = Date.now() + 90_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`The hub exited: ${output}`);
		try {
			if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	child.kill('SIGKILL');
	throw new Error(`The hub did not answer within 90 s: ${output}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DB_KINDS)('SIGKILL during a burst, on %s', (kind: DbKind) => {
	const cleanups: (() => Promise<void>)[] = [];
	afterAll(async () => {
		for (const cleanup of cleanups.reverse()) await cleanup();
	});

	// Two hub starts (seconds each on a busy machine) and a burst: a generous limit.
	it('keeps every acknowledged attempt, and stores none twice', { timeout: 240_000 }, async () => {
		const env: Record<string, string> = {
			BUILD_DIR: join(ROOT, 'no-build-here'),
			HUB_ATTEMPT_LIMIT: '100000/100000'
		};
		if (kind === 'postgres') {
			const schema = await freshSchema(inject('postgresUrl'), 'fault');
			cleanups.push(() => schema.drop());
			env.DATABASE_URL = inject('postgresUrl');
			env.HUB_DB_SCHEMA = schema.name;
		} else {
			const folder = await mkdtemp(join(tmpdir(), 'hub-fault-'));
			cleanups.push(() => rm(folder, { recursive: true, force: true }));
			env.HUB_DATA_DIR = folder;
		}
		const port = await freePort();
		const base = `http://127.0.0.1:${port}/api`;
		let hub = await startProcess(env, port);
		cleanups.push(async () => {
			hub.kill('SIGKILL');
		});

		const created = await call(`${base}/classes`, { method: 'POST', json: { name: 'Fault' } });
		const { code, trainerKey } = created.body;
		const auth = { authorization: `Bearer ${trainerKey}` };
		const published = await call(`${base}/classes/${code}/scenarios`, {
			method: 'POST',
			json: TEST_SCENARIO_TEXT,
			headers: auth
		});
		expect(published.status).toBe(201);

		const outbox = Array.from({ length: ATTEMPTS }, (_, i) =>
			honestAttempt(played, { player: `Trainee ${i}`, path: i % 3 ? 'model' : 'naive' })
		);
		const acknowledged = new Map<number, string>();
		const statuses: number[] = [];
		let failures = 0;
		let next = 0;

		// Each worker sends one attempt at a time and retries it until the hub answers.
		async function worker() {
			while (next < outbox.length) {
				const index = next++;
				for (let tries = 0; ; tries++) {
					try {
						const response = await call(`${base}/classes/${code}/attempts`, {
							method: 'POST',
							json: outbox[index]
						});
						if (response.status === 201 || response.status === 200) {
							acknowledged.set(index, response.body.attempt.hash);
							statuses.push(response.status);
							break;
						}
						throw new Error(`status ${response.status}`);
					} catch {
						failures++;
						await sleep(Math.min(1000, 50 * 2 ** Math.min(tries, 5)));
					}
				}
			}
		}
		const workers = Array.from({ length: WORKERS }, worker);

		// Kill the hub once a third of the attempts are in, and start it again.
		while (acknowledged.size < ATTEMPTS / 3) await sleep(5);
		const atKill = new Map(acknowledged);
		hub.kill('SIGKILL');
		await new Promise((r) => hub.once('exit', r));
		hub = await startProcess(env, port);
		await Promise.all(workers);

		expect(failures).toBeGreaterThan(0);
		expect(acknowledged.size).toBe(ATTEMPTS);

		const backup = await call(`${base}/classes/${code}/backup`, { headers: auth });
		const stored: string[] = backup.body.attempts.map((a: { hash: string }) => a.hash);
		expect(new Set(stored).size).toBe(stored.length);
		expect(stored.length).toBe(ATTEMPTS);
		for (const hash of atKill.values()) expect(stored).toContain(hash);
		for (const hash of acknowledged.values()) expect(stored).toContain(hash);
		// The event log has one event per attempt, numbered without gaps.
		const seqs = backup.body.attempts.map((a: { seq: number }) => a.seq);
		expect(seqs).toEqual(Array.from({ length: ATTEMPTS }, (_, i) => i + 1));
		const board = await call(`${base}/classes/${code}/board`);
		expect(board.body.total).toBe(ATTEMPTS);
	});
});

/**
 * The app's trainer calls (src/lib/hub/trainer-client.ts) against a real hub over HTTP: make a
 * class, check its key, publish a scenario (again, and a changed one under the same version),
 * download the CSV and the backup; and every failure as the value the page shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createClass,
	publishToClass,
	trainerDownload,
	trainerView
} from '../lib/hub/trainer-client';
import { syncClassScenarios } from '../lib/hub/class-scenarios';
import { honestAttempt, testScenario, TEST_SCENARIO_TEXT } from './testing/attempts';
import { call, startTestHub, type TestHub } from './testing/hub';

const played = await testScenario();

describe('trainer client and hub', () => {
	let hub: TestHub;
	beforeAll(async () => {
		hub = await startTestHub('pglite', 'trainer-client');
	});
	afterAll(() => hub?.close());

	it('makes a class, checks its key, publishes, and downloads', async () => {
		const made = await createClass(`${hub.url}/trainer/class`, 'Spring cohort');
		if (!made.ok) throw new Error(made.kind);
		const { code, trainerKey } = made.created;
		expect(made.created.hub).toBe(hub.url);
		expect(made.created.joinUrl).toBe(`${hub.url}/join?class=${code}`);

		const seen = await trainerView(hub.url, code.toLowerCase(), ` ${trainerKey} `);
		expect(seen).toMatchObject({ ok: true, view: { name: 'Spring cohort', attempts: 0 } });

		const first = await publishToClass(hub.url, code, trainerKey, TEST_SCENARIO_TEXT);
		expect(first).toMatchObject({
			ok: true,
			already: false,
			published: { id: 'test-plant', version: 1, hash: played.hash }
		});
		expect(await publishToClass(hub.url, code, trainerKey, TEST_SCENARIO_TEXT)).toMatchObject({
			ok: true,
			already: true
		});
		const changed = JSON.parse(TEST_SCENARIO_TEXT);
		changed.resources.budget += 1;
		const taken = await publishToClass(hub.url, code, trainerKey, JSON.stringify(changed));
		expect(taken).toMatchObject({ ok: false, kind: 'version-taken' });
		const broken = await publishToClass(hub.url, code, trainerKey, '{"format": 2');
		expect(broken).toMatchObject({ ok: false, kind: 'invalid' });

		const sent = await call(`${hub.url}/api/classes/${code}/attempts`, {
			method: 'POST',
			json: honestAttempt(played, { player: '李娜' })
		});
		expect(sent.status).toBe(201);
		const after = await trainerView(hub.url, code, trainerKey);
		expect(after).toMatchObject({ ok: true, view: { attempts: 1 } });

		const csv = await trainerDownload(hub.url, code, trainerKey, 'export.csv');
		if (!csv.ok) throw new Error(csv.kind);
		expect(await csv.blob.text()).toContain('李娜');
		const backup = await trainerDownload(hub.url, code, trainerKey, 'backup');
		if (!backup.ok) throw new Error(backup.kind);
		expect(JSON.parse(await backup.blob.text()).attempts).toHaveLength(1);
	});

	it('says why a call failed', async () => {
		const made = await createClass(hub.url, 'Other');
		if (!made.ok) throw new Error(made.kind);
		const { code } = made.created;
		const wrongKey = 'x'.repeat(43);
		expect(await trainerView(hub.url, code, wrongKey)).toMatchObject({ kind: 'wrong-key' });
		expect(await trainerView(hub.url, code, 'short')).toMatchObject({ kind: 'wrong-key' });
		expect(await trainerView(hub.url, 'not a code', wrongKey)).toMatchObject({ kind: 'bad-code' });
		expect(await trainerView('hub', code, wrongKey)).toMatchObject({ kind: 'bad-hub' });
		expect(await trainerView(hub.url, '0000-0000-0000', wrongKey)).toMatchObject({
			kind: 'unknown'
		});
		expect(await publishToClass(hub.url, code, wrongKey, TEST_SCENARIO_TEXT)).toMatchObject({
			kind: 'wrong-key'
		});
		expect(await trainerDownload(hub.url, code, wrongKey, 'backup')).toMatchObject({
			kind: 'wrong-key'
		});
		expect(await createClass(hub.url, '')).toMatchObject({ ok: false, kind: 'invalid' });
		// Nothing listens on port 9 of this machine.
		expect(await createClass('http://127.0.0.1:9', 'Nowhere')).toMatchObject({
			kind: 'unreachable'
		});
	});

	it('brings the class’s published scenarios to a trainee’s library, once, leaving other content alone', async () => {
		const made = await createClass(hub.url, 'Library');
		if (!made.ok) throw new Error(made.kind);
		const { code, trainerKey } = made.created;
		const held = new Map<string, { hash: string; text: string }>();
		const library = {
			hashOf: async (id: string, version: number) => held.get(`${id}@${version}`)?.hash,
			save: async (text: string) => {
				const { id, version } = JSON.parse(text);
				held.set(`${id}@${version}`, { hash: played.hash, text });
			}
		};
		expect(await syncClassScenarios(hub.url, code, library)).toEqual({
			added: [],
			skipped: [],
			reached: true
		});
		await publishToClass(hub.url, code, trainerKey, TEST_SCENARIO_TEXT);
		expect(await syncClassScenarios(hub.url, code, library)).toEqual({
			added: ['test-plant@1'],
			skipped: [],
			reached: true
		});
		expect(held.get('test-plant@1')?.text).toBe(TEST_SCENARIO_TEXT);
		// Already here: nothing fetched again.
		expect((await syncClassScenarios(hub.url, code, library)).added).toEqual([]);
		// This device holds the same version with other content: it is kept.
		held.set('test-plant@1', { hash: 'f'.repeat(64), text: '{}' });
		expect(await syncClassScenarios(hub.url, code, library)).toMatchObject({
			added: [],
			skipped: ['test-plant@1']
		});
		expect(held.get('test-plant@1')?.text).toBe('{}');
		expect(await syncClassScenarios('http://127.0.0.1:9', code, library)).toMatchObject({
			reached: false
		});
	});
});

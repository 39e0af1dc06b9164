import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportedAttemptFingerprint } from '../../src/lib/db/fingerprint';
import { modelPath, testScenarioInput } from '../../src/lib/engine/deal/fixtures/test-scenario';
import { lookupOf, verifyAttempt } from '../../src/lib/engine/results/verify-attempt';
import { parseScenario } from '../../src/lib/engine/scenario/parse-scenario';
import { replayCommand } from './replay';

let folder: string;
const file = (name: string) => join(folder, name);

beforeAll(async () => {
	folder = await mkdtemp(join(tmpdir(), 'replay-cli-'));
	await writeFile(file('scenario.json'), JSON.stringify(testScenarioInput));
	await writeFile(file('model.json'), JSON.stringify(modelPath));
	await writeFile(file('short.json'), JSON.stringify(modelPath.slice(0, 2)));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function run(args: string[]) {
	const out: string[] = [];
	const log = vi.spyOn(console, 'log').mockImplementation((line) => void out.push(String(line)));
	const error = vi
		.spyOn(console, 'error')
		.mockImplementation((line) => void out.push(String(line)));
	try {
		return { code: await replayCommand(args), out: out.join('\n') };
	} finally {
		log.mockRestore();
		error.mockRestore();
	}
}

describe('scenarios replay --export', () => {
	it('writes the attempt file a trainee would download, which the verifier accepts', async () => {
		const { code, out } = await run([
			file('scenario.json'),
			file('model.json'),
			'--export',
			file('attempt.json'),
			'--player',
			'Li Na',
			'--team',
			'East',
			'--finished',
			'2026-11-28T09:41:00Z'
		]);
		expect(code).toBe(0);
		expect(out).toContain(`Attempt file written to ${file('attempt.json')}.`);
		const text = await readFile(file('attempt.json'), 'utf8');
		const parsed = await parseScenario(JSON.stringify(testScenarioInput));
		if (!parsed.ok) throw new Error('fixture');
		const verdict = await verifyAttempt(text, lookupOf([parsed]));
		expect(verdict).toMatchObject({
			status: 'accepted',
			attempt: {
				player: 'Li Na',
				team: 'East',
				mode: 'assessment',
				finishedAt: '2026-11-28T09:41:00.000Z'
			}
		});
		// The same play exported twice is one attempt (one fingerprint).
		await run([
			file('scenario.json'),
			file('model.json'),
			'--export=' + file('again.json'),
			'--player=Li Na',
			'--finished=2026-11-28T09:41:00Z'
		]);
		const again = JSON.parse(await readFile(file('again.json'), 'utf8'));
		expect(exportedAttemptFingerprint(again)).toBe(exportedAttemptFingerprint(JSON.parse(text)));
	});

	it('writes nothing for an unfinished deal, and says why options are wrong', async () => {
		const unfinished = await run([
			file('scenario.json'),
			file('short.json'),
			'--export',
			file('none.json'),
			'--player',
			'Li Na'
		]);
		expect(unfinished.code).toBe(1);
		expect(unfinished.out).toContain('the actions do not finish the deal');
		await expect(readFile(file('none.json'))).rejects.toThrow();

		const cases: [string[], RegExp][] = [
			[['--export', file('x.json')], /--export needs --player/],
			[['--player', 'Li Na'], /go with --export/],
			[['--export'], /--export needs a value/],
			[
				['--export', file('x.json'), '--player', 'A', '--mode', 'exam'],
				/--mode is assessment or practice/
			],
			[['--export', file('x.json'), '--player', 'A', '--finished', 'soon'], /--finished is a time/],
			[['--colour'], /Unknown option --colour/]
		];
		for (const [extra, message] of cases) {
			const result = await run([file('scenario.json'), file('model.json'), ...extra]);
			expect(result.code).toBe(2);
			expect(result.out).toMatch(message);
		}
	});
});

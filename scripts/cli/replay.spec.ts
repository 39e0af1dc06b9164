import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportedAttemptFingerprint } from '../../src/lib/db/fingerprint';
import { modelPath, testScenarioInput } from '../../src/lib/engine/deal/fixtures/test-scenario';
import { lookupOf, verifyAttempt } from '../../src/lib/engine/results/verify-attempt';
import { parseScenario } from '../../src/lib/engine/scenario/parse-scenario';
import { RULES_VERSION } from '../../src/lib/engine/methodology';
import { replayCommand } from './replay';
import { captured } from './capture';

let folder: string;
const file = (name: string) => join(folder, name);

beforeAll(async () => {
	folder = await mkdtemp(join(tmpdir(), 'replay-cli-'));
	await writeFile(file('scenario.json'), JSON.stringify(testScenarioInput));
	await writeFile(file('model.json'), JSON.stringify(modelPath));
	await writeFile(file('short.json'), JSON.stringify(modelPath.slice(0, 2)));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const run = (args: string[]) => captured(() => replayCommand(args));

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
		const verdict = await verifyAttempt(text, lookupOf([parsed]), { now: Date.now() });
		expect(verdict).toMatchObject({
			status: 'accepted',
			attempt: {
				player: 'Li Na',
				team: 'East',
				mode: 'assessment',
				seed: 0,
				rules: RULES_VERSION,
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
			[['--colour'], /Unknown option --colour/],
			[['--seed', '-3'], /--seed is a whole number from 0 to 4294967295, not “-3”/],
			[['--seed=1.5'], /--seed is a whole number/]
		];
		for (const [extra, message] of cases) {
			const result = await run([file('scenario.json'), file('model.json'), ...extra]);
			expect(result.code).toBe(2);
			expect(result.out).toMatch(message);
		}
	});

	it('plays on the deal named by --seed, and an exported attempt on its own seed and rules', async () => {
		const seeded = await run([file('scenario.json'), file('model.json'), '--seed', '5', '--json']);
		expect(seeded.code).toBe(0);
		expect(JSON.parse(seeded.out)).toMatchObject({ seed: 5, scoringRules: RULES_VERSION });
		await run([
			file('scenario.json'),
			file('model.json'),
			'--seed=5',
			'--export',
			file('seeded.json'),
			'--player',
			'Li Na'
		]);
		const exported = JSON.parse(await readFile(file('seeded.json'), 'utf8'));
		expect(exported).toMatchObject({ seed: 5, rules: RULES_VERSION });
		const again = await run([file('scenario.json'), file('seeded.json'), '--json']);
		expect(JSON.parse(again.out)).toMatchObject({ seed: 5, score: exported.result.score });
		// A format-1 attempt was played before seeds and rules 2: seed 0, rules 1.
		const old = { ...exported, format: 'sales-sim/attempt@1' };
		delete old.seed;
		delete old.rules;
		await writeFile(file('old.json'), JSON.stringify(old));
		const replayed = await run([file('scenario.json'), file('old.json'), '--json']);
		expect(JSON.parse(replayed.out)).toMatchObject({ seed: 0, scoringRules: 1 });
	});

	it('speaks Chinese with --lang zh-CN, before any file is read', async () => {
		const result = await run([file('scenario.json'), '--lang', 'zh-CN']);
		expect(result.code).toBe(2);
		expect(result.out).toContain('请给出一个案例文件和一个操作文件。');
	});
});

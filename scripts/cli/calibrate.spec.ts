import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrateForecasts } from '../../src/lib/engine/deal/calibrate';
import { scenarioSchema, type Scenario } from '../../src/lib/engine/scenario/schema';
import { calibrateCommand } from './calibrate';
import { captured } from './capture';

// A Chinese shipped file: the command speaks the file's language.
const SHIPPED = 'scenarios/zh-university-smart-classrooms.json';
let folder: string;
let original: string;
let file: string;

/** The file's text with every model check's forecast set to 50%: what a trainer might write. */
function guessed(text: string): string {
	return text.replace(/("probability":\s*)[0-9.]+/g, '$10.5');
}

beforeAll(async () => {
	folder = await mkdtemp(join(tmpdir(), 'calibrate-cli-'));
	original = guessed(await readFile(SHIPPED, 'utf8'));
	file = join(folder, 'scenario.json');
	await writeFile(file, original);
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const run = (args: string[]) => captured(() => calibrateCommand.run(args));

const read = async (): Promise<Scenario> =>
	scenarioSchema.parse(JSON.parse(await readFile(file, 'utf8')));

describe('scenarios calibrate', () => {
	it('sets the model checks’ forecasts to the calibrated probability, and nothing else', async () => {
		const before = scenarioSchema.parse(JSON.parse(original));
		const { code, out } = await run([file]);
		expect(code).toBe(0);
		expect(out).toMatch(/已把 [1-9]\d* 个预测改为校准概率/);
		const after = await read();
		after.checks!.forEach((check, index) => {
			const was = before.checks![index];
			if (was.expect.minScore === undefined) {
				// Without --all, the other checks keep their forecasts.
				expect(check.actions).toEqual(was.actions);
				return;
			}
			expect(check.actions).toEqual(calibrateForecasts(before, was.actions, was.seed));
			// Every action but the forecasts is as it was.
			check.actions.forEach((action, i) => {
				if (action.type !== 'forecast') expect(action).toEqual(was.actions[i]);
			});
		});
		// The text keeps its layout: only numbers after "probability" changed.
		const text = await readFile(file, 'utf8');
		expect(guessed(text)).toBe(original);
		// Calibrated once, a second run changes nothing.
		expect((await run([file])).out).toMatch(/已把 0 个预测/);
		expect(await readFile(file, 'utf8')).toBe(text);
	});

	it('with --all calibrates every check, and speaks English when asked', async () => {
		const { code, out } = await run([file, '--all', '--lang', 'en']);
		expect(code).toBe(0);
		expect(out).toMatch(/forecast\(s\) set to the calibrated probability/);
		const after = await read();
		for (const check of after.checks!) {
			expect(check.actions).toEqual(calibrateForecasts(after, check.actions, check.seed));
		}
	});

	it('refuses a wrong call and a file that is not a scenario, and writes nothing', async () => {
		expect((await run([])).code).toBe(2);
		expect((await run([file, '--everything'])).code).toBe(2);
		const broken = join(folder, 'broken.json');
		await writeFile(broken, '{"format": "sales-sim/scenario@2"');
		expect((await run([broken])).code).toBe(1);
		expect(await readFile(broken, 'utf8')).toBe('{"format": "sales-sim/scenario@2"');
	});
});

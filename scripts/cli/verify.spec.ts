import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { exportedAttempt } from '../../src/lib/engine/deal/fixtures/exported-attempt';
import { parseScenario } from '../../src/lib/engine/scenario/parse-scenario';
import { MAX_FILE_BYTES } from '../../src/lib/engine/scenario/safe-json';
import { runVerify } from './verify';

const SCENARIO = 'scenarios/city-hospital-his.json';
const OTHER = 'scenarios/zh-auto-parts-welding-line.json';

const temp = mkdtempSync(join(tmpdir(), 'sales-sim-verify-'));
function tempFile(name: string, content: string | Uint8Array): string {
	const file = join(temp, name);
	writeFileSync(file, content);
	return file;
}

async function exported(path: string, player: string) {
	const parsed = await parseScenario(readFileSync(path, 'utf8'));
	if (!parsed.ok) throw new Error(`${path} does not validate`);
	return exportedAttempt(parsed, parsed.scenario.checks![0].actions, { player });
}

const good = await exported(SCENARIO, 'Li Na');
const score = good.result.score;
const files = {
	good: tempFile('good.json', JSON.stringify(good, null, 2)),
	copy: tempFile('copy.json', JSON.stringify({ ...good, team: 'West' })),
	tampered: tempFile(
		'tampered.json',
		JSON.stringify({ ...good, player: 'Wang Wei', result: { outcome: 'won', score: 99.9 } })
	),
	cut: tempFile(
		'cut.json',
		JSON.stringify({ ...good, player: 'Zhao', actions: good.actions.slice(0, -1) })
	),
	hash: tempFile(
		'hash.json',
		JSON.stringify({
			...good,
			player: 'Qian',
			scenario: { ...good.scenario, hash: 'f'.repeat(64) }
		})
	),
	broken: tempFile('broken.json', '{"format": "sales-sim/attempt@1", '),
	zh: tempFile('zh.json', JSON.stringify(await exported(OTHER, '张伟'))),
	big: tempFile('big.json', new Uint8Array(MAX_FILE_BYTES + 1).fill(0x20))
};

async function verify(args: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await runVerify(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
	return { code, out, err: err.join('\n') };
}

describe('npm run scenarios -- verify', () => {
	it('accepts a genuine attempt and exits 0', async () => {
		const { code, out } = await verify(['--scenario', SCENARIO, files.good]);
		expect(code).toBe(0);
		expect(out).toEqual([
			`${files.good}  ACCEPTED  Li Na (East)  city-hospital-his@2  Won  score ${score} (claimed ${score})`,
			'Verified 1 file: 1 accepted, 0 refused.'
		]);
	});

	it('prints a verdict per file with its reason and exits 1 when any is refused', async () => {
		const { code, out } = await verify([
			`--scenario=${SCENARIO}`,
			'--scenario',
			OTHER,
			files.good,
			files.tampered,
			files.copy,
			files.cut,
			files.hash,
			files.broken,
			files.zh,
			files.big
		]);
		expect(code).toBe(1);
		expect(out[0]).toContain(`${files.good}  ACCEPTED`);
		expect(out[1]).toBe(
			`${files.tampered}  REFUSED (score-mismatch)  Wang Wei (East)  city-hospital-his@2  claimed 99.9, replay ${score}  ` +
				`The file claims a score of 99.9, but the replay gives ${score}.`
		);
		expect(out[2]).toContain(
			`${files.copy}  REFUSED (duplicate)  Li Na (West)  city-hospital-his@2  claimed ${score}, replay ${score}  The same attempt as “${files.good}”, earlier in this list.`
		);
		expect(out[3]).toContain(`${files.cut}  REFUSED (unfinished)`);
		expect(out[4]).toContain(`${files.hash}  REFUSED (hash-mismatch)`);
		expect(out[5]).toBe(
			`${files.broken}  REFUSED (malformed)  -  -  claimed -  Not a readable attempt file (line 1, column 35): Expected a field name in double quotes here.`
		);
		expect(out[6]).toContain(`${files.zh}  ACCEPTED  张伟 (East)  zh-auto-parts-welding-line@2`);
		expect(out[7]).toContain(`${files.big}  REFUSED (too-large)`);
		expect(out[8]).toBe('Verified 8 files: 2 accepted, 6 refused.');
	});

	it('refuses an attempt on a scenario not given, in the scenario’s language', async () => {
		const { code, out } = await verify(['--scenario', OTHER, files.good]);
		expect(code).toBe(1);
		// The only scenario given is Chinese, so the report is.
		expect(out[0]).toContain('拒绝 (unknown-scenario)  Li Na (East)  city-hospital-his@2  声称');
		expect(out[1]).toBe('已核验 1 个文件：0 个接受，1 个拒绝。');
		const english = await verify(['--scenario', OTHER, files.good, '--lang', 'en']);
		expect(english.out[0]).toContain(
			'REFUSED (unknown-scenario)  Li Na (East)  city-hospital-his@2  claimed'
		);
		expect(english.out[1]).toBe('Verified 1 file: 0 accepted, 1 refused.');
	});

	it('refuses an unknown --lang as a usage mistake', async () => {
		const { code, err } = await verify(['--scenario', SCENARIO, files.good, '--lang', 'fr']);
		expect(code).toBe(2);
		expect(err).toContain('--lang takes en or zh-CN, not “fr”.');
	});

	it('prints JSON for tools with --json', async () => {
		const { out } = await verify(['--scenario', SCENARIO, files.good, files.tampered, '--json']);
		const report = JSON.parse(out.join('\n'));
		expect(report).toMatchObject([
			{ file: files.good, status: 'accepted', reason: null, recomputed: { outcome: 'won', score } },
			{
				file: files.tampered,
				status: 'refused',
				reason: 'score-mismatch',
				params: { claimed: 99.9, recomputed: score },
				claimed: { score: 99.9 },
				recomputed: { score }
			}
		]);
	});

	it.each([
		['no scenario', [files.good], 'Name the scenario file with --scenario.'],
		['no attempt file', ['--scenario', SCENARIO], 'Name at least one attempt file.'],
		['--scenario without a file', [files.good, '--scenario'], '--scenario needs a scenario file'],
		['an unknown option', ['--scenario', SCENARIO, '--fast', files.good], 'Unknown option --fast.']
	])('treats %s as a usage mistake (exit 2)', async (_, args, message) => {
		const { code, err } = await verify(args);
		expect(code).toBe(2);
		expect(err).toContain(message);
	});

	it('exits 2 when the scenario file does not validate', async () => {
		const bad = tempFile('bad-scenario.json', '{"format": "sales-sim/scenario@1"}');
		const { code, err } = await verify(['--scenario', bad, files.good]);
		expect(code).toBe(2);
		expect(err).toContain('not a valid scenario file');
	});

	it('runs as an npm script', async () => {
		const run = promisify(execFile);
		const result = await run('npx', [
			'tsx',
			'scripts/scenarios.ts',
			'verify',
			'--scenario',
			SCENARIO,
			files.good,
			files.tampered
		]).then(
			() => ({ code: 0, stdout: '' }),
			(error: { code: number; stdout: string }) => error
		);
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('Verified 2 files: 1 accepted, 1 refused.');
	}, 60_000);
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCheck, scenarioChecks, type FileChecker } from './check';

const FIXTURES = 'src/lib/engine/scenario/fixtures';
const EXAMPLE = `${FIXTURES}/contract-example.json`;
const THREE = `${FIXTURES}/three-mistakes.json`;

async function check(args: string[], checkers: FileChecker[] = []) {
	const lines: string[] = [];
	const code = await runCheck(args, checkers, { out: (line) => lines.push(line) });
	return { code, output: lines.join('\n') };
}

function lineOf(file: string, needle: string): number {
	const text = readFileSync(file, 'utf8');
	return text.slice(0, text.indexOf(needle)).split('\n').length;
}

const temp = mkdtempSync(join(tmpdir(), 'sales-sim-check-'));
function tempFile(name: string, content: string | Uint8Array): string {
	const file = join(temp, name);
	writeFileSync(file, content);
	return file;
}

describe('npm run scenarios -- check', () => {
	it('prints all three mistakes of a file, each with path and line, and exits 1', async () => {
		const run = promisify(execFile);
		const result = await run('npx', ['tsx', 'scripts/scenarios.ts', 'check', THREE]).then(
			() => ({ code: 0, stdout: '' }),
			(error: { code: number; stdout: string }) => error
		);
		expect(result.code).toBe(1);
		const role = lineOf(THREE, '"decison-maker"');
		const from = lineOf(THREE, '"finance-chn"');
		const weights = lineOf(THREE, '"weights"');
		expect(result.stdout).toContain(
			`${THREE}:${role}:12  error  people[0].role  "decison-maker" is not a role; did you mean "decision-maker"?`
		);
		expect(result.stdout).toContain(
			`${THREE}:${from}:13  error  intel[5].from[0]  No person has the id "finance-chn"; did you mean "finance-chen"?`
		);
		expect(result.stdout).toContain(
			`${THREE}:${weights}:14  error  scoring.weights  The weights add up to 110; they must add up to 100.`
		);
		expect(result.stdout).toContain('Checked 1 file: 0 OK, 1 with errors; 3 errors, 0 warnings.');
	}, 60_000);

	it('says OK for a valid file and exits 0', async () => {
		const { code, output } = await check([EXAMPLE]);
		expect(code).toBe(0);
		expect(output).toContain(`${EXAMPLE}: OK`);
		expect(output).toContain('Checked 1 file: 1 OK, 0 with errors; 0 errors, 0 warnings.');
	});

	it('checks every file of a folder and lists warnings under an OK file', async () => {
		const warned = tempFile(
			'warned.json',
			readFileSync(EXAMPLE, 'utf8').replace('"acceptable": []', '"acceptable": ["farming"]')
		);
		const { code, output } = await check([temp]);
		expect(code).toBe(0);
		expect(output).toContain(`${warned}:30:18  warning  strategy.acceptable[0]`);
		expect(output).toContain(`${warned}: OK, 1 warning`);
	});

	it.each([
		['a file that does not exist', 'missing.json', undefined, 'The file cannot be read (ENOENT).'],
		[
			'a file that is not UTF-8',
			'latin1.json',
			new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]),
			'The file is not UTF-8 text. Save it with the UTF-8 encoding.'
		],
		[
			'a file that is not JSON',
			'notes.json',
			'name: City Hospital',
			'"name" is not JSON. Texts and field names need double quotes; numbers, true, false and null are written without quotes.'
		]
	])('refuses %s with a message and exit code 1', async (_, name, content, message) => {
		const file = content === undefined ? join(temp, name) : tempFile(name, content);
		const { code, output } = await check([file]);
		expect(code).toBe(1);
		expect(output).toContain(`${file}:1:1  error  -  ${message}`);
	});

	it('refuses an unknown option as a usage mistake', async () => {
		expect((await check(['--fast'])).code).toBe(2);
	});

	it('prints JSON for tools with --json', async () => {
		const { output } = await check([THREE, '--json']);
		const [report] = JSON.parse(output);
		expect(report.ok).toBe(false);
		expect(report.errors.map((p: { pathText: string }) => p.pathText)).toEqual([
			'people[0].role',
			'intel[5].from[0]',
			'scoring.weights'
		]);
	});
});

describe('the per-file checkers (the hook)', () => {
	it('runs them on valid files only and counts their errors', async () => {
		const seen: string[] = [];
		const checker: FileChecker = ({ file, place }) => {
			seen.push(file);
			return place([
				{
					severity: 'error',
					code: 'check-refused',
					path: ['checks', 0],
					params: { name: 'x', index: 0, reason: 'because' }
				}
			]);
		};
		const { code, output } = await check([EXAMPLE, THREE], [checker]);
		expect(seen).toEqual([EXAMPLE]);
		expect(code).toBe(1);
		expect(output).toContain(`checks[0]  The check "x" fails: this action is refused: because`);
	});

	it("replays the scenario's own checks and reports each failure where it is", async () => {
		const text = readFileSync(EXAMPLE, 'utf8')
			.replace('"expect": { "maxScore": 40 }', '"expect": { "minScore": 100 }')
			.replace(
				'"option": "argue" },\n\t\t\t\t{ "type": "advance" }',
				'"option": "withdraw" },\n\t\t\t\t{ "type": "advance" }'
			);
		const file = tempFile('failing-checks.json', text);
		const { code, output } = await check([file], [scenarioChecks]);
		expect(code).toBe(1);
		expect(output).toMatch(
			/failing-checks\.json:\d+:\d+ {2}error {2}checks\[1\]\.actions\[5\] {2}The check "gifts for everyone" fails: this action is refused: /
		);
		expect(output).toMatch(
			/checks\[1\]\.expect\.minScore {2}The check "gifts for everyone" fails: it expects a score of at least 100, but the replay scores [\d.]+\./
		);
	});
});

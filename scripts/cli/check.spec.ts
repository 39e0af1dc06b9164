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

describe('a Chinese scenario with the eight typical mistakes', () => {
	// The first version as it shipped: the mistakes below are written into its text.
	const ZH = 'scenarios/archive/zh-bank-branch-terminals@1.json';
	const original = readFileSync(ZH, 'utf8');

	/** Line and column (1-based) of the first `needle` in `text`. */
	function placeOf(text: string, needle: string, within = 0): string {
		const at = text.indexOf(needle) + within;
		const before = text.slice(0, at).split('\n');
		return `${before.length}:${before[before.length - 1].length + 1}`;
	}

	// [mistake, text as written, the spot (first occurrence, offset in it), path, what the message says]
	const MISTAKES: [string, string, string, number, string, string[]][] = [
		[
			'a full-width comma',
			'"version": 1，',
			'"version": 1，',
			12,
			'version',
			['这里的 ， 是全角逗号', '请改为 ,']
		],
		[
			'a full-width colon',
			'"locale"： "zh-CN"',
			'"locale"：',
			8,
			'locale',
			['这里的 ： 是全角冒号', '请改为 :']
		],
		[
			'full-width quotes around a text',
			'"difficulty": “standard”',
			'“standard”',
			0,
			'difficulty',
			['这里的 “ 是全角引号', '请改为 "']
		],
		[
			'a trailing comma',
			'"电话销售",]',
			'"电话销售",]',
			6,
			'tags[4]',
			['JSON 不允许在右括号前写逗号', '请删除这个逗号']
		],
		[
			'a misspelt top-level field',
			'"peopel": [',
			'"peopel"',
			0,
			'peopel',
			['未知字段“peopel”', '您是不是想写“people”']
		],
		[
			'a misspelt role',
			'"role": "decison-maker"',
			'"decison-maker"',
			0,
			'people[0].role',
			['“decison-maker”不是有效的角色', '您是不是想写“decision-maker”']
		],
		[
			'a misspelt person id',
			'"from": ["xu-lihau", "fang-min"]',
			'"xu-lihau"',
			0,
			'intel[0].from[0]',
			['没有人物的标识是“xu-lihau”', '您是不是想写“xu-lihua”']
		],
		[
			'a number in quotes',
			'"budget": "20000"',
			'"20000"',
			0,
			'resources.budget',
			['“20000”被写成了文本', '请去掉引号，直接写数字：20000']
		]
	];
	const ORIGINAL: Record<string, string> = {
		'"version": 1，': '"version": 1,',
		'"locale"： "zh-CN"': '"locale": "zh-CN"',
		'"difficulty": “standard”': '"difficulty": "standard"',
		'"电话销售",]': '"电话销售"]',
		'"peopel": [': '"people": [',
		'"role": "decison-maker"': '"role": "decision-maker"',
		'"from": ["xu-lihau", "fang-min"]': '"from": ["xu-lihua", "fang-min"]',
		'"budget": "20000"': '"budget": 20000'
	};

	it.each(MISTAKES)(
		'%s: one Chinese message naming line, column and the fix',
		async (_, written, spot, within, path, says) => {
			expect(original).toContain(ORIGINAL[written]);
			const text = original.replace(ORIGINAL[written], written);
			const file = tempFile(`zh-${path.replace(/\W+/g, '-')}.json`, text);
			const { code, output } = await check([file]);
			expect(code).toBe(1);
			const lines = output.split('\n').filter((line) => line.startsWith(file));
			// One mistake, one message: no echoes, no cascade.
			expect(lines).toHaveLength(1);
			expect(lines[0]).toContain(`${file}:${placeOf(text, spot, within)}  错误  ${path}  `);
			for (const phrase of says) expect(lines[0]).toContain(phrase);
			expect(output).toContain('已检查 1 个文件：0 个通过，1 个有错误；共 1 个错误，0 个警告。');
		}
	);

	it('several in one file, through npm run scenarios: Chinese, exit 1, no English', async () => {
		let text = original;
		// Those that are not syntax errors are reported at once (without "peopel", which would
		// rightly silence the two that refer to people).
		for (const written of MISTAKES.slice(5).map((mistake) => mistake[1])) {
			text = text.replace(ORIGINAL[written], written);
		}
		const file = tempFile('zh-three-mistakes.json', text);
		const run = promisify(execFile);
		const result = await run('npx', ['tsx', 'scripts/scenarios.ts', 'check', file]).then(
			() => ({ code: 0, stdout: '' }),
			(error: { code: number; stdout: string }) => error
		);
		expect(result.code).toBe(1);
		const lines = result.stdout.split('\n').filter((line) => line.startsWith(file));
		expect(lines).toHaveLength(3);
		expect(lines.every((line) => /:\d+:\d+ {2}错误 {2}/.test(line))).toBe(true);
		expect(result.stdout).not.toMatch(/\b(error|is not|did you mean)\b/);
		const english = await run('npx', [
			'tsx',
			'scripts/scenarios.ts',
			'check',
			file,
			'--lang',
			'en'
		]).then(
			() => '',
			(error: { stdout: string }) => error.stdout
		);
		expect(english).toContain('error  people[0].role  "decison-maker" is not a role');
	}, 60_000);
});

describe('npm run scenarios: a closed pipe', () => {
	it('ends quietly when the reader stops early (| head)', async () => {
		const run = promisify(execFile);
		const { stderr } = await run('sh', [
			'-c',
			'npx tsx scripts/scenarios.ts check scenarios --json | head -c 1 > /dev/null'
		]);
		expect(stderr).not.toContain('EPIPE');
		expect(stderr).toBe('');
	}, 60_000);
});

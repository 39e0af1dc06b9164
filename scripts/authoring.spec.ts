/**
 * The trainers' guide (docs/authoring.md) must not lie: its example scenario validates and its
 * checks pass, its generated reference sections match the engine and the message catalogues, and
 * the commands it tells trainers to run exist.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../src/lib/engine/deal/checks';
import { replay } from '../src/lib/engine/deal/replay';
import { validateScenarioText } from '../src/lib/engine/scenario/parse-scenario';
import { scenarioSchema, type Scenario } from '../src/lib/engine/scenario/schema';
import {
	GUIDE,
	extractSection,
	modelCheck,
	naiveCheck,
	normalizeSection,
	numbersSection,
	replaceSection,
	spendingAlone,
	termsSection
} from './balance';

const guide = readFileSync(GUIDE, 'utf8');

/** The JSON of the fenced block between the example markers. */
function exampleText(doc: string): string {
	const match = /<!-- example:start -->\s*```json\n([\s\S]*?)\n```\s*<!-- example:end -->/.exec(
		doc
	);
	if (!match) throw new Error(`${GUIDE} has no json block between its example markers`);
	return match[1];
}

function exampleScenario(): Scenario {
	return scenarioSchema.parse(JSON.parse(exampleText(guide)));
}

describe('the guide’s example scenario', () => {
	it('parses with the format’s schema', () => {
		const result = scenarioSchema.safeParse(JSON.parse(exampleText(guide)));
		expect(result.success ? [] : result.error.issues).toEqual([]);
	});

	it('passes the project’s validator with no error and no warning', () => {
		const result = validateScenarioText(exampleText(guide));
		expect(result.ok ? [] : result.errors.map((p) => p.message)).toEqual([]);
		expect(result.warnings.map((p) => p.message)).toEqual([]);
	});

	it('starts with the $schema line the guide recommends', () => {
		expect(Object.keys(JSON.parse(exampleText(guide)))[0]).toBe('$schema');
	});

	it('carries a model path and a naive path, and every check passes', () => {
		const scenario = exampleScenario();
		expect(modelCheck(scenario)?.expect).toMatchObject({ outcome: 'won', minScore: 80 });
		expect(naiveCheck(scenario)?.expect).toMatchObject({ maxScore: 40 });
		const failed = runChecks(scenario)
			.filter((r) => !r.passed)
			.map((r) => `${r.name}: ${JSON.stringify(r.failures)}`);
		expect(failed).toEqual([]);
	});

	it('cannot be won by spending alone', () => {
		const scenario = exampleScenario();
		const actions = spendingAlone(scenario);
		const result = replay(scenario, actions, { keepStates: false });
		expect(result.refused).toEqual([]);
		expect(result.outcome).toBe('lost');
		expect(actions.some((a) => a.type === 'chart' || a.type === 'forecast')).toBe(false);
	});
});

describe('the English library’s balance', () => {
	// The Chinese scenarios (zh-*) belong to their own author; `npm run balance` warns about any
	// scenario, whoever wrote it.
	const files = readdirSync('scenarios').filter((f) => f.endsWith('.json') && !f.startsWith('zh-'));

	it.each(files)('%s cannot be won by spending alone', (file) => {
		const parsed = validateScenarioText(readFileSync(`scenarios/${file}`, 'utf8'));
		if (!parsed.ok) throw new Error(`${file} does not validate`);
		const result = replay(parsed.scenario, spendingAlone(parsed.scenario), { keepStates: false });
		expect(result.outcome).not.toBe('won');
	});
});

describe('the guide’s generated sections', () => {
	it.each([
		['terms', termsSection],
		['numbers', numbersSection]
	])('%s is in step with the engine (else run npm run balance)', (name, generate) => {
		const current = extractSection(guide, name);
		expect(current, `${GUIDE} lacks the ${name} markers`).toBeDefined();
		expect(normalizeSection(current!)).toBe(normalizeSection(generate()));
	});

	it('has a balance table', () => {
		expect(extractSection(guide, 'balance')).toMatch(/\|\s*scenario\s*\|/);
	});
});

describe('the guide’s commands', () => {
	const scripts = Object.keys(
		(JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> })
			.scripts
	);
	const named = [...guide.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]);

	it('names the scenario, balance, robots and schema commands', () => {
		expect(new Set(named)).toEqual(new Set(['scenarios', 'balance', 'robots', 'schema']));
	});

	it.each([...new Set(named)])('npm run %s exists in package.json', (script) => {
		expect(scripts).toContain(script);
	});
});

describe('section helpers', () => {
	it.each([
		[
			'table padding and rules',
			'| a  | b |\n| --: | :-: |\n| 1  | 2 |',
			'| a | b |\n| - | - |\n|1|2|'
		],
		['wrapped lines', 'one two\nthree', 'one two three'],
		['surrounding space', '\n\n x \n', 'x']
	])('normalizeSection ignores %s', (_, a, b) => {
		expect(normalizeSection(a)).toBe(normalizeSection(b));
	});

	it('normalizeSection still sees a changed number', () => {
		expect(normalizeSection('| visit | 1,000 |')).not.toBe(normalizeSection('| visit | 500 |'));
	});

	it('replaceSection swaps only the content between the markers', () => {
		const doc = 'a\n<!-- generated:x:start -->\nold\n<!-- generated:x:end -->\nb';
		const next = replaceSection(doc, 'x', 'new');
		expect(extractSection(next, 'x')).toBe('new');
		expect(next.startsWith('a\n') && next.endsWith('\nb')).toBe(true);
	});

	it('replaceSection refuses a guide without the markers', () => {
		expect(() => replaceSection('no markers', 'x', 'new')).toThrow(/generated:x:start/);
	});
});

describe('npm run balance -- <files>', () => {
	it('prints the balance of the files given and leaves the guide alone', async () => {
		const { execFile } = await import('node:child_process');
		const { promisify } = await import('node:util');
		const before = readFileSync('docs/authoring.md', 'utf8');
		const { stdout } = await promisify(execFile)('npx', [
			'tsx',
			'scripts/balance.ts',
			'scenarios/city-hospital-his.json'
		]);
		expect(stdout).toMatch(/^\| `city-hospital-his` \| en \|/m);
		expect(stdout).not.toContain('`zh-bank-branch-terminals`');
		expect(stdout).toContain('1 scenario files.');
		expect(readFileSync('docs/authoring.md', 'utf8')).toBe(before);
	}, 60_000);

	it('refuses --check together with files, as a usage mistake', async () => {
		const { execFile } = await import('node:child_process');
		const { promisify } = await import('node:util');
		const failed = await promisify(execFile)('npx', [
			'tsx',
			'scripts/balance.ts',
			'--check',
			'scenarios/city-hospital-his.json'
		]).then(
			() => ({ code: 0, stderr: '' }),
			(error: { code: number; stderr: string }) => error
		);
		expect(failed.code).toBe(2);
		expect(failed.stderr).toContain('Usage: npm run balance');
	}, 60_000);
});

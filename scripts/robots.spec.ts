/**
 * `npm run robots`: its arguments, its tables, and the guide's place for the generated table.
 * The suite itself is tested in src/lib/engine/robots/robots.spec.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateScenarioText } from '../src/lib/engine/scenario/parse-scenario';
import { ROBOTS, type SuiteOptions } from '../src/lib/engine/robots/runner';
import { GUIDE, extractSection } from './balance';
import { parseArgs, robotsFor, robotsSection, textTable } from './robots';

const TINY: SuiteOptions = {
	seeds: 1,
	randomSeeds: 3,
	keySeeds: 1,
	optimiserSeeds: 1,
	optimiserBudget: 20
};

function load(file: string) {
	const parsed = validateScenarioText(readFileSync(file, 'utf8'));
	if (!parsed.ok) throw new Error(`${file} does not validate`);
	return parsed.scenario;
}

describe('npm run robots arguments', () => {
	it.each([
		[[], { json: false, quick: false, check: false, files: [] }],
		[['--json', '--quick', 'a.json'], { json: true, quick: true, check: false, files: ['a.json'] }],
		[['--check'], { json: false, quick: false, check: true, files: [] }]
	])('%j', (argv, expected) => {
		expect(parseArgs(argv)).toEqual(expected);
	});

	it.each([[['--fast']], [['--check', 'a.json']], [['--check', '--quick']]])(
		'refuses %j with a sentence',
		(argv) => {
			expect(typeof parseArgs(argv)).toBe('string');
		}
	);
});

describe('the tables', () => {
	const file = 'scenarios/city-hospital-his.json';
	const result = robotsFor(file, load(file), TINY);

	it('has a row for every robot, in the suite’s order', () => {
		expect(result.rows.map((row) => row.robot)).toEqual([...ROBOTS]);
	});

	it('prints the terminal table with the file, a line per robot and the verdict', () => {
		const text = textTable(result);
		expect(text.split('\n')[0]).toBe(`${file}  (city-hospital-his v2)`);
		expect(text).toMatch(/^random legal play +3 /m);
		expect(text).toMatch(result.broken.length === 0 ? /All bounds hold/ : /bounds broken:/);
	});

	it('writes one guide row per scenario, with the count of broken bounds', () => {
		const section = robotsSection([result], TINY);
		const row = section.split('\n').find((line) => line.startsWith('| `city-hospital-his`'));
		expect(row?.endsWith(` ${result.broken.length} |`)).toBe(true);
		expect(section).toContain('the optimiser scoring 20 action lists');
	});

	it('the guide has the generated robots section beside the balance table', () => {
		const guide = readFileSync(GUIDE, 'utf8');
		expect(extractSection(guide, 'robots')).toMatch(/^\| scenario +\| model /);
		expect(guide.indexOf('generated:robots:start')).toBeGreaterThan(
			guide.indexOf('generated:balance:end')
		);
	});
});

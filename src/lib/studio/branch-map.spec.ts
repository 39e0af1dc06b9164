import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateScenarioText } from '$lib/engine/scenario/parse-scenario';
import type { Condition, Scenario } from '$lib/engine/scenario/schema';
import { branchMap, checkPath, describeCondition } from './branch-map';
import { pathSpan } from './scenario-text';

function load(file: string): { text: string; scenario: Scenario } {
	const text = readFileSync(`scenarios/${file}`, 'utf8');
	const result = validateScenarioText(text);
	if (!result.ok) throw new Error(`${file} is not valid`);
	return { text, scenario: result.scenario };
}

const river = load('riverside-water-meters.json');
const hospital = load('city-hospital-his.json');

describe('branchMap', () => {
	it('puts every event, decision, option and withdrawal in its stage with the path it is written at', () => {
		const columns = branchMap(river.scenario);
		expect(columns.map((c) => c.stage)).toEqual([
			'discover-needs',
			'internal-deliberation',
			'system-design',
			'evaluation',
			'commitment',
			'implementation'
		]);
		const design = columns[2];
		expect(design.events.map((e) => [e.key, e.when, e.ends])).toEqual([
			['event:system-design:0', 'start', undefined],
			['event:system-design:1', 'start', undefined],
			['event:system-design:2', 'end', 'lost'],
			['event:system-design:3', 'end', undefined]
		]);
		const withdraw = design.decisions[0].options.find((o) => o.key.endsWith(':withdraw'));
		expect(withdraw).toMatchObject({ ends: 'withdrawn', kind: 'option' });
		// The option's condition names the intel it needs: the map draws a line from it.
		expect(withdraw?.dependsOn).toEqual([{ key: 'intel:grant-condition', negated: false }]);
		const unexplained = design.decisions[0].options.find((o) =>
			o.key.endsWith(':withdraw-unexplained')
		);
		expect(unexplained?.dependsOn).toEqual([{ key: 'intel:grant-condition', negated: true }]);
		expect(design.withdrawals.map((w) => w.key)).toEqual(['withdrawal:0']);
	});

	it('gives paths that point at the written value in the file, for every node', () => {
		for (const { text, scenario } of [river, hospital]) {
			for (const column of branchMap(scenario)) {
				const nodes = [
					...column.intel,
					...column.events,
					...column.decisions.flatMap((d) => [d, ...d.options]),
					...column.withdrawals
				];
				for (const node of nodes) {
					const span = pathSpan(text, node.path);
					const written = text.slice(span.offset, span.offset + span.length);
					// The span is the value (from its key, for a property) and holds the node's text.
					expect(written).toContain(JSON.stringify(node.text).slice(1, -1).slice(0, 30));
					expect(span.length).toBeLessThan(text.length / 2);
				}
			}
		}
	});
});

describe('checkPath', () => {
	it('marks what each check of a branching scenario touched, and where it ended', () => {
		const checks = river.scenario.checks ?? [];
		const wise = checkPath(river.scenario, checks[0]);
		expect(wise.outcome).toBe('withdrawn');
		expect(wise.last).toBe('system-design');
		expect(wise.touched.has('intel:grant-condition')).toBe(true);
		expect(wise.touched.has('option:specs-unfavourable:withdraw')).toBe(true);
		expect(wise.touched.has('withdrawal:0')).toBe(true);
		expect(wise.stages).toEqual(['discover-needs', 'internal-deliberation', 'system-design']);

		const pushing = checkPath(river.scenario, checks[3]);
		expect(pushing.outcome).toBe('lost');
		// The lock-in at the end of system design fired and ended the deal.
		expect(pushing.touched.has('event:system-design:2')).toBe(true);
		expect(pushing.touched.has('option:specs-unfavourable:withdraw')).toBe(false);

		const open = checkPath(river.scenario, checks[1]);
		expect(open.outcome).toBe('won');
		expect(open.touched.has('event:system-design:1')).toBe(true);
		expect(open.touched.has('event:system-design:2')).toBe(false);
		expect(open.stages).toHaveLength(6);
	});

	it('tells an event headed off by method from one that struck', () => {
		const open = checkPath(river.scenario, (river.scenario.checks ?? [])[1]);
		expect(open.headedOff.has('event:system-design:3')).toBe(true);
	});
});

describe('describeCondition', () => {
	const cases: [Condition, string, string][] = [
		[{ intel: 'grant-condition' }, 'intel found: “', '已获得情报“'],
		[{ variant: 'grant-locked' }, 'variant “grant-locked” drawn', '抽到变体“grant-locked”'],
		[{ strategy: 'farming' }, 'the strategy is Farming', '策略为'],
		[{ stage: 'evaluation' }, 'Evaluation and comparison reached', '已到达'],
		[
			{ all: [{ variant: 'a' }, { not: { variant: 'b' } }] },
			'variant “a” drawn and not (variant “b” drawn)',
			'抽到变体“a”且并非（抽到变体“b”）'
		],
		[
			{ any: [{ variant: 'a' }, { variant: 'b' }, { variant: 'c' }] },
			'variant “a” drawn, variant “b” drawn or variant “c” drawn',
			'抽到变体“a”、抽到变体“b”或抽到变体“c”'
		]
	];
	for (const [condition, en, zh] of cases) {
		it(`says ${JSON.stringify(condition)} in both languages`, () => {
			expect(describeCondition(condition, river.scenario, 'en')).toContain(en);
			expect(describeCondition(condition, river.scenario, 'zh-CN')).toContain(zh);
		});
	}

	it('names the option a decision condition needs by its text', () => {
		const text = describeCondition(
			{ decision: 'specs-unfavourable', option: 'withdraw' },
			river.scenario,
			'en'
		);
		const option = branchMap(river.scenario)[2].decisions[0].options.find((o) =>
			o.key.endsWith(':withdraw')
		);
		expect(text).toBe(`“${option?.text.slice(0, 39)}…” chosen`);
	});
});

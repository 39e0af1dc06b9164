import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawDeal } from '../../src/lib/engine/deal/deal-rules';
import { scenarioSchema } from '../../src/lib/engine/scenario/schema';
import { dealsCommand } from './deals';
import { captured } from './capture';

const run = (args: string[]) => captured(() => dealsCommand.run(args));

const HOSPITAL = 'scenarios/city-hospital-his.json';
const hospital = scenarioSchema.parse(JSON.parse(readFileSync(HOSPITAL, 'utf8')));

describe('scenarios deals', () => {
	it('lists the variant each seed draws, as the engine draws it', async () => {
		const { code, out } = await run([HOSPITAL, '--from', '5', '--count', '20', '--json']);
		expect(code).toBe(0);
		const rows = JSON.parse(out) as { seed: number; variant: string }[];
		expect(rows.map((r) => r.seed)).toEqual(Array.from({ length: 20 }, (_, i) => i + 5));
		for (const row of rows) expect(row.variant).toBe(drawDeal(hospital, row.seed).variant);
		// Over twenty seeds both of the hospital's variants come up.
		expect(new Set(rows.map((r) => r.variant)).size).toBe(2);
	});

	it('names who differs from the file, in the reader’s language', async () => {
		const { out } = await run([HOSPITAL, '--count', '2']);
		expect(out).toMatch(/^seed 0 {2}variant director-decides {2}everyone as written$/m);
		expect(out).toMatch(/^seed 1 {2}variant delegated {2}.*Liu Fang: Decision maker/m);
		const zh = await run([HOSPITAL, '--count', '2', '--lang', 'zh-CN']);
		expect(zh.out).toMatch(/^编号 1 {2}变体 delegated {2}.*Liu Fang: 决策者/m);
	});

	it('says so when every seed draws the same deal, and refuses a wrong call', async () => {
		const plain = await run(['scenarios/archive/city-hospital-his@1.json']);
		expect(plain.out).toMatch(/same deal on every seed/);
		expect((await run([HOSPITAL, '--count', '0'])).code).toBe(2);
		expect((await run([HOSPITAL, '--from', 'x'])).code).toBe(2);
		expect((await run([HOSPITAL, '--colour'])).code).toBe(2);
		expect((await run([HOSPITAL, HOSPITAL])).code).toBe(2);
	});
});

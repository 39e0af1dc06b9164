import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawDeal } from '$lib/engine/deal/deal-rules';
import { replay } from '$lib/engine/deal/replay';
import { validateScenarioText } from '$lib/engine/scenario/parse-scenario';
import type { Scenario } from '$lib/engine/scenario/schema';
import { factPath, seedForVariant } from './fact-path';

function scenario(file: string): Scenario {
	const result = validateScenarioText(readFileSync(`scenarios/${file}`, 'utf8'));
	if (!result.ok) throw new Error(`${file} does not validate`);
	return result.scenario;
}

const river = scenario('riverside-water-meters.json');

describe('factPath: a deal taken to a stage with chosen facts, by the rules', () => {
	it('draws the chosen variant through the first seed that draws it', () => {
		for (const variant of ['grant-locked', 'open-network']) {
			const seed = seedForVariant(river, variant);
			expect(seed).toBeDefined();
			expect(drawDeal(river, seed!).variant).toBe(variant);
			expect(factPath(river, 'discover-needs', { variant }).seed).toBe(seed);
		}
		expect(seedForVariant(river, 'no-such-variant')).toBeUndefined();
		expect(factPath(river, 'discover-needs', { variant: 'no-such-variant' }).missed).toEqual([
			{ kind: 'variant', variant: 'no-such-variant' }
		]);
	});

	it('reaches the stage with the intel found and the strategy set, on a path that replays', () => {
		const path = factPath(river, 'system-design', {
			variant: 'grant-locked',
			strategy: 'farming',
			intel: ['regulator-submission', 'hidden-leaks']
		});
		expect(path).toMatchObject({ reached: 'system-design', ended: false, missed: [] });
		const replayed = replay(river, path.actions, { seed: path.seed });
		expect(replayed.refused).toEqual([]);
		expect(replayed.final.stage).toBe('system-design');
		expect(replayed.final.variant).toBe('grant-locked');
		expect(replayed.final.strategy).toBe('farming');
		expect(Object.keys(replayed.final.intel)).toEqual(
			expect.arrayContaining(['regulator-submission', 'hidden-leaks'])
		);
		// Without the facts, nobody was visited for them.
		const bare = replay(river, factPath(river, 'system-design').actions);
		expect(bare.final.intel['regulator-submission']).toBeUndefined();
	});

	it('takes a chosen option on the way, and stops where it ends the deal', () => {
		const path = factPath(river, 'evaluation', {
			variant: 'open-network',
			options: { 'specs-unfavourable': 'withdraw-early' }
		});
		expect(path).toMatchObject({ reached: 'system-design', ended: true, missed: [] });
		expect(replay(river, path.actions, { seed: path.seed }).outcome).toBe('withdrawn');
		// Not asked for an option, the path answers with one that keeps the deal going.
		const kept = factPath(river, 'evaluation', { variant: 'open-network' });
		expect(kept).toMatchObject({ reached: 'evaluation', ended: false, missed: [] });
		// In the grant-locked deal the specification locks the competitor in as system design
		// closes: the path ends there, lost, as a trainee's would.
		const locked = factPath(river, 'evaluation', { variant: 'grant-locked' });
		expect(locked).toMatchObject({ reached: 'system-design', ended: true });
		expect(replay(river, locked.actions, { seed: locked.seed }).outcome).toBe('lost');
	});

	it('reports what the rules did not allow, and forces nothing', () => {
		const path = factPath(river, 'system-design', {
			variant: 'open-network',
			// Told only from system design on: not before it starts.
			intel: ['grant-condition'],
			// Offered only in the grant-locked variant.
			options: { 'specs-unfavourable': 'educate' }
		});
		expect(path.reached).toBe('system-design');
		expect(path.missed).toEqual([
			{ kind: 'intel', intel: 'grant-condition' },
			{ kind: 'option', decision: 'specs-unfavourable', option: 'educate' }
		]);
		expect(replay(river, path.actions, { seed: path.seed }).refused).toEqual([]);
		// Intel only its opponents can tell is not learned by visiting them: missed, not set.
		const opposed = factPath(river, 'evaluation', {
			variant: 'grant-locked',
			intel: ['grant-condition']
		});
		expect(opposed.missed).toContainEqual({ kind: 'intel', intel: 'grant-condition' });
	});
});

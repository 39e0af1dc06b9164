import { describe, expect, it } from 'vitest';
import { applyAction, initialContext, type DealContext } from '$lib/engine/deal/deal-rules';
import { testScenario } from '$lib/engine/deal/fixtures/test-scenario';
import type { Action } from '$lib/engine/scenario/schema';
import { LiveContext } from './live-context.svelte';

const play = (context: DealContext, ...actions: Action[]) =>
	actions.reduce((c, action) => applyAction(c, action), context);

/**
 * Which parts of the live context are another value after `next` than before it. A part is a
 * `$state.raw` value: what read it reruns exactly when it is another value (by identity), so
 * this is what an action makes the page redo. (The specs run without a DOM, where Svelte does
 * not run effects: the identities are what can be checked.)
 */
function changedBy(live: LiveContext, next: DealContext): string[] {
	const before = { ...live.context } as Record<string, unknown>;
	live.update(next);
	const after = live.context as unknown as Record<string, unknown>;
	return Object.keys(before).filter((key) => before[key] !== after[key]);
}

describe('LiveContext', () => {
	it('reads as the context it was given: its parts, a spread, toEqual and JSON', () => {
		const context = play(initialContext(testScenario), { type: 'strategy', strategy: 'farming' });
		const live = new LiveContext();
		live.update(context);
		expect(live.context.strategy).toBe('farming');
		expect({ ...live.context }).toEqual(context);
		expect(live.context).toEqual(context);
		expect(JSON.parse(JSON.stringify(live.context))).toEqual(JSON.parse(JSON.stringify(context)));
	});

	it('changes only the parts an action changed, and within people and the chart only whose state moved', () => {
		let context = initialContext(testScenario);
		const live = new LiveContext();
		live.update(context);

		context = play(context, { type: 'strategy', strategy: 'farming' });
		expect(changedBy(live, context).sort()).toEqual(['at', 'log', 'strategy']);
		expect(live.context).toEqual(context);

		const others = testScenario.people.filter((p) => p.id !== 'gm').map((p) => p.id);
		const before = Object.fromEntries(others.map((id) => [id, live.context.people[id]]));
		context = play(context, { type: 'activity', activity: 'visit', people: ['gm'] });
		const changed = changedBy(live, context);
		expect(changed).toEqual(expect.arrayContaining(['at', 'log', 'moneyUsed', 'people']));
		expect(changed).not.toContain('chart');
		expect(changed).not.toContain('scenario');
		expect(changed).not.toContain('strategy');
		// Everyone not visited keeps their very state object.
		for (const id of others) expect(live.context.people[id]).toBe(before[id]);
		expect(live.context).toEqual(context);

		context = play(context, { type: 'chart', person: 'gm', role: 'user' } as Action);
		// A chart entry is logged too (the feed leaves it out).
		expect(changedBy(live, context).sort()).toEqual(['at', 'chart', 'log']);
		expect(live.context).toEqual(context);
	});

	it('clears every part when the deal is left', () => {
		const live = new LiveContext();
		live.update(initialContext(testScenario));
		live.clear();
		expect(live.context.scenario).toBeUndefined();
		expect(live.context.outcome).toBeUndefined();
	});
});

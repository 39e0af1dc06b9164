import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { attempts, deals, outbox, players, toExportedAttempt } from '$lib/db';
import { SNAPSHOT_VERSION } from '$lib/engine/deal/deal-machine';
import { replay } from '$lib/engine/deal/replay';
import { testScenario } from '$lib/engine/deal/fixtures/test-scenario';
import { customerGroup } from '$lib/engine/methodology';
import type { CatalogueEntry } from '$lib/scenarios/catalogue';
import { hubClass } from './hub-class.svelte';
import { PlaySession } from './play-session.svelte';

const entry: CatalogueEntry = {
	scenario: testScenario,
	hash: 'a'.repeat(64),
	group: customerGroup(testScenario.customer.ourShare),
	source: 'shipped'
};

let count = 0;

async function newSession() {
	count += 1;
	const player = await players.ensure(`Player ${count}`);
	const session = new PlaySession();
	await session.begin(entry, 'practice', { id: player.id, name: player.name, teamName: null });
	return { session, player };
}

describe('PlaySession', () => {
	it('keeps a refusal beside its control and changes nothing', async () => {
		const { session } = await newSession();
		const refusal = await session.send(
			{ type: 'activity', activity: 'visit', people: ['gm'] },
			'activity'
		);
		expect(refusal?.code).toBe('no-strategy');
		expect(session.refusal).toMatchObject({
			control: 'activity',
			refusal: { code: 'no-strategy' }
		});
		expect(session.actions).toEqual([]);
	});

	it('stores each accepted action before showing it, and its snapshot after', async () => {
		const { session, player } = await newSession();
		await session.send({ type: 'strategy', strategy: 'farming' }, 'strategy');
		await session.send({ type: 'activity', activity: 'visit', people: ['gm'] }, 'activity');
		expect(session.actions).toHaveLength(2);
		expect(session.context?.moneyUsed).toBe(1000);
		const [shown] = await deals.listUnfinished(player.id);
		expect(shown.actions).toEqual(session.actions);
		// The snapshot follows once the result is painted: the deal as it stands, less the scenario.
		await session.stored();
		const [stored] = await deals.listUnfinished(player.id);
		expect(stored.snapshotVersion).toBe(SNAPSHOT_VERSION);
		const { context } = stored.snapshot as { context: Record<string, unknown> };
		expect(context).toMatchObject({ at: 2, moneyUsed: 1000, scenario: { id: testScenario.id } });
		expect(context).not.toHaveProperty('method');
		// a new session resumes exactly there
		const again = new PlaySession();
		expect(
			await again.resume(entry, stored, { id: player.id, name: player.name, teamName: null })
		).toBe(true);
		expect(again.context).toEqual(session.context);
		expect(again.resumed).toBe(true);
	});

	it('resumes where it was when the tab closed before the last snapshot was stored', async () => {
		const { session, player } = await newSession();
		await session.send({ type: 'strategy', strategy: 'farming' }, 'strategy');
		await session.stored();
		// The next action stored, its snapshot not (the tab closed before the frame).
		const [deal] = await deals.listUnfinished(player.id);
		await deals.appendAction(deal.id, { type: 'activity', activity: 'visit', people: ['gm'] }, 1);
		const [stored] = await deals.listUnfinished(player.id);
		expect((stored.snapshot as { context: { at: number } }).context.at).toBe(1);
		const again = new PlaySession();
		expect(
			await again.resume(entry, stored, { id: player.id, name: player.name, teamName: null })
		).toBe(true);
		expect(again.actions).toHaveLength(2);
		expect(again.context).toEqual(
			replay(testScenario, again.actions, { seed: session.seed }).final
		);
		expect(again.context?.moneyUsed).toBe(1000);
		// The snapshot of both actions is stored on resuming, once the deal is shown.
		await again.stored();
		const [rebuilt] = await deals.listUnfinished(player.id);
		expect((rebuilt.snapshot as { context: { at: number } }).context.at).toBe(2);
	});

	it('turns a finished deal into an attempt and removes the deal in progress', async () => {
		const { session, player } = await newSession();
		await session.send({ type: 'withdraw' }, 'withdraw');
		expect(session.ended).toBe(true);
		expect(session.attemptId).toBeDefined();
		expect(await deals.listUnfinished(player.id)).toEqual([]);
		const attempt = await attempts.get(session.attemptId!);
		expect(attempt?.result.outcome).toBe('withdrawn');
		expect(attempt?.actions).toEqual([{ type: 'withdraw' }]);
	});

	it('puts the attempt in the outbox in a joined class, and not once the class is left', async () => {
		// Port 9 (discard) on this machine: nothing answers, the item stays waiting.
		const hub = 'http://127.0.0.1:9';
		await hubClass.join(hub, { code: '7KQ2M9XD4TRB', name: 'Spring class', joinUrl: '' });
		const { session } = await newSession();
		await session.send({ type: 'withdraw' }, 'withdraw');
		const attempt = await attempts.get(session.attemptId!);
		const item = await outbox.get(session.attemptId!);
		expect(item).toMatchObject({ hub, classCode: '7KQ2M9XD4TRB' });
		expect(item?.attempt).toEqual(toExportedAttempt(attempt!));

		await hubClass.leave();
		const { session: later } = await newSession();
		await later.send({ type: 'withdraw' }, 'withdraw');
		expect(later.attemptId).toBeDefined();
		expect(await outbox.get(later.attemptId!)).toBeUndefined();
	});

	it('says the deal moved on in another tab when another tab played it first (issue 22)', async () => {
		const { session, player } = await newSession();
		await session.send({ type: 'strategy', strategy: 'farming' }, 'strategy');
		// A second tab on the same deal plays an action.
		const [stored] = await deals.listUnfinished(player.id);
		const other = new PlaySession();
		await other.resume(entry, stored, { id: player.id, name: player.name, teamName: null });
		await other.send({ type: 'activity', activity: 'visit', people: ['gm'] }, 'activity');
		// This tab is behind: its action is refused, and it is told why, not to try again.
		await session.send({ type: 'forecast', probability: 0.2 }, 'forecast');
		expect(session.problem).toBe('moved');
		expect(session.actions).toHaveLength(1);
	});

	it('plays without saving when there is no stored player', async () => {
		const session = new PlaySession();
		await session.begin(entry, 'practice', { id: null, name: 'Guest', teamName: null });
		expect(session.saving).toBe(false);
		expect(session.problem).toBe('unavailable');
		await session.send({ type: 'withdraw' }, 'withdraw');
		expect(session.attemptId).toMatch(/^unsaved-/);
	});

	it('builds the action schema once a resumed deal is painted, not before', async () => {
		const { session, player } = await newSession();
		await session.send({ type: 'strategy', strategy: 'farming' }, 'strategy');
		await session.stored();
		const [stored] = await deals.listUnfinished(player.id);
		// A page's first load: modules evaluated afresh, nothing written yet.
		vi.resetModules();
		const { actionSchema } = await import('$lib/engine/scenario/action-schema');
		const { PlaySession: FreshSession } = await import('./play-session.svelte');
		const built = () =>
			(actionSchema._zod.def as { _cachedInner?: unknown })._cachedInner !== undefined;
		const again = new FreshSession();
		expect(
			await again.resume(entry, stored, { id: player.id, name: player.name, teamName: null })
		).toBe(true);
		expect(built()).toBe(false);
		// Node paints nothing: "after the paint" is a few turns later.
		await vi.waitFor(() => expect(built()).toBe(true));
	});
});

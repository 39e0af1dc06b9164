/**
 * Stored attempts for browser tests of the debrief and the library, written straight into the
 * app's IndexedDB as the storage layer writes them (players, attempts, attemptActions), so a test
 * can show an attempt no play through the UI could produce: one whose stored score was tampered.
 * The expected figures come from the same engine, run here in Node.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { replay, type ReplayResult } from '../src/lib/engine/deal/replay';
import { scenarioHash } from '../src/lib/engine/scenario/hash';
import { scenarioSchema, type Action, type Scenario } from '../src/lib/engine/scenario/schema';

export interface SeededAttempt {
	id: string;
	scenario: Scenario;
	hash: string;
	actions: Action[];
	/** The replay of the actions: what the debrief must show. */
	expected: ReplayResult;
	player: { id: string; name: string };
	/** The score written as stored (differs from the replay's when tampered). */
	storedScore: number;
}

/** An attempt playing one of a shipped scenario's own checks. */
export async function attemptFromCheck(
	file: string,
	check: number,
	options: { id: string; player: string; tamperScore?: number }
): Promise<SeededAttempt> {
	// The shipped files are checked by the scenario suite; here they only need reading.
	const json: unknown = JSON.parse(readFileSync(`scenarios/${file}`, 'utf8'));
	const scenario = scenarioSchema.parse(json);
	const hash = await scenarioHash(json);
	const actions = scenario.checks![check].actions;
	const expected = replay(scenario, actions, { keepStates: false });
	return {
		id: options.id,
		scenario,
		hash,
		actions,
		expected,
		player: { id: `player-${options.id}`, name: options.player },
		storedScore: options.tamperScore ?? expected.score.total
	};
}

/**
 * Writes the attempt (and its player) into the page's database. The page must have opened the
 * database already (any page of the app that reads storage does).
 */
export async function storeAttempt(page: Page, attempt: SeededAttempt): Promise<void> {
	const { expected } = attempt;
	const finishedAt = Date.UTC(2026, 10, 28, 9, 41);
	const record = {
		id: attempt.id,
		scenarioId: attempt.scenario.id,
		scenarioVersion: attempt.scenario.version,
		scenarioHash: attempt.hash,
		playerId: attempt.player.id,
		playerName: attempt.player.name,
		teamId: null,
		teamName: null,
		mode: 'assessment',
		// Played on seed 0 under today's rules, as the expected replay was.
		seed: 0,
		rules: 2,
		startedAt: finishedAt - 30 * 60_000,
		finishedAt,
		result: {
			outcome: expected.outcome,
			score: attempt.storedScore,
			categories: Object.fromEntries(expected.score.categories.map((c) => [c.category, c.points]))
		},
		weeksUsed: expected.final.weeksUsed,
		verified: attempt.storedScore === expected.score.total,
		source: 'local',
		arrivedAt: finishedAt,
		fingerprint: attempt.id
			.padEnd(64, '0')
			.replace(/[^0-9a-f]/g, 'f')
			.slice(0, 64)
	};
	const player = {
		id: attempt.player.id,
		name: attempt.player.name,
		nameKey: attempt.player.name.toLowerCase(),
		teamId: null,
		createdAt: finishedAt - 60 * 60_000
	};
	await page.evaluate(
		({ record, player, actions }) =>
			new Promise<void>((done, fail) => {
				const request = indexedDB.open('sales-sim');
				request.onerror = () => fail(request.error);
				request.onsuccess = () => {
					const db = request.result;
					const tx = db.transaction(
						['players', 'attempts', 'attemptActions', 'settings'],
						'readwrite'
					);
					tx.objectStore('players').put(player);
					tx.objectStore('attempts').put(record);
					tx.objectStore('attemptActions').put({ id: record.id, actions });
					tx.objectStore('settings').put({ key: 'currentPlayerId', value: player.id });
					tx.oncomplete = () => {
						db.close();
						done();
					};
					tx.onerror = () => fail(tx.error);
				};
			}),
		{ record, player, actions: attempt.actions }
	);
}

/** Writes a deal in progress for the attempt's player: its first `count` actions. */
export async function storeDeal(page: Page, attempt: SeededAttempt, count: number): Promise<void> {
	const now = Date.UTC(2026, 10, 28, 10, 0);
	const deal = {
		id: `deal-${attempt.id}`,
		scenarioId: attempt.scenario.id,
		scenarioVersion: attempt.scenario.version,
		scenarioHash: attempt.hash,
		playerId: attempt.player.id,
		mode: 'practice',
		startedAt: now - 60_000,
		updatedAt: now,
		actions: attempt.actions.slice(0, count),
		// A snapshot of an older shape: the play page rebuilds it from the actions.
		snapshot: {},
		snapshotVersion: 0
	};
	const player = {
		id: attempt.player.id,
		name: attempt.player.name,
		nameKey: attempt.player.name.toLowerCase(),
		teamId: null,
		createdAt: now - 120_000
	};
	await page.evaluate(
		({ deal, player }) =>
			new Promise<void>((done, fail) => {
				const request = indexedDB.open('sales-sim');
				request.onerror = () => fail(request.error);
				request.onsuccess = () => {
					const db = request.result;
					const tx = db.transaction(['players', 'deals', 'settings'], 'readwrite');
					tx.objectStore('players').put(player);
					tx.objectStore('deals').put(deal);
					tx.objectStore('settings').put({ key: 'currentPlayerId', value: player.id });
					tx.oncomplete = () => {
						db.close();
						done();
					};
					tx.onerror = () => fail(tx.error);
				};
			}),
		{ deal, player }
	);
}

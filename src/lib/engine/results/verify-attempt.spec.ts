import { describe, expect, it } from 'vitest';
import { exportedAttempt } from '../deal/fixtures/exported-attempt';
import { modelPath, naivePath, testScenarioInput } from '../deal/fixtures/test-scenario';
import { replay } from '../deal/replay';
import { parseScenario } from '../scenario/parse-scenario';
import { MAX_FILE_BYTES } from '../scenario/safe-json';
import { actionsSchema, type ExportedAttempt } from '../scenario/schema';
import {
	attemptText,
	lookupOf,
	verifyAttempt,
	verifyBatch,
	type KnownScenario,
	type RefusedVerdict
} from './verify-attempt';

async function known(input: unknown): Promise<KnownScenario> {
	const parsed = await parseScenario(JSON.stringify(input));
	if (!parsed.ok) throw new Error(parsed.errors.map((p) => p.message).join('\n'));
	return { scenario: parsed.scenario, hash: parsed.hash };
}

const v1 = await known(testScenarioInput);
// Version 2: another budget, so another hash and other scores.
const v2 = await known({
	...testScenarioInput,
	version: 2,
	resources: { weeks: 30, budget: 80_000 }
});
const lookup = lookupOf([v1, v2]);

const model = replay(v1.scenario, actionsSchema.parse(modelPath), { keepStates: false });
const categories = Object.fromEntries(model.score.categories.map((c) => [c.category, c.points]));

/** A genuine exported attempt of the model path on version 1. */
function genuine(overrides: Partial<ExportedAttempt> = {}): ExportedAttempt {
	return exportedAttempt(v1, actionsSchema.parse(modelPath), overrides, { categories: true });
}

const text = (value: unknown) => JSON.stringify(value, null, 2);
/** The verifier's clock in these specs: a week after the genuine file's play. */
const NOW = Date.parse('2026-12-05T09:00:00.000Z');

describe('verifyAttempt', () => {
	it('accepts the model path and keeps the recomputed result', async () => {
		const verdict = await verifyAttempt(text(genuine()), lookup, { now: NOW });
		expect(verdict).toMatchObject({
			status: 'accepted',
			result: { outcome: 'won', score: model.score.total, categories },
			weeksUsed: model.final.weeksUsed,
			moneyUsed: model.final.moneyUsed,
			practice: false,
			attempt: { player: 'Li Na', team: 'East', mode: 'assessment' }
		});
		expect(model.score.total).toBeGreaterThan(80);
	});

	it('accepts a format-1 file without categories or mode (its minimum) as an assessment under rules 1', async () => {
		const v1Replay = replay(v1.scenario, actionsSchema.parse(modelPath), {
			keepStates: false,
			rules: 1
		});
		const file: Record<string, unknown> = {
			...genuine({ result: { outcome: 'won', score: v1Replay.score.total } }),
			format: 'sales-sim/attempt@1'
		};
		for (const key of ['mode', 'team', 'seed', 'rules']) delete file[key];
		const verdict = await verifyAttempt(text(file), lookup, { now: NOW });
		expect(verdict).toMatchObject({
			status: 'accepted',
			attempt: { mode: 'assessment', seed: 0, rules: 1 },
			report: { rules: 1 }
		});
		if (verdict.status !== 'accepted') return;
		expect(verdict.attempt).not.toHaveProperty('team');
		// The same actions score differently under rules 2: the file's own rules decide.
		expect(v1Replay.score.total).not.toBe(model.score.total);
	});

	it('refuses a format-2 file without its mode, seed or rules', async () => {
		for (const key of ['mode', 'seed', 'rules'] as const) {
			const file: Record<string, unknown> = { ...genuine() };
			delete file[key];
			expect(await verifyAttempt(text(file), lookup, { now: NOW }), key).toMatchObject({
				status: 'refused',
				reason: 'malformed'
			});
		}
	});

	it('replays a format-2 file on the deal its seed drew: a claim made on another seed is refused', async () => {
		const verdict = await verifyAttempt(text(genuine({ seed: 12345 })), lookup, { now: NOW });
		// The test scenario has no variants: every seed draws the same deal.
		expect(verdict).toMatchObject({ status: 'accepted', attempt: { seed: 12345 } });
	});

	it('accepts a practice attempt, flagged as practice', async () => {
		const verdict = await verifyAttempt(text(genuine({ mode: 'practice' })), lookup, { now: NOW });
		expect(verdict).toMatchObject({ status: 'accepted', practice: true });
	});

	it('accepts a parsed value as well as text, and a Chinese name', async () => {
		const verdict = await verifyAttempt(genuine({ player: '张伟', team: '华东' }), lookup, {
			now: NOW
		});
		expect(verdict).toMatchObject({
			status: 'accepted',
			attempt: { player: '张伟', team: '华东' }
		});
	});

	it('accepts names with markup-like characters as plain text (issue 22)', async () => {
		const names = { player: 'Chen <Jr> & "Co"', team: 'Team <B>' };
		const verdict = await verifyAttempt(text(genuine(names)), lookup, { now: NOW });
		expect(verdict).toMatchObject({ status: 'accepted', attempt: names });
	});

	it('strips invisible and direction-control characters from names', async () => {
		const verdict = await verifyAttempt(
			text(genuine({ player: 'Li\u200b Na\u202e', team: '\u2066East\u2069' })),
			lookup,
			{ now: NOW }
		);
		expect(verdict).toMatchObject({
			status: 'accepted',
			attempt: { player: 'Li Na', team: 'East' }
		});
	});

	it('refuses times outside the plausible window against the given clock', async () => {
		const now = Date.parse('2026-11-28T10:00:00.000Z');
		const early = await verifyAttempt(text(genuine()), lookup, { now: now - 2 * 86_400_000 });
		expect(early).toMatchObject({ status: 'refused', reason: 'date-in-future' });
		expect(await verifyAttempt(text(genuine()), lookup, { now })).toMatchObject({
			status: 'accepted'
		});
	});

	const naive = actionsSchema.parse(naivePath);
	const naiveReplay = replay(v1.scenario, naive, { keepStates: false });
	const withoutLast = genuine().actions.slice(0, -1);
	const refusedAt = genuine().actions.length - 1;

	// Each row: what was done to a genuine file, the text, and the refusal expected.
	const cases: [string, () => string, Partial<RefusedVerdict>][] = [
		[
			'a tampered score',
			() => text(genuine({ result: { outcome: 'won', score: 99.5, categories } })),
			{ reason: 'score-mismatch', params: { claimed: 99.5, recomputed: model.score.total } }
		],
		[
			'a score rounded differently from scoring',
			() => text(genuine({ result: { outcome: 'won', score: model.score.total + 0.04 } })),
			{ reason: 'score-mismatch' }
		],
		[
			'a tampered outcome',
			() => text(genuine({ result: { outcome: 'lost', score: model.score.total } })),
			{ reason: 'outcome-mismatch', params: { claimed: 'lost', recomputed: 'won' } }
		],
		[
			'a tampered category',
			() =>
				text(
					genuine({
						result: {
							outcome: 'won',
							score: model.score.total,
							categories: { ...categories, roles: categories.roles + 1 }
						}
					})
				),
			{
				reason: 'category-mismatch',
				params: { category: 'roles', claimed: categories.roles + 1, recomputed: categories.roles }
			}
		],
		[
			'a changed action list that changes the score (the naive path with the model’s result)',
			() => text(genuine({ actions: naive })),
			{
				reason: naiveReplay.outcome === 'won' ? 'score-mismatch' : 'outcome-mismatch',
				recomputed: { outcome: naiveReplay.outcome, score: naiveReplay.score.total }
			}
		],
		[
			'an action the engine refuses (an unknown person)',
			() =>
				text(
					genuine({
						actions: [
							...withoutLast,
							{ type: 'activity', activity: 'visit', people: ['nobody'] },
							{ type: 'advance' }
						]
					})
				),
			{
				reason: 'refused-action',
				params: { index: refusedAt, type: 'activity', refusal: 'unknown-person', count: 1 }
			}
		],
		[
			'an action after the end',
			() => text(genuine({ actions: [...genuine().actions, { type: 'withdraw' }] })),
			{ reason: 'refused-action', params: { index: refusedAt + 1, refusal: 'ended' } }
		],
		[
			'actions cut so that the deal is unfinished',
			() => text(genuine({ actions: withoutLast })),
			{ reason: 'unfinished', params: { actions: withoutLast.length } }
		],
		[
			'a wrong hash (same id and version, other content)',
			() => text(genuine({ scenario: { id: 'test-plant', version: 1, hash: v2.hash } })),
			{
				reason: 'hash-mismatch',
				params: { id: 'test-plant', version: 1, claimed: v2.hash, expected: v1.hash }
			}
		],
		[
			'an unknown scenario',
			() => text(genuine({ scenario: { id: 'other-plant', version: 1, hash: v1.hash } })),
			{ reason: 'unknown-scenario', params: { id: 'other-plant' } }
		],
		[
			'an unknown version',
			() => text(genuine({ scenario: { id: 'test-plant', version: 7, hash: v1.hash } })),
			{ reason: 'unknown-version', params: { id: 'test-plant', version: 7, known: '1, 2' } }
		],
		[
			'a wrong format string',
			() => text({ ...genuine(), format: 'sales-sim/attempt@9' }),
			{ reason: 'wrong-format', params: { found: 'sales-sim/attempt@9' } }
		],
		[
			'a scenario file instead of an attempt',
			() => text(testScenarioInput),
			{ reason: 'wrong-format', params: { found: 'sales-sim/scenario@2' } }
		],
		['broken JSON', () => text(genuine()).slice(0, 200), { reason: 'malformed' }],
		[
			'a dangerous key (__proto__)',
			() => text(genuine()).replace('"player":', '"__proto__": { "isAdmin": true },\n  "player":'),
			{ reason: 'malformed' }
		],
		[
			'a name over 80 characters',
			() => text(genuine({ player: 'x'.repeat(81) })),
			{ reason: 'malformed' }
		],
		[
			'a start before 1970 (issue 22)',
			() => text(genuine({ startedAt: '1969-12-31T23:00:00.000Z' })),
			{ reason: 'date-too-early', params: { field: 'startedAt' } }
		],
		[
			'a start in the year 0000',
			() => text(genuine({ startedAt: '0000-01-01T00:00:00.000Z' })),
			{ reason: 'date-too-early' }
		],
		[
			'a start before the app existed',
			() => text(genuine({ startedAt: '2026-11-27T09:00:00.000Z' })),
			{ reason: 'date-too-early' }
		],
		[
			'a finish in 2099',
			() => text(genuine({ finishedAt: '2099-01-01T00:00:00.000Z' })),
			{ reason: 'date-in-future', params: { field: 'finishedAt' } }
		],
		[
			'a zero-duration play',
			() => text(genuine({ finishedAt: genuine().startedAt })),
			{ reason: 'too-fast', params: { seconds: 0, actions: genuine().actions.length } }
		],
		[
			'a play faster than its actions can be clicked',
			() => text(genuine({ finishedAt: '2026-11-28T09:00:02.000Z' })),
			{ reason: 'too-fast', params: { seconds: 2 } }
		],
		[
			'a player name of invisible characters only',
			() => text(genuine({ player: '\u200b\u202e' })),
			{ reason: 'name-invalid' }
		],
		[
			'a file over 1 MiB',
			() => text(genuine()) + ' '.repeat(MAX_FILE_BYTES),
			{ reason: 'too-large', params: { size: expect.any(Number), max: MAX_FILE_BYTES } }
		]
	];

	it.each(cases)('refuses %s', async (_, make, expected) => {
		const verdict = await verifyAttempt(make(), lookup, { now: NOW });
		expect(verdict).toMatchObject({ status: 'refused', ...expected });
	});

	it('gives the validator’s problems with their place for a broken file', async () => {
		const verdict = await verifyAttempt('{"format": "sales-sim/attempt@1", "player": }', lookup, {
			now: NOW
		});
		expect(verdict.status).toBe('refused');
		if (verdict.status !== 'refused') return;
		expect(verdict.problems?.[0]).toMatchObject({ severity: 'error', line: 1 });
		expect(verdict.problems?.[0].message).toBeTruthy();
	});

	it('names the refused action and the engine’s reason', async () => {
		const wrong = { type: 'decide' as const, decision: 'specs', option: 'educate' };
		const actions = [wrong, ...genuine().actions];
		const verdict = await verifyAttempt(text(genuine({ actions })), lookup, { now: NOW });
		expect(verdict).toMatchObject({
			status: 'refused',
			reason: 'refused-action',
			refusedAction: { index: 0, action: wrong, refusal: { code: 'decision-elsewhere' } }
		});
	});
});

describe('attemptText', () => {
	it('refuses bytes that are not UTF-8, and more than 1 MiB unread', () => {
		const latin1 = attemptText(new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
		expect(latin1).toMatchObject({ ok: false, verdict: { reason: 'malformed' } });
		if (!latin1.ok) expect(latin1.verdict.problems?.[0].code).toBe('file-encoding');
		const big = attemptText(new Uint8Array(MAX_FILE_BYTES + 1));
		expect(big).toMatchObject({ ok: false, verdict: { reason: 'too-large' } });
		expect(attemptText(new TextEncoder().encode('{"a":"张"}'))).toEqual({
			ok: true,
			text: '{"a":"张"}'
		});
	});
});

describe('verifyBatch', () => {
	// The app passes storage's content fingerprint (src/lib/db/fingerprint.ts, tested there and in
	// src/lib/results); this one has its traits: the team and the result do not count, and names
	// match whatever their case and spacing.
	const fingerprint = (a: ExportedAttempt) =>
		JSON.stringify([
			a.scenario,
			a.player.trim().replace(/\s+/g, ' ').toLowerCase(),
			a.startedAt,
			a.finishedAt,
			a.actions
		]);

	it('refuses the second copy of one play as a duplicate, and keeps the rest', async () => {
		const verdicts = await verifyBatch(
			[
				{ label: 'a.json', text: text(genuine()) },
				{ label: 'broken.json', text: '{' },
				// The same play, renamed team and spaced name: still the same play.
				{ label: 'b.json', text: text(genuine({ team: 'West', player: '  li  na ' })) },
				{ label: 'c.json', text: text(genuine({ player: 'Wang Wei' })) }
			],
			lookup,
			{ fingerprint, now: NOW }
		);
		expect(verdicts.map((v) => [v.label, v.status, v.status === 'refused' && v.reason])).toEqual([
			['a.json', 'accepted', false],
			['broken.json', 'refused', 'malformed'],
			['b.json', 'refused', 'duplicate'],
			['c.json', 'accepted', false]
		]);
		expect(verdicts[2]).toMatchObject({ params: { of: 'batch', item: 'a.json' } });
		expect(verdicts[0].fingerprint).toBe(fingerprint(genuine()));
	});

	it('accepts the genuine copy after a tampered one of the same play', async () => {
		const verdicts = await verifyBatch(
			[
				{ label: 'tampered.json', text: text(genuine({ result: { outcome: 'won', score: 100 } })) },
				{ label: 'genuine.json', text: text(genuine()) }
			],
			lookup,
			{ fingerprint, now: NOW }
		);
		expect(verdicts.map((v) => v.status)).toEqual(['refused', 'accepted']);
		expect(verdicts[0]).toMatchObject({ reason: 'score-mismatch' });
	});

	it('refuses an attempt already stored, naming the stored one', async () => {
		const stored = new Map([[fingerprint(genuine()), 'attempt-1']]);
		const verdicts = await verifyBatch(
			[
				{ label: 'a.json', bytes: new TextEncoder().encode(text(genuine())) },
				{ label: 'b.json', text: text(genuine({ player: 'Wang Wei' })) }
			],
			lookup,
			{ fingerprint, stored: (fp) => stored.get(fp), now: NOW }
		);
		expect(verdicts[0]).toMatchObject({
			status: 'refused',
			reason: 'duplicate',
			params: { of: 'stored', id: 'attempt-1' },
			recomputed: { score: model.score.total }
		});
		expect(verdicts[1].status).toBe('accepted');
	});

	it('refuses a copy of an attempt accepted in an earlier batch not stored yet', async () => {
		const [verdict] = await verifyBatch([{ label: 'again.json', text: text(genuine()) }], lookup, {
			fingerprint,
			earlier: new Map([[fingerprint(genuine()), 'first.json']]),
			now: NOW
		});
		expect(verdict).toMatchObject({
			reason: 'duplicate',
			params: { of: 'batch', item: 'first.json' }
		});
	});

	it('passes on a refusal found before reading (a file too large)', async () => {
		const [verdict] = await verifyBatch(
			[
				{
					label: 'huge.json',
					refused: { status: 'refused', reason: 'too-large', params: { size: 5e6 } }
				}
			],
			lookup,
			{ fingerprint, now: NOW }
		);
		expect(verdict).toMatchObject({ label: 'huge.json', reason: 'too-large' });
	});
});

/**
 * Verifying a result from another device: an exported attempt (docs/authoring.md,
 * "The exported attempt file") is read through the validator, matched to the scenario it was played on by
 * id, version and content hash, and replayed. Only a replay that reaches the same outcome, score
 * and category points is accepted, and what is kept is the recomputed result, never the claimed
 * one. The import page, the backup check and the command line all call these functions.
 */
import { decodeAttemptCode } from './attempt-code';
import { EXACT, matchesReplay } from './match-replay';
import { timeRefusal } from './plausibility';
import { cleanName } from '../names';
import { replay } from '../deal/replay';
import type { RefusedAction } from '../deal/replay';
import type { ScoreReport } from '../deal/types';
import type { OutcomeId, RulesVersion, ScoreCategoryId } from '../methodology';
import { parseAttempt, placeProblems } from '../scenario/parse-scenario';
import type { Problem } from '../scenario/problem';
import { FORBIDDEN_KEYS, MAX_DEPTH, MAX_FILE_BYTES } from '../scenario/safe-json';
import { attemptRules } from '../scenario/scenario-rules';
import { ATTEMPT_FORMAT } from '../scenario/format-names';
import type { ExportedAttempt, Scenario } from '../scenario/schema';

/** A scenario as the verifier needs it: the parsed scenario and the hash of its file. */
export interface KnownScenario {
	scenario: Scenario;
	hash: string;
}

/** Where the verifier finds the scenarios an attempt may name. */
export interface ScenarioLookup {
	/** The scenario with this id and version, or undefined when this device does not have it. */
	find(id: string, version: number): KnownScenario | undefined | Promise<KnownScenario | undefined>;
	/** The versions of this id this device has (none when the id is unknown). */
	versions(id: string): readonly number[] | Promise<readonly number[]>;
}

/** Why an attempt is refused. Each code has a sentence in messages/results (`results_reason_…`). */
export type RefusalCode =
	/** Over MAX_FILE_BYTES: refused before it is read. */
	| 'too-large'
	/** Not JSON, not UTF-8, or not an exported attempt: `problems` holds the validator's findings. */
	| 'malformed'
	/** The `format` is not "sales-sim/attempt@1" (a scenario file, a newer format...). */
	| 'wrong-format'
	| 'unknown-scenario'
	| 'unknown-version'
	/** Same id and version, different content: played on another copy of the scenario. */
	| 'hash-mismatch'
	/** An action the engine refuses: `index` and the engine's refusal. */
	| 'refused-action'
	/** The actions do not end the deal. */
	| 'unfinished'
	| 'outcome-mismatch'
	| 'score-mismatch'
	| 'category-mismatch'
	/** Already stored, or given twice in one batch. */
	| 'duplicate'
	/** A player's name with nothing visible in it once invisible characters are removed. */
	| 'name-invalid'
	/** A time before this app existed (plausibility.ts APP_EPOCH). */
	| 'date-too-early'
	/** A time after this device's clock, with a day's slack. */
	| 'date-in-future'
	/** Finished faster than a person could play its actions (plausibility.ts MIN_ACTION_MS). */
	| 'too-fast'
	/** A link or code that is not one (see attempt-code.ts). */
	| 'not-a-code'
	/** A code made by a newer version of the app. */
	| 'code-version'
	/** A code or link that lost its end on the way. */
	| 'code-cut-off'
	/** A code or link with changed characters. */
	| 'code-corrupted'
	/** A code that holds more than 1 MiB. */
	| 'code-too-large';

export type VerdictParams = Record<string, string | number>;

/** The recomputed result: what is stored for an accepted attempt. */
export interface VerifiedResult {
	outcome: OutcomeId;
	/** 0..100, rounded to one decimal, as scoring gives it. */
	score: number;
	/** Each category's weighted points, rounded to two decimals, as scoring gives them. */
	categories: Partial<Record<ScoreCategoryId, number>>;
}

export interface AcceptedVerdict {
	status: 'accepted';
	/** The attempt as it will be kept: trimmed names, its mode, seed and rules, and the recomputed result. */
	attempt: ExportedAttempt;
	/** What the file said. */
	claimed: ExportedAttempt['result'];
	result: VerifiedResult;
	report: ScoreReport;
	scenario: KnownScenario;
	weeksUsed: number;
	moneyUsed: number;
	/** Practice attempts are kept but do not count on a scoreboard. */
	practice: boolean;
}

export interface RefusedVerdict {
	status: 'refused';
	reason: RefusalCode;
	/** The message's parameters: ids, numbers and the file's own values, all plain text. */
	params: VerdictParams;
	/** For `malformed` and `wrong-format`: the validator's problems, with line and column. */
	problems?: Problem[];
	/** The attempt as the file gave it, when it could be read. */
	attempt?: ExportedAttempt;
	/** The scenario it names, when this device has it. */
	scenario?: KnownScenario;
	/** For a replayed attempt: what the replay gives. */
	recomputed?: { outcome?: OutcomeId; score: number };
	/** For `refused-action`: the refused action, its index and the engine's reason. */
	refusedAction?: RefusedAction;
}

export type Verdict = AcceptedVerdict | RefusedVerdict;

/** A refusal with its parameters, before it is attached to an attempt. */
export function refusal(reason: RefusalCode, params: VerdictParams = {}): RefusedVerdict {
	return { status: 'refused', reason, params };
}

/**
 * Decodes a file's bytes for verification: over 1 MiB or not UTF-8 is refused.
 * `attemptText(new TextEncoder().encode('{}'))` → `{ ok: true, text: '{}' }`.
 */
export function attemptText(
	bytes: Uint8Array
): { ok: true; text: string } | { ok: false; verdict: RefusedVerdict } {
	if (bytes.length > MAX_FILE_BYTES) return { ok: false, verdict: tooLarge(bytes.length) };
	try {
		return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
	} catch {
		const problems = placeProblems('', [
			{ severity: 'error', code: 'file-encoding', path: [], offset: 0 }
		]);
		return { ok: false, verdict: { ...refusal('malformed'), problems } };
	}
}

/** The refusal of a file over 1 MiB, read no further: `tooLarge(2_000_000)`. */
export function tooLarge(bytes: number): RefusedVerdict {
	return refusal('too-large', { size: bytes, max: MAX_FILE_BYTES });
}

const FORMAT_CODES = new Set([
	'format-missing',
	'format-wrong-kind',
	'format-unknown',
	'format-future',
	'not-object'
]);

/** What the verifier needs besides the file and the scenarios. */
export interface VerifyOptions {
	/**
	 * This device's clock, in ms since 1970: later times are refused. Given by the caller, so
	 * that the engine reads no clock and a verdict can be reproduced.
	 */
	now: number;
}

/**
 * Verifies one exported attempt (its text, or a value that is turned into JSON text first) on
 * the scenarios `lookup` knows. Never trusts a number in the file: the result comes from the
 * replay; times before the app existed, in the future, or too fast for a person are refused
 * before it. Names are cleaned (names.ts). Duplicates are for `verifyBatch` to find.
 * `await verifyAttempt(text, lookup)` → `{ status: 'accepted', result: { score: 83.5, … } }` or
 * `{ status: 'refused', reason: 'score-mismatch', params: { claimed: 99, recomputed: 83.5 } }`.
 */
export async function verifyAttempt(
	input: unknown,
	lookup: ScenarioLookup,
	options: VerifyOptions
): Promise<Verdict> {
	const text = typeof input === 'string' ? input : JSON.stringify(input);
	if (text === undefined) return refusal('malformed');
	const parsed = parseAttempt(text);
	if (!parsed.ok) {
		const format = parsed.errors.find((problem) => FORMAT_CODES.has(problem.code));
		if (format)
			return {
				...refusal('wrong-format', { found: format.params.found ?? '' }),
				problems: [format]
			};
		const size = parsed.errors.find((problem) => problem.code === 'file-too-large');
		if (size) return tooLarge(Number(size.params.size));
		return { ...refusal('malformed'), problems: parsed.errors };
	}
	return verifyRead(parsed.attempt, lookup, options);
}

/**
 * Verifies an attempt already in memory (a backup's, say) exactly as `verifyAttempt` verifies
 * it, without writing it out as JSON text and reading that back, when the value is what reading
 * its text would give (`readsAsItself`, with `asIs` the in-place check of `attemptSchema`:
 * src/lib/db/schema-in-place.ts); any other value goes through the text as before, for the
 * validator's problems. import-attempts.spec.ts compares the verdicts of the two ways on real
 * attempts, tampered and broken ones.
 * `await verifyAttemptValue(toExportedAttempt(stored), lookup, { now, asIs })` → a Verdict.
 */
export function verifyAttemptValue(
	value: unknown,
	lookup: ScenarioLookup,
	options: VerifyOptions & { asIs: (value: unknown) => boolean }
): Promise<Verdict> {
	return readsAsItself(value, options.asIs)
		? verifyRead(value, lookup, options)
		: verifyAttempt(value, lookup, options);
}

/**
 * True when `parseAttempt(JSON.stringify(value))` succeeds with an attempt equal to `value`:
 * JSON keeps it as it is (plain objects and arrays; strings, booleans, null and numbers that are
 * finite, within the safe integers and not -0; nothing undefined; no key the reader refuses),
 * its text is within MAX_FILE_BYTES and MAX_DEPTH (by a bound: 6 bytes a UTF-16 unit), it is in
 * the current format, the schema takes it unchanged (`asIs`) and the attempt rules find no
 * error. False says nothing about the value: ask the reader.
 */
export function readsAsItself(
	value: unknown,
	asIs: (value: unknown) => boolean
): value is ExportedAttempt {
	if (typeof value !== 'object' || value === null || jsonBound(value, 1) > MAX_FILE_BYTES)
		return false;
	if ((value as { format?: unknown }).format !== ATTEMPT_FORMAT || !asIs(value)) return false;
	return attemptRules(value).every((problem) => problem.severity !== 'error');
}

/** A bound of the UTF-8 bytes of `JSON.stringify(value)`, or Infinity when JSON would change it. */
function jsonBound(value: unknown, depth: number): number {
	switch (typeof value) {
		case 'string':
			return 6 * value.length + 2;
		case 'boolean':
			return 5;
		case 'number':
			return Number.isFinite(value) &&
				Math.abs(value) <= Number.MAX_SAFE_INTEGER &&
				!Object.is(value, -0)
				? 24
				: Infinity;
		case 'object': {
			if (value === null) return 4;
			if (depth > MAX_DEPTH) return Infinity;
			const proto = Object.getPrototypeOf(value);
			let bytes = 2;
			if (proto === Array.prototype) {
				const list = value as unknown[];
				for (let i = 0; i < list.length; i++) {
					bytes += jsonBound(list[i], depth + 1) + 1;
					if (bytes > MAX_FILE_BYTES) return Infinity;
				}
				return bytes;
			}
			if (proto !== Object.prototype) return Infinity;
			const object = value as Record<string, unknown>;
			for (const key in object) {
				if (!Object.hasOwn(object, key)) return Infinity;
				if (FORBIDDEN_KEYS.includes(key)) return Infinity;
				bytes += 6 * key.length + 4 + jsonBound(object[key], depth + 1);
				if (bytes > MAX_FILE_BYTES) return Infinity;
			}
			return bytes;
		}
		default:
			// undefined, a function, a symbol, a bigint: JSON leaves it out or refuses it.
			return Infinity;
	}
}

/**
 * What `verifyAttempt` checks of a read attempt before it looks its scenario up: its names
 * (cleaned as they would be stored) and its times. The attempt with its names cleaned, or the
 * refusal. `verifyRead` begins with it, so the backup check's verifier (import-attempts.ts) can
 * ask it alone and know the verdict up to the lookup.
 */
export function checkBeforeLookup(
	read: ExportedAttempt,
	now: number
): { ok: true; attempt: ExportedAttempt } | { ok: false; verdict: RefusedVerdict } {
	const player = cleanName(read.player);
	const team = cleanName(read.team ?? '');
	const attempt: ExportedAttempt = { ...read, player };
	if (team) attempt.team = team;
	// An empty team name is no team.
	else delete attempt.team;
	if (!player)
		return { ok: false, verdict: { ...refusal('name-invalid', { field: 'player' }), attempt } };
	const times = timeRefusal(attempt, now);
	if (times) return { ok: false, verdict: { ...refusal(times.reason, times.params), attempt } };
	return { ok: true, attempt };
}

/** What `verifyAttempt` does once the attempt is read: an attempt as `parseAttempt` gives it. */
async function verifyRead(
	read: ExportedAttempt,
	lookup: ScenarioLookup,
	options: VerifyOptions
): Promise<Verdict> {
	const before = checkBeforeLookup(read, options.now);
	if (!before.ok) return before.verdict;
	const { attempt } = before;
	const { id, version, hash } = attempt.scenario;
	const known = await lookup.find(id, version);
	if (!known) {
		const versions = [...(await lookup.versions(id))].sort((a, b) => a - b);
		return versions.length === 0
			? { ...refusal('unknown-scenario', { id }), attempt }
			: { ...refusal('unknown-version', { id, version, known: versions.join(', ') }), attempt };
	}
	const base = { attempt, scenario: known };
	if (known.hash !== hash) {
		return {
			...refusal('hash-mismatch', { id, version, claimed: hash, expected: known.hash }),
			...base
		};
	}

	// Replayed on the deal its seed drew and scored under the rules it was played under: a result
	// of older rules keeps the score it had (format-1 attempts are rules 1).
	const replayed = replay(known.scenario, attempt.actions, {
		keepStates: false,
		seed: attempt.seed,
		rules: attempt.rules as RulesVersion
	});
	const score = replayed.score.total;
	const recomputed = { outcome: replayed.outcome, score };
	const [first] = replayed.refused;
	if (first) {
		return {
			...refusal('refused-action', {
				index: first.index,
				type: first.action.type,
				refusal: first.refusal.code,
				count: replayed.refused.length
			}),
			...base,
			recomputed,
			refusedAction: first
		};
	}
	const claimed = attempt.result;
	if (!replayed.outcome) {
		return { ...refusal('unfinished', { actions: attempt.actions.length }), ...base, recomputed };
	}
	// A file's figures come from the same engine: any difference refuses it (match-replay.ts).
	const [mismatch] = matchesReplay(
		claimed,
		{ outcome: replayed.outcome, score, categories: replayed.score.categories },
		EXACT
	);
	if (mismatch) {
		const why =
			mismatch.kind === 'outcome'
				? refusal('outcome-mismatch', { claimed: mismatch.claimed, recomputed: replayed.outcome })
				: mismatch.kind === 'score'
					? refusal('score-mismatch', { claimed: mismatch.claimed, recomputed: mismatch.replayed })
					: refusal('category-mismatch', {
							category: mismatch.category,
							claimed: mismatch.claimed,
							recomputed: mismatch.replayed
						});
		return { ...why, ...base, recomputed };
	}
	const categories = Object.fromEntries(
		replayed.score.categories.map((c) => [c.category, c.points])
	) as VerifiedResult['categories'];

	const result: VerifiedResult = { outcome: replayed.outcome, score, categories };
	const mode = attempt.mode;
	return {
		status: 'accepted',
		attempt: {
			...attempt,
			mode,
			result: { outcome: result.outcome, score, categories: { ...categories } }
		},
		claimed,
		result,
		report: replayed.score,
		scenario: known,
		weeksUsed: replayed.final.weeksUsed,
		moneyUsed: replayed.final.moneyUsed,
		practice: mode === 'practice'
	};
}

/** One item of an import batch: a file's bytes or text, or a refusal found before reading it. */
export type BatchItem =
	| { label: string; text: string }
	| { label: string; bytes: Uint8Array }
	| { label: string; refused: RefusedVerdict };

export type BatchVerdict = Verdict & {
	/** The file name, or "Code 2" / "Link 1": what the trainer recognises it by. */
	label: string;
	/** The attempt's content fingerprint (accepted attempts only). */
	fingerprint?: string;
};

export interface BatchOptions {
	/**
	 * The content fingerprint of an attempt (src/lib/db/fingerprint.ts): one play exported twice,
	 * or sent as a file and as a code, has one fingerprint.
	 */
	fingerprint(attempt: ExportedAttempt): string;
	/** The id of a stored attempt with this fingerprint, if any. */
	stored?(fingerprint: string): string | undefined | Promise<string | undefined>;
	/** Attempts accepted in an earlier batch and not stored yet: fingerprint → label. */
	earlier?: ReadonlyMap<string, string>;
	/** This device's clock (VerifyOptions.now). */
	now: number;
}

/**
 * Verifies a batch, each item on its own: one bad item never costs another. An accepted attempt
 * already stored, or accepted earlier in the batch, is refused as `duplicate`; a copy that fails
 * on its own merits (a tampered score) is refused for that, so the genuine one still counts.
 */
export async function verifyBatch(
	items: readonly BatchItem[],
	lookup: ScenarioLookup,
	options: BatchOptions
): Promise<BatchVerdict[]> {
	const seen = new Map<string, string>(options.earlier);
	const out: BatchVerdict[] = [];
	for (const item of items) {
		const verdict = await verifyItem(item, lookup, { now: options.now });
		if (verdict.status !== 'accepted') {
			out.push({ ...verdict, label: item.label });
			continue;
		}
		const fingerprint = options.fingerprint(verdict.attempt);
		const earlier = seen.get(fingerprint);
		const storedId = earlier === undefined ? await options.stored?.(fingerprint) : undefined;
		if (earlier !== undefined || storedId !== undefined) {
			out.push({
				...(earlier !== undefined
					? refusal('duplicate', { of: 'batch', item: earlier })
					: refusal('duplicate', { of: 'stored', id: storedId ?? '' })),
				attempt: verdict.attempt,
				scenario: verdict.scenario,
				recomputed: { outcome: verdict.result.outcome, score: verdict.result.score },
				label: item.label
			});
			continue;
		}
		seen.set(fingerprint, item.label);
		out.push({ ...verdict, label: item.label, fingerprint });
	}
	return out;
}

async function verifyItem(
	item: BatchItem,
	lookup: ScenarioLookup,
	options: VerifyOptions
): Promise<Verdict> {
	if ('refused' in item) return item.refused;
	if ('bytes' in item) {
		const read = attemptText(item.bytes);
		return read.ok ? verifyAttempt(read.text, lookup, options) : read.verdict;
	}
	return verifyAttempt(item.text, lookup, options);
}

/** A lookup over scenarios already parsed: `lookupOf([{ scenario, hash }])`. */
export function lookupOf(known: readonly KnownScenario[]): ScenarioLookup {
	return {
		find: (id, version) =>
			known.find((k) => k.scenario.id === id && k.scenario.version === version),
		versions: (id) => known.filter((k) => k.scenario.id === id).map((k) => k.scenario.version)
	};
}

/** A batch item from a pasted code or link: its JSON text, or why it cannot be read. */
export function itemFromCode(label: string, input: string): BatchItem {
	const decoded = decodeAttemptCode(input);
	return decoded.ok
		? { label, text: decoded.text }
		: { label, refused: refusal(decoded.reason, decoded.params) };
}

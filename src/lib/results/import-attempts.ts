/**
 * Importing results from other devices: the engine verifies (src/lib/engine/results), this module
 * ties it to storage — which attempts are stored already, and how accepted ones are written
 * (their team and player found or created by name, all attempts in one transaction).
 */
import { parseScenario } from '$lib/engine/scenario/parse-scenario';
import {
	checkBeforeLookup,
	lookupOf,
	readsAsItself,
	verifyAttemptValue,
	verifyBatch,
	type AcceptedVerdict,
	type BatchItem,
	type BatchVerdict,
	type KnownScenario,
	type RefusalCode,
	type RefusedVerdict,
	type ScenarioLookup
} from '$lib/engine/results/verify-attempt';
import {
	exportedAttemptFingerprint,
	resultFromReport,
	toExportedAttempt,
	type Attempt,
	type AttemptCheck,
	type ImportedAttempt,
	type ScenarioRecord,
	type Storage
} from '$lib/db';
import { inPlaceCheck } from '$lib/db/schema-in-place';
import { attemptSchema } from '$lib/engine/scenario/schema';

/**
 * Verifies a batch against the scenarios `lookup` knows, the attempts `storage` holds and those
 * accepted `earlier` but not stored yet (fingerprint → label). Reads only: nothing is written
 * until `storeAccepted`.
 */
export function checkItems(
	items: readonly BatchItem[],
	storage: Pick<Storage, 'attempts'>,
	lookup: ScenarioLookup,
	earlier?: ReadonlyMap<string, string>,
	now = Date.now()
): Promise<BatchVerdict[]> {
	return verifyBatch(items, lookup, {
		fingerprint: exportedAttemptFingerprint,
		stored: async (fingerprint) => (await storage.attempts.findByFingerprint(fingerprint))?.id,
		earlier,
		now
	});
}

/** A verdict after storing: an accepted attempt now has its stored id. */
export type ImportedVerdict =
	(AcceptedVerdict & { label: string; fingerprint?: string; storedId: string }) | BatchVerdict;

/** Accepted attempts not stored yet, as `checkItems`' `earlier`: fingerprint → label. */
export function pendingFingerprints(verdicts: readonly ImportedVerdict[]): Map<string, string> {
	return new Map(
		verdicts.flatMap((v) =>
			v.status === 'accepted' && !('storedId' in v) && v.fingerprint
				? [[v.fingerprint, v.label] as const]
				: []
		)
	);
}

/**
 * Writes the accepted attempts of a checked batch in one transaction, with the teams and players
 * they name (found by name or created there), each with its recomputed result, marked imported
 * and verified, and stamped with its arrival on this device. An attempt stored meanwhile comes
 * back as a duplicate; refused items pass through unchanged. Rejects when storage fails, keeping
 * nothing of the batch: no attempt, no player, no team.
 */
export async function storeAccepted(
	verdicts: readonly BatchVerdict[],
	storage: Pick<Storage, 'attempts'>
): Promise<ImportedVerdict[]> {
	const accepted = verdicts.filter(
		(v): v is AcceptedVerdict & BatchVerdict => v.status === 'accepted'
	);
	const inputs: ImportedAttempt[] = accepted.map(({ attempt, result, report, weeksUsed }) => ({
		scenarioId: attempt.scenario.id,
		scenarioVersion: attempt.scenario.version,
		scenarioHash: attempt.scenario.hash,
		playerName: attempt.player,
		teamName: attempt.team ?? null,
		mode: attempt.mode,
		seed: attempt.seed,
		rules: attempt.rules,
		startedAt: Date.parse(attempt.startedAt),
		finishedAt: Date.parse(attempt.finishedAt),
		actions: attempt.actions,
		result: resultFromReport(result.outcome, report),
		weeksUsed,
		verified: true
	}));
	const outcomes = inputs.length > 0 ? await storage.attempts.importMany(inputs) : [];
	const byVerdict = new Map(accepted.map((verdict, i) => [verdict, outcomes[i]]));
	return verdicts.map((verdict): ImportedVerdict => {
		const outcome = byVerdict.get(verdict as AcceptedVerdict & BatchVerdict);
		if (!outcome || verdict.status !== 'accepted') return verdict;
		if (outcome.status === 'added') return { ...verdict, storedId: outcome.attempt.id };
		const duplicate: RefusedVerdict & { label: string } = {
			status: 'refused',
			reason: 'duplicate',
			params: { of: 'stored', id: outcome.existingId },
			attempt: verdict.attempt,
			scenario: verdict.scenario,
			recomputed: { outcome: verdict.result.outcome, score: verdict.result.score },
			label: verdict.label
		};
		return duplicate;
	});
}

/** Scenarios read from their files' text, for a lookup (a backup's scenario rows, say). */
async function parsedRecords(records: readonly ScenarioRecord[]): Promise<KnownScenario[]> {
	const parsed = await Promise.all(records.map((record) => parseScenario(record.json)));
	return parsed.flatMap((p) => (p.ok ? [{ scenario: p.scenario, hash: p.hash }] : []));
}

/** A lookup that tries `first`, then `then`: a file's own scenarios before the device's. */
export function combinedLookup(first: ScenarioLookup, then: ScenarioLookup): ScenarioLookup {
	return {
		find: async (id, version) => (await first.find(id, version)) ?? (await then.find(id, version)),
		versions: async (id) => [
			...new Set([...(await first.versions(id)), ...(await then.versions(id))])
		]
	};
}

/**
 * `lookup`, each question asked of it once: a backup's check looks the same few scenarios up
 * for each of its attempts, and this device's lookup reads IndexedDB each time (two
 * transactions an attempt, most of the settings page's check of a large backup).
 */
export function rememberedLookup(lookup: ScenarioLookup): ScenarioLookup {
	const found = new Map<string, ReturnType<ScenarioLookup['find']>>();
	const versions = new Map<string, ReturnType<ScenarioLookup['versions']>>();
	return {
		find(id, version) {
			const key = `${id}\u0000${version}`;
			if (!found.has(key)) found.set(key, lookup.find(id, version));
			return found.get(key);
		},
		versions(id) {
			if (!versions.has(id)) versions.set(id, lookup.versions(id));
			return versions.get(id)!;
		}
	};
}

/** attemptSchema's in-place check (schema-in-place.ts), made once, when first needed. */
let attemptAsIs: ((value: unknown) => boolean) | undefined;

/** Refusals that say the attempt cannot be replayed on this device, not that it is wrong. */
const CANNOT_REPLAY_HERE = new Set<RefusalCode>([
	'unknown-scenario',
	'unknown-version',
	'hash-mismatch'
]);

/**
 * The backup check's verifier (CheckOptions.verifyAttempt): replays a stored attempt from a
 * backup file on the file's own scenarios or this device's. An attempt whose scenario is on
 * neither (or only in another copy, with another hash) cannot be replayed here: it is
 * 'unverifiable', kept but stored unverified, so that no scoreboard counts a result nobody
 * checked (refusing a whole class's backup for it would lose the rest). Any other refusal — a
 * score, an outcome or an action list edited in the file, times no play could have — fails the
 * file, with the verifier's own reason. The file's scenarios are read once per file.
 *
 * A class's backup holds thousands of attempts on the same few scenarios. Once one attempt's
 * scenario (id, version and hash) was found not replayable here, the next on it is answered
 * without the lookup: it is read as it is (`readsAsItself`) and passes what the verifier checks
 * before its lookup (`checkBeforeLookup`), so the verifier would reach the same lookup and the
 * same answer. Anything else takes the verifier's whole way. import-attempts.spec.ts compares.
 */
export function backupVerifier(
	device: ScenarioLookup
): (
	attempt: Attempt,
	file: { scenarios: readonly ScenarioRecord[] }
) => AttemptCheck | Promise<AttemptCheck> {
	const files = new WeakMap<
		readonly ScenarioRecord[],
		{ lookup: Promise<ScenarioLookup>; notHere: Set<string> }
	>();
	return (attempt, file) => {
		let known = files.get(file.scenarios);
		if (!known) {
			// Remembered for this file's check only: the device's scenarios may change after it.
			const lookup = parsedRecords(file.scenarios).then((scenarios) =>
				rememberedLookup(combinedLookup(lookupOf(scenarios), device))
			);
			known = { lookup, notHere: new Set() };
			files.set(file.scenarios, known);
		}
		const { lookup, notHere } = known;
		// Read as it is: the file's rows were read through their schemas already, so the attempt
		// needs no text written and read back (verifyAttemptValue: the same verdict). Its actions
		// are the file's row's, shared: the verifier only reads them.
		const value = toExportedAttempt(attempt, { share: true });
		const now = Date.now();
		const asIs = (attemptAsIs ??= inPlaceCheck(attemptSchema));
		// Asked first, so that an attempt on a replayable scenario is not checked twice.
		if (notHere.has(scenarioKey(value.scenario)) && readsAsItself(value, asIs)) {
			const before = checkBeforeLookup(value, now);
			return before.ok ? 'unverifiable' : { refused: before.verdict };
		}
		return (async () => {
			const verdict = await verifyAttemptValue(value, await lookup, { now, asIs });
			if (verdict.status === 'accepted') return true;
			if (!CANNOT_REPLAY_HERE.has(verdict.reason)) return { refused: verdict };
			// The scenario the lookup was asked for (the attempt as the verifier read it).
			if (verdict.attempt) notHere.add(scenarioKey(verdict.attempt.scenario));
			return 'unverifiable';
		})();
	};
}

/** A scenario as an attempt names it, for `backupVerifier`'s memory of what is not here. */
function scenarioKey(scenario: { id: string; version: number; hash: string }): string {
	return `${scenario.id}\u0000${scenario.version}\u0000${scenario.hash}`;
}

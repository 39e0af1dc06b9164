/**
 * Scenarios stored by trainers, every version kept under the compound key [id+version].
 *
 * A draft may be rewritten; a published version is frozen (results and deals refer to its exact
 * content by hash) and is only retired, never changed. The structure is checked here with the
 * engine's schema; the semantic checks (references, reachability) are the trainer studio's to
 * run before saving.
 */
import Dexie from 'dexie';
import { canonicalJson } from '$lib/engine/scenario/hash';
import type { SalesSimDatabase } from './database';
import {
	InvalidRecordError,
	RecordNotFoundError,
	ScenarioInUseError,
	ScenarioLockedError
} from './errors';
import { scenarioRecordSchema, type ScenarioRecord, type ScenarioStatus } from './records';
import { sha256Hex } from './sha256';
import { checked, type StorageContext } from './storage-context';

/**
 * The scenario hash (docs/authoring.md, "The exported attempt file"), computed synchronously:
 * the same value as the engine's (asynchronous) `scenarioHash`, usable inside a transaction.
 *
 * @example scenarioHashSync(JSON.parse(text)) // '9c2e…' (64 hex digits)
 */
export function scenarioHashSync(value: unknown): string {
	return sha256Hex(canonicalJson(value));
}

async function parseScenarioText(json: string) {
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch (error) {
		throw new InvalidRecordError('scenarios', [
			{ path: 'json', message: `is not valid JSON: ${(error as Error).message}` }
		]);
	}
	// A file of an older format is read as the current one (format.ts); its hash stays that of
	// the file as written.
	// The formats and their migrations load with the first scenario stored, not with storage.
	const { SCENARIO_FAMILY, readFormat } = await import('$lib/engine/scenario/format');
	const format = readFormat(value, SCENARIO_FAMILY);
	if (!format.ok) {
		// The validation catalogues load only to say this: every page that reads storage would
		// download them otherwise.
		const { renderMessage } = await import('$lib/engine/scenario/problem-messages');
		throw new InvalidRecordError('scenarios', [
			{ path: 'json.format', message: renderMessage(format.problem.code, format.problem.params) }
		]);
	}
	// The scenario format's schema, like the formats: with the first scenario stored or read.
	const { scenarioSchema } = await import('$lib/engine/scenario/schema');
	const parsed = scenarioSchema.safeParse(format.value);
	if (!parsed.success)
		throw new InvalidRecordError(
			'scenarios',
			parsed.error.issues.map((issue) => ({
				path: ['json', ...issue.path.map(String)].join('.'),
				message: issue.message
			}))
		);
	return { value, scenario: parsed.data };
}

export class ScenarioRepository {
	constructor(private readonly ctx: StorageContext) {}

	private get db(): SalesSimDatabase {
		return this.ctx.db;
	}

	/**
	 * Stores a scenario file under its own id and version. Saving a draft again replaces it;
	 * saving a published or retired version with different content rejects with
	 * ScenarioLockedError (save it as a new version); with the same content it changes nothing
	 * but may publish a draft. `note` is the trainer's change note, kept with the version.
	 */
	async save(
		json: string,
		status: Exclude<ScenarioStatus, 'retired'> = 'draft',
		options: { note?: string } = {}
	): Promise<ScenarioRecord> {
		const { db, ctx } = this;
		const { value, scenario } = await parseScenarioText(json);
		const hash = scenarioHashSync(value);
		const saved = await ctx.run(
			() =>
				db.transaction('rw', db.scenarios, async () => {
					const existing = await db.scenarios.get([scenario.id, scenario.version]);
					const now = ctx.now();
					if (existing && existing.status !== 'draft') {
						if (existing.hash !== hash)
							throw new ScenarioLockedError(scenario.id, scenario.version);
						return existing;
					}
					const record = checked('scenarios', scenarioRecordSchema, {
						id: scenario.id,
						version: scenario.version,
						hash,
						json,
						status,
						...(options.note !== undefined ? { note: options.note.trim() } : {}),
						createdAt: existing?.createdAt ?? now,
						updatedAt: now
					} satisfies ScenarioRecord);
					await db.scenarios.put(record);
					return record;
				}),
			true
		);
		ctx.valuableWrite();
		return saved;
	}

	/** Publishes a draft: from now on its content is frozen. */
	publish(id: string, version: number): Promise<ScenarioRecord> {
		return this.setStatus(id, version, 'published');
	}

	/** Retires a published version: hidden from new play, kept for the results that used it. */
	retire(id: string, version: number): Promise<ScenarioRecord> {
		return this.setStatus(id, version, 'retired');
	}

	private setStatus(id: string, version: number, status: ScenarioStatus): Promise<ScenarioRecord> {
		const { db, ctx } = this;
		return ctx.run(
			() =>
				db.transaction('rw', db.scenarios, async () => {
					const existing = await db.scenarios.get([id, version]);
					if (!existing) throw new RecordNotFoundError('scenarios', [id, version]);
					// A frozen version never goes back to draft, where it could be rewritten.
					if (existing.status !== 'draft' && status === 'draft')
						throw new ScenarioLockedError(id, version);
					const next = { ...existing, status, updatedAt: ctx.now() };
					await db.scenarios.put(next);
					return next;
				}),
			true
		);
	}

	get(id: string, version: number): Promise<ScenarioRecord | undefined> {
		return this.ctx.run(() => this.db.scenarios.get([id, version]));
	}

	/** Every stored version of one scenario, oldest first. */
	versions(id: string): Promise<ScenarioRecord[]> {
		return this.ctx.run(() =>
			this.db.scenarios
				.where('[id+version]')
				.between([id, Dexie.minKey], [id, Dexie.maxKey])
				.toArray()
		);
	}

	/** The newest version of a scenario, optionally with a given status. */
	async latest(id: string, status?: ScenarioStatus): Promise<ScenarioRecord | undefined> {
		const versions = await this.versions(id);
		return versions.reverse().find((s) => status === undefined || s.status === status);
	}

	/** The next free version number of a scenario (1 for a new one). */
	async nextVersion(id: string): Promise<number> {
		const versions = await this.versions(id);
		return (versions.at(-1)?.version ?? 0) + 1;
	}

	/** Every stored scenario version, optionally of one status, by id then version. */
	list(status?: ScenarioStatus): Promise<ScenarioRecord[]> {
		return this.ctx.run(() =>
			status === undefined
				? this.db.scenarios.toArray()
				: this.db.scenarios
						.where('status')
						.equals(status)
						.toArray()
						.then((rows) =>
							rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.version - b.version))
						)
		);
	}

	/**
	 * Deletes a version nobody has played; one with results or deals in progress rejects with
	 * ScenarioInUseError (retire it instead).
	 */
	remove(id: string, version: number): Promise<void> {
		const { db, ctx } = this;
		return ctx.run(
			() =>
				db.transaction('rw', [db.scenarios, db.attempts, db.deals], async () => {
					const [attempts, deals] = await Promise.all([
						db.attempts
							.where('[scenarioId+scenarioVersion+result.score]')
							.between([id, version, Dexie.minKey], [id, version, Dexie.maxKey])
							.count(),
						db.deals.where('[scenarioId+scenarioVersion]').equals([id, version]).count()
					]);
					if (attempts > 0 || deals > 0) throw new ScenarioInUseError(id, version, attempts, deals);
					await db.scenarios.delete([id, version]);
				}),
			true
		);
	}
}

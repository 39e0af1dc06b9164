/**
 * Settings: small key/value facts about this device and its user, each with its own schema.
 * Add a key here (with its schema) to store something new. The schemas are built at their first
 * use ($lib/engine/built-schema.ts): a read builds only its key's.
 */
import { z } from 'zod';
import type { SalesSimDatabase } from './database';
import { MAX_NAME, MAX_SCENARIO_TEXT, recordIdSchema, timeSchema, type Json } from './records';
import { checked, type StorageContext } from './storage-context';

export const SETTINGS = {
	/** The first-play introduction was shown. */
	firstPlaySeen: z.lazy(() => z.boolean()),
	/** The player this device plays as. */
	currentPlayerId: z.lazy(() => recordIdSchema.nullable()),
	/** When persistent storage was asked for, and the browser's answer. */
	persistence: z.lazy(() => z.strictObject({ askedAt: timeSchema, granted: z.boolean() })),
	/**
	 * The trainer studio's drafts, kept as typed (even when the text is not yet valid JSON, which
	 * the scenarios table cannot hold), so that a reload or a bad import loses nothing.
	 */
	studioDrafts: z.lazy(() =>
		z
			.array(
				z.strictObject({
					key: recordIdSchema,
					text: z.string().max(MAX_SCENARIO_TEXT),
					/** Where it came from, for the manager: a file name or a scenario id and version. */
					origin: z.string().max(200),
					createdAt: timeSchema,
					updatedAt: timeSchema
				})
			)
			.max(100)
	),
	/**
	 * The class this device has joined on a class hub (docs/hub.md): the hub's origin, the class
	 * code and the class's name as the hub gave it. Unset: no class, the app works alone.
	 */
	hubClass: z.lazy(() =>
		z.strictObject({
			hub: z.url({ protocol: /^https?$/ }).max(500),
			code: z.string().regex(/^[0-9A-Z]{12}$/),
			name: z.string().min(1).max(MAX_NAME),
			joinedAt: timeSchema
		})
	),
	/**
	 * The class this device's trainer runs on a class hub: the hub's origin, the class code, its
	 * name and the trainer key the hub gave when the class was made (it lets this device publish
	 * scenarios to the class and download its results). A device fact: never in a backup.
	 */
	hubTrainer: z.lazy(() =>
		z.strictObject({
			hub: z.url({ protocol: /^https?$/ }).max(500),
			code: z.string().regex(/^[0-9A-Z]{12}$/),
			name: z.string().min(1).max(MAX_NAME),
			trainerKey: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/),
			savedAt: timeSchema
		})
	)
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]>;

/** Facts about this browser, not about the class: a backup restored elsewhere leaves them be. */
export const DEVICE_SETTINGS: ReadonlySet<string> = new Set<SettingKey>([
	'persistence',
	'hubClass',
	'hubTrainer'
]);

export function isSettingKey(key: string): key is SettingKey {
	return Object.hasOwn(SETTINGS, key);
}

export class SettingRepository {
	constructor(private readonly ctx: StorageContext) {}

	private get db(): SalesSimDatabase {
		return this.ctx.db;
	}

	/** The stored value, or undefined when unset (or stored by a version that no longer fits). */
	get<K extends SettingKey>(key: K): Promise<SettingValue<K> | undefined> {
		return this.ctx.run(async () => {
			const row = await this.db.settings.get(key);
			if (!row) return undefined;
			const parsed = SETTINGS[key].safeParse(row.value);
			return parsed.success ? (parsed.data as SettingValue<K>) : undefined;
		});
	}

	async set<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void> {
		// Every setting schema describes JSON, so the checked value is one.
		const checkedValue = checked('settings', SETTINGS[key], value) as Json;
		return this.ctx.run(async () => {
			await this.db.settings.put({ key, value: checkedValue });
		}, true);
	}

	remove(key: SettingKey): Promise<void> {
		return this.ctx.run(() => this.db.settings.delete(key), true);
	}
}

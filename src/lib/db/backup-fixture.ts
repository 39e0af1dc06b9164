/**
 * A large backup file made cheaply, for the backup spec at scale (backup-scale.spec.ts) and the
 * benchmark (scripts/bench/backup.ts), and small backups for other specs (`dexieExportFile`); never
 * imported by the app.
 *
 * The file is what `BackupService.export` writes (Dexie's export format, records.ts rows, each
 * array marked in the row's `$types` as the export marks it: `exportMarks`), for a
 * class of `teams` teams and `players` players who made `attempts` attempts on one scenario:
 * every row passes the checker's schemas, every attempt has its actions row, and every attempt is
 * its own play (a distinct first action, so a distinct fingerprint: fingerprint.ts).
 */
import { APP_EPOCH } from '$lib/engine/results/plausibility';
import type { Action } from '$lib/engine/scenario/schema';
import { DB_NAME, SCHEMA_VERSION } from './database';
import { nameKey, type AttemptRecord, type PlayerRecord, type TeamRecord } from './records';
import { distinctAction } from './test-support';

export interface BackupFixture {
	/** The file as `BackupService.check` reads it. */
	file: Blob;
	attempts: AttemptRecord[];
	players: PlayerRecord[];
	teams: TeamRecord[];
}

const HOUR = 3_600_000;
/**
 * The first play, on the app's first day; a play starts every 5 s after it, so that 100,000 of
 * them end within a week and the app's verifier takes their times as a real play's
 * (plausibility.ts: none before the app existed, none in the future).
 */
const T0 = APP_EPOCH + 9 * HOUR;

/**
 * The rows of a class's backup; ids are `team-<n>`, `player-<n>`, `attempt-<n>` after
 * `idPrefix` (another device's ids for the same class and plays).
 */
export function classBackup(
	attempts: number,
	{ players = 1000, teams = 40, idPrefix = '' } = {}
): BackupFixture {
	const teamRows: TeamRecord[] = Array.from({ length: teams }, (_, i) => ({
		id: `${idPrefix}team-${i}`,
		name: `Team ${i + 1}`,
		nameKey: nameKey(`Team ${i + 1}`),
		createdAt: T0
	}));
	const playerRows: PlayerRecord[] = Array.from({ length: players }, (_, i) => ({
		id: `${idPrefix}player-${i}`,
		name: `Trainee ${i + 1}`,
		nameKey: nameKey(`Trainee ${i + 1}`),
		teamId: teamRows[i % teams].id,
		createdAt: T0
	}));
	const attemptRows: AttemptRecord[] = [];
	const actionRows: { id: string; actions: Action[] }[] = [];
	for (let i = 0; i < attempts; i++) {
		const player = playerRows[i % players];
		const team = teamRows[(i % players) % teams];
		const startedAt = T0 + i * 5_000;
		const id = `${idPrefix}attempt-${i}`;
		attemptRows.push({
			id,
			scenarioId: 'test-plant',
			scenarioVersion: 1,
			scenarioHash: 'f'.repeat(64),
			playerId: player.id,
			playerName: player.name,
			teamId: team.id,
			teamName: team.name,
			mode: i % 5 === 0 ? 'practice' : 'assessment',
			startedAt,
			finishedAt: startedAt + HOUR,
			result: { outcome: 'withdrawn', score: (i * 37) % 101, categories: { strategy: 10 } },
			weeksUsed: 1 + (i % 20),
			verified: true,
			source: 'local',
			arrivedAt: startedAt + HOUR,
			// Recomputed by the checker; a file's own is never trusted.
			fingerprint: '0'.repeat(64),
			boardKey: [0, 0, 0, 0]
		});
		actionRows.push({
			id,
			actions: [
				distinctAction(i + 1),
				{ type: 'strategy', strategy: 'farming' },
				{ type: 'activity', activity: 'visit', people: ['gm'] },
				{ type: 'withdraw' }
			]
		});
	}
	const tables: [string, unknown[]][] = [
		['teams', teamRows],
		['players', playerRows],
		['attempts', attemptRows],
		['attemptActions', actionRows]
	];
	const file = dexieExportFile(tables);
	return { file, attempts: attemptRows, players: playerRows, teams: teamRows };
}

/**
 * A backup file as `BackupService.export` writes it (Dexie's export envelope for this app's
 * database), holding the given tables' rows, each array marked as `exportMarks` says.
 */
export function dexieExportFile(tables: [tableName: string, rows: unknown[]][]): Blob {
	return new Blob([
		JSON.stringify({
			formatName: 'dexie',
			formatVersion: 1,
			data: {
				databaseName: DB_NAME,
				databaseVersion: SCHEMA_VERSION,
				tables: tables.map(([name, rows]) => ({ name, schema: 'id', rowCount: rows.length })),
				data: tables.map(([tableName, rows]) => ({
					tableName,
					inbound: true,
					rows: rows.map((row) => {
						const $types = exportMarks(row);
						return $types ? { ...(row as object), $types } : row;
					})
				}))
			}
		})
	]);
}

/**
 * The marks `exportDB` (dexie-export-import's Typeson) adds to a row: every array in it, by its
 * key path, is marked "arrayNonindexKeys" in the row's `$types`, in the order the row is walked.
 * Undefined when the row holds no array.
 */
export function exportMarks(row: unknown): Record<string, string> | undefined {
	const marks: Record<string, string> = {};
	const walk = (value: unknown, path: string) => {
		if (typeof value !== 'object' || value === null) return;
		if (Array.isArray(value) && path !== '') marks[path] = 'arrayNonindexKeys';
		for (const [key, item] of Object.entries(value)) {
			const part = key.replace(/~/g, '~0').replace(/\./g, '~1');
			walk(item, path === '' ? part : `${path}.${part}`);
		}
	};
	walk(row, '');
	return Object.keys(marks).length > 0 ? marks : undefined;
}

import type { TableName } from '$lib/db';
import { m } from '$lib/paraglide/messages.js';

const LABELS: Record<TableName, () => string> = {
	teams: () => m.storage_table_teams(),
	players: () => m.storage_table_players(),
	attempts: () => m.storage_table_attempts(),
	attemptActions: () => m.storage_table_attemptActions(),
	deals: () => m.storage_table_deals(),
	scenarios: () => m.storage_table_scenarios(),
	competitions: () => m.storage_table_competitions(),
	kpiTargets: () => m.storage_table_kpiTargets(),
	practice: () => m.storage_table_practice(),
	settings: () => m.storage_table_settings()
};

/** The name of a kind of stored data, in the interface language. */
export function tableLabel(table: TableName): string {
	return LABELS[table]();
}

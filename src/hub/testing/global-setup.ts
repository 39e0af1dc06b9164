/** Vitest global setup of the hub's tests: one PostgreSQL for all files (testing/postgres.ts). */
import type { TestProject } from 'vitest/node';
import { findPostgres } from './postgres';

declare module 'vitest' {
	export interface ProvidedContext {
		postgresUrl: string;
	}
}

export default async function setup(project: TestProject) {
	const found = await findPostgres();
	console.log(`Hub tests on PostgreSQL from ${found.source}.`);
	project.provide('postgresUrl', found.url);
	return () => found.stop();
}

/**
 * `npm run schema`: writes static/scenario.schema.json, the JSON Schema of the scenario format
 * generated from the Zod schema, so that a trainer's editor completes and checks fields in a file
 * that names it in "$schema". A test (gen-schema.spec.ts) fails when the file is out of date.
 *
 * The schema describes the file as written (`io: 'input'`: fields with a default, such as
 * `known`, are optional) in draft-07, which editors support most widely.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SCENARIO_FAMILY, readableVersions } from '../src/lib/engine/scenario/format';
import { scenarioSchema } from '../src/lib/engine/scenario/schema';

export const SCHEMA_FILE = fileURLToPath(
	new URL('../static/scenario.schema.json', import.meta.url)
);

/** The JSON Schema as the text that is committed. */
export function scenarioJsonSchemaText(): string {
	const schema = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-7' });
	// Every format this build reads (format-1 files are read as format 2), so that an editor does
	// not underline a file that loads.
	const versions = readableVersions(SCENARIO_FAMILY).map(
		(version) => `${SCENARIO_FAMILY.name}@${version}`
	);
	const properties = schema.properties as Record<string, unknown>;
	properties.format = {
		type: 'string',
		enum: versions,
		description: `The file's format: ${versions.join(' or ')} (the current one).`
	};
	return `${JSON.stringify(schema, null, '\t')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	await writeFile(SCHEMA_FILE, scenarioJsonSchemaText());
	console.log(`Wrote ${SCHEMA_FILE}`);
}

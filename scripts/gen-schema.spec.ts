import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, scenarioJsonSchemaText } from './gen-schema';

describe('static/scenario.schema.json', () => {
	it('is what the Zod schema generates today (if not, run `npm run schema`)', () => {
		expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(scenarioJsonSchemaText());
	});

	it('describes the file as written: required fields, no unknown ones, defaults optional', () => {
		const schema = JSON.parse(scenarioJsonSchemaText());
		expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
		expect(schema.additionalProperties).toBe(false);
		expect(schema.required).toEqual(
			expect.arrayContaining(['format', 'id', 'version', 'people', 'stages'])
		);
		const person = schema.properties.people.items;
		expect(person.required).not.toContain('known');
		expect(person.properties.known.default).toBe(true);
		expect(person.properties.role.enum).toContain('decision-maker');
	});

	it('accepts every format the validator reads, and the conditions of format 2', () => {
		const schema = JSON.parse(scenarioJsonSchemaText());
		expect(schema.properties.format.enum).toEqual(['sales-sim/scenario@1', 'sales-sim/scenario@2']);
		const plan = schema.properties.stages.properties['system-design'];
		expect(Object.keys(plan.properties)).toEqual(
			expect.arrayContaining(['brief', 'briefs', 'events', 'decision', 'decisions'])
		);
		expect(Object.keys(schema.properties)).toEqual(
			expect.arrayContaining(['variants', 'withdrawals', 'translationOf'])
		);
		// A condition is recursive: written once, and named wherever one may stand.
		const condition = JSON.stringify(plan.properties.events.items.properties.if);
		expect(condition).toMatch(/#\/definitions\//);
	});
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkScenarioText, validationsStarted } from './validate-off-thread';

const EXAMPLE = readFileSync(
	new URL('../engine/scenario/fixtures/contract-example.json', import.meta.url),
	'utf8'
);

describe('checkScenarioText', () => {
	it('validates and hashes a text, once per text however often it is asked', async () => {
		const before = validationsStarted();
		const first = await checkScenarioText(EXAMPLE);
		expect(first.validation.ok).toBe(true);
		expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
		// A list rendered ten more times asks ten more times: nothing runs again.
		for (let i = 0; i < 10; i++) expect(await checkScenarioText(EXAMPLE)).toBe(first);
		expect(validationsStarted() - before).toBe(1);
		// A changed text is a new validation.
		const changed = await checkScenarioText(`${EXAMPLE} `);
		expect(changed.validation.ok).toBe(true);
		expect(validationsStarted() - before).toBe(2);
	});

	it('refuses a broken text without a hash', async () => {
		const checked = await checkScenarioText('{"format": ');
		expect(checked.validation.ok).toBe(false);
		expect(checked.hash).toBeUndefined();
	});
});

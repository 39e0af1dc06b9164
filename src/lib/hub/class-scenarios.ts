/**
 * The scenarios a trainer published to a class (docs/hub.md), brought to a trainee's device that
 * joined the class, so that its library offers them. Each file is validated here as any imported
 * file is, and must have the content the hub listed (its hash); a version this device already
 * holds with other content is left as it is.
 */
import { z } from 'zod';
import { parseScenario } from '$lib/engine/scenario/parse-scenario';
import { classUrl } from './hub-client';

/** Where the files go: the device's scenario storage, as published versions. */
export interface ClassScenarioStorage {
	/** The stored version's hash, or undefined when this device does not hold it. */
	hashOf(id: string, version: number): Promise<string | undefined>;
	save(text: string): Promise<void>;
}

export interface ClassScenarioSync {
	/** `id@version` of each version stored now. */
	added: string[];
	/** Versions this device holds with other content, or whose file did not check: left alone. */
	skipped: string[];
	/** Whether the hub answered the list at all. */
	reached: boolean;
}

const listSchema = z.object({
	scenarios: z
		.array(z.object({ id: z.string().max(200), version: z.number().int(), hash: z.string() }))
		.max(1000)
});

export async function syncClassScenarios(
	hub: string,
	code: string,
	storage: ClassScenarioStorage,
	fetcher: typeof fetch = (input, init) => globalThis.fetch(input, init)
): Promise<ClassScenarioSync> {
	const result: ClassScenarioSync = { added: [], skipped: [], reached: false };
	let listed: z.output<typeof listSchema>;
	try {
		const response = await fetcher(classUrl(hub, code, '/scenarios'), { cache: 'no-store' });
		if (!response.ok) return result;
		listed = listSchema.parse(await response.json());
	} catch {
		return result;
	}
	result.reached = true;
	for (const { id, version, hash } of listed.scenarios) {
		const key = `${id}@${version}`;
		const held = await storage.hashOf(id, version);
		if (held === hash) continue;
		if (held !== undefined) {
			result.skipped.push(key);
			continue;
		}
		try {
			const path = `/scenarios/${encodeURIComponent(id)}/${version}`;
			const response = await fetcher(classUrl(hub, code, path), { cache: 'no-store' });
			if (!response.ok) throw new Error(`HTTP ${response.status}`);
			const text = await response.text();
			const parsed = await parseScenario(text);
			if (!parsed.ok || parsed.hash !== hash || parsed.scenario.id !== id) {
				result.skipped.push(key);
				continue;
			}
			await storage.save(text);
			result.added.push(key);
		} catch {
			result.skipped.push(key);
		}
	}
	return result;
}

/**
 * The scenario validator in a Web Worker: a trainer's 1 MiB draft or dropped file is validated
 * and hashed here, off the page's main thread, so that typing and scrolling never wait for it
 * (validate-off-thread.ts sends the texts and gets the answers).
 */
import { scenarioHash } from '$lib/engine/scenario/hash';
import { validateScenarioText } from '$lib/engine/scenario/parse-scenario';
import type { CheckRequest, CheckResponse } from './validate-off-thread';

const scope = self as unknown as {
	onmessage: ((event: MessageEvent<CheckRequest>) => void) | null;
	postMessage(message: CheckResponse): void;
};

scope.onmessage = async ({ data }) => {
	const validation = validateScenarioText(data.text);
	const hash = validation.ok ? await scenarioHash(validation.value) : undefined;
	scope.postMessage({ id: data.id, checked: { validation, hash } });
};

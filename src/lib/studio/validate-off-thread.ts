/**
 * Validating scenario texts in the browser without blocking the page: the work goes to one Web
 * Worker (validation-worker.ts), and each text's answer is kept, so that a page that renders a
 * list of drafts again validates each draft once per change, not once per render. Where there is
 * no Worker (Node, the tests), the same functions run in place.
 */
import { scenarioHash } from '$lib/engine/scenario/hash';
import { validateScenarioText, type ScenarioValidation } from '$lib/engine/scenario/parse-scenario';

/** A text's validation, and its content hash when it is a valid scenario. */
export interface CheckedText {
	validation: ScenarioValidation;
	hash?: string;
}

export interface CheckRequest {
	id: number;
	text: string;
}
export interface CheckResponse {
	id: number;
	checked: CheckedText;
}

/** Texts whose answers are kept: a trainer's drafts, and the file they just dropped. */
const REMEMBERED = 64;
const answers = new Map<string, Promise<CheckedText>>();

let worker: Worker | undefined;
let workerFailed = false;
let nextId = 0;
let started = 0;
const pending = new Map<number, (checked: CheckedText) => void>();

async function inPlace(text: string): Promise<CheckedText> {
	const validation = validateScenarioText(text);
	return { validation, hash: validation.ok ? await scenarioHash(validation.value) : undefined };
}

function startWorker(): Worker | undefined {
	if (worker || workerFailed || typeof Worker === 'undefined') return worker;
	try {
		worker = new Worker(new URL('./validation-worker.ts', import.meta.url), { type: 'module' });
	} catch {
		workerFailed = true;
		return undefined;
	}
	worker.onmessage = ({ data }: MessageEvent<CheckResponse>) => {
		pending.get(data.id)?.(data.checked);
		pending.delete(data.id);
	};
	worker.onerror = () => {
		// A worker that cannot start (a blocked script, an old browser): validate in place.
		workerFailed = true;
		worker?.terminate();
		worker = undefined;
		for (const resolve of pending.values()) resolve(undefined as unknown as CheckedText);
		pending.clear();
	};
	return worker;
}

async function viaWorker(text: string): Promise<CheckedText> {
	const target = startWorker();
	if (!target) return inPlace(text);
	const id = nextId++;
	const checked = await new Promise<CheckedText | undefined>((resolve) => {
		pending.set(id, resolve);
		target.postMessage({ id, text } satisfies CheckRequest);
	});
	return checked ?? inPlace(text);
}

/**
 * The validation of a scenario text, off the main thread where the browser allows, remembered
 * for the last REMEMBERED texts: `await checkScenarioText(draft.text)`.
 */
export function checkScenarioText(text: string): Promise<CheckedText> {
	const known = answers.get(text);
	if (known) {
		// Most recently used last, so that the oldest is forgotten first.
		answers.delete(text);
		answers.set(text, known);
		return known;
	}
	started++;
	const answer = viaWorker(text);
	answers.set(text, answer);
	if (answers.size > REMEMBERED) answers.delete(answers.keys().next().value!);
	return answer;
}

/** How many validations were started (not answered from memory) since the page loaded. */
export function validationsStarted(): number {
	return started;
}

/**
 * Runs the quick robot suite on a draft in a Web Worker (robots.worker.ts), so the studio page
 * never freezes: `const run = runRobots(scenario, { progress })`, `await run.result`,
 * `run.cancel()` when the draft changes or the page goes.
 */
import type { BrokenBound } from '$lib/engine/robots/bounds';
import type { RobotId, RobotSummary } from '$lib/engine/robots/runner';
import type { Scenario } from '$lib/engine/scenario/schema';

export interface RobotRequest {
	id: number;
	scenario: Scenario;
}

export type RobotResponse =
	| { id: number; kind: 'progress'; robot: RobotId }
	| { id: number; kind: 'done'; rows: RobotSummary[]; broken: BrokenBound[] }
	| { id: number; kind: 'error'; message: string };

export interface RobotTable {
	rows: RobotSummary[];
	broken: BrokenBound[];
}

export interface RobotRun {
	result: Promise<RobotTable>;
	cancel(): void;
}

let nextId = 1;

/** Starts the suite; `progress` hears each robot as it starts. A cancelled run never settles. */
export function runRobots(
	scenario: Scenario,
	options: { progress?: (robot: RobotId) => void } = {}
): RobotRun {
	const id = nextId++;
	const worker = new Worker(new URL('./robots.worker.ts', import.meta.url), { type: 'module' });
	const result = new Promise<RobotTable>((resolve, reject) => {
		worker.onmessage = (event: MessageEvent<RobotResponse>) => {
			const message = event.data;
			if (message.id !== id) return;
			if (message.kind === 'progress') options.progress?.(message.robot);
			else {
				worker.terminate();
				if (message.kind === 'done') resolve({ rows: message.rows, broken: message.broken });
				else reject(new Error(message.message));
			}
		};
		worker.onerror = (event) => {
			worker.terminate();
			reject(new Error(event.message || 'the robot worker failed'));
		};
	});
	// $state proxies cannot be cloned into a worker: send the plain data.
	worker.postMessage({ id, scenario: JSON.parse(JSON.stringify(scenario)) } satisfies RobotRequest);
	return { result, cancel: () => worker.terminate() };
}

/**
 * The robot suite off the page's thread: the studio's Checks tab posts a valid draft here and
 * hears each robot's name as it starts, then the table and the broken bounds (robot-suite.ts).
 */
import { checkBounds } from '$lib/engine/robots/bounds';
import { QUICK_SUITE, runSuite, summarise } from '$lib/engine/robots/runner';
import { messageOf } from '$lib/error-message';
import type { RobotRequest, RobotResponse } from './robot-suite';

const post = (message: RobotResponse) => (self as unknown as Worker).postMessage(message);

self.onmessage = (event: MessageEvent<RobotRequest>) => {
	const { id, scenario } = event.data;
	try {
		const result = runSuite(scenario, QUICK_SUITE, (robot) =>
			post({ id, kind: 'progress', robot })
		);
		post({ id, kind: 'done', rows: summarise(result.runs), broken: checkBounds(result) });
	} catch (error) {
		post({ id, kind: 'error', message: messageOf(error) });
	}
};

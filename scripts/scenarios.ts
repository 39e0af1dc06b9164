/**
 * The scenario command line: `npm run scenarios -- <command> [...]` (run by tsx). Each command
 * lives in its own file in scripts/cli/ and is listed in COMMANDS below.
 */
import { calibrateCommand } from './cli/calibrate';
import { dealsCommand } from './cli/deals';
import { createCheckCommand, scenarioChecks } from './cli/check';
import type { Command } from './cli/command';
import { REPLAY_USAGE, replayCommand } from './cli/replay';
import { verifyCommand } from './cli/verify';

const COMMANDS: Command[] = [
	// Per-file checkers run on every file that validates: here, the scenario's own `checks`.
	createCheckCommand({ checkers: [scenarioChecks] }),
	{
		name: 'replay',
		usage: REPLAY_USAGE,
		summary:
			'replay actions on a scenario: outcome, score, red flags; --export writes the attempt file',
		run: replayCommand
	},
	verifyCommand,
	calibrateCommand,
	dealsCommand
];

function usage(): string {
	const width = Math.max(...COMMANDS.map((command) => command.usage.length));
	return [
		'Usage: npm run scenarios -- <command> [...]',
		'',
		...COMMANDS.map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`)
	].join('\n');
}

// `npm run scenarios -- replay … | head`: the reader has all it wants once it closes the pipe.
for (const stream of [process.stdout, process.stderr]) {
	stream.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE') throw error;
		process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
	});
}

const [name, ...args] = process.argv.slice(2);
const command = COMMANDS.find((candidate) => candidate.name === name);
if (name === 'help' || name === '--help' || name === '-h') {
	console.log(usage());
} else if (!command) {
	console.error(name ? `Unknown command "${name}".\n\n${usage()}` : usage());
	process.exitCode = 2;
} else {
	process.exitCode = await command.run(args);
}

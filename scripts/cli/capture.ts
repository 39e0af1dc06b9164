/** Test support: runs a command with the console captured, for the command line's specs. */
import { vi } from 'vitest';

/** The exit code and everything printed (log and error, in order) while `run` ran. */
export async function captured(run: () => Promise<number>): Promise<{ code: number; out: string }> {
	const out: string[] = [];
	const log = vi.spyOn(console, 'log').mockImplementation((line) => void out.push(String(line)));
	const error = vi
		.spyOn(console, 'error')
		.mockImplementation((line) => void out.push(String(line)));
	try {
		return { code: await run(), out: out.join('\n') };
	} finally {
		log.mockRestore();
		error.mockRestore();
	}
}

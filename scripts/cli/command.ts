/** A subcommand of `npm run scenarios -- <command>`; each lives in its own file in scripts/cli/. */
export interface Command {
	name: string;
	/** One line: the arguments, as in `check [files or folders...] [--json]`. */
	usage: string;
	/** One line: what it does. */
	summary: string;
	/** Runs it; the result is the process exit code (0 fine, 1 a finding, 2 a usage mistake). */
	run(args: string[]): Promise<number>;
}

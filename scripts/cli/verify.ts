/**
 * `npm run scenarios -- verify --scenario <scenario.json> [--scenario ...] <attempt files...>
 * [--json]`: verifies exported attempts the way the import page does (the same engine function):
 * each is replayed on the scenario with its id, version and hash, and one verdict line is
 * printed per file. Two files holding the same play: the second is refused as a duplicate.
 * Exit code 1 when any file is refused, 2 on a usage mistake or an unreadable scenario.
 */
import { readFile, stat } from 'node:fs/promises';
import { exportedAttemptFingerprint } from '../../src/lib/db/fingerprint';
import {
	lookupOf,
	refusal,
	verifyBatch,
	type BatchItem,
	type BatchVerdict,
	type KnownScenario
} from '../../src/lib/engine/results/verify-attempt';
import { placeProblems } from '../../src/lib/engine/scenario/parse-scenario';
import { MAX_FILE_BYTES } from '../../src/lib/engine/scenario/safe-json';
import { termLabel } from '../../src/lib/i18n/labels';
import { refusalReason } from '../../src/lib/results/verdict-text';
import { m } from '../../src/lib/paraglide/messages.js';
import type { Command } from './command';
import { commonLocale, LOCALES, type CliLocale } from './lang';
import { loadScenarioWithHash } from './load';

export const VERIFY_USAGE =
	'verify --scenario <scenario.json> [--scenario ...] <attempt files...> [--json] [--lang en|zh-CN]';

export interface VerifyOutput {
	out(line: string): void;
	err(line: string): void;
}

const consoleOutput: VerifyOutput = {
	out: (line) => console.log(line),
	err: (line) => console.error(line)
};

interface Arguments {
	scenarios: string[];
	files: string[];
	json: boolean;
	lang?: CliLocale;
}

function parseArguments(args: string[]): Arguments | string {
	const parsed: Arguments = { scenarios: [], files: [], json: false };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--json') parsed.json = true;
		else if (arg === '--lang' || arg.startsWith('--lang=')) {
			const value = arg === '--lang' ? args[++i] : arg.slice('--lang='.length);
			if (!LOCALES.includes(value as CliLocale)) return m.cli_bad_lang({ found: value ?? '' });
			parsed.lang = value as CliLocale;
		} else if (arg === '--scenario') {
			const file = args[++i];
			if (!file || file.startsWith('--')) return '--scenario needs a scenario file after it.';
			parsed.scenarios.push(file);
		} else if (arg.startsWith('--scenario='))
			parsed.scenarios.push(arg.slice('--scenario='.length));
		else if (arg.startsWith('--')) return `Unknown option ${arg}.`;
		else parsed.files.push(arg);
	}
	if (parsed.scenarios.length === 0) return 'Name the scenario file with --scenario.';
	if (parsed.files.length === 0) return 'Name at least one attempt file.';
	return parsed;
}

/** Reads an attempt file as the browser does: refused unread when over 1 MiB. */
async function readItem(file: string): Promise<BatchItem> {
	try {
		const { size } = await stat(file);
		if (size > MAX_FILE_BYTES) {
			return { label: file, refused: refusal('too-large', { size, max: MAX_FILE_BYTES }) };
		}
		return { label: file, bytes: new Uint8Array(await readFile(file)) };
	} catch (error) {
		const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
		const problems = placeProblems('', [
			{ severity: 'error', code: 'file-unreadable', path: [], params: { reason }, offset: 0 }
		]);
		return { label: file, refused: { ...refusal('malformed'), problems } };
	}
}

function who(verdict: BatchVerdict): string {
	const attempt = verdict.attempt;
	if (!attempt) return '-';
	return attempt.team ? `${attempt.player} (${attempt.team})` : attempt.player;
}

function line(verdict: BatchVerdict, locale: CliLocale): string {
	const here = { locale };
	const attempt = verdict.attempt;
	const scenario = attempt ? `${attempt.scenario.id}@${attempt.scenario.version}` : '-';
	const claimed = attempt ? String(attempt.result.score) : '-';
	if (verdict.status === 'accepted') {
		const outcome = termLabel('outcome', verdict.result.outcome, locale);
		const practice = verdict.practice ? `  ${m.cli_verify_practice({}, here)}` : '';
		const score = m.cli_verify_score(
			{ score: verdict.result.score, claimed: verdict.claimed.score },
			here
		);
		return (
			`${verdict.label}  ${m.cli_verify_accepted({}, here)}  ${who(verdict)}  ${scenario}  ` +
			`${outcome}  ${score}${practice}`
		);
	}
	const comma = locale === 'zh-CN' ? '，' : ', ';
	const replayed = verdict.recomputed
		? `${comma}${m.cli_verify_replayed({ score: verdict.recomputed.score }, here)}`
		: '';
	return (
		`${verdict.label}  ${m.cli_verify_refused({}, here)} (${verdict.reason})  ${who(verdict)}  ` +
		`${scenario}  ${m.cli_verify_claimed({ claimed }, here)}${replayed}  ${refusalReason(verdict, locale)}`
	);
}

function toJson(verdict: BatchVerdict) {
	const attempt = verdict.attempt;
	return {
		file: verdict.label,
		status: verdict.status,
		reason: verdict.status === 'refused' ? verdict.reason : null,
		message: verdict.status === 'refused' ? refusalReason(verdict, 'en') : null,
		params: verdict.status === 'refused' ? verdict.params : {},
		problems: verdict.status === 'refused' ? (verdict.problems ?? []) : [],
		player: attempt?.player ?? null,
		team: attempt?.team ?? null,
		mode: attempt?.mode ?? null,
		scenario: attempt ? { id: attempt.scenario.id, version: attempt.scenario.version } : null,
		claimed: attempt ? { outcome: attempt.result.outcome, score: attempt.result.score } : null,
		recomputed:
			verdict.status === 'accepted'
				? verdict.result
				: verdict.recomputed
					? { outcome: verdict.recomputed.outcome ?? null, score: verdict.recomputed.score }
					: null
	};
}

/** Runs the command; the result is the exit code. */
export async function runVerify(
	args: string[],
	output: VerifyOutput = consoleOutput
): Promise<number> {
	const parsed = parseArguments(args);
	if (typeof parsed === 'string') {
		output.err(`${parsed}\nUsage: npm run scenarios -- ${VERIFY_USAGE}`);
		return 2;
	}
	const known: KnownScenario[] = [];
	for (const file of parsed.scenarios) {
		const entry = await loadScenarioWithHash(file, parsed.lang);
		if (!entry) {
			output.err(m.cli_verify_bad_scenario({ file }, { locale: parsed.lang ?? 'en' }));
			return 2;
		}
		known.push(entry);
	}
	// The scenarios' language when they share one (a mixed batch is reported in English).
	const locale = parsed.lang ?? commonLocale(known.map((entry) => entry.scenario.locale));
	const here = { locale };
	const items = await Promise.all(parsed.files.map(readItem));
	const verdicts = await verifyBatch(items, lookupOf(known), {
		fingerprint: exportedAttemptFingerprint,
		now: Date.now()
	});
	const refused = verdicts.filter((v) => v.status === 'refused').length;
	if (parsed.json) {
		output.out(JSON.stringify(verdicts.map(toJson), null, 2));
	} else {
		for (const verdict of verdicts) output.out(line(verdict, locale));
		output.out(
			m.cli_verify_summary(
				{
					files: m.cli_count_files({ count: verdicts.length }, here),
					accepted: verdicts.length - refused,
					refused
				},
				here
			)
		);
	}
	return refused > 0 ? 1 : 0;
}

export const verifyCommand: Command = {
	name: 'verify',
	usage: VERIFY_USAGE,
	summary: 'verify exported attempts by replaying them: one verdict per file',
	run: (args) => runVerify(args)
};

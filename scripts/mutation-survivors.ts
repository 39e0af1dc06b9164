/**
 * `npm run mutation:survivors`: every mutant of the last mutation run (`npm run mutation`,
 * reports/mutation/mutation.json) that the specs did not kill, each matched with its explanation
 * in scripts/mutation-explained.ts, written to docs/mutation.md. A survivor without an
 * explanation is listed as such and the script exits 1: it is a test to write, or an
 * explanation to give.
 *
 * Follow-up runs on the survivors' lines alone (`npm run mutation -- <file>:<from>-<to> …`, which
 * writes reports/mutation/followup-N.json) are read too: a survivor one of them killed is listed as
 * killed since, with the specs written after the full run.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { EXPLAINED, KINDS, type Explanation } from './mutation-explained';

interface Position {
	line: number;
	column: number;
}
interface Mutant {
	id: string;
	mutatorName: string;
	replacement?: string;
	location: { start: Position; end: Position };
	status: string;
}
interface Report {
	files: Record<string, { source: string; mutants: Mutant[] }>;
}

export interface Survivor {
	file: string;
	line: number;
	/** The function (or top-level constant) the mutant is in. */
	within: string;
	mutator: string;
	original: string;
	replacement: string;
	status: string;
}

/** The same mutant in two runs of the same source: where it is and what it does. */
const mutantKey = (file: string, m: Mutant) =>
	`${file.replace(/^.*?src\//, 'src/')}:${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column}:${m.mutatorName}:${m.replacement ?? ''}`;

const UNKILLED = new Set(['Survived', 'NoCoverage']);

/** The source text a location spans (lines and columns 1-based, end exclusive). */
function spanned(lines: string[], { start, end }: Mutant['location']): string {
	if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
	const first = lines[start.line - 1].slice(start.column - 1);
	const last = lines[end.line - 1].slice(0, end.column - 1);
	return [first, ...lines.slice(start.line, end.line - 1), last].join('\n');
}

/** The nearest enclosing named function or constant above `line`, by its declaration. */
function enclosing(lines: string[], line: number): string {
	for (let i = line - 1; i >= 0; i--) {
		const found = /^(?:export )?(?:async )?(?:function\*? (\w+)|(?:const|let) (\w+))/.exec(
			lines[i]
		);
		if (found) return found[1] ?? found[2];
	}
	return '(top)';
}

/** Whitespace runs made one space, so that multi-line spans compare and print on one line. */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The unkilled mutants of `report`; those a follow-up run killed are marked so. */
export function survivors(report: Report, followups: Report[] = []): Survivor[] {
	const killedSince = new Set<string>();
	for (const followup of followups) {
		for (const [file, { mutants }] of Object.entries(followup.files)) {
			for (const mutant of mutants) {
				if (!UNKILLED.has(mutant.status)) killedSince.add(mutantKey(file, mutant));
			}
		}
	}
	const out: Survivor[] = [];
	for (const [file, { source, mutants }] of Object.entries(report.files)) {
		const lines = source.split('\n');
		for (const mutant of mutants) {
			if (!UNKILLED.has(mutant.status)) continue;
			const status = killedSince.has(mutantKey(file, mutant)) ? 'Killed since' : mutant.status;
			out.push({
				file: file.replace(/^.*?src\//, 'src/'),
				line: mutant.location.start.line,
				within: enclosing(lines, mutant.location.start.line),
				mutator: mutant.mutatorName,
				original: flat(spanned(lines, mutant.location)),
				replacement: flat(mutant.replacement ?? ''),
				status
			});
		}
	}
	return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** The explanation that names this survivor: same file and function, and its text contains the mutated code. */
export function explain(survivor: Survivor): Explanation | undefined {
	return EXPLAINED.find(
		(e) =>
			survivor.file.endsWith(e.file) &&
			e.within === survivor.within &&
			(e.original === undefined || survivor.original.includes(e.original)) &&
			(e.mutator === undefined || e.mutator === survivor.mutator) &&
			(e.replacement === undefined || survivor.replacement.includes(e.replacement)) &&
			(e.lines === undefined || e.lines.includes(survivor.line))
	);
}

const cell = (text: string, max = 70) =>
	'`' +
	(text.length > max ? `${text.slice(0, max - 1)}…` : text)
		.replace(/`/g, "'")
		.replace(/\|/g, '\\|') +
	'`';

async function main(): Promise<void> {
	const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Report;
	const report = read('reports/mutation/mutation.json');
	const followups = readdirSync('reports/mutation')
		.filter((name) => /^followup.*\.json$/.test(name))
		.map((name) => read(`reports/mutation/${name}`));
	const all = Object.values(report.files).flatMap((f) => f.mutants);
	const found = survivors(report, followups);
	const since = found.filter((s) => s.status === 'Killed since');
	const left = found.filter((s) => s.status !== 'Killed since');
	const rows = left.map((s) => ({ s, e: explain(s) }));
	const missing = rows.filter((r) => !r.e);
	const byKind = new Map<string, number>();
	for (const { e } of rows) if (e) byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1);
	const score = (unkilled: number) => ((100 * (all.length - unkilled)) / all.length).toFixed(1);
	const where = (s: Survivor) => `${s.file.replace('src/lib/engine/deal/', '')}:${s.line}`;

	const text = [
		'# Mutants the specs do not kill',
		'',
		'Written by `npm run mutation:survivors` from the last `npm run mutation` run and its follow-up',
		'on the survivors’ lines; do not edit by hand. Each mutant of `deal-rules.ts` and `scoring.ts`',
		'that survived the deal’s specs, or that no spec reached, with why it may stay',
		'(scripts/mutation-explained.ts). docs/architecture.md tells how the runs are made.',
		'',
		`Mutants: ${all.length}. Not killed by the full run: ${found.length} (score ${score(found.length)} %). ` +
			`Killed since by specs written after it: ${since.length}. ` +
			`Left: ${left.length} (score ${score(left.length)} %), of which not explained: ${missing.length}.`,
		'',
		'## Left, by kind',
		'',
		...Object.entries(KINDS).map(
			([kind, words]) => `- **${kind}** (${byKind.get(kind) ?? 0}): ${words}`
		),
		'',
		'## Left, one by one',
		'',
		'| file:line | in | mutated | into | kind | why it may stay |',
		'| --- | --- | --- | --- | --- | --- |',
		...rows.map(
			({ s, e }) =>
				`| ${where(s)} | ${s.within} | ${cell(s.original)} | ${cell(s.replacement)} | ${e?.kind ?? '**not explained**'} | ${e?.why ?? ''} |`
		),
		'',
		'## Killed since',
		'',
		'By the cases of `rules-v2.spec.ts` under “pinned by mutation testing”, each written for',
		'these mutants and checked by the follow-up run.',
		'',
		'| file:line | in | mutated | into |',
		'| --- | --- | --- | --- |',
		...since.map(
			(s) => `| ${where(s)} | ${s.within} | ${cell(s.original)} | ${cell(s.replacement)} |`
		),
		''
	].join('\n');
	const path = 'docs/mutation.md';
	const options = { ...(await resolveConfig(path)), filepath: path };
	writeFileSync(path, await format(text, options));
	console.log(
		`${found.length} not killed by the full run, ${since.length} killed since, ${left.length} left, ${missing.length} not explained; docs/mutation.md written`
	);
	for (const { s } of missing) {
		console.log(`${s.file}:${s.line} ${s.within} ${s.mutator}: ${s.original}  →  ${s.replacement}`);
	}
	if (missing.length > 0) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

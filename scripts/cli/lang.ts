/**
 * The command line's language: a trainer reads the tools in the language of the scenario at hand
 * (`"locale": "zh-CN"` → Chinese), or in the one named with `--lang en|zh-CN`.
 */
import { parse } from 'jsonc-parser';
import type { MessageLocale } from '../../src/lib/engine/scenario/problem-messages';

export type CliLocale = MessageLocale;

export const LOCALES: readonly CliLocale[] = ['en', 'zh-CN'];

/**
 * Takes `--lang X` / `--lang=X` out of the arguments:
 * `takeLang(['a.json', '--lang', 'zh-CN'])` → `{ lang: 'zh-CN', args: ['a.json'] }`;
 * an unknown language → `{ error: 'fr' }`.
 */
export function takeLang(
	args: readonly string[]
): { lang?: CliLocale; args: string[] } | { error: string } {
	const rest: string[] = [];
	let lang: CliLocale | undefined;
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		let value: string | undefined;
		if (arg === '--lang') value = args[++i] ?? '';
		else if (arg.startsWith('--lang=')) value = arg.slice('--lang='.length);
		else {
			rest.push(arg);
			continue;
		}
		if (!LOCALES.includes(value as CliLocale)) return { error: value };
		lang = value as CliLocale;
	}
	return { lang, args: rest };
}

/**
 * The language a scenario file is written in, read leniently so that a file with a syntax error
 * still speaks its own language: `fileLocale('{"locale": "zh-CN", "id": ')` → `'zh-CN'`.
 */
export function fileLocale(text: string): CliLocale | undefined {
	let value: unknown;
	try {
		value = parse(text, [], { allowTrailingComma: true });
	} catch {
		value = undefined;
	}
	let locale =
		typeof value === 'object' && value !== null
			? (value as { locale?: unknown }).locale
			: undefined;
	// A parser that gave up before the field: `"locale"： "zh-CN"` with a full-width colon.
	locale ??= /"locale"\s*[:：]\s*["“]([A-Za-z-]+)["”]/.exec(text)?.[1];
	return LOCALES.find((candidate) => candidate === locale);
}

/** The one language all of `locales` share, else English: a mixed batch's summary. */
export function commonLocale(locales: readonly (CliLocale | undefined)[]): CliLocale {
	const first = locales[0];
	return first && locales.every((locale) => locale === first) ? first : 'en';
}

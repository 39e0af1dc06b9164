/**
 * Player and team names: plain text, typed by people, shown on scoreboards side by side.
 *
 * A name is never markup: `Team <B>` and `Chen <Jr>` are names like any other, shown as text
 * (Svelte escapes them) and exported as text (the CSV guards formula starts). What a name must
 * not do is hide: an invisible character (a zero-width space, a soft hyphen) or a direction
 * control (a right-to-left override) makes a name that looks exactly like another one but is not
 * the same. `cleanName` removes them; `lookalikeKey` finds the names that still look alike.
 */
/** Longest player or team name, in UTF-16 units (what a JavaScript string's length counts). */
export const MAX_NAME_LENGTH = 80;

/**
 * The name rule, in one place: a player's, team's or competition's name is plain text, cleaned
 * (`cleanName`: NFC, no invisible or direction controls, single spaces), 1..MAX_NAME_LENGTH
 * characters once cleaned. Markup-like text (`Team <B>`) is a name like any other. The same rule
 * holds at entry (`nameProblem`), in storage, in backups and at the class hub (`nameSchema`, in
 * name-schema.ts: a module of its own, so that a page checking a typed name does not load Zod).
 */

/**
 * What is wrong with a name a person typed, if anything, by the rule of `nameSchema`:
 * `nameProblem('  ')` → `'empty'`, `nameProblem('Li Na')` → undefined.
 */
export function nameProblem(name: string): 'empty' | 'long' | undefined {
	const cleaned = cleanName(name);
	if (cleaned.length === 0) return 'empty';
	if (cleaned.length > MAX_NAME_LENGTH) return 'long';
	return undefined;
}

/**
 * Characters that are never part of a name's look: format characters (zero-width spaces and
 * joiners, bidirectional marks, embeddings, overrides and isolates, the byte order mark, soft
 * hyphens, tag characters) and control characters. A zero-width joiner between two pictographs
 * is kept: it is how an emoji sequence such as a family is written.
 */
const HIDDEN = /[\p{Cf}\p{Cc}]/u;
const JOINER = '\u200d';
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
/**
 * Printable ASCII words separated by single spaces: already NFC and NFKC, nothing hidden, white
 * space already single: `cleanName` keeps such a name as it is (a fast path; names.spec.ts
 * checks it against the full cleaning).
 */
const PLAIN_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/**
 * A name as it is kept: Unicode NFC, invisible and direction-control characters removed, runs of
 * white space (any kind) as one space, no space at either end.
 *
 * @example cleanName(' Li\u200b Na\u202e ') // 'Li Na'
 */
export function cleanName(raw: string): string {
	// Most names: printable ASCII words with single spaces, which cleaning leaves as they are.
	if (PLAIN_ASCII.test(raw)) return raw;
	const chars = [...raw.normalize('NFC')];
	let out = '';
	for (let i = 0; i < chars.length; i++) {
		const char = chars[i];
		if (char === JOINER) {
			if (PICTOGRAPH.test(chars[i - 1] ?? '') && PICTOGRAPH.test(chars[i + 1] ?? '')) out += char;
			continue;
		}
		// Tabs and line breaks are white space in a name; every other control goes.
		if (/[\t\n\r\v\f]/.test(char)) out += ' ';
		else if (!HIDDEN.test(char)) out += char;
	}
	return out.replace(/\s+/gu, ' ').trim();
}

/**
 * The key a name is looked up and compared by: "Li Na", " li  na ", "ＬＩ ＮＡ" and "Li\u200b Na"
 * are one name.
 *
 * @example nameKey('  Li   Na ') // 'li na'
 */
export function nameKey(name: string): string {
	if (PLAIN_ASCII.test(name)) return name.toLowerCase();
	return cleanName(name).normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** True when cleaning would change the name beyond its white space (something hidden in it). */
export function hasHiddenCharacters(raw: string): boolean {
	return cleanName(raw) !== raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * Letters from other scripts that look like Latin ones, and Latin letters and digits that look
 * like each other, each mapped to one representative. Not the whole of Unicode's confusables
 * table: the characters a keyboard in a classroom produces, and the ones a prankster reaches for.
 */
const LOOKALIKES: Record<string, string> = {
	// Cyrillic
	а: 'a',
	в: 'b',
	е: 'e',
	ё: 'e',
	к: 'k',
	м: 'm',
	н: 'h',
	о: 'o',
	р: 'p',
	с: 'c',
	т: 't',
	у: 'y',
	х: 'x',
	ѕ: 's',
	і: 'l',
	ї: 'l',
	ј: 'j',
	ԁ: 'd',
	ԛ: 'q',
	ԝ: 'w',
	// Greek
	α: 'a',
	β: 'b',
	ε: 'e',
	η: 'n',
	ι: 'l',
	κ: 'k',
	ν: 'v',
	ο: 'o',
	ρ: 'p',
	τ: 't',
	υ: 'u',
	χ: 'x',
	// Latin and digits that pass for each other
	i: 'l',
	'1': 'l',
	'|': 'l',
	'!': 'l',
	'0': 'o',
	'5': 's',
	ı: 'l'
};

/**
 * What a name looks like, as a key: two names with one key are hard to tell apart on a board.
 * Compatibility forms folded (full-width letters), case folded, accents, white space and
 * punctuation dropped, look-alike letters mapped to one.
 *
 * @example lookalikeKey('Li Na') === lookalikeKey('LI  NА') // true (the last letter is Cyrillic)
 */
export function lookalikeKey(name: string): string {
	const folded = cleanName(name)
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/rn/g, 'm')
		.replace(/vv/g, 'w');
	let key = '';
	for (const char of folded) {
		if (/[\s\p{P}]/u.test(char) && !LOOKALIKES[char]) continue;
		key += LOOKALIKES[char] ?? char;
	}
	return key;
}

/**
 * The first of `existing` that looks like `name` without being it (by `sameKey`, the key names
 * are stored by): a warning before a second "Li Na" appears on the board.
 *
 * @example lookalikeOf('Li Nа', ['Li Na', 'Wang Wei'], (n) => n.toLowerCase()) // 'Li Na'
 */
export function lookalikeOf(
	name: string,
	existing: Iterable<string>,
	sameKey: (name: string) => string
): string | undefined {
	const wanted = lookalikeKey(name);
	const own = sameKey(name);
	if (wanted === '') return undefined;
	for (const other of existing) {
		if (sameKey(other) !== own && lookalikeKey(other) === wanted) return other;
	}
	return undefined;
}

/**
 * Class codes of the class hub, shared by the hub (which makes them) and the app (which reads
 * them from a link or from what a trainee typed).
 */

/** Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand stays right. */
export const CLASS_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 12 characters of base 32: 60 random bits. */
export const CODE_LENGTH = 12;

/**
 * A code as a person may type it (lower case, with dashes or spaces, O for 0, I or L for 1), in
 * its stored form; undefined when it cannot be a code.
 *
 * @example normalizeCode('7kq2-m9xd-4trb') // '7KQ2M9XD4TRB'
 */
export function normalizeCode(input: string): string | undefined {
	const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
	if (code.length !== CODE_LENGTH) return undefined;
	for (const char of code) if (!CLASS_CODE_ALPHABET.includes(char)) return undefined;
	return code;
}

/** A code as shown to people, in groups of four: `7KQ2-M9XD-4TRB`. */
export function formatCode(code: string): string {
	return code.match(/.{1,4}/g)?.join('-') ?? code;
}

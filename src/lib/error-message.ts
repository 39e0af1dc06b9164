/**
 * What to say of something thrown: an Error's message, or the thrown value as text (a worker's
 * or a library's non-Error throw). For a message shown to a person or sent to another thread.
 *
 * @example messageOf(new Error('disk full')) // 'disk full'
 * @example messageOf('gone') // 'gone'
 */
export function messageOf(thrown: unknown): string {
	return thrown instanceof Error ? thrown.message : String(thrown);
}

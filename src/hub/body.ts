/**
 * Reading a request body with a size limit. A body over the limit is read on and thrown away
 * (up to DRAIN_LIMIT), so that the client, still sending, gets the 413 answer rather than a
 * connection reset; a larger one is not read at all and the connection is closed.
 */
export const DRAIN_LIMIT = 8 * 1024 * 1024;

export type LimitedBody =
	{ ok: true; bytes: Uint8Array } | { ok: false; size: number; drained: boolean };

export async function readLimited(request: Request, max: number): Promise<LimitedBody> {
	const declared = Number(request.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > DRAIN_LIMIT)
		return { ok: false, size: declared, drained: false };
	if (!request.body) return { ok: true, bytes: new Uint8Array() };
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { value, done } = await reader.read();
		if (done) break;
		size += value.length;
		if (size <= max) chunks.push(value);
		else if (size > DRAIN_LIMIT) {
			await reader.cancel();
			return { ok: false, size, drained: false };
		}
	}
	if (size > max) return { ok: false, size, drained: true };
	const bytes = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, at);
		at += chunk.length;
	}
	return { ok: true, bytes };
}

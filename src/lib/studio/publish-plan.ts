/**
 * Whether a draft can be published under its version. Attempts, scoreboards and debriefs refer
 * to a scenario by id, version and content hash, so a version, once published (or shipped), is
 * frozen: changed content needs a version above every one known for that id.
 */

export interface KnownVersion {
	version: number;
	hash: string;
	/** Shipped with the app, or stored by a trainer on this device. */
	source: 'shipped' | 'published' | 'retired';
}

export type PublishPlan =
	/** The version is new and above every known one. */
	| { kind: 'publish' }
	/** This exact content is already out under this version: nothing to store. */
	| { kind: 'unchanged'; source: KnownVersion['source'] }
	/** The version is taken or below a newer one: publish as `next` instead. */
	| { kind: 'needs-version'; next: number; highest: number };

/**
 * `publishPlan({ version: 1, hash: 'b' }, [{ version: 1, hash: 'a', source: 'shipped' }])` →
 * `{ kind: 'needs-version', next: 2, highest: 1 }`.
 */
export function publishPlan(
	draft: { version: number; hash: string },
	known: readonly KnownVersion[]
): PublishPlan {
	const same = known.find((k) => k.version === draft.version && k.hash === draft.hash);
	if (same) return { kind: 'unchanged', source: same.source };
	const highest = Math.max(0, ...known.map((k) => k.version));
	if (draft.version > highest) return { kind: 'publish' };
	return { kind: 'needs-version', next: highest + 1, highest };
}

/** The version a new draft of a scenario should carry: one above every known version. */
export function nextVersion(known: readonly Pick<KnownVersion, 'version'>[]): number {
	return Math.max(0, ...known.map((k) => k.version)) + 1;
}

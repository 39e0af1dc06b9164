/**
 * The import page's live state: the rows checked so far (files, codes, a link), what is being
 * done, and the counts the page announces. Verification is the engine's; storing is
 * import-attempts.ts's. A row stays until the list is cleared, so the trainer sees every verdict.
 */
import type { Storage } from '$lib/db';
import { splitCodes } from '$lib/engine/results/attempt-code';
import {
	itemFromCode,
	tooLarge,
	type BatchItem,
	type ScenarioLookup
} from '$lib/engine/results/verify-attempt';
import { MAX_FILE_BYTES } from '$lib/engine/scenario/safe-json';
import { messageOf } from '$lib/error-message';
import {
	checkItems,
	pendingFingerprints,
	storeAccepted,
	type ImportedVerdict
} from './import-attempts';

export type ImportPhase = 'idle' | 'checking' | 'storing';

export interface ImportRow {
	/** Unique within the page, for keyed lists. */
	key: number;
	verdict: ImportedVerdict;
	/** The row came from the link the page was opened with. */
	fromLink: boolean;
	/** A pasted code or link, numbered, so the table can name it in the current language. */
	entry?: { kind: 'code' | 'link'; number: number };
}

export interface ImportCounts {
	total: number;
	/** Accepted and not stored yet. */
	pending: number;
	stored: number;
	refused: number;
}

/** How a pasted entry is named in the table: "Code 2", "Link 1". */
export type EntryLabel = (kind: 'code' | 'link', number: number) => string;

export class ResultsImport {
	#rows = $state.raw<ImportRow[]>([]);
	#phase = $state<ImportPhase>('idle');
	#failure = $state<string | undefined>();
	#nextKey = 1;
	#codes = 0;
	#links = 0;
	#link: string | undefined;
	/** The check of the link, kept while its row waits for the trainer. */
	#linkCheck: Promise<void> | undefined;
	/** Checks run one after another, so that each sees the rows the one before added. */
	#queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly storage: Pick<Storage, 'attempts' | 'players' | 'teams'>,
		private readonly lookup: ScenarioLookup
	) {}

	get rows(): readonly ImportRow[] {
		return this.#rows;
	}

	get phase(): ImportPhase {
		return this.#phase;
	}

	/** Why the last check or store failed (nothing of it was kept), or undefined. */
	get failure(): string | undefined {
		return this.#failure;
	}

	get counts(): ImportCounts {
		let pending = 0;
		let stored = 0;
		for (const { verdict } of this.#rows) {
			if ('storedId' in verdict) stored++;
			else if (verdict.status === 'accepted') pending++;
		}
		const total = this.#rows.length;
		return { total, pending, stored, refused: total - pending - stored };
	}

	/** The row from the opened link while it waits for the trainer's decision. */
	get linkRow(): ImportRow | undefined {
		return this.#rows.find((row) => row.fromLink && !('storedId' in row.verdict));
	}

	/** Checks files; one over 1 MiB is refused without being read. */
	async addFiles(files: readonly File[]): Promise<void> {
		const items = await Promise.all(
			files.map(async (file): Promise<BatchItem> => {
				if (file.size > MAX_FILE_BYTES) return { label: file.name, refused: tooLarge(file.size) };
				return { label: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
			})
		);
		await this.check(items, false);
	}

	/**
	 * Checks pasted codes and links, one per line; returns how many entries were found.
	 * `label` names each entry for the table.
	 */
	async addCodes(text: string, label: EntryLabel): Promise<number> {
		const entries = splitCodes(text).map((input) => {
			const kind: 'code' | 'link' = input.includes('#') ? 'link' : 'code';
			const number = kind === 'link' ? ++this.#links : ++this.#codes;
			return { input, entry: { kind, number } };
		});
		const items = entries.map(({ input, entry }) =>
			itemFromCode(label(entry.kind, entry.number), input)
		);
		await this.check(
			items,
			false,
			entries.map(({ entry }) => entry)
		);
		return entries.length;
	}

	/**
	 * Checks the attempt carried by the link the page was opened with; the same link still
	 * waiting for the trainer (the page shown again) is not added twice.
	 */
	async addLink(fragment: string, label: string): Promise<void> {
		if (fragment === this.#link && this.#linkCheck) return this.#linkCheck;
		this.#link = fragment;
		this.#linkCheck = this.check([itemFromCode(label, fragment)], true);
		return this.#linkCheck;
	}

	private async check(
		items: BatchItem[],
		fromLink: boolean,
		entries: ImportRow['entry'][] = []
	): Promise<void> {
		if (items.length === 0) return;
		const run = this.#queue.then(() => this.run(items, fromLink, entries));
		this.#queue = run;
		return run;
	}

	private async run(
		items: BatchItem[],
		fromLink: boolean,
		entries: ImportRow['entry'][]
	): Promise<void> {
		this.#phase = 'checking';
		try {
			const earlier = pendingFingerprints(this.#rows.map((row) => row.verdict));
			const verdicts = await checkItems(items, this.storage, this.lookup, earlier);
			this.#rows = [
				...this.#rows,
				...verdicts.map((verdict, i) => ({
					key: this.#nextKey++,
					verdict,
					fromLink,
					...(entries[i] ? { entry: entries[i] } : {})
				}))
			];
			this.#failure = undefined;
		} catch (error) {
			// Storage could not be read to look for duplicates: nothing was checked.
			this.#failure = messageOf(error);
		} finally {
			this.#phase = 'idle';
		}
	}

	/** Stores every accepted row not stored yet, in one go. Returns false when storage failed. */
	async store(): Promise<boolean> {
		const pending = this.#rows.filter(
			(row) => row.verdict.status === 'accepted' && !('storedId' in row.verdict)
		);
		if (pending.length === 0) return true;
		this.#phase = 'storing';
		this.#failure = undefined;
		try {
			const stored = await storeAccepted(
				pending.map((row) => row.verdict),
				this.storage
			);
			this.#rows = this.#rows.map((row) => {
				const index = pending.indexOf(row);
				return index >= 0 ? { ...row, verdict: stored[index] } : row;
			});
			if (!this.linkRow) this.#linkCheck = undefined;
			return true;
		} catch (error) {
			this.#failure = messageOf(error);
			return false;
		} finally {
			this.#phase = 'idle';
		}
	}

	/** Drops the link's row without storing it. */
	dismissLink(): void {
		this.#rows = this.#rows.filter((row) => !row.fromLink || 'storedId' in row.verdict);
		this.#linkCheck = undefined;
	}

	/** Empties the list (stored results stay stored). */
	clear(): void {
		this.#rows = [];
		this.#linkCheck = undefined;
		this.#failure = undefined;
		this.#codes = 0;
		this.#links = 0;
	}
}

/**
 * A joined class's board on its hub, kept live: read once, and again after each event of the
 * class's stream (an attempt accepted or removed). EventSource reconnects by itself and resumes
 * with Last-Event-ID; reads that pile up while one runs are done once (coalesced-read.ts). Create it while a
 * component initialises (it uses $effect).
 */
import { classUrl, fetchBoard, type HubBoard, type HubBoardView } from '$lib/hub/hub-client';
import { coalescedRead } from './coalesced-read';

export interface HubBoardTarget {
	hub: string;
	code: string;
	view: HubBoardView;
}

export class HubBoardFeed {
	#data = $state.raw<HubBoard | undefined>();
	#problem = $state(false);
	#connected = $state(false);

	constructor(target: () => HubBoardTarget | undefined) {
		$effect(() => {
			const current = target();
			this.#data = undefined;
			this.#problem = false;
			if (!current) return;
			let stopped = false;
			const read = coalescedRead(() => fetchBoard(current.hub, current.code, current.view), {
				stopped: () => stopped,
				done: (data) => {
					this.#data = data;
					this.#problem = false;
				},
				failed: () => (this.#problem = true)
			});
			void read();
			const source = new EventSource(classUrl(current.hub, current.code, '/events'));
			source.addEventListener('attempt', () => void read());
			source.addEventListener('removed', () => void read());
			source.onopen = () => {
				this.#connected = true;
				void read();
			};
			source.onerror = () => (this.#connected = false);
			return () => {
				stopped = true;
				source.close();
				this.#connected = false;
			};
		});
	}

	get data(): HubBoard | undefined {
		return this.#data;
	}
	/** The last read failed (the hub is away); the stream reconnects and reads again. */
	get problem(): boolean {
		return this.#problem;
	}
	/** The live stream is open. */
	get connected(): boolean {
		return this.#connected;
	}
}

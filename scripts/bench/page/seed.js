/* eslint-disable @typescript-eslint/no-unused-expressions -- the file is one expression, evaluated as such */
// Rows for the storage benchmark, written straight into the app's IndexedDB ('sales-sim') as
// the repositories write them. Plain JavaScript, one expression: the page evaluates it, and the
// benchmark checks a sample of its rows against the app's record schemas in Node first.
// Everything is derived from the row's number, so every run seeds the same data.
({
	/** A small deterministic hash of i into [0, 1). */
	unit(i, salt) {
		let x = (i + 1) * 2654435761 + salt * 40503;
		x = Math.imul(x ^ (x >>> 15), 2246822507);
		x = Math.imul(x ^ (x >>> 13), 3266489909);
		return ((x ^ (x >>> 16)) >>> 0) / 4294967296;
	},

	pad(n) {
		return String(n).padStart(6, '0');
	},

	team(t, p) {
		return {
			id: `bench-team-${this.pad(t)}`,
			name: `Bench class ${t + 1}`,
			nameKey: `bench class ${t + 1}`,
			createdAt: p.start
		};
	},

	player(j, p) {
		const t = j % p.teams;
		return {
			id: `bench-player-${this.pad(j)}`,
			name: `Trainee ${j + 1}`,
			nameKey: `trainee ${j + 1}`,
			teamId: `bench-team-${this.pad(t)}`,
			createdAt: p.start
		};
	},

	attempt(i, p) {
		const j = i % p.players;
		const t = j % p.teams;
		const mode = this.unit(i, 1) < p.assessmentShare ? 'assessment' : 'practice';
		const finishedAt = p.start + Math.floor(this.unit(i, 2) * p.spanMs);
		const weeksUsed = 10 + Math.floor(this.unit(i, 3) * 30);
		const r = this.unit(i, 4);
		const outcome = r < 0.55 ? 'won' : r < 0.9 ? 'lost' : 'withdrawn';
		const categories = {};
		let score = 0;
		p.categories.forEach((category, k) => {
			const points = Math.round(this.unit(i, 10 + k) * 12 * 10) / 10;
			categories[category] = points;
			score += points;
		});
		score = Math.min(100, Math.round(score * 10) / 10);
		return {
			id: `bench-attempt-${this.pad(i)}`,
			scenarioId: p.scenario.id,
			scenarioVersion: p.scenario.version,
			scenarioHash: p.scenario.hash,
			playerId: `bench-player-${this.pad(j)}`,
			playerName: `Trainee ${j + 1}`,
			teamId: `bench-team-${this.pad(t)}`,
			teamName: `Bench class ${t + 1}`,
			mode,
			startedAt: finishedAt - 40 * 60_000,
			finishedAt,
			result: { outcome, score, categories },
			weeksUsed,
			verified: true,
			source: this.unit(i, 5) < 0.5 ? 'local' : 'imported',
			fingerprint: (0xb0000000 + i).toString(16).padStart(64, 'e'),
			arrivedAt: finishedAt,
			boardKey: [score, 0 - weeksUsed, 0 - finishedAt, finishedAt]
		};
	},

	/** Opens the app's database as the app left it; waits for the app to create it. */
	async open() {
		for (let attempt = 0; ; attempt++) {
			try {
				return await this.openOnce();
			} catch (error) {
				if (error.message !== 'not-created' || attempt === 50) throw error;
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
		}
	},

	/** Opens the database without creating or upgrading it. */
	openOnce() {
		return new Promise((resolve, reject) => {
			const request = indexedDB.open('sales-sim');
			request.onupgradeneeded = () => {
				request.transaction.abort();
				reject(new Error('not-created'));
			};
			request.onerror = () => reject(request.error);
			request.onsuccess = () => resolve(request.result);
		});
	},

	write(db, stores, fill) {
		return new Promise((resolve, reject) => {
			const tx = db.transaction(stores, 'readwrite', { durability: 'relaxed' });
			fill(tx);
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
			tx.onabort = () => reject(tx.error ?? new Error('The seeding transaction was aborted.'));
		});
	},

	/** Seeds p.attempts attempts (with their actions) by p.players players in p.teams teams. */
	async seed(p) {
		const db = await this.open();
		try {
			await this.write(db, ['teams', 'players', 'settings'], (tx) => {
				for (let t = 0; t < p.teams; t++) tx.objectStore('teams').put(this.team(t, p));
				for (let j = 0; j < p.players; j++) tx.objectStore('players').put(this.player(j, p));
				tx.objectStore('settings').put({ key: 'currentPlayerId', value: this.player(0, p).id });
			});
			const batch = 10_000;
			for (let from = 0; from < p.attempts; from += batch) {
				await this.write(db, ['attempts', 'attemptActions'], (tx) => {
					const attempts = tx.objectStore('attempts');
					const actions = tx.objectStore('attemptActions');
					for (let i = from; i < Math.min(p.attempts, from + batch); i++) {
						const row = this.attempt(i, p);
						attempts.put(row);
						actions.put({ id: row.id, actions: p.actions });
					}
				});
			}
		} finally {
			db.close();
		}
	},

	/** Writes one deal in progress for the first player, and makes them the current player. */
	async seedDeal(deal, player) {
		const db = await this.open();
		try {
			await this.write(db, ['players', 'deals', 'settings'], (tx) => {
				tx.objectStore('players').put(player);
				tx.objectStore('deals').put(deal);
				tx.objectStore('settings').put({ key: 'currentPlayerId', value: player.id });
			});
		} finally {
			db.close();
		}
	}
});

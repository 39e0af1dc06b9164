/** A trainer's call to the class hub that did not work, in the trainer's language. */
import { m } from '$lib/paraglide/messages.js';
import type { TrainerProblem } from '$lib/state/hub-trainer.svelte';

export function trainerProblemText(problem: TrainerProblem): string {
	switch (problem.kind) {
		case 'bad-hub':
			return m.hub_join_bad_hub();
		case 'bad-code':
			return m.hub_join_bad_code();
		case 'unknown':
			return m.hub_join_unknown();
		case 'wrong-key':
			return m.hub_trainer_wrong_key();
		case 'rate-limited':
			return m.hub_join_rate_limited();
		case 'version-taken':
			return m.hub_trainer_version_taken();
		case 'invalid':
			return m.hub_trainer_invalid();
		case 'not-saved':
			return m.hub_trainer_not_saved();
		case 'unreachable':
			return m.hub_join_unreachable();
	}
}

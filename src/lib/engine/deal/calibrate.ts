/**
 * A trainer's help for writing model paths under rules 2: each forecast of an action list set to
 * the engine's calibrated probability at that point of the deal, rounded to 5%. A model path
 * forecasts as a seller who reads the evidence would; `calibrateForecasts(s, actions, 0)`.
 */
import type { Action, Scenario } from '../scenario/schema';
import { applyActionInPlace, calibratedForecast, initialContext, refusal } from './deal-rules';

/** The forecast step a person types: 5%. */
export const FORECAST_STEP = 0.05;

/** The actions with every forecast replaced by the calibrated probability where it is made. */
export function calibrateForecasts(
	scenario: Scenario,
	actions: readonly Action[],
	seed = 0
): Action[] {
	const context = initialContext(scenario, { seed });
	return actions.map((action) => {
		const next: Action =
			action.type === 'forecast'
				? {
						type: 'forecast',
						probability: Math.round(calibratedForecast(context) / FORECAST_STEP) * FORECAST_STEP
					}
				: action;
		const rounded: Action =
			next.type === 'forecast'
				? { ...next, probability: Number(next.probability.toFixed(2)) }
				: next;
		if (!refusal(context, rounded)) applyActionInPlace(context, rounded);
		return rounded;
	});
}

/**
 * A skill's name and a day, in the interface language: all the home page needs of the skills
 * pages (so that it loads neither the CSV writer nor the charts).
 */
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { SkillId } from '$lib/skills/skills';

const SKILL_LABELS: Record<SkillId, () => string> = {
	roles: () => m.skills_skill_roles(),
	'key-people': () => m.skills_skill_key_people(),
	'activity-fit': () => m.skills_skill_activity_fit(),
	strategy: () => m.skills_skill_strategy(),
	intel: () => m.skills_skill_intel(),
	decisions: () => m.skills_skill_decisions(),
	forecasting: () => m.skills_skill_forecasting(),
	winning: () => m.skills_skill_winning()
};

export function skillLabel(skill: SkillId): string {
	return SKILL_LABELS[skill]();
}

export function dayLabel(time: number): string {
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium' }).format(time);
}

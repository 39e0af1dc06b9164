import { error } from '@sveltejs/kit';
import { SECTIONS, type SectionId } from '$lib/engine/methodology';
import type { PageLoad } from './$types';

// Only the methodology's sections have a chapter; any other address is a 404.
export const load: PageLoad = ({ params }) => {
	const section = SECTIONS.find((id) => id === params.section);
	if (!section) error(404, 'Not found');
	return { section: section satisfies SectionId };
};

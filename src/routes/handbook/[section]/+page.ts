import { error } from '@sveltejs/kit';
import { SECTIONS, type SectionId } from '$lib/engine/methodology';
import type { EntryGenerator, PageLoad } from './$types';

// Prerendered, every chapter (src/routes/+layout.ts).
export const ssr = true;
export const prerender = true;
export const entries: EntryGenerator = () => SECTIONS.map((section) => ({ section }));

// Only the methodology's sections have a chapter; any other address is a 404.
export const load: PageLoad = ({ params }) => {
	const section = SECTIONS.find((id) => id === params.section);
	if (!section) error(404, 'Not found');
	return { section: section satisfies SectionId };
};

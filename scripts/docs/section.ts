/** A part of README.md that `npm run docs` writes from the code: between two markers, so the two cannot drift apart. */
export interface Section {
	start: string;
	end: string;
	render(): string;
}

/** README with the section between its markers replaced. */
export function withSection(readme: string, section: Section): string {
	const start = readme.indexOf(section.start);
	const end = readme.indexOf(section.end);
	if (start < 0 || end < start) throw new Error(`README.md has no markers ${section.start} … ${section.end}`);
	return `${readme.slice(0, start + section.start.length)}\n${section.render()}\n${readme.slice(end)}`;
}

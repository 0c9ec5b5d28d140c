/**
 * Runs `work(0..count-1)` with at most `concurrency` in flight and returns results by index,
 * so outputs keep input order whatever order answers arrive in. Once `stopped()` is true no
 * new index starts (those stay undefined); the ones in flight finish.
 */
export async function mapInOrder<T>(
	count: number,
	concurrency: number,
	work: (index: number) => Promise<T>,
	stopped: () => boolean = () => false,
): Promise<Array<T | undefined>> {
	const results = new Array<T | undefined>(count);
	let next = 0;
	const worker = async () => {
		while (next < count && !stopped()) {
			const index = next++;
			results[index] = await work(index);
		}
	};
	const workers = Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker);
	await Promise.all(workers);
	return results;
}

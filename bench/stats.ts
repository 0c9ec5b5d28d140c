/** Small number helpers for the benchmark. */

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(2)} s`;
}

export function ratio(value: number, reference: number): string {
	return `${(value / reference).toFixed(2)}x`;
}

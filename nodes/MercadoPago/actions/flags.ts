import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { PROBLEMS } from '../errors/problems';

/**
 * The options that decide what a run does, rather than how fast: each one is true or false.
 * n8n hands an expression's value over as it is, so Dry Run set to `{{ $json.dryRun }}` may
 * arrive as the text "true" (a sheet cell) or as nothing (a missing column); read loosely,
 * either one ran a real cancellation. They are read strictly instead: a boolean, or the text
 * "true" or "false"; anything else fails the run's items before a request is sent.
 */
const FLAGS = {
	dryRun: { label: 'Dry Run', fallback: false },
	alreadyCancelledIsSuccess: { label: 'Already Cancelled Is a Success', fallback: true },
	outputUnmatched: { label: 'Output Rows That Match Nothing', fallback: false },
} as const;

export type FlagName = keyof typeof FLAGS;

export type Flags = Record<FlagName, boolean>;

const NAMES = Object.keys(FLAGS) as FlagName[];

type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

/** One flag's value; an option not added to the collection has its default. */
function readFlag(options: IDataObject, name: FlagName): Read<boolean> {
	const { label, fallback } = FLAGS[name];
	if (!Object.prototype.hasOwnProperty.call(options, name)) return { ok: true, value: fallback };
	const value = options[name];
	if (typeof value === 'boolean') return { ok: true, value };
	const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
	if (text === 'true' || text === 'false') return { ok: true, value: text === 'true' };
	return { ok: false, problem: PROBLEMS.flagNotBoolean(label, value) };
}

/** The run's flags, as the first item's Options give them (the options are read once per run). */
export function readFlags(options: IDataObject): Read<Flags> {
	const flags = {} as Flags;
	for (const name of NAMES) {
		const read = readFlag(options, name);
		if (!read.ok) return read;
		flags[name] = read.value;
	}
	return { ok: true, value: flags };
}

/**
 * The flags set by an expression, which may give each item another value. One run is a dry
 * run or not: an item whose own value differs is not sent (a real cancellation must never
 * ride on the first row's "Dry Run: true", nor a dry run's row be cancelled).
 */
export function flagsByExpression(ctx: IExecuteFunctions): FlagName[] {
	const raw = ctx.getNodeParameter('options', 0, {}, { rawExpressions: true }) as IDataObject;
	return NAMES.filter((name) => typeof raw[name] === 'string' && (raw[name] as string).startsWith('='));
}

/** Why this item cannot run with the run's flags, if its own expressions say otherwise. */
export function itemFlagsProblem(ctx: IExecuteFunctions, itemIndex: number, flags: Flags, byExpression: readonly FlagName[]): string | undefined {
	for (const name of byExpression) {
		const own = readFlag({ [name]: ctx.getNodeParameter(`options.${name}`, itemIndex) as IDataObject[string] }, name);
		if (!own.ok) return own.problem;
		if (own.value !== flags[name]) return PROBLEMS.flagDiffers(FLAGS[name].label);
	}
	return undefined;
}

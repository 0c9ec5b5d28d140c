import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { Wording } from '../../errors/catalogue';
import { dryRunOption, optionsCollection } from '../common.descriptions';
import { subscriptionLocator } from '../locators';
import type { Prepared, RunContext } from '../types';
import { preparePauseOrResume } from './pauseOrResume';

const properties: INodeProperties[] = [
	subscriptionLocator,
	optionsCollection([dryRunOption('Reads each subscription and tells whether a real run would pause it')]),
];

export const description = updateDisplayOptions({ show: { resource: ['subscription'], operation: ['pause'] } }, properties);

export const wording: Wording = { kind: 'write', subject: 'subscription', act: 'pause', check: 'Subscription > Get' };

export function prepare(this: IExecuteFunctions, itemIndex: number, run: RunContext): Prepared {
	return preparePauseOrResume(this, itemIndex, run, 'paused', { done: 'paused', already: 'already paused', would: 'would pause' });
}

import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { Wording } from '../../errors/catalogue';
import { optionsCollection } from '../common.descriptions';
import { subscriptionLocator } from '../locators';
import type { Prepared, RunContext } from '../types';
import { preparePauseOrResume } from './pauseOrResume';

const properties: INodeProperties[] = [subscriptionLocator, optionsCollection()];

export const description = updateDisplayOptions({ show: { resource: ['subscription'], operation: ['resume'] } }, properties);

export const wording: Wording = { kind: 'write', subject: 'subscription', act: 'resumption', check: 'Subscription > Get' };

export function prepare(this: IExecuteFunctions, itemIndex: number, run: RunContext): Prepared {
	return preparePauseOrResume(this, itemIndex, run, 'authorized', { done: 'resumed', already: 'already active' });
}

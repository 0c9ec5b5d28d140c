export { FixedPace } from './fixedPace';
export { RateGate } from './rateGate';

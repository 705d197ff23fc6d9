/**
 * Ledger inputs as zod schemas, defined once: the chaincode parses its transaction arguments with
 * them (model/validate.ts) and the gateway builds its request schemas from them, so a value one accepts
 * the other accepts too. zod is deterministic (no clock, no randomness), so it may run in chaincode.
 */
export * from './inputs/fields';
export * from './inputs/access-events';
export * from './inputs/programmes';
export * from './inputs/eligibility';
export * from './inputs/deaths';
export * from './inputs/payments';
export * from './inputs/systems';

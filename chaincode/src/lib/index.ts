export * from './reason-codes';
export * from './ledger-error';
export * from './canonical-json';
export * from './merkle';
export * from './records';
export * from './formats';
export * from './time';
export * from './access-events';

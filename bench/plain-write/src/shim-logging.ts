/**
 * The welfare chaincode's fix for fabric-shim's logging (chaincode/src/shim-logging.ts, copied:
 * this package is deployed on its own): winston formats every debug line before dropping it at
 * the peer's WARNING level, which cost more CPU per transaction than the contract itself. Without
 * it the baseline paid a per-transaction cost the welfare chaincode no longer pays, and every
 * ratio to the plain write looked better than it is.
 */
const LEVEL = Symbol.for('level');

interface WinstonLogger {
  isLevelEnabled(level: string): boolean;
  write(info: unknown, ...rest: unknown[]): boolean;
}

export function skipLogLinesBelowLevel(): void {
  const winston = require(require.resolve('winston', { paths: [require.resolve('fabric-shim')] })) as {
    Logger: { prototype: WinstonLogger };
  };
  const proto = winston.Logger.prototype;
  const write = proto.write;
  proto.write = function (this: WinstonLogger, info: unknown, ...rest: unknown[]): boolean {
    const level = (info as { [LEVEL]?: unknown } | null)?.[LEVEL];
    if (typeof level === 'string' && !this.isLevelEnabled(level)) return true;
    return write.call(this, info, ...rest);
  };
}

/**
 * fabric-shim and fabric-contract-api log through winston, which runs every message through its
 * format (timestamp, metadata, colours, padding) before the transport drops it for its level. The
 * shim writes debug lines for each message it exchanges with the peer (every GetState, PutState,
 * response), so at the peer's usual WARNING level a payment spent more of the chaincode's CPU
 * formatting lines nobody sees than running its own rules (node --prof during `npm run bench`:
 * logform's metadata, timestamp and colorize were the hottest JavaScript). A message below its
 * logger's level is now dropped before it is formatted; what is logged is unchanged.
 */
const LEVEL = Symbol.for('level');

interface WinstonLogger {
  isLevelEnabled(level: string): boolean;
  write(info: unknown, ...rest: unknown[]): boolean;
}

let installed = false;

export function skipLogLinesBelowLevel(): void {
  if (installed) return;
  installed = true;
  // The winston that fabric-shim itself loads (one copy serves fabric-contract-api too).
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

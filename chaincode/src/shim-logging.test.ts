import { skipLogLinesBelowLevel } from './shim-logging';

// The loggers fabric-shim creates for itself, at the level the peer gives the chaincode.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const shimLogger = require('fabric-shim/lib/logger') as {
  getLogger(name: string): { level: string; format: { transform: (info: unknown) => unknown }; debug(m: string): void; warn(m: string): void };
};

describe("fabric-shim's log lines below the level", () => {
  const logger = shimLogger.getLogger('shim-logging.test');
  const formatted = jest.spyOn(logger.format, 'transform');

  beforeAll(() => {
    logger.level = 'warn';
    skipLogLinesBelowLevel();
    skipLogLinesBelowLevel(); // installing twice wraps once
  });
  beforeEach(() => formatted.mockClear());
  afterAll(() => formatted.mockRestore());

  it('are dropped before winston formats them', () => {
    for (let i = 0; i < 100; i++) logger.debug(`Received chat message from peer: tx${i}`);
    expect(formatted).not.toHaveBeenCalled();
  });

  it('while lines at the level are formatted and written as before', () => {
    logger.warn('the peer went away');
    expect(formatted).toHaveBeenCalledTimes(1);
  });

  it('and a logger set to debug formats its debug lines again', () => {
    logger.level = 'debug';
    logger.debug('now wanted');
    expect(formatted).toHaveBeenCalledTimes(1);
    logger.level = 'warn';
  });
});

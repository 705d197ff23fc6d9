/** Starts the gateway: config, secrets, ledger connections, HTTP server; closes cleanly on a signal. */
import pino from 'pino';
import { createApp } from './app';
import { KeyStore } from './auth/key-store';
import { ensureStateDir, loadPseudonymKey } from './auth/secrets';
import { loadConfig } from './config';
import { Ledger } from './fabric/ledger';
import { Pseudonymizer } from './privacy/pseudonym';

function main(): void {
  const config = loadConfig();
  const log = pino({ level: config.logLevel, base: { service: 'welfare-gateway' } });
  ensureStateDir(config.stateDir);
  const pseudonyms = new Pseudonymizer(loadPseudonymKey(config.stateDir, config.pseudonymKeyHex));
  const keys = KeyStore.open(config.stateDir, config.heldOrgs);
  const ledger = new Ledger(config);
  const app = createApp({ ledger, keys, pseudonyms, log, bodyLimitBytes: config.bodyLimitBytes });

  const server = app.listen(config.port, config.host, () => {
    log.info({ url: `http://${config.host}:${config.port}`, orgs: config.heldOrgs }, 'gateway listening');
  });
  const stop = () => {
    server.close();
    ledger.close();
    setTimeout(() => process.exit(0), 500).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();

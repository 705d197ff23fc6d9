/** Prometheus metrics of the gateway, served at /metrics. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'welfare_gateway_' });

export const httpRequests = new Counter({
  name: 'welfare_http_requests_total',
  help: 'HTTP requests by route, method and status',
  labelNames: ['route', 'method', 'status'] as const,
  registers: [registry],
});

export const httpSeconds = new Histogram({
  name: 'welfare_http_request_duration_seconds',
  help: 'HTTP request latency by route, method and status',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const fabricSubmitSeconds = new Histogram({
  name: 'welfare_fabric_submit_duration_seconds',
  help: 'Time from submitting a transaction to its commit status, by chaincode function and outcome',
  labelNames: ['function', 'outcome'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
  registers: [registry],
});

let measureIndexLag: (() => Promise<number>) | undefined;

/** Tells /metrics how to measure the index lag (read at each scrape). */
export function trackIndexLag(measure: () => Promise<number>): void {
  measureIndexLag = measure;
}

export const indexLagBlocks = new Gauge({
  name: 'welfare_index_lag_blocks',
  help: 'Blocks the off-chain index is behind the chain height of its peer',
  registers: [registry],
  async collect() {
    if (measureIndexLag) this.set(await measureIndexLag().catch(() => -1));
  },
});

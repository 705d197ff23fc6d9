/**
 * The Grafana dashboard and Prometheus alert rules in ops/ name only metrics that exist: welfare_*
 * ones in this gateway's registry (with the labels they match on), the others in the list of
 * Fabric 2.5 metrics read from this project's running peers and orderers. Every expression must
 * parse as PromQL (Prometheus' own grammar, @prometheus-io/lezer-promql).
 */
import { parser } from '@prometheus-io/lezer-promql';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { registry } from './metrics';

const OPS = path.join(__dirname, '..', '..', 'ops');
const read = (file: string) => readFileSync(path.join(OPS, file), 'utf8');

interface Selector {
  metric: string;
  labels: string[];
}

/** The metric selectors of a PromQL expression; throws when the expression does not parse. */
function selectorsOf(expr: string): Selector[] {
  const tree = parser.parse(expr);
  const selectors: Selector[] = [];
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) throw new Error(`not PromQL at ${cursor.from}: ${expr}`);
    if (cursor.name !== 'VectorSelector') continue;
    const node = cursor.node;
    const metric = node.getChild('Identifier');
    const labels = node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? [];
    if (!metric) throw new Error(`a selector without a metric name: ${expr}`);
    selectors.push({
      metric: expr.slice(metric.from, metric.to),
      labels: labels.map((m) => expr.slice(m.getChild('LabelName')!.from, m.getChild('LabelName')!.to)),
    });
  } while (cursor.next());
  return selectors;
}

const alertRules = parseYaml(read('prometheus/welfare-alerts.yml')).groups.flatMap((g: { rules: unknown[] }) => g.rules) as {
  alert: string;
  expr: string;
}[];
const dashboard = JSON.parse(read('grafana/welfare-ledger.json')) as { panels: { title: string; targets: { expr: string }[] }[] };
const dashboardExprs = dashboard.panels.flatMap((p) => p.targets.map((t) => ({ where: `panel "${p.title}"`, expr: t.expr })));
const ruleExprs = alertRules.map((r) => ({ where: `alert ${r.alert}`, expr: r.expr }));

const fabricMetrics = new Set(
  read('prometheus/fabric-2.5-metrics.txt').split('\n').filter((line) => /^[a-z]/.test(line)),
);
/** Series Prometheus itself adds to every target. */
const PROMETHEUS_SERIES = new Set(['up']);
/** Labels Prometheus attaches from the scrape configuration (prometheus.yml). */
const TARGET_LABELS = ['job', 'instance', 'org'];

async function gatewaySeries(): Promise<Map<string, string[]>> {
  const series = new Map<string, string[]>();
  for (const metric of await registry.getMetricsAsJSON()) {
    const labels = [...new Set(metric.values.flatMap((v) => Object.keys(v.labels)))];
    const declared = (registry.getSingleMetric(metric.name) as unknown as { labelNames?: string[] }).labelNames ?? [];
    const names = String(metric.type) === 'histogram' ? ['_bucket', '_sum', '_count'].map((s) => metric.name + s) : [metric.name];
    for (const name of names) series.set(name, [...declared, ...labels, ...(name.endsWith('_bucket') ? ['le'] : [])]);
  }
  return series;
}

function isFabricSeries(name: string): boolean {
  return fabricMetrics.has(name) || ['_bucket', '_sum', '_count'].some((s) => name.endsWith(s) && fabricMetrics.has(name.slice(0, -s.length)));
}

describe('the ops dashboard and alert rules', () => {
  const all = [...ruleExprs, ...dashboardExprs];

  it('has every expression in valid PromQL', () => {
    expect(all.length).toBeGreaterThan(15);
    for (const { expr } of all) expect(() => selectorsOf(expr)).not.toThrow();
  });

  it('names only welfare_* metrics the gateway exports, with labels they carry', async () => {
    const exported = await gatewaySeries();
    const unknown = all.flatMap(({ where, expr }) =>
      selectorsOf(expr)
        .filter((s) => s.metric.startsWith('welfare_'))
        .flatMap((s) => {
          const labels = exported.get(s.metric);
          if (!labels) return [`${where}: ${s.metric}`];
          return s.labels.filter((l) => !labels.includes(l) && !TARGET_LABELS.includes(l)).map((l) => `${where}: ${s.metric}{${l}}`);
        }),
    );
    expect(unknown).toEqual([]);
  });

  it('names only Fabric 2.5 metrics seen on a running peer or orderer for everything else', () => {
    const unknown = all.flatMap(({ where, expr }) =>
      selectorsOf(expr)
        .filter((s) => !s.metric.startsWith('welfare_') && !PROMETHEUS_SERIES.has(s.metric) && !isFabricSeries(s.metric))
        .map((s) => `${where}: ${s.metric}`),
    );
    expect(unknown).toEqual([]);
  });

  it('alerts on index lag, commit latency, endorsement failures and a peer behind the others', () => {
    const uses = (alert: string, metric: string) =>
      selectorsOf(alertRules.find((r) => r.alert === alert)!.expr).some((s) => s.metric === metric);
    expect(uses('WelfareIndexLagging', 'welfare_index_lag_blocks')).toBe(true);
    expect(uses('WelfareCommitLatencyHigh', 'welfare_fabric_submit_duration_seconds_bucket')).toBe(true);
    expect(uses('WelfareEndorsementFailures', 'welfare_fabric_submit_duration_seconds_count')).toBe(true);
    expect(uses('WelfarePeerEndorsementFailures', 'endorser_endorsement_failures')).toBe(true);
    expect(uses('WelfarePeerBehind', 'ledger_blockchain_height')).toBe(true);
  });

  it('the checker itself spots a metric the gateway does not export', async () => {
    const exported = await gatewaySeries();
    expect(selectorsOf('rate(welfare_http_requests_totl[5m])').map((s) => exported.has(s.metric))).toEqual([false]);
    expect(() => selectorsOf('sum(rate(welfare_http_requests_total[5m])')).toThrow(/not PromQL/);
  });
});

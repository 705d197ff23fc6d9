// CPU time of the bench network's processes, by class, so a bench phase can say where its time
// went: read /proc/<pid>/stat (utime + stime) of every process named in <runDir>/pids and of its
// descendants (a peer's chaincode processes) before and after the phase. CPU seconds do not depend
// on what else runs on the machine, unlike wall-clock rates.
'use strict';
const { readFileSync, readdirSync } = require('node:fs');
const path = require('node:path');

// Clock ticks per second of /proc/<pid>/stat times: 100 on every Linux this runs on (getconf CLK_TCK).
const TICKS_PER_SECOND = 100;

/** The class of a process: by its pid file (orderer0.pid, peer-*.pid, ca-*.pid, gateway-*.pid) or, for a peer's child, its chaincode. */
function classOf(pidFile, isDescendant, commandLine) {
  if (isDescendant) {
    const chaincode = /--chaincode-id-name\0([^:_\0]+)/.exec(commandLine)?.[1];
    return chaincode ? `chaincode ${chaincode}` : null;
  }
  if (pidFile.startsWith('orderer')) return 'orderers';
  if (pidFile.startsWith('peer-')) return 'peers';
  if (pidFile.startsWith('gateway-')) return 'gateways';
  if (pidFile.startsWith('ca-')) return 'CAs';
  return null;
}

/** Every process's parent pid, from /proc. */
function parents() {
  const parentOf = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat) parentOf.set(entry, stat.ppid);
  }
  return parentOf;
}

/** utime + stime in ticks and the parent pid of one process, or null when it is gone. */
function readStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: fields[1], ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

function commandLineOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

function descendantsOf(root, parentOf) {
  const found = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift();
    for (const [child, parent] of parentOf) {
      if (parent === pid) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** CPU seconds so far of each class of the stack's processes, plus this (the bench client) process. */
function cpuSnapshot(runDir) {
  const parentOf = parents();
  const seconds = {};
  const add = (cls, pid) => {
    const stat = cls && readStat(pid);
    if (stat) seconds[cls] = (seconds[cls] ?? 0) + stat.ticks / TICKS_PER_SECOND;
  };
  for (const pidFile of readdirSync(path.join(runDir, 'pids'))) {
    const pid = readFileSync(path.join(runDir, 'pids', pidFile), 'utf8').trim();
    add(classOf(pidFile, false, ''), pid);
    for (const child of descendantsOf(pid, parentOf)) add(classOf(pidFile, true, commandLineOf(child)), child);
  }
  const own = process.cpuUsage();
  seconds['bench client'] = (own.user + own.system) / 1e6;
  return seconds;
}

/** CPU seconds per 1,000 transactions of each class between two snapshots, less `idle` seconds of each, and their total. */
function cpuPerThousand(before, after, transactions, idle = {}) {
  const perThousand = {};
  let total = 0;
  for (const cls of Object.keys(after).sort()) {
    const used = after[cls] - (before[cls] ?? 0) - (idle[cls] ?? 0);
    perThousand[cls] = (used * 1000) / transactions;
    total += perThousand[cls];
  }
  return { ...perThousand, total };
}

/**
 * CPU seconds per second of each class while nothing is sent (Raft heartbeats, gossip, the
 * gateways' own timers): work that grows with a phase's duration, not with its transactions.
 */
async function idleCpuPerSecond(runDir, seconds) {
  const before = cpuSnapshot(runDir);
  const started = process.hrtime.bigint();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const after = cpuSnapshot(runDir);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return Object.fromEntries(Object.keys(after).map((cls) => [cls, (after[cls] - (before[cls] ?? 0)) / elapsed]));
}

/**
 * Runs `phase` (which resolves to a run result with `txs`, `failed` and `seconds`) and adds its
 * CPU seconds per 1,000 committed transactions by class, less what the class spends idle over
 * the phase's duration (`idlePerSecond`), and its transactions per block: blocks are cut every
 * 250 ms, so a slower phase makes smaller blocks, and every block has a cost of its own.
 */
async function withCpu(runDir, chainHeight, idlePerSecond, phase) {
  const heightBefore = await chainHeight();
  const before = cpuSnapshot(runDir);
  const result = await phase();
  const after = cpuSnapshot(runDir);
  const blocks = (await chainHeight()) - heightBefore;
  const committed = Math.max(1, result.txs - result.failed);
  const idle = Object.fromEntries(Object.entries(idlePerSecond).map(([cls, rate]) => [cls, rate * result.seconds]));
  return {
    ...result,
    blocks,
    txPerBlock: committed / Math.max(1, blocks),
    cpuSecondsPer1000: cpuPerThousand(before, after, committed, idle),
  };
}

/** The CPU table: one row per phase, one column per process class, in CPU seconds per 1,000 transactions. */
function cpuTable(results) {
  const rows = {};
  for (const [name, r] of Object.entries(results)) {
    if (!r || !r.cpuSecondsPer1000) continue;
    rows[name] = {
      ...Object.fromEntries(Object.entries(r.cpuSecondsPer1000).map(([cls, s]) => [cls, Number(s.toFixed(2))])),
      'tx per block': Number(r.txPerBlock.toFixed(1)),
    };
  }
  return rows;
}

module.exports = { cpuSnapshot, cpuPerThousand, idleCpuPerSecond, withCpu, cpuTable };

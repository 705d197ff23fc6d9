# Sourced by network-up.sh after it has started the orderers: restarts an orderer that deadlocked
# while replaying its Raft log, a bug of Fabric v2.5.0 (hyperledger/fabric#4199, fixed in 2.5.1 by
# #4201). On restart the orderer re-applies the Raft configuration changes in its write-ahead log;
# applying one waits for the Raft loop to sync the log (WALSyncC) while the Raft loop waits to
# hand the chain its next batch (applyC). Neither moves again: the orderer answers gRPC but no
# longer ticks, so it never votes, and with one other orderer down the channel has no leader at
# all (what `npm run chaos` saw as a write stall after orderer kills).
# The sign in its log: after its last "Starting Raft node", some but not all of the consenters'
# "Applied config change to add node" lines. The remedy is a restart (the race rarely repeats).
ORDERER_REPLAY_SECONDS="${WELFARE_ORDERER_REPLAY_SECONDS:-15}"

# How many "add node" changes orderer n applied since it last started its Raft node; empty if it
# has not started it yet, "none" if it started from a Raft snapshot (its members come from the
# snapshot, "switched to configuration voters=(1 2 3)", and no change is replayed).
orderer_replayed() { # n
  local log="$RUN_DIR/logs/orderer$1.log"
  [ -f "$log" ] || return 0
  awk -v ch="channel=$CHANNEL" '
    /Starting Raft node/ && index($0, ch) { started = 1; n = 0; replays = 0 }
    /switched to configuration voters=\(\)/ && index($0, ch) { replays = 1 }
    /Applied config change to add node/ && index($0, ch) { n++ }
    END { if (started) print (replays || n ? n : "none") }' "$log"
}

# Stuck: it began replaying configuration changes and stopped short of all the consenters. Waits
# for the replay first.
orderer_stuck() { # n
  local applied waited=0
  while [ "$waited" -lt "$((ORDERER_REPLAY_SECONDS * 2))" ]; do
    applied="$(orderer_replayed "$1")"
    [ "$applied" = none ] && return 1
    [ "${applied:-0}" -ge "${#ORDERERS[@]}" ] && return 1
    sleep 0.5; waited=$((waited + 1))
  done
  [ -n "$applied" ]
}

unstick_orderers() {
  local n attempt
  for n in 1 2 3; do
    for attempt in 1 2 3; do
      orderer_stuck "$n" || break
      echo "orderer$n deadlocked replaying its Raft log (Fabric 2.5.0, hyperledger/fabric#4199): restarting it" >&2
      kill -KILL "$(cat "$RUN_DIR/pids/orderer$n.pid")" 2>/dev/null || true
      for _ in $(seq 1 20); do pid_alive "$RUN_DIR/pids/orderer$n.pid" || break; sleep 0.25; done
      rm -f "$RUN_DIR/pids/orderer$n.pid"
      for _ in $(seq 1 40); do (exec 3<>"/dev/tcp/$(host_addr "orderer$n")/$(orderer_port "$n")") 2>/dev/null || break; sleep 0.25; done
      start_orderer "$n"
      wait_healthy "orderer$n" "http://$(host_addr "orderer$n"):$(orderer_ops_port "$n")/healthz"
    done
  done
}

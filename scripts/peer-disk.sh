#!/usr/bin/env bash
# A peer's data on a small filesystem of its own, to fill it (needs root): an ext4 image under
# the run directory (disks/<peer>.img, sparse), loop-mounted on the peer's data directory.
#   peer-disk.sh mount   <org> [peer] [MB]  before the peer first starts (default 256 MB)
#   peer-disk.sh fill    <org> [peer]       takes every free block (what a runaway log would do)
#   peer-disk.sh free    <org> [peer]       gives them back
#   peer-disk.sh unmount <org> [peer]       after the peer has stopped; removes the image
# `npm run chaos` uses it for its disk-full fault. Safe to re-run.
set -euo pipefail
source "$(dirname "$0")/network-env.sh"

action="${1:?usage: peer-disk.sh mount|fill|free|unmount <org> [peer] [MB]}"
org="${2:?an org: civilaffairs, finance or audit}"
peer="${3:-0}"
key="$(peer_key "$org" "$peer")"
data="$(peer_data_dir "$org" "$peer")"
image="$RUN_DIR/disks/$key.img"
filler="$data/.disk-fill"

case "$action" in
  mount)
    mountpoint -q "$data" && exit 0
    if [ -d "$data" ] && [ -n "$(ls -A "$data")" ]; then
      echo "$data already holds a ledger: mount the small disk before the peer first starts" >&2
      exit 1
    fi
    mkdir -p "$RUN_DIR/disks" "$data"
    truncate -s "${4:-256}M" "$image"
    # No blocks reserved for root: the peer runs as root here and would otherwise write on.
    mkfs.ext4 -q -F -m 0 "$image"
    mount -o loop "$image" "$data"
    echo "$key's data on its own $(df -h --output=size "$data" | tail -1 | tr -d ' ') filesystem ($image)"
    ;;
  fill)
    mountpoint -q "$data" || { echo "$data is not on a disk of its own (peer-disk.sh mount)" >&2; exit 1; }
    avail="$(df -B1 --output=avail "$data" | tail -1 | tr -d ' ')"
    [ "$avail" -gt 0 ] && fallocate -l "$avail" "$filler" 2>/dev/null || true
    # fallocate leaves what its own metadata did not need; plain writes take the last blocks.
    dd if=/dev/zero of="$filler.rest" bs=4096 status=none 2>/dev/null || true
    echo "$key's disk full: $(df -B1 --output=avail "$data" | tail -1 | tr -d ' ') bytes free"
    ;;
  free)
    rm -f "$filler" "$filler.rest"
    echo "$key's disk freed: $(df -h --output=avail "$data" | tail -1 | tr -d ' ') free"
    ;;
  unmount)
    if mountpoint -q "$data"; then umount "$data" || umount -l "$data"; fi
    rm -f "$image"
    ;;
  *)
    echo "unknown action $action (mount, fill, free, unmount)" >&2
    exit 2
    ;;
esac

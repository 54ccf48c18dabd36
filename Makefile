# Counterpay: `make run` sets up a fresh Debian/Ubuntu machine and opens the app on the
# demo store; `make test` runs every test (Rust, UI, desktop end-to-end under Xvfb).

SHELL := /bin/bash
export CARGO_TARGET_DIR ?= $(CURDIR)/target
CARGO ?= cargo
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APP := $(CARGO_TARGET_DIR)/debug/counterpay

# Tauri 2's Linux packages, Xvfb and WebKitWebDriver for end-to-end tests, Node for the UI.
APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential libssl-dev libayatana-appindicator3-dev \
	librsvg2-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev pkg-config xvfb xauth \
	webkit2gtk-driver xdg-utils libdbus-1-dev imagemagick

.PHONY: bindings licences run build ui deps deps-system deps-ui deps-e2e deps-package package test test-rust test-ui test-e2e test-package soak fuzz bench bench-deps check clean

run: deps build
	@echo "Starting Counterpay on the embedded demo store…"
	$(APP)

build: ui
	$(CARGO) build -p counterpay

ui: deps-ui
	cd ui && npm run build

deps: deps-system deps-ui

deps-system:
	@command -v $(CARGO) >/dev/null || { echo "Rust is needed: install it with rustup (https://rustup.rs), then run make again." >&2; exit 1; }
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if ! command -v node >/dev/null || ! command -v npm >/dev/null; then missing="$$missing nodejs npm"; fi; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

deps-ui:
	@if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then \
	  cd ui && npm ci --no-audit --no-fund; fi

# The guide's end-to-end test keeps the token in a real keyring: a private D-Bus session
# with GNOME's keyring.
E2E_APT_PACKAGES := dbus-daemon gnome-keyring

deps-e2e: deps-system
	@missing=$$(for p in $(E2E_APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi
	@command -v tauri-driver >/dev/null || $(CARGO) install tauri-driver --locked --version ^2

test: deps deps-e2e test-rust test-ui test-e2e test-package
	@echo "All tests passed."

# Includes the short soak (150 sales, 5 kills); `make soak` is the long one.
test-rust:
	$(CARGO) test -p counterpay-core -p counterpay-sandbox -p counterpay-testbed

test-ui: deps-ui
	cd ui && npm test

test-e2e: build deps-e2e
	COUNTERPAY_APP_BINARY=$(APP) xvfb-run -a -s "-screen 0 1366x900x24" \
	  $(CARGO) test -p counterpay-e2e -- --test-threads=1

# The Debian package, made by Tauri's bundler (tauri-cli from crates.io): the release app,
# its menu entry and icon, its version, licence and runtime dependencies. Copied to dist/.
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
DEB := dist/counterpay_$(VERSION)_amd64.deb
deps-package: deps-system
	@command -v cargo-tauri >/dev/null || $(CARGO) install tauri-cli --locked --version '^2'

package: ui deps-package
	$(CARGO) tauri build --bundles deb
	@mkdir -p dist && cp "$(CARGO_TARGET_DIR)/release/bundle/deb/Counterpay_$(VERSION)_amd64.deb" $(DEB)
	@echo "Built $(DEB)"

# Install the package with apt-get, sell one demo sale in the installed app under Xvfb, then
# remove it and check nothing of it is left.
test-package: package deps-e2e
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ./$(DEB)
	COUNTERPAY_APP_BINARY=/usr/bin/counterpay xvfb-run -a -s "-screen 0 1366x900x24" \
	  $(CARGO) test -p counterpay-e2e --test package -- --ignored --test-threads=1; status=$$?; \
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get remove -y counterpay; \
	test ! -e /usr/bin/counterpay -a ! -e /usr/share/applications/Counterpay.desktop || { echo "the package left files behind" >&2; exit 1; }; \
	exit $$status

# Never lose a sale: SOAK_SALES randomized sales against the demo store with faults injected
# and the counter killed with SIGKILL SOAK_KILLS times, then the invariants (loopback only).
SOAK_SALES ?= 1000
SOAK_KILLS ?= 20
SOAK_SEED ?= 29
soak:
	$(CARGO) run -p counterpay-testbed --bin counterpay-soak -- run --sales $(SOAK_SALES) --kills $(SOAK_KILLS) --seed $(SOAK_SEED) --max-minutes 30

# Fuzz the public parsers for FUZZ_SECONDS each (cargo-fuzz; the stable toolchain is allowed
# the nightly flags it needs through RUSTC_BOOTSTRAP).
FUZZ_SECONDS ?= 60
fuzz:
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	cd crates/core && for t in return_form webhook_body; do \
	  CARGO_TARGET_DIR=$(CARGO_TARGET_DIR)/fuzz RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run $$t -- -max_total_time=$(FUZZ_SECONDS) || exit 1; done

# Benchmarks: release builds, loopback only, bounded; tables go into BENCHMARKS.md.
# bench-deps installs the load generator (wrk) and the Python receiver's Flask in a venv.
BENCH_VENV := $(CARGO_TARGET_DIR)/bench-venv
bench-deps: deps-system
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends wrk; }
	@if ! { [ -x $(BENCH_VENV)/bin/python ] && $(BENCH_VENV)/bin/python -c "import flask" 2>/dev/null; }; then \
	  rm -rf $(BENCH_VENV); \
	  python3 -m venv $(BENCH_VENV) 2>/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends python3-venv python3-pip && python3 -m venv $(BENCH_VENV); }; \
	  $(BENCH_VENV)/bin/pip install -q flask; \
	fi

bench: bench-deps ui deps-e2e
	$(CARGO) build --release -p counterpay -p counterpay-bare-window
	$(CARGO) bench -p counterpay-core --bench catalog
	$(CARGO) bench -p counterpay-core --bench history
	BENCH_PYTHON=$(BENCH_VENV)/bin/python $(CARGO) bench -p counterpay-core --bench endpoint
	$(CARGO) bench -p counterpay-core --bench sale
	$(CARGO) bench -p counterpay-core --bench qr
	$(CARGO) bench -p counterpay-e2e --bench app
	@# The app bench starts its own X server; the window bench drives the app through
	@# WebDriver on the display it is given.
	xvfb-run -a -s "-screen 0 1366x900x24" $(CARGO) bench -p counterpay-e2e --bench window

# What CI checks before the tests: formatting, clippy on every package and target (the app's
# too, which needs the built UI), the UI's TypeScript; any warning fails.
# The window's TypeScript types, generated from the Rust ones (ui/src/generated/types.ts).
bindings:
	COUNTERPAY_WRITE_BINDINGS=1 $(CARGO) test -p counterpay-core --lib bindings

# The licences of what the app ships (Settings › About), from Cargo.lock and package-lock.json.
licences: deps-ui
	./scripts/licences.sh

check: deps ui
	$(CARGO) fmt --all -- --check
	@# Fails when ui/src/generated/types.ts is not what the Rust types give (make bindings).
	$(CARGO) test -p counterpay-core --lib bindings
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	@# Fails when src-tauri/licences.txt is not what the lock files give (make licences).
	./scripts/licences.sh --check
	cd ui && npm run typecheck

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules

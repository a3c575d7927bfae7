# Cabildo — the two promises: `make run` and `make test`. Every step installs what it needs
# itself, idempotently, on Debian 12 / Ubuntu (root, or a user with sudo).

SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
CARGO ?= cargo
export PATH := $(HOME)/.cargo/bin:$(PATH)
APP := target/debug/cabildo-app
XVFB := xvfb-run -a -s "-screen 0 1366x768x24"

APT_PACKAGES := libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev \
	libsoup-3.0-dev libxdo-dev libssl-dev build-essential pkg-config curl file \
	xvfb xauth webkit2gtk-driver poppler-utils qpdf imagemagick sqlite3 \
	libnss3-tools openssl

.PHONY: run test ui-dist deps deps-python deps-system deps-rust deps-ui app app-e2e lint test-core test-ui test-e2e test-portal \
	bindings check-bindings bench deps-bench screenshot dist clean

## run: install what is missing, build the desktop app and open it.
run: deps-system deps-rust deps-ui app
	./$(APP)

## test: every check of ARCHITECTURE.md, in its order.
test: deps ui-dist lint test-core test-ui app-e2e test-e2e test-portal check-bindings
	@echo "make test: todo en orden."

deps: deps-system deps-rust deps-ui deps-python

# pyHanko: the independent validator (and outside signer) the signature tests compare against.
deps-python:
	if ! command -v pyhanko >/dev/null; then
	  python3 -m pip --version >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-pip
	  pip="python3 -m pip install --quiet --disable-pip-version-check pyhanko pyhanko-cli"
	  $$pip || $$pip --break-system-packages
	fi

deps-system:
	missing=""
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done
	command -v node >/dev/null || missing="$$missing nodejs npm"
	if [ -n "$$missing" ]; then
	  echo "Instalando paquetes del sistema:$$missing"
	  $(SUDO) apt-get update -qq
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing
	fi
	node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Cabildo necesita Node.js 20.19 o posterior (hay "+process.versions.node+")."); process.exit(1) }'

deps-rust:
	command -v $(CARGO) >/dev/null || { echo "Cabildo necesita Rust (https://rustup.rs): instale rustup y vuelva a ejecutar make."; exit 1; }
	rustup component list --installed 2>/dev/null | grep -q clippy || rustup component add clippy rustfmt 2>/dev/null || true
	command -v tauri-driver >/dev/null || $(CARGO) install tauri-driver --locked --version '^2'

# `npm install`, not `npm ci`: npm here writes lock files without the other platforms'
# optional packages (rollup, tauri-cli binaries), which `npm ci` then rejects.
deps-ui: ui/node_modules/.installed
ui/node_modules/.installed: ui/package.json ui/package-lock.json
	cd ui && npm install --no-audit --no-fund
	touch $(CURDIR)/$@

# The shell's build script embeds ui/dist, so clippy on the workspace needs it first.
ui-dist: deps-ui
	cd ui && npm run build

## app: the desktop app with the UI embedded (Tauri CLI, debug, no installer bundle).
app: deps-ui
	cd ui && npm run app:build

## app-e2e: the same app with the end-to-end specs' hook (scripted file dialogs) compiled in.
app-e2e: deps-ui
	cd ui && npm run app:build:e2e

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --all-features -- -D warnings

test-core:
	$(CARGO) test --workspace

test-ui: deps-ui
	cd ui && npm run check && npm test

test-e2e: app-e2e
	cd ui && $(XVFB) npm run e2e

## test-portal: the transparency portal `cabildo portal` writes, opened from its folder (file://)
## and searched in a real browser: WebKitGTK's MiniBrowser through WebKitWebDriver.
test-portal: deps-ui
	$(CARGO) build -p cabildo --bin cabildo
	cd ui && $(XVFB) npm run e2e:portal

## bindings: regenerate the TypeScript types of the API from Rust.
bindings:
	rm -rf ui/src/lib/bindings
	$(CARGO) run -q -p cabildo -- export-bindings ui/src/lib/bindings

check-bindings: bindings
	git diff --exit-code -- ui/src/lib/bindings
	test -z "$$(git status --porcelain -- ui/src/lib/bindings)" || { echo "Hay tipos nuevos sin confirmar en ui/src/lib/bindings"; exit 1; }

## bench: criterion benchmarks of the core and of the PDF engine, with signing, verifying and
## LibreOffice converting the same norm side by side (figures, never pass/fail).
bench: deps-bench
	$(CARGO) bench -p cabildo --bench core
	$(CARGO) bench -p cabildo --bench pdf
	$(CARGO) bench -p cabildo --bench sessions
	$(CARGO) bench -p cabildo --bench plans_core
	$(CARGO) bench -p cabildo --bench plans
	$(CARGO) bench -p cabildo --bench followup
	$(CARGO) bench -p cabildo --bench search

# LibreOffice Writer without its GUI (for `soffice --headless --convert-to pdf`) with the
# Liberation fonts the engine embeds (only recommended by LibreOffice), and openssl (the bench
# makes its signer's .p12 with it), and ripgrep (the search figures compare with it); only
# what is missing.
deps-bench:
	missing=""
	command -v openssl >/dev/null || missing="$$missing openssl"
	command -v rg >/dev/null || missing="$$missing ripgrep"
	dpkg -s fonts-liberation2 >/dev/null 2>&1 || missing="$$missing fonts-liberation2"
	command -v soffice >/dev/null || missing="$$missing soffice"
	if [ -n "$$missing" ]; then
	  $(SUDO) apt-get update -qq
	  if apt-cache show libreoffice-writer-nogui >/dev/null 2>&1; then lo=libreoffice-writer-nogui; else lo=libreoffice-writer; fi
	  missing="$${missing/soffice/$$lo}"
	  echo "Instalando para las mediciones:$$missing"
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing
	fi

## dist: the installers of this machine's system: the Debian package (.deb) and the .rpm, in
## target/release/bundle/{deb,rpm}/ (Tauri's bundler; docs/INSTALL.md). Not part of `make test`.
## The packages carry the desktop app (`cabildo-app`), the icon and a Spanish desktop entry,
## and no maintainer script: the data in ~/.local/share/cabildo stays through upgrades and
## uninstalls. The .rpm is written by the bundler itself (no rpmbuild).
dist: deps-system deps-rust deps-ui
	cd ui && npm run tauri -- build --bundles deb,rpm
	cd $(CURDIR)
	# The bundler writes the .deb with gzip and has no setting for it (the .rpm's is xz, in
	# tauri.conf.json): rebuilt with xz, the same files and control, about half the size.
	for f in target/release/bundle/deb/*.deb; do
	  d=$$(mktemp -d)
	  dpkg-deb -R "$$f" "$$d/pkg"
	  dpkg-deb -Zxz -z9 --root-owner-group -b "$$d/pkg" "$$f" >/dev/null
	  rm -rf "$$d"
	done
	for f in target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm; do
	  echo "$$f: $$(du -h "$$f" | cut -f1)"
	done

## screenshot: the real window under Xvfb, saved to docs/screenshot.png.
screenshot: app
	$(CARGO) build -q -p cabildo
	tmp=$$(mktemp -d)
	CABILDO_DB=$$tmp/demo.db ./target/debug/cabildo demo >/dev/null
	Xvfb :97 -screen 0 1366x768x24 & xpid=$$!
	sleep 1
	DISPLAY=:97 CABILDO_DB=$$tmp/demo.db ./$(APP) & apid=$$!
	sleep 8
	DISPLAY=:97 import -window root docs/screenshot.png
	kill $$apid $$xpid || true
	echo "docs/screenshot.png"

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules

# Stadtkern: the two commands are `make run` and `make test` (see README.md).
# Every target installs what is missing first, so a fresh Debian 12 machine
# needs nothing else.

SHELL := /bin/bash
JOBS ?= $(shell nproc)
BUILD_DIR ?= build
ASAN_DIR ?= build-asan
PYTEST := /usr/bin/python3 -m pytest
CMAKE_GENERATOR := $(shell command -v ninja >/dev/null 2>&1 && echo Ninja || echo "Unix Makefiles")

.PHONY: run test build install web native native-asan test-unit test-e2e test-browser test-asan \
        bench format format-check clean

## make run: install, build, start the Musterstadt demo on http://localhost:8080
run: build
	$(BUILD_DIR)/stadtkern serve --demo --data-dir var

## make test: install, build, then every test suite and the sanitizer build
test: build format-check test-unit test-e2e test-browser test-asan test-fuzz
	@echo "make test: all suites passed"

## make build: install + build; the server ends up at build/stadtkern
build: install native web

install:
	@scripts/install-deps.sh

native:
	@cmake -S . -B $(BUILD_DIR) -G "$(CMAKE_GENERATOR)" -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

native-asan:
	@cmake -S . -B $(ASAN_DIR) -G "$(CMAKE_GENERATOR)" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DSTADTKERN_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_DIR) -j $(JOBS)

web:
	@cd web && npm run --silent build

test-unit:
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

test-e2e:
	@$(PYTEST) -q tests/e2e

test-browser:
	@cd web && npm run --silent test:browser

# Unit and end-to-end tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: install native-asan
	@cd $(ASAN_DIR) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  STADTKERN_BIN=$(ASAN_DIR)/stadtkern $(PYTEST) -q tests/e2e

# The libFuzzer targets of fuzz/, briefly (FUZZ_SECONDS per target, default 10).
test-fuzz:
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-10} fuzz/build.sh run

## make bench: the benchmarks in bench/ (installs wrk and nginx)
bench: build
	@scripts/install-deps.sh bench
	@bench/http.sh
	@bench/search.sh
	@bench/catalog_edit.sh
	@bench/context.sh

format:
	@clang-format -i $$(git ls-files --cached --others --exclude-standard 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'bench/*.cpp')

format-check:
	@clang-format --dry-run --Werror $$(git ls-files --cached --others --exclude-standard 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'bench/*.cpp')

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) web/dist

# Thin driver around CMake. `make` builds, `make check` runs the test suite,
# `make scan` scans this machine for CIS 6.2.3.19 into results/, `make bench`
# benchmarks into results/, `make fuzz` fuzzes the engine for FUZZ_SECONDS,
# `make deb` builds the Debian packages into $(BUILD)/deb, `make piuparts`
# tests them with piuparts, `make check-openscap` runs OpenSCAP's own tests.
BUILD ?= build
PREFIX ?= /usr/local
CMAKE_FLAGS ?=
FUZZ_SECONDS ?= 600
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps configure check scan bench fuzz install clean deb piuparts check-openscap

all: configure
	cmake --build $(BUILD) -j $(JOBS)

deps:
	@./scripts/deps.sh

configure: deps
	@if [ ! -f $(BUILD)/CMakeCache.txt ] || \
	    ! grep -q '^CMAKE_INSTALL_PREFIX:PATH=$(PREFIX)$$' $(BUILD)/CMakeCache.txt; then \
		cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
			-DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_FLAGS); \
	fi

# The tests in tests/deb install the packages into a Debian 12 root.
check: all deb
	cd $(BUILD) && ctest --output-on-failure -j 1

scan: all
	@./scripts/scan.sh $(BUILD) results

bench: all
	@./scripts/deps.sh bench
	@./scripts/bench.sh $(BUILD) results

fuzz: all
	@./scripts/fuzz.sh $(BUILD) $(FUZZ_SECONDS)

deb:
	@./scripts/deps.sh deb
	@./scripts/deb.sh $(BUILD) $(JOBS)

piuparts: deb
	@./scripts/piuparts.sh $(BUILD)

check-openscap:
	@./scripts/deps.sh openscap
	@./scripts/check-openscap.sh $(BUILD)/openscap-tests $(JOBS)

install: all
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD)

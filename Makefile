# The replication harness. Requirements: a Swift 6 toolchain, nothing else.
#
#   make replicate  recompute every artifact (release build), write results/ and
#                   results/REPORT.md, then rerun the declared probes
#                   (experiments/<paper>/probes/) into results/<paper>/probes/;
#                   non-zero exit when anything drifted
#   make test     build everything once (release, testing enabled), run the
#                 whole test suite in parallel, then `replicate --check` (every
#                 golden and claim, nothing written) and `replicate probe
#                 --declared --check` from the same build, then
#                 a seeded batch of 300 fuzz cases
#   make fuzz     N mutated specs, goldens and folders (default 1000, SEED=1)
#                 thrown at the built replicate in scratch copies; fails on a
#                 crash, hang, undocumented exit status or stray write
#   make bench    release-mode benchmarks of the Numerics kernels (prints a table;
#                 fails when a speed target is missed)
#   make docs     regenerate docs/SOLVERS.md from the solver declarations
#   make build    debug build
#   make clean    remove build products

SWIFT ?= swift

# One build configuration for everything: release (the replication and the
# slow cross-checks run at full speed) with testing enabled (so tests can use
# @testable imports). `make test`, `make replicate` and `make bench` share it,
# so the package is compiled once (Package.swift compiles the test targets and
# the declarative solver layers without optimisation).
CONFIG = -c release -Xswiftc -enable-testing
BIN = $$($(SWIFT) build $(CONFIG) --show-bin-path)

N ?= 1000
SEED ?= 1
FUZZ = $(BIN)/fuzz --replicate $(BIN)/replicate --root .

.PHONY: all build test bench fuzz replicate docs clean

all: build

build:
	$(SWIFT) build

replicate:
	$(SWIFT) build $(CONFIG) --product replicate
	$(BIN)/replicate $(ARGS)
	$(BIN)/replicate probe --declared $(if $(findstring --check,$(ARGS)),--check,)

test:
	$(SWIFT) build $(CONFIG) --build-tests
	$(SWIFT) test $(CONFIG) --skip-build --parallel
	$(BIN)/replicate --check --junit-xml .build/replicate-junit.xml
	$(BIN)/replicate probe --declared --check
	$(FUZZ) --count 300 --seed 1

docs:
	$(SWIFT) build $(CONFIG) --product replicate
	$(BIN)/replicate --solver-docs > docs/SOLVERS.md

fuzz:
	$(SWIFT) build $(CONFIG) --product replicate
	$(SWIFT) build $(CONFIG) --product fuzz
	$(FUZZ) --count $(N) --seed $(SEED)

bench:
	$(SWIFT) build $(CONFIG) --product replicate
	$(SWIFT) build $(CONFIG) --product bench
	$(BIN)/bench

clean:
	rm -rf .build

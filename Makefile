# The replication harness. Requirements: a Swift 6 toolchain, nothing else.
#
#   make replicate  recompute every artifact (release build), write results/ and
#                   results/REPORT.md; non-zero exit when anything drifted
#   make test     build everything, run the whole test suite, then
#                 `replicate --check` (every golden and claim, nothing written)
#   make bench    release-mode benchmarks of the Numerics kernels (prints a table;
#                 fails when a speed target is missed)
#   make build    debug build
#   make clean    remove build products

SWIFT ?= swift

BIN = $$($(SWIFT) build -c release --show-bin-path)

.PHONY: all build test bench replicate clean

all: build

build:
	$(SWIFT) build

replicate:
	$(SWIFT) build -c release --product replicate
	$(BIN)/replicate $(ARGS)

test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(SWIFT) build -c release --product replicate
	$(BIN)/replicate --check

bench:
	$(SWIFT) build -c release --product bench
	$(BIN)/bench

clean:
	rm -rf .build

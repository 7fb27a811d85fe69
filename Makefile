# The replication harness. Requirements: a Swift 6 toolchain, nothing else.
#
#   make test     build everything and run the whole test suite
#   make bench    release-mode benchmarks of the Numerics kernels (prints a table;
#                 fails when a speed target is missed)
#   make build    debug build
#   make clean    remove build products

SWIFT ?= swift

.PHONY: all build test bench clean

all: build

build:
	$(SWIFT) build

test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench:
	$(SWIFT) build -c release --product bench
	$$($(SWIFT) build -c release --show-bin-path)/bench

clean:
	rm -rf .build

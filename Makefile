# Two commands do all the set-up: `make lab` and `make test` (see README).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
PY := $(BIN)/python
# nbgrader runs alembic as a subprocess: the venv's bin/ must be on PATH.
export PATH := $(BIN):$(PATH)
STAMP := $(VENV)/.installed
ARGS ?=
PYTEST := $(PY) -m pytest -q -p no:cacheprovider

.PHONY: help lab lab-instructor app lab-settings voila-pages test test-unit test-notebooks \
        test-browser test-nbgrader lint spell strip \
        sysdeps validate digests translations mutate bench release autograde feedback grades report \
        learner-dist accept demo-class \
        dashboard dashboard-anon axe \
        navigation clean hub test-hub hub-proxy

help:
	@echo "make lab      start JupyterLab on the welcome notebook (ARGS='--no-browser --port 8888')"
	@echo "make lab-instructor   the same with nbgrader's formgrader and instructor tools"
	@echo "make app      the course as pages (Voilà): nothing to run, self-study only"
	@echo "make test     install everything the tests need, then run every test tier"
	@echo "make lint     ruff + import contracts;  make spell  Mongolian spell check;  make bench  benchmarks"
	@echo "make mutate   mutation score of scoring, the record's writes, read-as-data, feedback safety, glossary"
	@echo "instructors:  make release | autograde | feedback | grades | report | learner-dist"
	@echo "              make accept ITEM=a01.t1 ANSWER=\"...\" | demo-class  (see assignments/README.md)"
	@echo "              make dashboard | dashboard-anon  (class dashboard, see assignments/README.md)"

# --- bootstrap: the venv is (re)built when pyproject.toml or the language pack changes -----
# JupyterLab in Mongolian: our own pack, built as JupyterLab's are (its .po files compiled by
# jupyterlab-translate's build hook), installed as a package of its own (not editable: the
# compiled catalogues live in the wheel); any edit of a .po reinstalls it.
LANGPACK := packages/jupyterlab-language-pack-mn-MN
LANGPACK_SOURCES := $(LANGPACK)/pyproject.toml \
  $(wildcard $(LANGPACK)/jupyterlab_language_pack_mn_MN/locale/*/LC_MESSAGES/*.po)
# The course's own Lab extension (packages/jupyterlab-course: nbgrader's tab through the pack,
# Enter on a question, the upload button's name; Voilà loads it too) is TypeScript built here,
# once, from the committed lockfile (npm ci: the npm registry at install time, never at run
# time); its wheel also carries the course's Voilà template and the config naming it.
COURSE_EXT := packages/jupyterlab-course
COURSE_EXT_SOURCES := $(addprefix $(COURSE_EXT)/,package.json package-lock.json tsconfig.json \
  pyproject.toml install.json build.sh) $(wildcard $(COURSE_EXT)/src/*.ts $(COURSE_EXT)/jupyter-config/*) \
  $(wildcard share/jupyter/voila/templates/course/*)
$(STAMP): pyproject.toml $(LANGPACK_SOURCES) $(COURSE_EXT_SOURCES)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	$(PY) -m compileall -q course_lib course_instructor  # editable: no bytecode otherwise (see postBuild)
	$(PY) -m pip install -q --force-reinstall --no-deps ./$(LANGPACK)
	@command -v npm >/dev/null || { echo "make: the course's Lab extension is built with Node.js and npm (>= 18): install them (Debian: apt-get install nodejs npm, or make sysdeps as root)" >&2; exit 1; }
	cd $(COURSE_EXT) && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build
	$(PY) -m pip install -q --force-reinstall --no-deps ./$(COURSE_EXT)
	$(BIN)/nbstripout --install --attributes .gitattributes 2>/dev/null || true
	@touch $(STAMP)

# Root (containers, CI) needs --allow-root; a trainee's own account does not.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

# One server root for everyone: the repository (formgrader finds assignments/ below it, and
# lab/tree/notebooks/... links work). A first visit lands on the welcome notebook; a bare /lab
# restores the trainee's last workspace. lab-config/MODE holds the per-server plugin switches
# and settings (course_instructor/authoring/lab_settings.py). Saved notebooks keep a Mongolian
# placeholder where a widget was, never a view whose model died with the kernel
# (course_lib/saved_views.py). Idle kernels are culled after 30 min, open tabs too
# (cull_connected): every answer is already in the learner record, Run All brings it back.
LAB_FLAGS = --ServerApp.root_dir=$(CURDIR) \
  --ContentsManager.pre_save_hook=course_lib.saved_views.placeholders \
  --LabApp.default_url=/lab/tree/notebooks/00_welcome.ipynb \
  --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
  --MappingKernelManager.cull_idle_timeout=1800 --MappingKernelManager.cull_interval=300 \
  --MappingKernelManager.cull_connected=True $(ROOT_FLAG)

# A trainee's `make lab` loads no server extension for nbgrader (no exchange on a laptop) and no
# language server; Voilà stays, for the README's page-view link (the hub's trainee servers
# load even less: course_instructor/hub/server_settings.py).
LAB_TRAINEE_OFF = $(foreach x,nbgrader.server_extensions.formgrader \
  nbgrader.server_extensions.course_list nbgrader.server_extensions.validate_assignment \
  nbgrader.server_extensions.assignment_list jupyter_lsp,--ServerApp.jpserver_extensions=$(x)=False)

lab: $(STAMP)
	$(BIN)/jupyter lab $(LAB_FLAGS) $(LAB_TRAINEE_OFF) \
	  --LabApp.app_settings_dir=$(CURDIR)/lab-config/trainee $(ARGS)

# formgrader on one machine: a local exchange inside the course (git-ignored), so Release,
# Collect and the trainee's Assignment List work without a system folder
LOCAL_EXCHANGE := COURSE_LOCAL_EXCHANGE=$(CURDIR)/assignments/exchange
lab-instructor: $(STAMP)
	$(LOCAL_EXCHANGE) $(BIN)/jupyter lab $(LAB_FLAGS) --LabApp.app_settings_dir=$(CURDIR)/lab-config/instructor $(ARGS)

# Self-study as pages (Voilà): each notebook runs as it opens and shows only its output, so
# there is nothing to run first; prev/next links move between pages. No assignments here.
# The pages speak Mongolian through the course's Voilà template (share/jupyter/voila/templates/
# course, found on JUPYTER_PATH): page language, a <main> landmark, the page list in course
# order with the modules' titles (the classic, template-drawn list, not Voilà's file browser).
app: $(STAMP)
	JUPYTER_PATH=$(CURDIR)/share/jupyter$${JUPYTER_PATH:+:$$JUPYTER_PATH} $(BIN)/voila notebooks/ \
	  --VoilaConfiguration.template=course --VoilaConfiguration.classic_tree=True \
	  --VoilaConfiguration.show_tracebacks=False $(ARGS)

lab-settings: $(STAMP)
	$(BIN)/course-author lab-settings

voila-pages: $(STAMP)
	$(BIN)/course-author voila-pages

# --- system packages the tests need (installed when run as root) ------------------
sysdeps:
	@bash tools/sysdeps.sh

# --- tests -------------------------------------------------------------------------
# sysdeps first: a clean machine gets npm before the venv step builds the course's Lab extension
test: sysdeps $(STAMP) lint validate spell test-unit test-notebooks test-nbgrader test-browser test-hub

test-unit: $(STAMP)
	$(PYTEST) tests --ignore=tests/browser --ignore=tests/nbgrader --ignore=tests/hub

test-notebooks: $(STAMP)
	COURSE_PROGRESS_DB=$$(mktemp -d)/progress.db tools/offline.sh $(PYTEST) --nbval-lax notebooks

test-nbgrader: $(STAMP)
	$(PYTEST) tests/nbgrader

test-browser: $(STAMP) sysdeps axe
	tools/offline.sh $(PYTEST) tests/browser

# Class server (root): accounts, a PostgreSQL cluster and a hub on loopback, all removed after.
hub-proxy: deploy/hub/node_modules/.bin/configurable-http-proxy
deploy/hub/node_modules/.bin/configurable-http-proxy: deploy/hub/package.json
	cd deploy/hub && npm install --no-audit --no-fund --silent

test-hub: $(STAMP) sysdeps hub-proxy
	$(PYTEST) tests/hub

# One command for a class server: HUB_DIR=/srv/course-hub, port 8000 (HUB_PORT), see docs/HUB.md
HUB_PORT ?= 8000
hub: $(STAMP) sysdeps hub-proxy
	$(BIN)/course-hub up --port $(HUB_PORT) $(ARGS)

# ruff, then the import contracts between the layers (pyproject.toml, docs/ARCHITECTURE.md)
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

# Mutation testing (not in CI: minutes to hours): scoring, the record's write path,
# read-as-data, feedback safety and the glossary matcher against their fast tests
# ([tool.mutmut] in pyproject.toml); prints killed/total per target (aim >= 90 %, exit 1 under it).
# TARGET narrows it to one or more targets, e.g. TARGET=scoring (bench/mutation_score.py lists them)
mutate: $(STAMP)
	$(PY) bench/mutation_score.py --run $(TARGET)

validate: $(STAMP)
	$(PY) -m course_lib validate

# After editing data/ or a schema: validate all content and record it in data/validated.json
# (commit it), so notebooks skip the schema check; writes nothing if any file has a problem.
digests: $(STAMP)
	$(PY) -m course_lib validate --write-digests

spell: $(STAMP)
	$(BIN)/course-author spell

# JupyterLab in Mongolian: the share of the trainee's route the language pack translates
translations: $(STAMP)
	$(BIN)/course-author translations

strip: $(STAMP)
	$(BIN)/nbstripout notebooks/*.ipynb assignments/source/*/*.ipynb

navigation: $(STAMP)
	$(BIN)/course-author navigation

# axe-core (accessibility checks of the browser tier), from npm into git-ignored node_modules/
AXE := node_modules/axe-core/axe.min.js
axe: $(AXE)
$(AXE):
	npm install --prefix . --no-save --no-package-lock --no-audit --no-fund axe-core@4

# hub_load.py (last: it needs root) boots a class server with real accounts, all removed after
# every bench runs even when an earlier one misses its aim (one run prints every table); the
# target fails at the end, naming the benches that missed
BENCH_MISSED := .bench-missed
# the 20-trainee wave, trainee by trainee: copied to deploy/z2jh/measured-load.json (what the
# Kubernetes sizing and tests/test_z2jh_values.py read) after a run in a quiet moment
HUB_LOAD_JSON := .bench-hub-load.json
bench: $(STAMP) sysdeps hub-proxy
	@rm -f $(BENCH_MISSED)
	$(PY) bench/import_time.py || echo import_time >> $(BENCH_MISSED)
	$(PY) bench/course_exec.py || echo course_exec >> $(BENCH_MISSED)
	$(PY) bench/autograde.py || echo autograde >> $(BENCH_MISSED)
	$(PY) bench/dashboard.py || echo dashboard >> $(BENCH_MISSED)
	$(PY) bench/server_start.py || echo server_start >> $(BENCH_MISSED)
	$(PY) bench/hub_load.py --json $(HUB_LOAD_JSON) || echo "hub_load (20)" >> $(BENCH_MISSED)
	$(PY) bench/hub_load.py --trainees 40 --arrival 120 || echo "hub_load (40)" >> $(BENCH_MISSED)
	@if [ -s $(BENCH_MISSED) ]; then echo "make bench: missed an aim or failed:" \
	  $$(tr '\n' ' ' < $(BENCH_MISSED)); rm -f $(BENCH_MISSED); exit 1; fi
	@echo "make bench: every aim met"

# --- instructors (nbgrader course root: assignments/) -------------------------------
# --root: this checkout's course, also when the venv's editable install points at another
COURSE := --root $(CURDIR)/assignments
release: $(STAMP)
	$(LOCAL_EXCHANGE) $(BIN)/course-instructor release $(COURSE)

autograde: $(STAMP)
	$(BIN)/course-instructor autograde $(COURSE)

feedback: $(STAMP)
	$(BIN)/course-instructor feedback $(COURSE)

grades: $(STAMP)
	$(BIN)/course-instructor grades $(COURSE)

report: $(STAMP)
	$(BIN)/course-instructor report $(COURSE)

# make accept ITEM=a01.t1 ANSWER="үр нөлөөнд": accept a short answer `make report` listed
accept: $(STAMP)
	$(BIN)/course-instructor accept "$(ITEM)" "$(ANSWER)" $(COURSE)

# example submissions of a01 to try every step on one machine (assignments/README.md)
demo-class: $(STAMP)
	$(BIN)/course-instructor demo-class $(COURSE)

learner-dist: $(STAMP)
	$(BIN)/course-instructor learner-dist $(COURSE)

dashboard: $(STAMP)
	$(BIN)/course-instructor dashboard $(COURSE) $(ARGS)

dashboard-anon: $(STAMP)
	$(BIN)/course-instructor dashboard --anonymise $(COURSE) $(ARGS)

clean:
	rm -rf $(VENV) tests/artifacts dist

# DTZ site. Two commands on a fresh machine: `make html` and `make test`.
# The variables are pelican-quickstart's, so another content tree builds with
#   make html INPUTDIR=/some/content OUTPUTDIR=/some/out PELICANOPTS="-e KEY=VALUE"

PY?=python3
BASEDIR=$(CURDIR)
VENV?=$(BASEDIR)/.venv
PELICAN?=$(VENV)/bin/pelican
PELICANOPTS=

INPUTDIR=$(BASEDIR)/content
OUTPUTDIR=$(BASEDIR)/output
# make serve's preview (drafts, scheduled items, CONCEPT banners) has a folder and a cache of its own:
# it never touches OUTPUTDIR, which make html, make publish, make send and make deploy use.
PREVIEWDIR=$(BASEDIR)/preview
PREVIEWCACHE=$(BASEDIR)/cache/preview
# make check builds the content as of today into a folder of its own and checks it as readers get it;
# it shares make html's cache (cache/: images, read Markdown), so a check after a build encodes nothing again.
CHECKDIR=$(BASEDIR)/check
CHECKCACHE=$(BASEDIR)/cache
CONFFILE=$(BASEDIR)/pelicanconf.py
PUBLISHCONF=$(BASEDIR)/publishconf.py

PORT?=8000
SERVER?=127.0.0.1

DEBUG ?= 0
ifeq ($(DEBUG), 1)
	PELICANOPTS += -D
endif

RELATIVE ?= 0
ifeq ($(RELATIVE), 1)
	PELICANOPTS += --relative-urls
endif

STAMP=$(VENV)/.installed
# plugins/: Pelican plugins (the content core, the build engine, one per capability);
# services/: commands and services that are not Pelican plugins (delivery, deploy, subscriptions).
DTZ_PYTHONPATH=$(BASEDIR)/plugins:$(BASEDIR)/services

help:
	@echo 'Makefile for the Dutch TechZone site'
	@echo ''
	@echo 'Usage:'
	@echo '   make html        set up .venv when needed and build the site into output/'
	@echo '   make test        set up .venv when needed, check the code (ruff) and run every test'
	@echo '   make test-fast   only the tests without a browser, server or PDF (marked in tests/): for every edit'
	@echo '   make serve       build the preview into preview/, serve it on http://$(SERVER):$(PORT), rebuild on save (drafts shown)'
	@echo '   make serve PDF=1 the same, and render the PDFs (TechZine, bidbook) too'
	@echo '   make publish     build the site for publication with publishconf.py'
	@echo '   make check       check your own content as of today: links, HTML, accessibility, page weight'
	@echo '   make new TYPE=<type> TITLE="..."  start an item as a draft (parel, cop, evenement, hoofdstuk, pagina, techzine, nieuwsbrief, doel)'
	@echo '   make clean       remove output/ and the caches'
	@echo '   make send ISSUE=<slug> SUBSCRIBERS=<csv>|db [SENDOPTS="--yes ..."]  send a built nieuwsbrief (dry run without --yes); make deploy first: its links and images are asked for on the live site'
	@echo '   make subscriptions  run the subscription service on 127.0.0.1:$$SUBSCRIBE_PORT (default 8001)'
	@echo '   make subscribers-export FILE=<csv> | subscribers-purge | subscribers-erase EMAIL=<address>'
	@echo '   make deploy DEPLOY_TARGET=<dir> or [user@]host:<dir>  publish, upload a release and switch current to it'
	@echo '   make rollback DEPLOY_TARGET=...  point current at the release before the live one'
	@echo '   make bench       build-speed benchmark vs plain Pelican (SIZES="1000 4000" REPEAT=3), table into README'
	@echo ''

# The stamp is a copy of the lock file the .venv was installed from: a fresh clone (newer files) beside
# an installed .venv, e.g. make html VENV=../dtz/.venv, installs nothing when the lock file is the same.
$(STAMP): requirements/lock.txt
	@if cmp -s requirements/lock.txt "$(STAMP)"; then touch "$(STAMP)"; else \
	  set -x; { test -x "$(VENV)/bin/python" || $(PY) -m venv "$(VENV)"; } && \
	  "$(VENV)/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements/lock.txt && \
	  cp requirements/lock.txt "$(STAMP)"; fi

venv: $(STAMP)

html: $(STAMP)
	DTZ_PREVIEW=0 "$(PELICAN)" "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS)

PDF?=0
serve: $(STAMP)
	@test "$(abspath $(PREVIEWDIR))" != "$(abspath $(OUTPUTDIR))" || { echo 'make serve: PREVIEWDIR is gelijk aan OUTPUTDIR — de voorbeeldweergave krijgt een eigen map'; exit 2; }
	DTZ_PREVIEW=1 DTZ_PDF=$(PDF) PYTHONPATH="$(DTZ_PYTHONPATH)" "$(VENV)/bin/python" -m dtz_serve "$(INPUTDIR)" -o "$(PREVIEWDIR)" -s "$(CONFFILE)" --cache-path "$(PREVIEWCACHE)" $(PELICANOPTS) -p $(PORT) -b $(SERVER)

PUBLISH_BUILD=DTZ_PREVIEW=0 "$(PELICAN)" "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(PUBLISHCONF)" $(PELICANOPTS)
publish: $(STAMP)
	$(PUBLISH_BUILD)

# Lighthouse for the deploy tests: npm ci into tests/lighthouse/node_modules/ (gitignored), no browser
# download (tests use Debian's Chromium); skipped quietly where npm is missing (.ci/run installs it).
LIGHTHOUSE=$(BASEDIR)/tests/lighthouse
LIGHTHOUSE_STAMP=$(LIGHTHOUSE)/node_modules/.installed
$(LIGHTHOUSE_STAMP): $(LIGHTHOUSE)/package-lock.json
	@if command -v npm >/dev/null; then \
	  cd "$(LIGHTHOUSE)" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch "$@"; \
	else echo 'npm ontbreekt: de Lighthouse-test wordt overgeslagen (in CI: mislukt)'; fi

# The Nu Html Checker for make check and the HTML tests: npm ci of the pinned vnu-jar into tools/vnu/node_modules/
# (gitignored). Without npm make check cannot check HTML: one line naming the Debian package, exit 2.
VNU=$(BASEDIR)/tools/vnu
VNU_STAMP=$(VNU)/node_modules/.installed
$(VNU_STAMP): $(VNU)/package-lock.json
	@command -v npm >/dev/null || { echo "make check: de HTML-controle wordt met npm geïnstalleerd: installeer het Debian-pakket 'npm'" >&2; exit 2; }
	@cd "$(VNU)" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null && touch "$@"

# TEST_WORKERS: pytest-xdist workers, one per core of the office's two (TEST_WORKERS=0: one process).
TEST_WORKERS?=2
test: $(STAMP) $(LIGHTHOUSE_STAMP) $(VNU_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/python -m pytest -n $(TEST_WORKERS) $(PYTESTOPTS)

# The fast tier for every edit: every test not marked browser, server or pdf (pytest.ini).
test-fast: $(STAMP) $(VNU_STAMP)
	$(VENV)/bin/python -m pytest -n $(TEST_WORKERS) -m "not browser and not server and not pdf" $(PYTESTOPTS)

lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

check: $(STAMP) $(VNU_STAMP)
	@PYTHONPATH="$(DTZ_PYTHONPATH)" "$(VENV)/bin/python" -m dtz_check --content "$(INPUTDIR)" --output "$(CHECKDIR)" --cache "$(CHECKCACHE)" --settings "$(CONFFILE)" --forbidden "$(OUTPUTDIR)" --forbidden "$(PREVIEWDIR)" -- $(PELICANOPTS)

clean:
	rm -rf "$(OUTPUTDIR)" "$(PREVIEWDIR)" "$(CHECKDIR)" "$(BASEDIR)/cache" "$(BASEDIR)/.pytest_cache"

.PHONY: help venv html serve publish check test test-fast lint clean

guide: $(STAMP)
	cd plugins && PYTHONPATH="$(DTZ_PYTHONPATH)" "$(VENV)/bin/python" -m dtz_content.guide ../docs/redactie.md

.PHONY: guide

# Newsletter delivery (services/dtz_send, README "Sending the nieuwsbrief"). It sends what
# `make html` built into output/; without --yes it only shows what it would send. It asks the live
# site (DTZ_SITE_URL) for every link and image of the issue first: deploy first (--skip-live-check skips it).
#   make send ISSUE=<slug> SUBSCRIBERS=<csv> SENDOPTS="--smtp HOST:587 --starttls --user NAME --yes"
# SUBSCRIBERS=db: the confirmed subscribers in DTZ_SUBSCRIBE_DB (services/dtz_subscribe).
SENDOPTS?=
SENDLOGS?=$(BASEDIR)/sendlogs
send: $(STAMP)
	@test -n "$(ISSUE)" -a -n "$(SUBSCRIBERS)" || { echo 'usage: make send ISSUE=<slug> SUBSCRIBERS=<csv>|db [SENDOPTS="--yes ..."]'; exit 2; }
	PYTHONPATH="$(DTZ_PYTHONPATH)" "$(VENV)/bin/python" -m dtz_send "$(ISSUE)" "$(SUBSCRIBERS)" --output "$(OUTPUTDIR)" --content "$(INPUTDIR)" --log-dir "$(SENDLOGS)" $(SENDOPTS)

.PHONY: send

# Build-speed benchmark (bench/run.py): DTZ cold, DTZ warm rebuild and plain Pelican; not a CI test.
#   make bench SIZES=1000 REPEAT=3      (BENCH_README= leaves README.md alone)
SIZES?=1000 4000
REPEAT?=3
BENCH_README?=README.md
bench: $(STAMP)
	$(VENV)/bin/python bench/run.py --sizes $(SIZES) --repeat $(REPEAT) $(if $(BENCH_README),--readme $(BENCH_README))

.PHONY: bench

# Atomic deploys (services/dtz_deploy, README "Deploy"): publish, upload into <dir>/releases/<id>/,
# switch <dir>/current with one rename. DEPLOY_SSH is the remote shell (e.g. "ssh -p 2222 -i key").
#   make deploy DEPLOY_TARGET=deploy@www.example.nl:/srv/dtz      make rollback DEPLOY_TARGET=...
DEPLOY_TARGET?=
DEPLOY_SSH?=ssh
DEPLOY_KEEP?=5
export DEPLOY_TARGET DEPLOY_SSH DEPLOY_KEEP
DEPLOY=PYTHONPATH="$(DTZ_PYTHONPATH)" "$(VENV)/bin/python" -m dtz_deploy
deploy: $(STAMP)
	@$(DEPLOY) check
	@$(PUBLISH_BUILD) || { echo 'dtz_deploy: make publish is mislukt (de regels hierboven zeggen waarom); er is niets omgezet.' >&2; exit 2; }
	@$(DEPLOY) deploy --output "$(OUTPUTDIR)"

rollback: $(STAMP)
	@$(DEPLOY) rollback

.PHONY: deploy rollback

# Subscriptions (services/dtz_subscribe, README "Subscriptions"): the sign-up/confirm/unsubscribe service and its data.
# The database is DTZ_SUBSCRIBE_DB (default var/abonnees.sqlite); secrets and SMTP come from the environment.
SUBSCRIBE_PORT?=8001
SUBSCRIBE=PYTHONPATH="$(DTZ_PYTHONPATH)" "$(VENV)/bin/python" -m dtz_subscribe
subscriptions: $(STAMP)
	$(SUBSCRIBE) serve --port $(SUBSCRIBE_PORT)

subscribers-export: $(STAMP)
	@test -n "$(FILE)" || { echo 'usage: make subscribers-export FILE=<csv buiten het project>'; exit 2; }
	$(SUBSCRIBE) export "$(FILE)"

subscribers-purge: $(STAMP)
	$(SUBSCRIBE) purge

subscribers-erase: $(STAMP)
	@test -n "$(EMAIL)" || { echo 'usage: make subscribers-erase EMAIL=<adres>'; exit 2; }
	$(SUBSCRIBE) erase "$(EMAIL)"
	PYTHONPATH="$(DTZ_PYTHONPATH)" "$(VENV)/bin/python" -m dtz_send.erasure --log-dir "$(SENDLOGS)" "$(EMAIL)"

.PHONY: subscriptions subscribers-export subscribers-purge subscribers-erase

# A new item as a draft (services/dtz_new): make new TYPE=parel TITLE="Hal Techniek"
# A translation of an item, beside it: make new TYPE=parel TAAL=en SLUG=hal-techniek (TAAL, not the shell's LANG)
TYPE?=
TITLE?=
new: $(STAMP)
	@PYTHONPATH="$(DTZ_PYTHONPATH)" "$(VENV)/bin/python" -m dtz_new "$(TYPE)" "$(TITLE)" --content "$(INPUTDIR)" --settings "$(CONFFILE)" $(if $(NEWSLETTER_PATH),--newsletter-path "$(NEWSLETTER_PATH)") $(if $(TAAL),--lang "$(TAAL)" --slug "$(SLUG)")

.PHONY: new

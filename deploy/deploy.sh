#!/usr/bin/env bash
# Deploy the checked-out code on one machine: install, migrate, collect static files, check the
# production settings, then reload the web node without dropping requests and restart the
# Celery worker and beat.
#
#   sudo -u tour deploy/deploy.sh            (from the app folder, e.g. /srv/tour/app)
#
# Environment: TOUR_ENV_FILE (default /etc/tour/tour.env) holds the site's settings (see
# deploy/tour.env.example). TOUR_INSTALL=0 skips the pip step. TOUR_RELOAD, TOUR_RESTART_WORKERS: the commands that reload the web
# node and restart worker + beat (defaults: systemctl, see deploy/systemd/). On several web
# machines run this on each; migrations run once, on whichever runs first (they are idempotent),
# and must be backwards compatible with the code still running on the others.
set -euo pipefail
cd "$(dirname "$0")/.."

ENV_FILE=${TOUR_ENV_FILE:-/etc/tour/tour.env}
VENV=${TOUR_VENV:-.venv}
RELOAD=${TOUR_RELOAD:-sudo systemctl reload tour-web.service}
RESTART_WORKERS=${TOUR_RESTART_WORKERS:-sudo systemctl restart tour-worker.service tour-beat.service}

if [ -f "$ENV_FILE" ]; then
  set -a
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  set +a
fi

step() { printf '== %s\n' "$*"; }

if [ "${TOUR_INSTALL:-1}" = 1 ]; then
  step "python packages"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q -r requirements.txt
fi

step "migrations"
"$VENV/bin/python" manage.py migrate --noinput

step "static files"
"$VENV/bin/python" manage.py collectstatic --noinput -v0

step "production checks"
"$VENV/bin/python" manage.py check --deploy --fail-level WARNING

step "reload the web node (graceful: running requests finish on the old workers)"
eval "$RELOAD"

step "restart the worker (warm: it finishes its running task first) and beat"
eval "$RESTART_WORKERS"

step "done"

#!/usr/bin/env bash
# The production shape on one machine, in a folder of its own, for load, scale-out and fault runs:
# a private PostgreSQL cluster and Redis server (own ports: restarting them harms nothing else on
# the machine), N gunicorn instances and N Celery workers with production settings, one beat, an
# SMTP sink, and nginx in front (TLS with a throw-away certificate, load-balancing the gunicorns).
#
#   bench/load/stack.sh up [N]     start (N = 1 or 2 web+worker pairs; default 1) and load demo data
#   bench/load/stack.sh down       stop everything and remove the folder
#   bench/load/stack.sh env        print the environment the stack's processes use (for verify.py)
#   bench/load/stack.sh pg-restart | redis-stop | redis-start | smtp-stop | smtp-start | kill-worker
#
# Everything listens on 127.0.0.1 only. Needs: Debian's postgresql, redis-server, nginx, openssl.
set -euo pipefail
cd "$(dirname "$0")/../.."

STACK=${STACK_DIR:-/tmp/via-stack}
PY=${PY:-.venv/bin/python}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
PGPORT=55432
REDISPORT=56379
SMTPPORT=2525
HTTPSPORT=8443

stack_env() {
  cat <<ENV
DJANGO_SETTINGS_MODULE=portal.settings.production
SECRET_KEY=$(cat "$STACK/secret" 2>/dev/null || echo unset)
ALLOWED_HOSTS=127.0.0.1,localhost
CSRF_TRUSTED_ORIGINS=https://127.0.0.1:$HTTPSPORT
PORTAL_BASE_URL=https://127.0.0.1:$HTTPSPORT
DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/portal
REDIS_URL=redis://127.0.0.1:$REDISPORT/0
EMAIL_HOST=127.0.0.1
EMAIL_PORT=$SMTPPORT
EMAIL_USE_TLS=false
EMAIL_TIMEOUT=5
HELPDESK_TEAM_EMAIL=helpdesk@load.example
CLIENT_IP_HEADER=HTTP_X_REAL_IP
TRUSTED_PROXIES=127.0.0.1
STATIC_ROOT=$STACK/static
PRIVATE_MEDIA_ROOT=$STACK/private-media
SECURE_HSTS_SECONDS=0
SECURE_HSTS_PRELOAD=false
CELERY_TASK_ALWAYS_EAGER=false
ENV
}

export_env() { set -a; eval "$(stack_env)"; set +a; }

start_postgres() {
  if [ ! -d "$STACK/pg" ]; then
    chown postgres "$STACK" 2>/dev/null || true
    su postgres -c "$PGBIN/initdb -D $STACK/pg -A trust -U postgres --no-sync" >/dev/null
  fi
  su postgres -c "$PGBIN/pg_ctl -D $STACK/pg -l $STACK/pg.log -o '-p $PGPORT -k $STACK -c listen_addresses=127.0.0.1 -c fsync=off' -w start" >/dev/null
}
stop_postgres() { su postgres -c "$PGBIN/pg_ctl -D $STACK/pg -m fast -w stop" >/dev/null 2>&1 || true; }

start_redis() {
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDISPORT" --save "" --appendonly yes \
    --dir "$STACK" --pidfile "$STACK/redis.pid" --logfile "$STACK/redis.log"
  for _ in $(seq 1 50); do redis-cli -p "$REDISPORT" ping >/dev/null 2>&1 && return; sleep 0.1; done
}
stop_redis() { redis-cli -p "$REDISPORT" shutdown nosave >/dev/null 2>&1 || true; }

start_smtp() {
  nohup "$PY" bench/load/smtp_sink.py --port "$SMTPPORT" --out "$STACK/mail.jsonl" >"$STACK/smtp.log" 2>&1 &
  echo $! >"$STACK/smtp.pid"
  sleep 1
}
stop_smtp() { kill "$(cat "$STACK/smtp.pid" 2>/dev/null)" 2>/dev/null || true; }

start_web_and_workers() {
  local n=$1 i
  for i in $(seq 1 "$n"); do
    nohup .venv/bin/gunicorn portal.wsgi:application --bind "127.0.0.1:820$i" --workers 3 --timeout 60 \
      --limit-request-line 8190 --access-logfile "$STACK/web$i.access.log" \
      --logger-class portal.gunicorn_logging.RedactingLogger >"$STACK/web$i.log" 2>&1 &
    echo $! >"$STACK/web$i.pid"
    nohup .venv/bin/celery -A portal worker --loglevel INFO --concurrency 2 --hostname "worker$i@%h" \
      >"$STACK/worker$i.log" 2>&1 &
    echo $! >"$STACK/worker$i.pid"
  done
  nohup .venv/bin/celery -A portal beat --loglevel INFO --schedule "$STACK/beat-schedule" >"$STACK/beat.log" 2>&1 &
  echo $! >"$STACK/beat.pid"
}

write_nginx() {
  local n=$1 i servers=""
  for i in $(seq 1 "$n"); do servers+="    server 127.0.0.1:820$i max_fails=0;"$'\n'; done
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -keyout "$STACK/tls.key" -out "$STACK/tls.crt" >/dev/null 2>&1
  cat >"$STACK/nginx.conf" <<NGINX
worker_processes 1;
pid $STACK/nginx.pid;
error_log $STACK/nginx.error.log warn;
events { worker_connections 1024; }
http {
  access_log $STACK/nginx.access.log;
  client_body_temp_path $STACK/nginx-body;
  proxy_temp_path $STACK/nginx-proxy;
  fastcgi_temp_path $STACK/nginx-fastcgi;
  uwsgi_temp_path $STACK/nginx-uwsgi;
  scgi_temp_path $STACK/nginx-scgi;
  client_max_body_size 60m;
  # The load generator names the visitor it stands for in X-Forwarded-For (as a CDN would);
  # trusted only from loopback, and handed on as X-Real-IP like the production proxy does.
  set_real_ip_from 127.0.0.1;
  real_ip_header X-Forwarded-For;
  upstream portal {
$servers  }
  server {
    listen 127.0.0.1:$HTTPSPORT ssl;
    ssl_certificate $STACK/tls.crt;
    ssl_certificate_key $STACK/tls.key;
    location / {
      proxy_pass http://portal;
      proxy_set_header Host \$host:\$server_port;
      proxy_set_header X-Forwarded-Proto https;
      proxy_set_header X-Real-IP \$remote_addr;
      proxy_next_upstream error timeout;
      # Which instance answered (the load stack only; across.py checks the spread).
      add_header X-Upstream \$upstream_addr always;
    }
  }
}
NGINX
}

wait_http() {
  for _ in $(seq 1 120); do
    curl -ks -o /dev/null -w '%{http_code}' "https://127.0.0.1:$HTTPSPORT/gezondheid/" 2>/dev/null | grep -q 200 && return
    sleep 0.5
  done
  echo "stack: the portal did not come up; see $STACK/*.log" >&2
  exit 1
}

up() {
  local n=${1:-1}
  down >/dev/null 2>&1 || true
  mkdir -p "$STACK" "$STACK/private-media"
  head -c 48 /dev/urandom | base64 | tr -d '\n/+=' >"$STACK/secret"
  export_env
  start_postgres
  createdb -h 127.0.0.1 -p "$PGPORT" -U postgres portal
  start_redis
  start_smtp
  "$PY" manage.py migrate --noinput >"$STACK/migrate.log"
  "$PY" manage.py load_demo --force >"$STACK/demo.log" 2>&1 || { tail -n 20 "$STACK/demo.log" >&2; exit 1; }
  "$PY" manage.py collectstatic --noinput >/dev/null
  start_web_and_workers "$n"
  write_nginx "$n"
  nginx -c "$STACK/nginx.conf"
  wait_http
  : >"$STACK/nginx.access.log"  # the start-up polls are not part of any run
  echo "stack: up with $n web+worker pair(s) at https://127.0.0.1:$HTTPSPORT (folder $STACK)"
}

down() {
  [ -f "$STACK/nginx.pid" ] && nginx -c "$STACK/nginx.conf" -s stop 2>/dev/null || true
  for pidfile in "$STACK"/web*.pid "$STACK"/worker*.pid "$STACK"/beat.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  sleep 2
  for pidfile in "$STACK"/web*.pid "$STACK"/worker*.pid "$STACK"/beat.pid; do
    [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null || true
  done
  stop_smtp
  stop_redis
  [ -d "$STACK/pg" ] && stop_postgres
  rm -rf "$STACK"
}

case "${1:-}" in
  up) up "${2:-1}" ;;
  down) down ;;
  env) stack_env ;;
  pg-restart) stop_postgres; sleep "${2:-5}"; start_postgres ;;
  pg-stop) stop_postgres ;;
  pg-start) start_postgres ;;
  redis-stop) stop_redis ;;
  redis-start) start_redis ;;
  smtp-stop) stop_smtp ;;
  smtp-start) start_smtp ;;
  kill-worker) kill -9 "$(cat "$STACK/worker${2:-1}.pid")" ;;
  start-worker)
    export_env
    nohup .venv/bin/celery -A portal worker --loglevel INFO --concurrency 2 --hostname "worker${2:-1}@%h" \
      >>"$STACK/worker${2:-1}.log" 2>&1 &
    echo $! >"$STACK/worker${2:-1}.pid" ;;
  *) echo "usage: $0 up [N] | down | env | pg-restart [s] | pg-stop | pg-start | redis-stop | redis-start | smtp-stop | smtp-start | kill-worker [i] | start-worker [i]" >&2; exit 2 ;;
esac

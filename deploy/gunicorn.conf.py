"""gunicorn configuration for BenchGuard (`benchguard serve` passes it with -c).

Every value comes from the environment (the same env file as the app, docs/deployment.md);
command-line options given to `benchguard serve` (--bind, --workers, --threads) win.

    GUNICORN_BIND             127.0.0.1:8000   address(es) to listen on, comma-separated
    WEB_CONCURRENCY           2 × cores + 1    worker processes (gunicorn's own variable)
    GUNICORN_THREADS          4                threads per worker (gthread worker class)
    GUNICORN_TIMEOUT          60               seconds a request may take before its worker is restarted
    GUNICORN_GRACEFUL_TIMEOUT 30               seconds to finish requests on restart/stop
    GUNICORN_KEEPALIVE        5                seconds to hold an idle keep-alive connection (nginx in front)
    GUNICORN_MAX_REQUESTS     2000             requests before a worker is replaced (0: never), ±10 % jitter
    GUNICORN_ACCESS_LOG       -                access log: "-" standard output, a path, or "off"
    LOG_FORMAT / LOG_LEVEL    json / INFO      as for the app (benchguard.core.logs)

Access lines carry the request id (X-Request-ID, from RequestIdMiddleware) so a line in
the access log, a line in the app's log and a line of the audit trail can be matched.
"""

import multiprocessing
import os

from benchguard.core.logs import gunicorn_logconfig


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = [
    address.strip() for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",") if address
]
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
# Threads let a worker overlap requests waiting on PostgreSQL; CONN_MAX_AGE keeps one
# connection per thread, so workers × threads × app servers ≤ PostgreSQL's max_connections.
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# Requests larger than nginx lets through never reach us; these guard a direct caller.
limit_request_line = 8190
limit_request_fields = 100

# nginx on the same machine (or the load balancer) sets X-Forwarded-Proto/-For.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proxy_allow_ips = forwarded_allow_ips

_access_log = os.environ.get("GUNICORN_ACCESS_LOG", "-").strip() or "-"
accesslog = None if _access_log == "off" else _access_log
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}o)s "%(a)s"'
logconfig_dict = gunicorn_logconfig(
    os.environ.get("LOG_FORMAT", "json").strip() or "json",
    os.environ.get("LOG_LEVEL", "INFO").strip() or "INFO",
    access_log=accesslog,
)

wsgi_app = "benchguard.config.wsgi:application"
proc_name = "benchguard-web"
# Load the app in each worker, not the master: a rolling restart (SIGHUP) then picks up
# new code, and no database connection is shared across fork.
preload_app = False
# gunicorn 24+ opens a control socket in $HOME by default: one path for every server of
# a user would clash when several run on one machine, and systemd manages us by signals.
control_socket_disable = True
# A temporary directory in memory for the workers' heartbeat files (containers).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

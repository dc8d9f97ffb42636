"""Production as deploy/ describes it, seen from outside as readers' browsers, feed
readers and CDNs see it: Debian's nginx with deploy/nginx/nyhetsrum.conf (TLS on a
throw-away certificate) in front of gunicorn started by the ExecStart line of
deploy/systemd/nyhetsrum-web.service, production settings, no Redis (the database
cache the README describes), PostgreSQL, the demo content.

Only the addresses are changed from the deploy files (loopback ports, temporary
paths); every substitution must find its text, so the files and this test cannot
drift apart. Skips only where nginx, openssl, PostgreSQL or gunicorn is missing
(.ci/run installs them).
"""

import gzip
import http.client
import os
import re
import shlex
import ssl
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html

from scripts.harness import (
    ROOT,
    PrivatePostgres,
    Unavailable,
    build_site,
    free_port,
    port_open,
    production_env,
    require,
    start_process,
    stop_group,
    wait_for,
)

# Its own PostgreSQL/SQLite and servers, whatever DATABASE_URL says: run once.
pytestmark = pytest.mark.own_servers

DEPLOY = ROOT / "deploy"
SEED = {
    "sv": "/nyheter/region-blekinge-satsar-pa-lanets-aterhamtning/",
    "en": "/en/news/region-blekinge-invests-in-the-countys-recovery/",
}
PROJECT = {"sv": "/projekt/kickstart-s3/", "en": "/en/projects/kickstart-s3/"}
HOME = {"sv": "/", "en": "/en/"}
FEEDS = ["/nyheter/rss/", "/nyheter/atom/", "/en/news/rss/", "/en/news/atom/"]
SECURITY_HEADERS = (
    "Strict-Transport-Security",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
    "Permissions-Policy",
)
# Debian's libnginx-mod-http-brotli-* (modules-enabled/ names them relative to
# /usr/share/nginx, so they are loaded here by their full paths).
BROTLI_MODULES = [
    Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so"),
    Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"),
]


def substitute(text: str, replacements: dict[str, str]) -> str:
    for old, new in replacements.items():
        assert old in text, f"deploy file no longer contains {old!r}"
        text = text.replace(old, new)
    return text


class Client:
    """HTTPS to nginx on loopback, bodies as sent (never decompressed)."""

    def __init__(self, port: int):
        self.port = port
        self.context = ssl.create_default_context()
        self.context.check_hostname = False
        self.context.verify_mode = ssl.CERT_NONE  # a throw-away certificate

    def get(self, path: str, method: str = "GET", body=None, **headers):
        conn = http.client.HTTPSConnection(
            "127.0.0.1", self.port, context=self.context, timeout=60
        )
        try:
            headers.setdefault("Host", "127.0.0.1")
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            return response.status, response.headers, response.read()
        finally:
            conn.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("deploy")
    try:
        require("initdb", "pg_ctl", "gunicorn", "nginx", "openssl")
        if not all(module.exists() for module in BROTLI_MODULES):
            raise Unavailable("nginx's brotli modules are not installed")
        postgres = PrivatePostgres(prefix="cms-deploy-pg-")
    except Unavailable as reason:
        pytest.skip(f"deploy check: {reason}")
    web = nginx = None
    try:
        postgres.init()
        postgres.start()
        https_port, http_port, app_port = free_port(), free_port(), free_port()
        media = work / "media"
        env = production_env(
            postgres.create_database("cms_deploy"),
            "",  # the README's set-up without Redis
            media,
            https_port,
            BASE_URL=f"https://127.0.0.1:{https_port}",
            SECURE_SSL_REDIRECT="true",
            TRUSTED_PROXY_COUNT="1",
            LOG_LEVEL="WARNING",
        )
        build_site(env)

        unit = (DEPLOY / "systemd" / "nyhetsrum-web.service").read_text()
        exec_start = re.search(r"^ExecStart=(.+)$", unit, re.MULTILINE).group(1)
        exec_start = substitute(
            exec_start,
            {
                "/srv/nyhetsrum/.venv/bin/": str(ROOT / ".venv" / "bin") + "/",
                "127.0.0.1:8000": f"127.0.0.1:{app_port}",
            },
        )
        web = start_process(shlex.split(exec_start), env, work / "gunicorn.log")
        wait_for(lambda: port_open(app_port), 60, "gunicorn from the systemd unit")

        subprocess.run(
            [
                *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes"),
                *("-days", "2", "-subj", "/CN=127.0.0.1"),
                *("-keyout", str(work / "privkey.pem")),
                *("-out", str(work / "fullchain.pem")),
            ],
            check=True,
            capture_output=True,
        )
        site_conf = substitute(
            (DEPLOY / "nginx" / "nyhetsrum.conf").read_text(),
            {
                "server 127.0.0.1:8000": f"server 127.0.0.1:{app_port}",
                "listen 80;": f"listen 127.0.0.1:{http_port};",
                "listen [::]:80;": "",
                "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
                "listen [::]:443 ssl http2;": "",
                "/etc/ssl/nyhetsrum/": f"{work}/",
                "/var/www/letsencrypt": str(work),
                "/srv/nyhetsrum/staticfiles/": env["STATIC_ROOT"] + "/",
                "/srv/nyhetsrum/media/": f"{media}/",
            },
        )
        (work / "nyhetsrum.conf").write_text(site_conf)
        # What Debian's /etc/nginx/nginx.conf gives the site file, in a folder of
        # our own.
        (work / "nginx.conf").write_text(
            f"""
            {"user root;" if os.geteuid() == 0 else ""}
            {"".join(f"load_module {module};" for module in BROTLI_MODULES)}
            daemon off;
            worker_processes 2;
            pid {work}/nginx.pid;
            error_log {work}/nginx-error.log warn;
            events {{ worker_connections 256; }}
            http {{
                include /etc/nginx/mime.types;
                default_type application/octet-stream;
                sendfile on;
                access_log {work}/nginx-access.log;
                client_body_temp_path {work}/body;
                proxy_temp_path {work}/proxy;
                fastcgi_temp_path {work}/fastcgi;
                uwsgi_temp_path {work}/uwsgi;
                scgi_temp_path {work}/scgi;
                include {work}/nyhetsrum.conf;
            }}
            """
        )
        nginx_args = ["nginx", "-p", str(work), "-c", str(work / "nginx.conf")]
        checked = subprocess.run(
            [*nginx_args, "-t"], capture_output=True, text=True, check=False
        )
        assert checked.returncode == 0, checked.stderr
        nginx = start_process(nginx_args, env, work / "nginx.out")
        wait_for(lambda: port_open(https_port), 30, "nginx")
        client = Client(https_port)
        wait_for(lambda: client.get("/healthz")[0] == 200, 60, "the site via nginx")
        yield client, http_port, env, media
    finally:
        stop_group(nginx)
        stop_group(web)
        postgres.cleanup()


def links(body: bytes, xpath: str) -> list[str]:
    return [str(value) for value in html.fromstring(body).xpath(xpath)]


def srcset_urls(values: list[str]) -> list[str]:
    return [part.split()[0] for value in values for part in value.split(",") if part]


def local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def area_pages(client) -> dict[str, str]:
    found = {}
    for language, prefix in (
        ("sv", "/smart-specialisering/"),
        ("en", "/en/smart-specialisation/"),
    ):
        body = client.get(SEED[language])[2]
        found[language] = next(
            href
            for href in links(body, "//a/@href")
            if href.startswith(prefix) and href.count("/") == prefix.count("/") + 1
        )
    return found


def test_health_and_the_redirect_to_https(site):
    client, http_port, _env, _media = site
    assert client.get("/healthz")[0] == 200
    assert client.get("/readyz")[0] == 200
    conn = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
    conn.request("GET", SEED["sv"], headers={"Host": "127.0.0.1"})
    response = conn.getresponse()
    assert response.status == 301
    assert response.headers["Location"] == "https://127.0.0.1" + SEED["sv"]


def test_every_image_loads_in_both_languages(site):
    client, _port, _env, _media = site
    pages = [*SEED.values(), *PROJECT.values(), *HOME.values()]
    pages += area_pages(client).values()
    for page in pages:
        status, _headers, body = client.get(page)
        assert status == 200, page
        images = links(body, "//img/@src")
        images += srcset_urls(links(body, "//img/@srcset | //source/@srcset"))
        images += links(body, "//meta[@property='og:image']/@content")
        media = [url for url in images if "/media/" in url]
        assert media or page in HOME.values(), f"no content images on {page}"
        for url in sorted(set(images)):
            status, headers, data = client.get(local(url))
            assert status == 200, f"{page}: {url} answered {status}"
            assert headers["Content-Type"].startswith("image/"), url
            assert data, url
    emblem = links(
        client.get(PROJECT["en"])[2], "//img[contains(@alt, 'European')]/@src"
    )
    assert emblem, "the EU emblem is on the project page"


def test_text_comes_back_compressed_to_clients_that_ask(site):
    client, _port, _env, _media = site
    page = client.get(SEED["en"])[2]
    css = links(page, "//link[@rel='stylesheet']/@href")
    js = links(page, "//script/@src")
    assert css and js
    for url in [SEED["sv"], SEED["en"], *FEEDS, "/sitemap.xml", *css, *js]:
        _status, _headers, plain = client.get(url, **{"Accept-Encoding": "identity"})
        for encoding in ("gzip", "br"):
            status, headers, body = client.get(url, **{"Accept-Encoding": encoding})
            assert status == 200, url
            assert headers.get("Content-Encoding") == encoding, (url, encoding)
            assert "Accept-Encoding" in ",".join(headers.get_all("Vary") or []), url
            assert len(body) < len(plain), url
            if encoding == "gzip":
                assert gzip.decompress(body) == plain, url


def test_static_and_media_caching(site):
    client, _port, _env, _media = site
    page = client.get(SEED["sv"])[2]
    css = links(page, "//link[@rel='stylesheet']/@href")[0]
    assert re.search(r"\.[0-9a-f]{12}\.css$", css), css
    _status, headers, _body = client.get(css)
    assert "max-age=31536000" in headers["Cache-Control"]
    assert "immutable" in headers["Cache-Control"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    image = next(url for url in links(page, "//img/@src") if "/media/" in url)
    status, headers, _body = client.get(local(image))
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=604800"
    assert "sandbox" in headers["Content-Security-Policy"]


def test_validators_are_stable_across_workers_and_answer_304(site):
    client, _port, _env, _media = site
    for url in (SEED["sv"], SEED["en"], "/nyheter/", "/en/news/atom/"):
        answers = [client.get(url, **{"Accept-Encoding": "gzip"}) for _ in range(12)]
        etags = {headers["ETag"] for _s, headers, _b in answers}
        modified = {headers["Last-Modified"] for _s, headers, _b in answers}
        assert len(etags) == 1, (url, etags)
        assert len(modified) == 1, (url, modified)
        (etag,), (since,) = etags, modified
        status, _headers, body = client.get(
            url, **{"Accept-Encoding": "gzip", "If-None-Match": etag}
        )
        assert (status, body) == (304, b""), (url, "If-None-Match")
        status, _headers, body = client.get(url, **{"If-Modified-Since": since})
        assert (status, body) == (304, b""), (url, "If-Modified-Since")


def test_readers_get_no_cookies_and_every_security_header(site):
    client, _port, _env, _media = site
    for url in [*SEED.values(), *HOME.values(), *FEEDS, "/sok/?q=strategi"]:
        status, headers, _body = client.get(url)
        assert status == 200, url
        assert headers.get("Set-Cookie") is None, url
        if not url.endswith(("rss/", "atom/")):
            for name in SECURITY_HEADERS:
                assert headers.get(name), (url, name)


def test_documents_only_through_wagtails_view_and_uploads_are_limited(site):
    client, _port, _env, media = site
    (media / "documents").mkdir(parents=True, exist_ok=True)
    (media / "documents" / "rapport.pdf").write_bytes(b"%PDF-1.4 private")
    assert client.get("/media/documents/rapport.pdf")[0] == 404
    too_big = b"x" * (26 * 1024 * 1024)
    status, _headers, _body = client.get(
        "/admin/login/", method="POST", body=too_big, **{"Content-Type": "text/plain"}
    )
    assert status == 413


@pytest.fixture(scope="module")
def mail_worker(site, tmp_path_factory):
    """The queue worker from deploy/systemd/nyhetsrum-worker.service, sending to a
    real SMTP server on 127.0.0.1 (the web server only queues mail)."""
    from aiosmtpd.controller import Controller

    from tests.distribution.conftest import Inbox

    _client, _port, env, _media = site
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    unit = (DEPLOY / "systemd" / "nyhetsrum-worker.service").read_text()
    exec_start = re.search(r"^ExecStart=(.+)$", unit, re.MULTILINE).group(1)
    exec_start = substitute(
        exec_start, {"/srv/nyhetsrum/.venv/bin/": str(ROOT / ".venv" / "bin") + "/"}
    )
    worker_env = {**env, "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}"}
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    worker = start_process(shlex.split(exec_start), worker_env, log)
    try:
        yield inbox
    finally:
        stop_group(worker)
        smtp.stop()


def test_sign_up_confirm_and_one_click_unsubscribe_through_nginx(site, mail_worker):
    from urllib.parse import urlencode

    from tests.distribution.conftest import body

    client, _port, env, _media = site
    base = env["BASE_URL"]
    form = urlencode(
        {
            "email": "deploy@example.se",
            "language": "sv",
            "kinds": "press_release",
            "frequency": "immediate",
        }
    )
    status, headers, _body = client.get(
        "/prenumerera/",
        method="POST",
        body=form,
        **{"Content-Type": "application/x-www-form-urlencoded", "Origin": base},
    )
    assert status == 303, _body[:500]
    assert headers.get("Set-Cookie") is None
    wait_for(lambda: mail_worker.to("deploy@example.se"), 60, "the confirmation")
    (message,) = mail_worker.to("deploy@example.se")
    (confirm,) = re.findall(re.escape(base) + r"(/\S+)", body(message))
    status, headers, page = client.get(confirm)
    assert status == 200
    assert "Din prenumeration är bekräftad" in page.decode()
    assert headers.get("Set-Cookie") is None
    assert headers["Cache-Control"] == "no-store, private"
    (manage,) = re.findall(r'href="(/prenumeration/[^"]+/)"', page.decode())
    # A mail provider's one-click POST: no cookie, no token, no Origin.
    status, _headers, _body = client.get(
        manage + "avsluta/",
        method="POST",
        body="List-Unsubscribe=One-Click",
        **{"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 200
    assert client.get(manage)[0] == 404

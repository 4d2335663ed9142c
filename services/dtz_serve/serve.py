"""The preview loop: build, serve, wait for a save, write its page at once from the last good build, then let
the full build catch up behind it on a thread of its own, so the next save never waits for it. What the server
adds to the pages it serves (``Preview``: the reload script, the errors) it never adds to PREVIEWDIR's files."""

import contextlib
import functools
import html
import logging
import os
import queue
import re
import sys
import threading
import urllib.parse
from http import HTTPStatus
from http.server import ThreadingHTTPServer
from pathlib import Path

import watchfiles
from pelican import get_instance, parse_arguments
from pelican.server import ComplexHTTPRequestHandler
from pelican.utils import FileChangeFilter

import dtz_build
import dtz_content
from dtz_contract import digest, inside

logging.getLogger("pelican.server").setLevel(logging.ERROR)  # one line per save is enough: none per request or missing page

# What editors write beside the file being saved, never content: vim's swap, backup and write test (.x.swp, x~, 4913),
# emacs' autosave and lock (#x#, .#x), `sed -i`'s sedXXXXXX; Pelican's filter matches IGNORE_FILES on the whole path.
EDITOR_FILES = ("*/.*.sw?", "*~", "*/#*#", "*/.#*", "*/4913", "*/sed??????")
IDLE = "Bijgewerkt; wacht op de volgende opslag."
EVENTS = "/_dtz/events"  # ?page=<the page's path>&digest=<what it was served from>
BODY, BODY_END = re.compile(rb"<body\b[^>]*>", re.I), re.compile(rb"</body\s*>", re.I)
PANEL_STYLE = (
    "margin:0;padding:1rem 1.25rem;background:#fff4f4;color:#5c0011;border-bottom:4px solid #b00020;"
    "font:1rem/1.5 system-ui,sans-serif;position:relative;z-index:1000"
)

# Reloads once the server says this page changed; the scroll position survives in sessionStorage.
# The browser's own restoration is off: it would move the page again after ours, by its own anchor.
SCRIPT = """<script>(function(){history.scrollRestoration="manual";
var k="dtz-scroll:"+location.pathname,y=sessionStorage.getItem(k);
if(y!==null){sessionStorage.removeItem(k);scrollTo(0,+y);addEventListener("load",function(){scrollTo(0,+y)});}
var s=new EventSource("%s?page="+encodeURIComponent(location.pathname)+"&digest=%s");
s.addEventListener("reload",function(){s.close();sessionStorage.setItem(k,String(scrollY));location.reload();});})();</script>"""


class Preview:
    """What the served pages show besides PREVIEWDIR (the last save's errors), and the builds open pages wait on."""

    def __init__(self):
        self.errors, self.builds, self.changed = (), 0, threading.Condition()

    def built(self, errors=()):
        """A build ended (``errors``: why it stopped): open pages check whether they changed."""
        with self.changed:
            self.errors = tuple(errors)
            self.builds += 1
            self.changed.notify_all()

    def wait(self, seen, timeout):
        """The number of builds, once it is past ``seen`` or after ``timeout`` seconds."""
        with self.changed:
            self.changed.wait_for(lambda: self.builds != seen, timeout)
            return self.builds

    def digest(self, raw):
        """What a page served from the file bytes ``raw`` is made of: those bytes and the errors shown."""
        return digest(raw, *self.errors)[:16]

    def page(self, raw):
        """The HTML file ``raw`` as the preview serves it: error panel at the top, follow script at the end."""
        at = body.end() if (body := BODY.search(raw)) else 0
        page = raw[:at] + self.panel() + raw[at:]
        at = end.start() if (end := BODY_END.search(page)) else len(page)
        return page[:at] + (SCRIPT % (EVENTS, self.digest(raw))).encode() + page[at:]

    def panel(self):
        if not self.errors:
            return b""
        lines = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in self.errors)
        return (
            f'<section id="dtz-fouten" role="alert" lang="nl" style="{PANEL_STYLE}">'
            '<h2 style="margin:0 0 .5rem;font-size:1.25rem">De laatste opslag heeft fouten</h2>'
            '<p style="margin:0 0 .5rem">U ziet de vorige versie van deze pagina tot ze hersteld zijn:</p>'
            f'<ul style="margin:0;padding-left:1.25rem">{lines}</ul></section>'
        ).encode()


class PreviewHandler(ComplexHTTPRequestHandler):
    """Pelican's handler (pretty URLs), but a missing page gets the site's 404.html with status 404,
    and every HTML page comes with what ``preview`` adds: the reload script, the errors."""

    def __init__(self, *args, directory, preview, **kwargs):
        self.base_path, self.preview = directory, preview
        super().__init__(*args, directory=directory, **kwargs)

    def do_GET(self):
        path, _, query = self.path.partition("?")
        if path == EVENTS:
            return self.follow(urllib.parse.parse_qs(query))
        if not (file := self.html_file(path)) and self.get_path_that_exists(path) is not None:
            return super().do_GET()
        body = self.preview.page(self.raw_page(file))
        self.send_response(HTTPStatus.OK if file else HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def html_file(self, path):
        """The HTML file a page's path is served from, or None (not HTML, missing, or a folder to redirect)."""
        found = self.get_path_that_exists(path) or ""
        file = self.translate_path(found) + ("index.html" if found.endswith("/") else "")
        return file if file.endswith(".html") and os.path.isfile(file) else None

    def raw_page(self, file):
        """The bytes a page is served from: its HTML file (from ``html_file``), else the site's 404 page."""
        file = file or os.path.join(self.base_path, "404.html")
        return Path(file).read_bytes() if os.path.isfile(file) else "<h1>Pagina niet gevonden</h1>".encode()

    def follow(self, query):
        """An open page's event stream: 'reload' once what the page is served from differs from the
        digest it was served with, checked now and after every build; a comment now and then keeps it open."""
        page, served = query.get("page", ["/"])[0], query.get("digest", [""])[0]
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        builds = self.preview.builds
        with contextlib.suppress(OSError):  # the page was closed or left
            while self.preview.digest(self.raw_page(self.html_file(page))) == served:
                self.wfile.write(b": wacht\n\n")  # unbuffered (wbufsize 0): sent at once
                builds = self.preview.wait(builds, timeout=15)
            self.wfile.write(b"event: reload\ndata: \n\n")


def watched_folders(settings, settings_file):
    """Everything a preview is made from that an editor saves: content, every type's folder, theme, settings."""
    folders = [settings_file, settings["THEME"], settings["PATH"]]
    folders += [dtz_content.type_folder(ctype, settings["PATH"], settings) for ctype in dtz_content.TYPES.values()]
    paths = {os.path.abspath(path) for path in folders if os.path.exists(path)}
    return sorted(path for path in paths if not any(inside(path, other) for other in paths - {path}))


def watch(settings, settings_file, saved):
    """Saves from before the first build on, so none is missed; ``saved()`` at once: an older save's build stops.
    Returns the queue of each save's files and the event that ends the watching."""
    changes, stop = queue.Queue(), threading.Event()
    saves = FileChangeFilter(ignore_file_patterns={*settings.get("IGNORE_FILES", []), *EDITOR_FILES})

    def run():
        for found in watchfiles.watch(*watched_folders(settings, settings_file), watch_filter=saves, stop_event=stop, rust_timeout=0):
            saved()
            changes.put({path for _, path in found})

    threading.Thread(target=run, daemon=True).start()
    return changes, stop


def pages_at_once(session, changed, errors):
    """Write the page of every saved item from the last good build; return the errors to show now (other
    files' as they were, the saved files' own). Lists and checks across files are the catching-up build's."""
    saved = tuple(f"{dtz_content.display_path(path)}:" for path in changed)
    shown = [line for line in errors if not line.startswith(saved)]
    for path in sorted(path for path in changed if session.last and os.path.isfile(path)):
        try:
            shown += dtz_content.page_at_once(session.last, path)
        except Exception as error:  # noqa: BLE001 - the build that catches up makes the page and says what is wrong
            logging.getLogger(__name__).debug("geen pagina meteen voor %s", path, exc_info=error)
    return shown


def catch_up(new_pelican, session, preview):
    """The full build behind the pages made at once, on a thread of its own, again each time the returned event
    is set; only the last save's build shows its errors, and once its search index is made, IDLE is said."""
    wanted = threading.Event()

    def run(saves):
        while True:
            while session.saves == saves and not session.settled(timeout=0.1):
                pass  # the search index is still being made
            if session.saves == saves:
                print(IDLE, flush=True)
            wanted.wait()
            wanted.clear()
            saves = session.saves
            errors = build(new_pelican, session)
            if session.saves == saves:
                preview.built(errors)

    threading.Thread(target=run, args=(session.saves,), name="dtz-catch-up", daemon=True).start()
    return wanted


def build(new_pelican, session):
    """One run by a Pelican (and settings) of its own; the lines that say why it stopped, none when it
    succeeded or a newer save stopped it. The last good preview stays served meanwhile."""
    try:
        new_pelican().run(session)
    except dtz_build.Superseded:
        pass
    except dtz_build.BuildStopped as error:  # the build said why on its own lines
        print("make serve: de vorige versie blijft staan tot de fouten hersteld zijn", file=sys.stderr, flush=True)
        return error.lines
    except Exception as error:  # noqa: BLE001 - the loop must outlive any failed build
        line = f"make serve: de bouw is mislukt ({type(error).__name__}: {error}); de vorige versie blijft staan tot de volgende opslag"
        print(line, file=sys.stderr, flush=True)
        return (line,)
    return ()


def main(argv=None):
    """Build, serve, and on every save write its page at once and build again behind it, until Ctrl+C."""
    args = parse_arguments([*(sys.argv[1:] if argv is None else argv), "--listen"])  # -b/-p are ours: no English warning about them
    settings = get_instance(args)[1]
    address, port = settings["BIND"], settings["PORT"]
    settings_file = os.path.abspath(args.settings)
    preview, session = Preview(), dtz_build.Session()
    handler = functools.partial(PreviewHandler, directory=os.path.abspath(settings["OUTPUT_PATH"]), preview=preview)
    try:
        server = ThreadingHTTPServer((address, port), handler)
    except OSError as error:
        print(f"make serve: poort {port} op {address} is niet te gebruiken ({error.strerror}) — kies een andere met PORT=…", file=sys.stderr)
        return 2
    changes, stop = watch(settings, settings_file, session.saved)

    def new_pelican():  # every run reads the settings file again and has settings of its own
        return get_instance(args)[0]

    try:
        saves = -1
        while saves != session.saves:  # the first build, again as long as a save made it stale: the server starts on a whole preview
            saves = session.saves
            errors = build(new_pelican, session)
        preview.built(errors)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(
            f"Voorbeeldweergave op http://{address}:{port}/ (map {settings['OUTPUT_PATH']}). Bij elke opslag in "
            f"{', '.join(os.path.relpath(f) for f in watched_folders(settings, settings_file))} wordt hij opnieuw gebouwd. "
            "Stoppen: Ctrl+C.",
            flush=True,
        )
        wanted = catch_up(new_pelican, session, preview)
        while True:
            changed = changes.get()  # the files saved since the last time round, at least one
            while not changes.empty():
                changed |= changes.get_nowait()
            print(f"Gewijzigd: {', '.join(sorted(os.path.relpath(p) for p in changed))}; opnieuw bouwen…", flush=True)
            if settings_file in changed:
                settings = get_instance(args)[1]
                stop.set()
                changes, stop = watch(settings, settings_file, session.saved)
            preview.built(pages_at_once(session, changed, preview.errors))  # a build this save made stale stops meanwhile
            wanted.set()
    except KeyboardInterrupt:
        print("Voorbeeldweergave gestopt.")
        return 0
    finally:
        stop.set()
        session.saved()  # a build catching up stops before its sync
        with session.writing:
            session.stop()  # a search index still running is not waited for

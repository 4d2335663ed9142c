"""The preview loop: build, serve, wait for a save, build again."""

import argparse
import fnmatch
import functools
import os
import queue
import sys
import threading
from http import HTTPStatus
from http.server import ThreadingHTTPServer

import watchfiles
from pelican import get_instance, parse_arguments
from pelican.server import ComplexHTTPRequestHandler
from pelican.utils import FileChangeFilter

import dtz_content
from dtz_build import BuildStopped
from dtz_contract import inside


class PreviewHandler(ComplexHTTPRequestHandler):
    """Pelican's handler (pretty URLs), but a missing page gets the site's 404.html with status 404."""

    def __init__(self, *args, directory=None, **kwargs):
        self.base_path = directory
        super().__init__(*args, directory=directory, **kwargs)

    def do_GET(self):
        if self.get_path_that_exists(self.path.split("?", 1)[0]) is None:
            return self.not_found()
        return super().do_GET()

    def get_path_that_exists(self, original_path):
        trailing = original_path.endswith("/")
        for suffix in self.SUFFIXES:
            if suffix == "/" and not trailing:
                continue
            path = original_path.rstrip("/") + suffix
            if os.path.exists(self.translate_path(path)):
                return path
        return None

    def not_found(self):
        page = os.path.join(self.base_path, "404.html")
        body = open(page, "rb").read() if os.path.isfile(page) else "<h1>Pagina niet gevonden</h1>".encode()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # one line per save is enough for an editor
        pass


def watched_folders(settings, settings_file):
    """Everything a preview is made from that an editor saves: content, every type's folder, theme, settings."""
    content = settings["PATH"]
    folders = [settings_file, settings["THEME"], content]
    folders += [dtz_content.type_folder(ctype, content, settings) for ctype in dtz_content.TYPES.values()]
    found = []
    for path in map(os.path.abspath, folders):
        if os.path.exists(path) and not any(inside(path, other) for other in found):
            found = [other for other in found if not inside(other, path)] + [path]
    return sorted(found)


def start_server(folder, address, port):
    handler = functools.partial(PreviewHandler, directory=os.path.abspath(folder))
    server = ThreadingHTTPServer((address, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class Watcher:
    """Collects saves from before the first build on, so a save during a build is never missed."""

    def __init__(self, folders, ignore):
        self.changes, self.stop = queue.Queue(), threading.Event()
        self.thread = threading.Thread(target=self._watch, args=(folders, ignore), daemon=True)
        self.thread.start()

    def _watch(self, folders, ignore):
        for changes in watchfiles.watch(*folders, watch_filter=SavedFiles(ignore_file_patterns=ignore), stop_event=self.stop, rust_timeout=0):
            self.changes.put({path for _, path in changes})

    def wait(self):
        """The files saved since the last call (at least one; waits for it)."""
        changed = self.changes.get()
        while not self.changes.empty():
            changed |= self.changes.get_nowait()
        return changed

    def close(self):
        self.stop.set()


# What editors write beside the file being saved, never content: vim's swap and backup files (.x.swp, x~)
# and its write test (4913), emacs' autosave (#x#) and lock (.#x), the temporary file of `sed -i` (sedXXXXXX).
EDITOR_FILES = (".*.sw?", "*~", "#*#", ".#*", "4913", "sed??????")


class SavedFiles(FileChangeFilter):
    """Pelican's filter (IGNORE_FILES), less an editor's own files: a save is reported once, as the file saved."""

    def __call__(self, change, path):
        name = os.path.basename(path)
        return super().__call__(change, path) and not any(fnmatch.fnmatchcase(name, pattern) for pattern in EDITOR_FILES)


def watcher_for(settings, settings_file):
    return Watcher(watched_folders(settings, settings_file), set(settings.get("IGNORE_FILES", [])))


def split_arguments(argv):
    """(address, port, Pelican's other arguments): the server's own -b/-p are taken out first, as Pelican
    warns in English that they do nothing without its own --listen."""
    server = argparse.ArgumentParser(add_help=False)
    server.add_argument("-b", "--bind", default="127.0.0.1")
    server.add_argument("-p", "--port", type=int, default=8000)
    own, rest = server.parse_known_args(argv)
    return own.bind, own.port, rest


def main(argv=None):
    address, port, rest = split_arguments(sys.argv[1:] if argv is None else argv)
    args = parse_arguments(rest)
    pelican, settings = get_instance(args)
    settings_file = os.path.abspath(args.settings)
    watcher = watcher_for(settings, settings_file)
    build(pelican)
    try:
        start_server(settings["OUTPUT_PATH"], address, port)
    except OSError as error:
        print(f"make serve: poort {port} op {address} is niet te gebruiken ({error.strerror}) — kies een andere met PORT=…", file=sys.stderr)
        return 2
    print(
        f"Voorbeeldweergave op http://{address}:{port}/ (map {settings['OUTPUT_PATH']}). Bij elke opslag in "
        f"{', '.join(os.path.relpath(f) for f in watched_folders(settings, settings_file))} wordt hij opnieuw gebouwd. "
        "Stoppen: Ctrl+C.",
        flush=True,
    )
    try:
        while True:
            changed = watcher.wait()
            print(f"Gewijzigd: {', '.join(sorted(os.path.relpath(p) for p in changed))}; opnieuw bouwen…", flush=True)
            if settings_file in changed:
                pelican, settings = get_instance(args)
                watcher.close()
                watcher = watcher_for(settings, settings_file)
            build(pelican)
    except KeyboardInterrupt:
        print("Voorbeeldweergave gestopt.")
        return 0
    finally:
        watcher.close()


def build(pelican):
    """One run; a content error has been printed by the build and the last good preview stays served."""
    try:
        pelican.run()
    except BuildStopped:  # the build said why on its own lines
        print("make serve: de vorige versie blijft staan tot de fouten hersteld zijn", file=sys.stderr, flush=True)
    except Exception as error:  # noqa: BLE001 - the loop must outlive any failed build
        print(
            f"make serve: de bouw is mislukt ({type(error).__name__}: {error}); de vorige versie blijft staan tot de volgende opslag",
            file=sys.stderr,
            flush=True,
        )

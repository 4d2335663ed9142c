"""What make serve does with a save: the saved item's page at once, then the full build catching up
behind it on a thread of its own, so that the next save never waits for it (:mod:`dtz_build.session`)."""

import logging
import os
import sys
import threading

import dtz_build
import dtz_content

log = logging.getLogger(__name__)

IDLE = "Bijgewerkt; wacht op de volgende opslag."


def pages_at_once(session, changed, errors):
    """Write the page of every saved item from the last good build; return the errors to show now (other
    files' as they were, the saved files' own). Lists and checks across files are the catching-up build's."""
    saved = tuple(f"{dtz_content.display_path(path)}:" for path in changed)
    shown = [line for line in errors if not line.startswith(saved)]
    for path in sorted(changed):
        if session.last and os.path.isfile(path):
            try:
                shown += dtz_content.page_at_once(session.last, path)
            except Exception as error:  # noqa: BLE001 - the build that catches up makes the page and says what is wrong
                log.debug("geen pagina meteen voor %s", path, exc_info=error)
    return shown


class CatchUp:
    """The full build behind the pages made at once, again after every save (``wanted``); a newer save
    stops a running one. Only the last save's build shows its errors."""

    def __init__(self, new_pelican, session, preview):
        self.new_pelican, self.session, self.preview = new_pelican, session, preview
        self.wanted = threading.Event()
        threading.Thread(target=self._run, args=(session.saves,), name="dtz-catch-up", daemon=True).start()

    def _run(self, saves):
        while True:
            self._idle(saves)
            self.wanted.wait()
            self.wanted.clear()
            saves = self.session.saves
            errors = build(self.new_pelican, self.session)
            if self.session.saves == saves:
                self.preview.built(errors)

    def _idle(self, saves):
        """Say IDLE once the last save is built and its search index made; a newer save ends the wait unsaid."""
        while not self.session.settled(timeout=0.1):
            if self.session.saves != saves:
                return
        if self.session.saves == saves:
            print(IDLE, flush=True)


def first_build(new_pelican, session):
    """The first build, again as long as a save made it stale: the server starts on a whole preview."""
    saves = -1
    while saves != session.saves:
        saves = session.saves
        errors = build(new_pelican, session)
    return errors


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

"""The menu and footer settings point at pages this build writes: checked on the finished result.

A ``DTZ_MENU`` or ``DTZ_FOOTER_LINKS`` entry whose page does not exist would ship as a broken link
on every page. The check is a ``before_sync`` step of the run (dtz_build): it looks at the staging
folder once every page is written, and a failure stops the build before output/ changes.
"""

import dtz_build
import dtz_content

SETTINGS = ("DTZ_MENU", "DTZ_FOOTER_LINKS")


def step(settings):
    """The before_sync step for this run's settings."""

    def check(run):
        dtz_content.stop_on(missing(settings, run.holds), about="de instellingen", outcome="er is niets gepubliceerd")

    return check


def missing(settings, exists):
    """A Problem per entry whose address this site has no page for (full web addresses are left alone)."""
    found = []
    for name in SETTINGS:
        for label, link in settings.get(name) or ():
            if "://" in link or link.startswith(("mailto:", "#")):
                continue
            path = link.split("#", 1)[0].split("?", 1)[0].lstrip("/")
            target = path + "index.html" if not path or path.endswith("/") else path
            if not exists(target):
                expected = (
                    "het adres van een pagina die de build schrijft, zoals over-dtz/ (of maak die pagina, bijvoorbeeld met make new TYPE=pagina)"
                )
                found.append(dtz_content.setting_problem(name, f"'{link}' ({label}) bestaat niet op de site", expected, settings, entry=f'"{link}"'))
    return found


def register_on(settings):
    if settings.get("DTZ_MENU_CHECK", True):
        dtz_build.current(settings).before_sync.append(step(settings))

"""What the preview adds to every HTML page it serves, and only there (never to PREVIEWDIR's files):
the script that reloads an open page after a save that changed it, scroll position kept, and the last
save's error lines at the top, in the HTML itself so they show without JavaScript too."""

import html
import re
import threading

from dtz_contract import digest

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
    """What the served pages show besides PREVIEWDIR: the last save's error lines, and a count of
    finished builds that an open page's event stream waits on."""

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

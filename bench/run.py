"""Build-speed benchmark: the DTZ build side by side with plain Pelican on the same Markdown.

For every corpus size it generates a synthetic content tree (bench/corpus.py)
and measures, alternating the order each round so that load from other work on
the machine hits every kind alike:

  (a) cold   a full DTZ build: fresh output folder, fresh (empty) cache folder;
  (b) warm   the DTZ rebuild after one pearl was edited, cache and output warm;
  (k) added  the DTZ rebuild after one pearl was added (a new file, the newest pearl), as (b);
             all three without the search index (DTZ_SEARCH_INDEX=false), which (e) measures apart;
  (c) plain  plain Pelican 4.12, default theme, no plugins, the same files as articles
             (bench/plainconf.py: only paths, TIMEZONE, DEFAULT_DATE and file-name slugs set);
  (g) cold and (h) warm, as (a) and (b) on a copy of the corpus without its bedrijvenregister
             (2,500 rows as .xlsx): a − g and b − h are what the register costs;

(the images: the cold build's log says how many derivatives it encoded from how many photos in how
many CPU seconds, the warm one's that it encoded none; rows (i) and (j)),
and then `make serve` as an editor meets it (search on, saves two seconds apart, the page polled over
HTTP): (d) a pearl saved until its page shows the edit, (m) a new pearl until its page is there, (n) a
mistake until the page shows its line; and
(e) the search index alone: Pagefind over the indexed pages of the warm output (what (a) and every
rebuild that changed a page add to their time), in its own process, and (f) what a PDF page costs:
the CPU time of (a) less that of one cold build without PDFs, per page of every PDF (a) wrote.

Every build is its own `python -m pelican` process: its wall time and its peak
memory (PSS of the process and its child processes) are recorded. Medians and
min–max over the rounds are printed, with the ratios a/c and b/c, and with
--readme the table replaces the marked section of README.md.

    .venv/bin/python bench/run.py --sizes 1000 4000 --repeat 3 --readme README.md
"""

import argparse
import datetime
import functools
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import TODAY, add_pearl, edit_pearl, write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PLAIN_CONF = Path(__file__).resolve().parent / "plainconf.py"
PYTHONPATH = os.pathsep.join(str(ROOT / folder) for folder in ("plugins", "services"))  # as the Makefile's DTZ_PYTHONPATH
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
KINDS = ("cold", "warm", "added", "plain", "cold-noreg", "warm-noreg")
SAMPLE = 0.25  # seconds between memory samples
SPACING = 2.0  # seconds between an editor's saves in (d), (m) and (n)
IDLE = "Bijgewerkt; wacht op de volgende opslag."  # what make serve prints when idle (dtz_serve.serve.IDLE)
SERVE_ROWS = {
    "edit": "(d) `make serve`: a pearl saved until its page over HTTP shows the edit",
    "new": "(m) `make serve`: a new pearl saved until its page over HTTP shows it",
    "mistake": "(n) `make serve`: a mistake saved until the page over HTTP shows its line",
}
LABELS = {
    "cold": "(a) DTZ cold full build, search index apart (e)",
    "warm": "(b) DTZ rebuild, 1 pearl edited, cache warm, search index apart (e)",
    "added": "(k) DTZ rebuild, 1 pearl added, cache warm, search index apart (e)",
    "plain": "(c) plain Pelican, default theme, no plugins",
    "cold-noreg": "(g) as (a), without the bedrijvenregister",
    "warm-noreg": "(h) as (b), without the bedrijvenregister",
}
NOREG = "-noreg"


def tree_pss(pid):
    """Memory (MiB) of a process and all its descendants now, as proportional set size (PSS):
    a page shared by several processes (a forked child and its parent) counts once in total,
    split between them, as smem reports it. Resident size would count it in each."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                total += next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack += [int(child) for child in children.read().split()]
        except (OSError, ValueError):
            continue
    return total / 1024


def measure(command, cwd, log, env=None):
    """Run one build in its own process: (wall seconds, peak memory in MiB, CPU seconds). Stops the benchmark on failure.

    CPU seconds are user + system time of the process and every child it waited for (wait4's
    rusage): what the build costs whatever else runs on the machine, which wall time does not say.

    Peak memory is the highest PSS summed over the process and its children (tree_pss),
    sampled every SAMPLE seconds: the same measure for every kind of build, child processes included.
    Reading PSS makes the kernel walk the processes' memory, so sampling more often would slow
    down the builds it measures (multi-process ones the most).
    """
    peak = [0.0]
    done = threading.Event()

    def sample(pid):
        while not done.wait(SAMPLE):
            peak[0] = max(peak[0], tree_pss(pid))

    with open(log, "w") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        sampler = threading.Thread(target=sample, args=(process.pid,), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = Path(log).read_text(errors="replace").splitlines()[-25:]
        sys.exit(f"build failed (exit {process.returncode}): {' '.join(map(str, command))}\n" + "\n".join(tail))
    return seconds, peak[0], usage.ru_utime + usage.ru_stime


IMAGES_LINE = re.compile(r"DTZ: afbeeldingen: (\d+) gemaakt(?: van (\d+) bron(?:nen)? \(([\d.]+) CPU-s\))?, (\d+) uit de cache")


def images_cost(log):
    """(CPU-s per source photo encoded, derivatives made, derivatives from the cache) from a build's log."""
    found = IMAGES_LINE.search(Path(log).read_text(errors="replace"))
    if not found:
        return 0.0, 0, 0
    made, photos, seconds, reused = found.groups()
    return (float(seconds) / int(photos) if photos else 0.0), int(made), int(reused)


def count_files(folder, suffix=".html"):
    return sum(1 for p in Path(folder).rglob(f"*{suffix}") if p.is_file())


class Bench:
    """The folders and commands of one corpus."""

    def __init__(self, root, python):
        self.root = Path(root)
        self.python = python
        self.images = {"cold": [], "warm": []}  # images_cost() of each build

    def dtz(self, output, cache, search=True):
        return [
            self.python,
            "-m",
            "pelican",
            str(self.root / "content"),
            "-o",
            str(output),
            "-s",
            str(ROOT / "pelicanconf.py"),
            "-e",
            f'DTZ_TODAY="{TODAY.isoformat()}"',
            f'CACHE_PATH="{cache}"',
            "DTZ_MENU_CHECK=false",  # the corpus has none of the pages the menu points at (a few stat calls)
            *(() if search else ("DTZ_SEARCH_INDEX=false",)),
        ]

    def plain(self, output):
        return [self.python, "-m", "pelican", str(self.root), "-o", str(output), "-s", str(PLAIN_CONF)]

    def run(self, kind, round_number):
        root = self.root
        log = root / f"{kind}.log"
        if kind == "cold":
            for folder in ("out-cold", "cache-cold"):
                shutil.rmtree(root / folder, ignore_errors=True)
            result = measure(self.dtz(root / "out-cold", root / "cache-cold", search=False), root, log)
            self.images["cold"].append(images_cost(log))
            return (*result, count_files(root / "out-cold"))
        if kind in ("warm", "added"):
            (edit_pearl if kind == "warm" else add_pearl)(root, round_number)
            result = measure(self.dtz(root / "out-warm", root / "cache-warm", search=False), root, log)
            if kind == "warm":
                self.images["warm"].append(images_cost(log))
            return (*result, count_files(root / "out-warm"))
        shutil.rmtree(root / "out-plain", ignore_errors=True)
        result = measure(self.plain(root / "out-plain"), root, log)
        return (*result, count_files(root / "out-plain"))

    def serve(self, rounds):
        """(d), (m), (n): `make serve` as an editor meets it: {"edit", "new", "mistake": [seconds]}.

        make serve's own command stays up (`python -m dtz_serve`, with DTZ_PREVIEW=1 and DTZ_PDF=0 as
        the Makefile gives it, search on); each round saves a pearl, adds one, then saves a mistake
        (and its fix), SPACING seconds apart without waiting for the background work of the save
        before, and polls the page over HTTP until it shows the edit, the new pearl, the error panel.
        """
        log = self.root / "serve.log"
        port = free_port()
        edited = edit_pearl(self.root, 0)
        env = {**os.environ, "DTZ_PREVIEW": "1", "DTZ_PDF": "0", "PYTHONUNBUFFERED": "1", "PYTHONPATH": PYTHONPATH}
        command = [self.python, "-m", "dtz_serve", *self.dtz(self.root / "out-serve", self.root / "cache-serve")[3:], "-p", str(port)]
        latencies = {"edit": [], "new": [], "mistake": []}

        def shown(path, text):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                    return text in response.read().decode("utf-8", "replace")
            except (OSError, urllib.error.HTTPError):
                return False

        def measure_save(kind, save, path, text):
            started = time.perf_counter()
            save()
            wait_for(lambda: shown(path, text), process, log)
            latencies[kind].append(time.perf_counter() - started)
            time.sleep(max(0.0, SPACING - (time.perf_counter() - started)))

        page = f"/parels/{edited.stem}/"
        with open(log, "w") as out:
            process = subprocess.Popen(command, cwd=self.root, stdout=out, stderr=subprocess.STDOUT, env=env)
            try:
                wait_for(lambda: IDLE in log.read_text(errors="replace"), process, log)
                for number in range(1, rounds + 1):
                    marker = f"Bewerkt: ronde {1000 + number}."
                    measure_save("edit", functools.partial(edit_pearl, self.root, 1000 + number), page, marker)
                    new = f"/parels/toegevoegd-{2000 + number:04d}/"
                    measure_save("new", functools.partial(add_pearl, self.root, 2000 + number), new, "Toegevoegde parel")
                    good = edited.read_text(encoding="utf-8")
                    measure_save("mistake", functools.partial(mistake_in, edited), page, 'id="dtz-fouten"')
                    edited.write_text(good, encoding="utf-8")  # the fix; the next round's save comes SPACING later
                    time.sleep(SPACING)
            finally:
                process.terminate()
                process.wait()
        return latencies

    def search_index(self):
        """(e) Pagefind over the warm output's pages, as a run indexes them: (wall seconds, peak MiB, pages)."""
        code = (
            "import os, sys; sys.path[:0] = sys.argv[3].split(os.pathsep); from dtz_search import index; "
            "index.index_pages(index.folder_pages(sys.argv[1]), sys.argv[2])"
        )
        target = self.root / "index-alone"
        command = [self.python, "-c", code, str(self.root / "out-warm"), str(target), PYTHONPATH]  # plugins/ and services/ (dtz_contract)
        seconds, peak, _ = measure(command, self.root, self.root / "index.log")
        shutil.rmtree(target, ignore_errors=True)
        return seconds, peak, len(index_pages_of(self.root / "out-warm"))

    def print_cost(self, cold_cpu):
        """(f) CPU ms per PDF page: a cold build's CPU time less that of a cold build without PDFs
        (DTZ_PDF=0), over every page of every PDF the cold build wrote: (ms per page, pages, PDFs)."""
        from pypdf import PdfReader  # noqa: PLC0415

        for folder in ("out-nopdf", "cache-nopdf"):
            shutil.rmtree(self.root / folder, ignore_errors=True)
        env = {**os.environ, "DTZ_PDF": "0"}
        _, _, without = measure(self.dtz(self.root / "out-nopdf", self.root / "cache-nopdf", search=False), self.root, self.root / "nopdf.log", env)
        pdfs = sorted((self.root / "out-cold").rglob("*.pdf"))
        pages = sum(len(PdfReader(str(pdf)).pages) for pdf in pdfs)
        return (cold_cpu - without) * 1000 / max(pages, 1), pages, len(pdfs)

    def warm_up(self):
        """One unmeasured build that fills the warm cache and output, as after an editor's first build."""
        measure(self.dtz(self.root / "out-warm", self.root / "cache-warm", search=False), self.root, self.root / "warm-up.log")


def mistake_in(path):
    """Save ``path`` with a municipality the model does not know: a mistake an editor makes."""
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^Municipality: .*$", "Municipality: Nergenshuizen", text, count=1, flags=re.M), encoding="utf-8")


def index_pages_of(folder):
    """The built pages that ask to be indexed (data-pagefind-body)."""
    return [p for p in Path(folder).rglob("*.html") if b"data-pagefind-body" in p.read_bytes()]


def wait_for(condition, process, log, timeout=900):
    """Poll ``condition`` every 10 ms; stop the benchmark if the process ends or it takes too long."""
    limit = time.perf_counter() + timeout
    while not condition():
        if process.poll() is not None or time.perf_counter() > limit:
            tail = Path(log).read_text(errors="replace").splitlines()[-25:]
            sys.exit("make serve measurement failed:\n" + "\n".join(tail))
        time.sleep(0.01)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def bench_size(size, repeat, workdir, python):
    root = Path(workdir) / f"corpus-{size}"
    started = time.perf_counter()
    counts = write_corpus(size, root, camera_photos=True)
    print(f"\n{size} items ({', '.join(f'{n} {k}' for k, n in counts.items())}), written in {time.perf_counter() - started:.1f} s", flush=True)
    bench = Bench(root, python)
    bench.warm_up()
    without = Bench(without_register(root), python)  # (g) and (h): what the register costs
    without.warm_up()
    results = {kind: [] for kind in KINDS}
    for round_number in range(repeat):
        shift = round_number % len(KINDS)
        order = KINDS[shift:] + KINDS[:shift]  # alternate who goes first
        for kind in order:
            seconds, rss, cpu, files = (without if kind.endswith(NOREG) else bench).run(kind.removesuffix(NOREG), round_number + 1)
            results[kind].append((seconds, rss, files, cpu))
            print(f"  round {round_number + 1}/{repeat} {kind:5}: {seconds:6.2f} s, {rss:6.0f} MiB peak, {files} HTML files", flush=True)
    results["print"] = bench.print_cost(statistics.median(r[3] for r in results["cold"]))
    print(f"  PDFs: {results['print'][0]:.1f} CPU ms per page over {results['print'][1]} pages in {results['print'][2]} PDFs", flush=True)
    results["index"] = [bench.search_index() for _ in range(repeat)]
    print(f"  search index alone: {', '.join(f'{s:.2f} s, {m:.0f} MiB' for s, m, _ in results['index'])}", flush=True)
    serve = bench.serve(repeat)
    for kind, seconds in serve.items():
        print(f"  make serve, {SERVE_ROWS[kind]}: {', '.join(f'{s:.2f} s' for s in seconds)}", flush=True)
        results[f"serve-{kind}"] = [(s, None, None) for s in seconds]
    results["images"] = bench.images
    markdown = sum(1 for _ in root.rglob("*.md"))
    plain_html = results["plain"][-1][2]
    if plain_html < markdown:
        sys.exit(f"plain Pelican wrote {plain_html} HTML files for {markdown} Markdown files: it did not process them all")
    return counts, results


def check_times(repeat, workdir):
    """(l) `make check` on the starter content as it is in the project: [(first, second)] seconds per round.

    The first run of a round has a fresh check folder and cache (it builds and checks everything); the
    second runs on unchanged content, as an editor's next `make check` does."""
    rounds = []
    for round_number in range(repeat):
        folder = Path(workdir) / "check"
        shutil.rmtree(folder, ignore_errors=True)
        command = ["make", "--no-print-directory", "-C", str(ROOT), "check", f"CHECKDIR={folder / 'site'}", f"CHECKCACHE={folder / 'cache'}"]
        times = [measure(command, ROOT, Path(workdir) / f"check-{round_number + 1}-{run}.log")[0] for run in ("first", "second")]
        print(f"  make check, round {round_number + 1}/{repeat}: first {times[0]:.2f} s, second {times[1]:.2f} s", flush=True)
        rounds.append(times)
    shutil.rmtree(Path(workdir) / "check", ignore_errors=True)
    return rounds


def check_rows(rounds):
    first, second = summary([r[0] for r in rounds]), summary([r[1] for r in rounds])
    return [
        f"| starter | (l) `make check` on the starter content, first run (fresh check folder and cache) "
        f"| {first[0]:.2f} s ({first[1]:.2f}–{first[2]:.2f}) | — | — |",
        f"| starter | (l) `make check` again on unchanged content (goal ≤ 15 s) | {second[0]:.2f} s ({second[1]:.2f}–{second[2]:.2f}) | — | — |",
    ]


def without_register(root):
    """A copy of the corpus without content/bedrijven/, beside it."""
    copy = Path(f"{root}{NOREG}")
    shutil.rmtree(copy, ignore_errors=True)
    for folder in ("content", "newsletters"):
        shutil.copytree(root / folder, copy / folder, ignore=shutil.ignore_patterns("bedrijven"))
    return copy


def summary(values):
    return statistics.median(values), min(values), max(values)


def table(all_results, repeat):
    lines = [
        "| items | build | time, median (min–max) | peak memory (PSS, incl. child processes), median (max) | HTML files |",
        "|---:|---|---:|---:|---:|",
    ]
    ratios = ["| items | a/c time | b/c time | k/c time | a/c peak memory |", "|---:|---:|---:|---:|---:|"]
    for size, (_, results) in all_results.items():
        medians = {}
        for kind in KINDS:
            seconds = summary([r[0] for r in results[kind]])
            rss = summary([r[1] for r in results[kind]])
            medians[kind] = (seconds[0], rss[0])
            lines.append(
                f"| {size} | {LABELS[kind]} | {seconds[0]:.2f} s ({seconds[1]:.2f}–{seconds[2]:.2f}) "
                f"| {rss[0]:.0f} MiB ({rss[2]:.0f}) | {results[kind][-1][2]} |"
            )
        for kind, label in SERVE_ROWS.items():
            if results.get(f"serve-{kind}"):
                seconds = summary([r[0] for r in results[f"serve-{kind}"]])
                lines.append(f"| {size} | {label} | {seconds[0]:.2f} s ({seconds[1]:.2f}–{seconds[2]:.2f}) | — | — |")
        if results.get("index"):
            seconds = summary([r[0] for r in results["index"]])
            rss = summary([r[1] for r in results["index"]])
            lines.append(
                f"| {size} | (e) search index alone: Pagefind over the built pages (adds to a, and to b when a page changed) "
                f"| {seconds[0]:.2f} s ({seconds[1]:.2f}–{seconds[2]:.2f}) | {rss[0]:.0f} MiB ({rss[2]:.0f}) | {results['index'][-1][2]} |"
            )
        if results.get("print"):
            per_page, pages, pdfs = results["print"]
            lines.append(
                f"| {size} | (f) CPU ms per PDF page: CPU of (a) less that of a cold build without PDFs, over {pages} pages in {pdfs} PDFs "
                f"(target ≤ 5 ms) | {per_page:.1f} ms | — | — |"
            )
        if results.get("images", {}).get("cold"):
            cold, warm = results["images"]["cold"], results["images"]["warm"]
            per_photo = summary([c[0] for c in cold])
            lines.append(
                f"| {size} | (i) images in (a): CPU seconds per source photo, encoding every derivative (budget 0.5) "
                f"| {per_photo[0]:.2f} s ({per_photo[1]:.2f}–{per_photo[2]:.2f}) | — | {cold[-1][1]} images made |"
            )
            lines.append(
                f"| {size} | (j) images in (b): derivatives encoded (all {warm[-1][2] if warm else 0} from the cache) "
                f"| {max((w[1] for w in warm), default=0)} made | — | — |"
            )
        a, b, c, k = medians["cold"], medians["warm"], medians["plain"], medians["added"]
        g, h = medians["cold-noreg"], medians["warm-noreg"]
        lines.append(
            f"| {size} | the bedrijvenregister's share: a − g (cold), b − h (rebuild, register unchanged) | {a[0] - g[0]:+.2f} s, {b[0] - h[0]:+.2f} s | — | — |"
        )
        ratios.append(f"| {size} | {a[0] / c[0]:.2f} | {b[0] / c[0]:.2f} | {k[0] / c[0]:.2f} | {a[1] / c[1]:.2f} |")
    return lines, ratios


def machine(load_before, load_after):
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    import pelican  # noqa: PLC0415 - only for its version

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return (
        f"{datetime.date.today().isoformat()}, commit {commit or '?'}, {os.cpu_count()} × {cpu}, "
        f"Python {platform.python_version()}, Pelican {pelican.__version__}; "
        f"load average {load_before:.1f} before, {load_after:.1f} after (above ~0.5 means other work shared the machine)"
    )


def write_readme(path, text):
    readme = Path(path).read_text(encoding="utf-8")
    if START not in readme or END not in readme:
        sys.exit(f"{path} has no {START} … {END} section to replace")
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    Path(path).write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 4000], help="corpus sizes in items")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per size (each round builds a, b and c once)")
    parser.add_argument("--readme", help="replace the bench section of this README with the table")
    parser.add_argument("--keep", help="generate the corpora in this folder and keep them (default: a temporary folder)")
    parser.add_argument("--only-check", action="store_true", help="measure only row (l), make check on the starter content")
    args = parser.parse_args()

    workdir = args.keep or tempfile.mkdtemp(prefix="dtz-bench-")
    os.makedirs(workdir, exist_ok=True)
    load_before = os.getloadavg()[0]
    try:
        sizes = [] if args.only_check else args.sizes
        all_results = {size: bench_size(size, args.repeat, workdir, sys.executable) for size in sizes}
        checked = check_times(args.repeat, workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    lines, ratios = table(all_results, args.repeat)
    lines += check_rows(checked)
    about = machine(load_before, os.getloadavg()[0])
    text = "\n".join(
        [
            f"Measured by `make bench` ({args.repeat} rounds per size, order alternating): {about}.",
            "",
            *lines,
            *(["", *ratios] if all_results else []),
        ]
    )
    print("\n" + text)
    if args.readme and not args.only_check:  # one row alone never replaces the whole table
        write_readme(args.readme, text)
        print(f"\nwritten into {args.readme}")


if __name__ == "__main__":
    main()

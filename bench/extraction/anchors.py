#!/usr/bin/env python3
"""Run one Python anchor extractor over a list of page files and time it.

    anchors.py TOOL --files LIST --jobs N --pred-dir DIR --timing FILE

TOOL: trafilatura | trafilatura-fast | resiliparse
LIST: a text file with one page path per line (all datasets together); each path's parent
folder names its dataset (pages/<dataset>/<id>.html), which splits the predictions into
DIR/<TOOL>-<dataset>.jsonl, one {"id", "body", "title", "author", "date"} per line.

--jobs 1 runs everything in this process (the single-core figure); --jobs N > 1 runs a
multiprocessing.Pool(N) (the all-cores figure). The timer covers reading every file
(bytes -> UTF-8 text) and extracting it; it starts after the imports (and, for N > 1, after
the pool's workers are up) and stops when the last result is back. Writing the predictions
happens after the timer.
"""
import argparse
import json
import multiprocessing
import os
import resource
import sys
import time
import warnings

TOOLS = ("trafilatura", "trafilatura-fast", "resiliparse")
TOOL = None


def _load(tool):
    global TOOL, _traf, _resi
    TOOL = tool
    warnings.simplefilter("ignore")
    if tool.startswith("trafilatura"):
        import trafilatura as _traf  # noqa: F401
    else:
        from resiliparse.extract import html2text as _resi  # noqa: F401


def extract(path):
    """(path, {"body", "title", "author", "date"}, error or None) for one page file."""
    with open(path, "rb") as f:
        # The pages are UTF-8 (see the data README); both anchors get the same decoded text.
        html = f.read().decode("utf-8", errors="replace")
    try:
        if TOOL == "resiliparse":
            body = _resi.extract_plain_text(html, main_content=True)
            return path, {"body": body or "", "title": None, "author": None, "date": None}, None
        # trafilatura's documented defaults, comments excluded, tables kept (default), with
        # metadata; `json` output carries the same text as `txt` (up to blank lines) plus the
        # title/author/date fields. fast=True is 2.x's "fast" mode (no fallback extractors).
        out = _traf.extract(
            html,
            output_format="json",
            with_metadata=True,
            include_comments=False,
            fast=(TOOL == "trafilatura-fast"),
        )
        rec = json.loads(out) if out else {}
        return path, {
            "body": rec.get("text") or "",
            "title": rec.get("title"),
            "author": rec.get("author"),
            "date": rec.get("date"),
        }, None
    except Exception as e:  # a crash on one page is an empty prediction, counted
        return path, {"body": "", "title": None, "author": None, "date": None}, f"{type(e).__name__}: {e}"


def _maxrss_kb(_=None):
    time.sleep(0.2)  # hold this worker so that the others take the other tasks
    return os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tool", choices=TOOLS)
    ap.add_argument("--files", required=True)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--pred-dir", required=True)
    ap.add_argument("--timing", required=True)
    args = ap.parse_args()
    paths = [l.strip() for l in open(args.files) if l.strip()]
    _load(args.tool)

    worker_rss, cpu_seconds = {}, None
    if args.jobs <= 1:
        t0, c0 = time.perf_counter(), time.process_time()
        results = [extract(p) for p in paths]
        seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
    else:
        # fork: the workers inherit the imported modules, as a long-running service would.
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(args.jobs) as pool:
            pool.map(int, range(args.jobs))  # wait until the workers are up
            t0 = time.perf_counter()
            results = list(pool.imap_unordered(extract, paths, chunksize=4))
            seconds = time.perf_counter() - t0
            for _ in range(5):  # each worker's own peak, for a summed memory figure
                worker_rss.update(pool.map(_maxrss_kb, range(args.jobs), chunksize=1))
                if len(worker_rss) >= args.jobs:
                    break

    os.makedirs(args.pred_dir, exist_ok=True)
    by_dataset = {}
    errors = []
    for path, rec, err in sorted(results, key=lambda r: r[0]):
        dataset = os.path.basename(os.path.dirname(path))
        by_dataset.setdefault(dataset, []).append({"id": path, **rec})
        if err:
            errors.append({"id": path, "error": err})
    for dataset, recs in by_dataset.items():
        with open(os.path.join(args.pred_dir, f"{args.tool}-{dataset}.jsonl"), "w", encoding="utf-8") as f:
            for rec in recs:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    timing = {
        "tool": args.tool,
        "jobs": args.jobs,
        "pages": len(paths),
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,  # single process only: CPU time of the timed loop
        "pages_per_s": len(paths) / seconds if seconds else None,
        "errors": len(errors),
        "error_samples": errors[:5],
        "rss_self_kb": self_kb,
        "rss_workers_kb": sorted(worker_rss.values()),
        # Sum of each process's own peak: an upper bound of the pool's peak (peaks need not
        # coincide; pages shared after fork are counted once per process).
        "rss_sum_kb": self_kb + sum(worker_rss.values()) if worker_rss else self_kb,
    }
    with open(args.timing, "w") as f:
        json.dump(timing, f, indent=1)
    print(
        f"{args.tool} -j {args.jobs}: {len(paths)} pages in {seconds:.1f} s = "
        f"{timing['pages_per_s']:.1f} pages/s, {len(errors)} errors",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()

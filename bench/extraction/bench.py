#!/usr/bin/env python3
"""Helpers of run.sh (standard library only; run.sh calls them in order).

    bench.py prepare DATA OUT            decompress every page once into OUT/pages/<dataset>/<id>.html
    bench.py measure TIMING.json [stdout=F] [stderr=F] -- CMD
                                         run CMD, record wall seconds and peak RSS of its process tree
    bench.py info OUT KEY=VALUE...       merge facts about the run into OUT/run-info.json
    bench.py split TOOL RAW.jsonl DIR    split dateline's JSONL output into DIR/TOOL-<dataset>.jsonl
    bench.py report OUT                  score, and write OUT/results.md + OUT/results.json
"""
import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# dataset -> (source glob parts under DATA, how a source path names its page)
DATASETS = ("scrapinghub", "wcxb-dev", "wcxb-test", "mozilla")
SCORED_BODY = ("scrapinghub", "wcxb-dev", "wcxb-test", "wcxb")
SCORED_META = ("wcxb", "mozilla")
TOOLS = ("dateline", "trafilatura", "trafilatura-fast", "resiliparse")
META_TOOLS = ("dateline", "trafilatura", "trafilatura-fast")


def sources(data, dataset):
    """[(page id, .html.gz path)] of one dataset, sorted by id."""
    out = []
    if dataset == "scrapinghub":
        folder = os.path.join(data, "scrapinghub-aeb", "html")
        out = [(n[: -len(".html.gz")], os.path.join(folder, n)) for n in os.listdir(folder) if n.endswith(".html.gz")]
    elif dataset.startswith("wcxb-"):
        folder = os.path.join(data, "wcxb", dataset[5:], "html")
        out = [(n[: -len(".html.gz")], os.path.join(folder, n)) for n in os.listdir(folder) if n.endswith(".html.gz")]
    elif dataset == "mozilla":
        folder = os.path.join(data, "mozilla-readability-testpages", "pages")
        out = [(n, os.path.join(folder, n, "source.html.gz")) for n in os.listdir(folder)
               if os.path.exists(os.path.join(folder, n, "source.html.gz"))]
    return sorted(out)


def prepare(data, out):
    """Decompress each page once (rewriting only what changed) and list them in OUT/pages/files.txt
    as paths relative to OUT, the way every tool is given them."""
    listing, written = [], 0
    for dataset in DATASETS:
        folder = os.path.join(out, "pages", dataset)
        os.makedirs(folder, exist_ok=True)
        srcs = sources(data, dataset)
        if not srcs:
            raise SystemExit(f"bench: no pages for {dataset} under {data}")
        keep = set()
        for pid, src in srcs:
            name = pid + ".html"
            keep.add(name)
            dst = os.path.join(folder, name)
            with gzip.open(src, "rb") as f:
                raw = f.read()
            if not (os.path.exists(dst) and os.path.getsize(dst) == len(raw) and open(dst, "rb").read() == raw):
                with open(dst, "wb") as f:
                    f.write(raw)
                written += 1
            listing.append(os.path.join("pages", dataset, name))
        for stale in set(os.listdir(folder)) - keep:
            os.remove(os.path.join(folder, stale))
    with open(os.path.join(out, "pages", "files.txt"), "w") as f:
        f.write("\n".join(listing) + "\n")
    counts = {d: sum(1 for p in listing if p.split(os.sep)[1] == d) for d in DATASETS}
    print(f"bench: {len(listing)} pages ready ({written} written): "
          + ", ".join(f"{d} {n}" for d, n in counts.items()), file=sys.stderr)


def measure(timing_path, cmd, stdout=None, stderr=None):
    """Run cmd; wall time around it, peak RSS from the kernel's rusage of the waited-for process
    tree (the figure GNU time -v prints: the largest single process, not a sum)."""
    out = open(stdout, "wb") if stdout else None
    err = open(stderr, "wb") if stderr else None
    t0 = time.perf_counter()
    rc = subprocess.call(cmd, stdout=out, stderr=err)
    seconds = time.perf_counter() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    rec = {"cmd": cmd, "exit": rc, "seconds": seconds, "maxrss_kb": ru.ru_maxrss,
           "user_s": ru.ru_utime, "sys_s": ru.ru_stime}
    with open(timing_path, "w") as f:
        json.dump(rec, f, indent=1)
    if rc != 0:
        tail = ""
        if stderr:
            tail = open(stderr, errors="replace").read()[-2000:]
        raise SystemExit(f"bench: command failed (exit {rc}): {' '.join(cmd[:4])} ...\n{tail}")


def split(tool, raw, pred_dir):
    """dateline's records go to the file of the dataset their id's folder names."""
    os.makedirs(pred_dir, exist_ok=True)
    files = {}
    n = 0
    with open(raw, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            dataset = os.path.basename(os.path.dirname(rec.get("id", "")))
            if dataset not in DATASETS:
                continue
            if dataset not in files:
                files[dataset] = open(os.path.join(pred_dir, f"{tool}-{dataset}.jsonl"), "w", encoding="utf-8")
            files[dataset].write(line if line.endswith("\n") else line + "\n")
            n += 1
    for d in DATASETS:  # a dataset with no output still gets an (empty) predictions file
        if d not in files:
            open(os.path.join(pred_dir, f"{tool}-{d}.jsonl"), "w").close()
    for f in files.values():
        f.close()
    print(f"bench: {tool}: {n} records split", file=sys.stderr)


# ---------------------------------------------------------------- report


def load_preds(score, dataset, pred_dir, tool):
    parts = ("wcxb-dev", "wcxb-test") if dataset == "wcxb" else (dataset,)
    preds = {}
    for part in parts:
        path = os.path.join(pred_dir, f"{tool}-{part}.jsonl")
        if os.path.exists(path):
            preds.update(score.load_predictions(dataset, path))
    return preds


def empty_bodies(score, out, tool):
    """Pages with no body in the single-core predictions: no record, an error, or empty text."""
    n = 0
    for d in DATASETS:
        preds = load_preds(score, d, os.path.join(out, "pred"), tool)
        for pid in score.load_gold(d):
            if not ((preds.get(pid) or {}).get("body") or "").strip():
                n += 1
    return n


def body_diffs(score, out, tool):
    """Pages whose body differs between the single-core and the all-cores run (should be 0)."""
    n = 0
    for d in DATASETS:
        a = load_preds(score, d, os.path.join(out, "pred"), tool)
        b = load_preds(score, d, os.path.join(out, "pred-allcores"), tool)
        n += sum(1 for k in set(a) | set(b) if (a.get(k) or {}).get("body") != (b.get(k) or {}).get("body"))
    return n


def dateline_failed(stderr_path):
    """Failed documents from dateline's end-of-run summary line."""
    import re
    try:
        text = open(stderr_path, errors="replace").read()
    except OSError:
        return None
    m = re.findall(r"dateline: (\d+) documents read, (\d+) \w+, (\d+) failed", text)
    return int(m[-1][2]) if m else None


def info(out, pairs):
    path = os.path.join(out, "run-info.json")
    meta = json.load(open(path)) if os.path.exists(path) else {}
    for pair in pairs:
        k, v = pair.split("=", 1)
        if k.startswith("version."):
            meta.setdefault("versions", {})[k[8:]] = v
        else:
            meta[k] = v
    meta["machine"] = machine()
    with open(path, "w") as f:
        json.dump(meta, f, indent=1)


def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "mem_gib": mem, "kernel": platform.release(),
            "python": platform.python_version()}


def fmt(x, nd=3):
    return "–" if x is None else f"{x:.{nd}f}"


def report(out):
    import score  # the benchmark metrics, unchanged

    meta = json.load(open(os.path.join(out, "run-info.json")))
    pred_dir = os.path.join(out, "pred")
    os.makedirs(os.path.join(out, "scores"), exist_ok=True)
    gold = {d: score.load_gold(d) for d in SCORED_BODY + SCORED_META}

    quality = {}
    for tool in TOOLS:
        q = quality[tool] = {}
        for d in SCORED_BODY:
            preds = load_preds(score, d, pred_dir, tool)
            fn = score.scrapinghub_score if d == "scrapinghub" else score.wcxb_score
            q[d], per_page = fn(gold[d], preds)
            q[d]["predicted"] = sum(1 for k in preds if k in gold[d])
            json.dump(per_page, open(os.path.join(out, "scores", f"{tool}-{d}.json"), "w"), indent=1, sort_keys=True)
        if tool in META_TOOLS:
            for d in SCORED_META:
                q[d + "-meta"] = score.metadata_score(gold[d], load_preds(score, d, pred_dir, tool))

    listing = [l.strip() for l in open(os.path.join(out, "pages", "files.txt")) if l.strip()]
    meta["pages"] = {d: sum(1 for p in listing if p.split("/")[1] == d) for d in DATASETS}
    pages = len(listing)
    speed = {}
    for tool in TOOLS:
        s = speed[tool] = {}
        for mode in ("1", "all"):
            m = json.load(open(os.path.join(out, "timing", f"{tool}-{mode}.measure.json")))
            if tool == "dateline":
                secs, rss, cpu = m["seconds"], m["maxrss_kb"], m["user_s"] + m["sys_s"]
                errors = dateline_failed(os.path.join(out, "logs", f"dateline-{mode}.stderr"))
            else:
                t = json.load(open(os.path.join(out, "timing", f"{tool}-{mode}.json")))
                secs, errors, cpu = t["seconds"], t["errors"], t.get("cpu_seconds")
                # single process: its own peak; pool: the sum of each process's peak.
                rss = t["rss_self_kb"] if mode == "1" else t["rss_sum_kb"]
            s[mode] = {"seconds": secs, "pages_per_s": pages / secs, "peak_rss_mb": rss / 1024,
                       "errors": errors, "process_seconds": m["seconds"],
                       "cpu_seconds": cpu if mode == "1" else None,
                       "pages_per_cpu_s": pages / cpu if mode == "1" and cpu else None,
                       "cmd": m["cmd"]}
        s["same_output_1_vs_all"] = body_diffs(score, out, tool) == 0
        s["empty_bodies"] = empty_bodies(score, out, tool)

    t, dl = quality["trafilatura"], quality["dateline"]
    ratio = speed["dateline"]["1"]["pages_per_s"] / speed["trafilatura"]["1"]["pages_per_s"]
    cd, ct = speed["dateline"]["1"]["pages_per_cpu_s"], speed["trafilatura"]["1"]["pages_per_cpu_s"]
    cpu_ratio = f"; by CPU time {cd / ct:.1f}x" if cd and ct else ""
    checks = [
        ("dateline F1 >= trafilatura F1 on ScrapingHub",
         dl["scrapinghub"]["f1"] >= t["scrapinghub"]["f1"],
         f"{dl['scrapinghub']['f1']:.3f} vs {t['scrapinghub']['f1']:.3f}"),
        ("dateline F1 >= trafilatura F1 on WCXB (dev+test)",
         dl["wcxb"]["f1"] >= t["wcxb"]["f1"], f"{dl['wcxb']['f1']:.3f} vs {t['wcxb']['f1']:.3f}"),
        ("dateline single-core pages/s >= 10 x trafilatura single-core pages/s",
         ratio >= 10, f"{ratio:.1f}x ({speed['dateline']['1']['pages_per_s']:.1f} vs "
                      f"{speed['trafilatura']['1']['pages_per_s']:.1f} pages/s" + cpu_ratio + ")"),
    ]

    L = []
    L.append("### Extraction benchmark results")
    L.append("")
    L.append(f"- Run: {meta['started']} → {meta['finished']} UTC, `{meta['command']}` "
             f"(repo {meta['git']}{' + uncommitted changes' if meta.get('dirty') == '1' else ''})")
    mc = meta["machine"]
    L.append(f"- Machine: {mc['nproc']} cores, {mc['cpu']}, {mc['mem_gib']} GiB, Linux {mc['kernel']}; "
             f"load average at start {meta['loadavg_start']}, at end {meta['loadavg_end']}")
    L.append("- Tools: " + ", ".join(f"{k} {v}" for k, v in meta["versions"].items()))
    L.append(f"- Pages: {pages} (" + ", ".join(f"{d} {n}" for d, n in meta["pages"].items())
             + "); every tool reads the same decompressed files")
    L.append("")
    L.append("**Article body** (ScrapingHub: shingle P/R/F1 of means + exact-match accuracy; "
             "WCXB: mean per-page bag-of-words P/R/F1)")
    L.append("")
    L.append("| tool | SH P | SH R | SH F1 | SH acc | WCXB-dev F1 | WCXB-test F1 | WCXB P | WCXB R | WCXB F1 |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for tool in TOOLS:
        q = quality[tool]
        L.append(f"| {tool} | {fmt(q['scrapinghub']['precision'])} | {fmt(q['scrapinghub']['recall'])} | "
                 f"**{fmt(q['scrapinghub']['f1'])}** | {fmt(q['scrapinghub']['accuracy'])} | "
                 f"{fmt(q['wcxb-dev']['f1'])} | {fmt(q['wcxb-test']['f1'])} | {fmt(q['wcxb']['precision'])} | "
                 f"{fmt(q['wcxb']['recall'])} | **{fmt(q['wcxb']['f1'])}** |")
    L.append("")
    L.append("**Metadata** (share of pages whose gold has the field where the prediction matches after "
             "normalisation; date = first 10 characters)")
    L.append("")
    g = {d: quality["dateline"][d + "-meta"] for d in SCORED_META}
    L.append(f"| tool | WCXB title ({g['wcxb']['title']['pages']}) | WCXB author ({g['wcxb']['author']['pages']}) "
             f"| WCXB date ({g['wcxb']['date']['pages']}) | Mozilla title ({g['mozilla']['title']['pages']}) "
             f"| Mozilla author ({g['mozilla']['author']['pages']}) | Mozilla date ({g['mozilla']['date']['pages']}) |")
    L.append("|---|---:|---:|---:|---:|---:|---:|")
    for tool in META_TOOLS:
        q = quality[tool]
        cells = [fmt(q[d + "-meta"][f]["rate"]) for d in SCORED_META for f in ("title", "author", "date")]
        L.append(f"| {tool} | " + " | ".join(cells) + " |")
    L.append("| resiliparse | (no metadata) | | | | | |")
    L.append("")
    L.append(f"**Speed** ({pages} pages, all datasets together; {mc['nproc']} cores for \"all cores\"; "
             "Python: reading + extraction; dateline: the whole process)")
    L.append("")
    L.append("| tool | 1 core: s | 1 core: pages/s | 1 core: pages/CPU-s | all cores: s | all cores: pages/s "
             "| peak RSS 1 core (MB) | peak RSS all cores (MB) | pages with no body |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for tool in TOOLS:
        s = speed[tool]
        L.append(f"| {tool} | {s['1']['seconds']:.1f} | **{s['1']['pages_per_s']:.1f}** | "
                 f"{fmt(s['1']['pages_per_cpu_s'], 1)} | {s['all']['seconds']:.1f} | "
                 f"{s['all']['pages_per_s']:.1f} | {s['1']['peak_rss_mb']:.0f} | {s['all']['peak_rss_mb']:.0f} | "
                 f"{s['empty_bodies']} |")
    L.append("")
    L.append("pages/CPU-s: pages per second of CPU time (user + sys) in the one-core run — steadier than "
             "wall time on a busy machine (Python: the timed loop, `time.process_time`; dateline: the whole "
             "process). Pages with no body: no record, a failure, or empty text (dateline's failures are "
             "listed in `out/logs/`).")
    crashed = {t: speed[t]["1"]["errors"] for t in TOOLS if t != "dateline" and speed[t]["1"]["errors"]}
    if crashed:
        L.append("Exceptions (counted as empty predictions): "
                 + ", ".join(f"{t} {n}" for t, n in crashed.items()))
    L.append("")
    L.append("**Requirements (issue 2)**")
    L.append("")
    for name, ok, detail in checks:
        L.append(f"- {'PASS' if ok else 'FAIL'}: {name}: {detail}")
    notes = [t for t in TOOLS if not speed[t]["same_output_1_vs_all"]]
    if notes:
        L.append("")
        L.append("Note: single-core and all-cores bodies differ for: " + ", ".join(notes))
    L.append("")
    L.append("Commands (run in `bench/extraction/out/`; `$PAGES` = the "
             f"{pages} files of `pages/files.txt`):")
    L.append("")
    for tool in TOOLS:
        for mode in ("1", "all"):
            cmd = speed[tool][mode]["cmd"]
            if tool == "dateline":
                cmd = [c for c in cmd if not c.startswith("pages/")]
                cmd.insert(2, "$PAGES")
            root = os.path.dirname(os.path.dirname(HERE))
            cmd = [os.path.relpath(c, out) if os.path.isabs(c) and c.startswith(root + os.sep) else c for c in cmd]
            L.append(f"- `{' '.join(cmd)}`")
    md = "\n".join(L) + "\n"
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write(md)
    result = {"run": meta, "pages": pages, "quality": quality, "speed": speed,
              "checks": [{"name": n, "pass": ok, "detail": d} for n, ok, d in checks]}
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(result, f, indent=1)
    print(md)
    return 0 if all(ok for _, ok, _ in checks) else 3


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    a = sys.argv[2:]
    if cmd == "prepare" and len(a) == 2:
        prepare(*a)
    elif cmd == "measure" and "--" in a:
        i = a.index("--")
        opts = dict(x.split("=", 1) for x in a[1:i])
        measure(a[0], a[i + 1:], opts.get("stdout"), opts.get("stderr"))
    elif cmd == "info" and a:
        info(a[0], a[1:])
    elif cmd == "split" and len(a) == 3:
        split(*a)
    elif cmd == "report" and len(a) == 1:
        return report(a[0])
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main())

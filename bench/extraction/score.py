#!/usr/bin/env python3
"""Score article-body predictions with each benchmark's own metric.

    score.py DATASET PREDICTIONS.jsonl [--json] [--per-page FILE]

DATASET: scrapinghub | wcxb-dev | wcxb-test | wcxb (dev+test) | mozilla
PREDICTIONS: one JSON object per line with `id` (a page id, or a path whose file name starts
with it) and the body as `body` or `article.body`; metadata as `title`, `author(s)`, `date`
or under `article`. Pages with no prediction count as empty predictions.
Paths may follow the data's layout (`wcxb/<split>/html/NNNN.html.gz`,
`pages/<name>/source.html.gz`) or run.sh's decompressed copies (`pages/wcxb-<split>/NNNN.html`,
`pages/mozilla/<name>.html`).

The data is read from ../shared/data/extraction beside the repository root, or from
$DATELINE_SHARED/data/extraction when DATELINE_SHARED is set.

Metrics (see ../shared/data/extraction/*/README.md):
- scrapinghub: \\w+ tokens (case kept), multiset of word 4-gram shingles, per-page TP/FP/FN
  normalised to sum 1, P = mean over pages with TP+FP>0, R = mean over pages with TP+FN>0,
  F1 = 2PR/(P+R) of the means; accuracy = exact token-sequence match.
- wcxb: \\w+ tokens lowercased, bag of words, per-page P/R/F1, plain means (empty prediction
  scores 0).
- metadata hit rates (wcxb, mozilla): title / author / date exact after normalisation.
"""
import argparse
import gzip
import json
import os
import re
import sys
import unicodedata
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
# The project's shared/ folder sits beside the repository root (two levels above this file);
# DATELINE_SHARED overrides where it is.
SHARED = os.environ.get("DATELINE_SHARED") or os.path.join(HERE, "..", "..", "..", "shared")
DATA = os.path.normpath(os.path.join(SHARED, "data", "extraction"))
WORD = re.compile(r"\w+", re.UNICODE)


def page_id(raw):
    base = os.path.basename(str(raw))
    for ext in (".gz", ".html", ".htm"):
        if base.endswith(ext):
            base = base[: -len(ext)]
    return base


def load_gold(dataset):
    """{page id: {"body", "title", "author", "date"}} for a dataset."""
    gold = {}
    if dataset == "scrapinghub":
        gt = json.load(open(os.path.join(DATA, "scrapinghub-aeb", "ground-truth.json")))
        for pid, g in gt.items():
            gold[pid] = {"body": g.get("articleBody") or ""}
    elif dataset.startswith("wcxb"):
        splits = ["dev", "test"] if dataset == "wcxb" else [dataset.split("-", 1)[1]]
        for split in splits:
            folder = os.path.join(DATA, "wcxb", split, "ground-truth")
            for name in sorted(os.listdir(folder)):
                g = json.load(open(os.path.join(folder, name)))["ground_truth"]
                pid = (split + "/" if dataset == "wcxb" else "") + name[:-5]
                gold[pid] = {
                    "body": g.get("main_content") or "",
                    "title": g.get("title"),
                    "author": g.get("author"),
                    "date": g.get("publish_date"),
                }
    elif dataset == "mozilla":
        folder = os.path.join(DATA, "mozilla-readability-testpages", "pages")
        for name in sorted(os.listdir(folder)):
            meta = json.load(open(os.path.join(folder, name, "expected-metadata.json")))
            gold[name] = {
                "body": None,
                "title": meta.get("title"),
                "author": meta.get("byline"),
                "date": meta.get("publishedTime"),
            }
    else:
        raise SystemExit(f"unknown dataset {dataset!r}")
    return gold


def wcxb_split(raw):
    """`dev` or `test` from a wcxb page path: the nearest folder named dev/test (the data's
    layout, `<split>/html/NNNN.html.gz`) or wcxb-dev/wcxb-test (the decompressed copies of
    run.sh, `pages/wcxb-<split>/NNNN.html`); an explicit `dev/NNNN` or `test/NNNN` id too."""
    for part in reversed(str(raw).replace("\\", "/").split("/")[:-1]):
        if part in ("dev", "wcxb-dev"):
            return "dev"
        if part in ("test", "wcxb-test"):
            return "test"
    return "dev"


def pred_key(dataset, raw_id):
    """Map a prediction id (often a path) to the gold's page id."""
    raw = str(raw_id)
    if dataset == "mozilla":
        # The data's layout is pages/<name>/source.html(.gz): the folder names the page.
        # run.sh's decompressed copies are mozilla/<name>.html: the file does.
        if "/" in raw and page_id(raw) in ("source", "expected"):
            return os.path.basename(os.path.dirname(raw))
        return page_id(raw)
    pid = page_id(raw)
    if dataset == "wcxb":
        return f"{wcxb_split(raw)}/{pid}"
    return pid


def load_predictions(dataset, path):
    preds = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            art = rec.get("article") or {}
            authors = rec.get("authors", art.get("authors"))
            author = rec.get("author", art.get("author"))
            if author is None and authors:
                author = "; ".join(authors) if isinstance(authors, list) else authors
            preds[pred_key(dataset, rec.get("id", ""))] = {
                "body": rec.get("body", art.get("body")) or "",
                "title": rec.get("title", art.get("title")),
                "author": author,
                "date": rec.get("date", art.get("date")),
            }
    return preds


def shingles(text):
    toks = WORD.findall(text)
    if not toks:
        return Counter()
    if len(toks) < 4:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + 4]) for i in range(len(toks) - 3))


def scrapinghub_score(gold, preds):
    ps, rs, exact, per_page = [], [], 0, {}
    for pid, g in gold.items():
        pred = preds.get(pid, {}).get("body") or ""
        gs, psh = shingles(g["body"]), shingles(pred)
        tp = sum((gs & psh).values())
        fp = sum((psh - gs).values())
        fn = sum((gs - psh).values())
        total = tp + fp + fn
        if total == 0:
            p = r = 1.0
            ps.append(p), rs.append(r)
        else:
            tp, fp, fn = tp / total, fp / total, fn / total
            p = tp / (tp + fp) if tp + fp > 0 else None
            r = tp / (tp + fn) if tp + fn > 0 else None
            if p is not None:
                ps.append(p)
            if r is not None:
                rs.append(r)
        if WORD.findall(g["body"]) == WORD.findall(pred):
            exact += 1
        per_page[pid] = {"p": p, "r": r}
    P = sum(ps) / len(ps) if ps else 0.0
    R = sum(rs) / len(rs) if rs else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return {"precision": P, "recall": R, "f1": F, "accuracy": exact / len(gold), "pages": len(gold)}, per_page


def wcxb_score(gold, preds):
    P = R = F = 0.0
    per_page = {}
    for pid, g in gold.items():
        pred = preds.get(pid, {}).get("body") or ""
        gt = Counter(t.lower() for t in WORD.findall(g["body"]))
        pt = Counter(t.lower() for t in WORD.findall(pred))
        if not gt:
            p = r = f = 1.0 if not pt else 0.0
        elif not pt:
            p = r = f = 0.0
        else:
            ov = sum((gt & pt).values())
            p, r = ov / sum(pt.values()), ov / sum(gt.values())
            f = 2 * p * r / (p + r) if p + r else 0.0
        P, R, F = P + p, R + r, F + f
        per_page[pid] = {"p": p, "r": r, "f1": f}
    n = len(gold)
    return {"precision": P / n, "recall": R / n, "f1": F / n, "pages": n}, per_page


def norm_text(s):
    s = unicodedata.normalize("NFKC", str(s or "")).lower()
    return " ".join(WORD.findall(s))


def norm_author(s):
    """Author lists compare by their words: a leading "By" and the joiners between names
    ("and", "&", ",", ";") are dropped, since gold files join several authors either way
    ("A, B and C") while predictions join them with "; "."""
    s = re.sub(r"^\s*by\s+", "", str(s or ""), flags=re.I)
    return " ".join(w for w in norm_text(s).split() if w != "and")


def metadata_score(gold, preds):
    """Hit rates over pages whose gold has the field."""
    out = {}
    for field, norm in (("title", norm_text), ("author", norm_author), ("date", lambda s: str(s or "")[:10])):
        have = [pid for pid, g in gold.items() if g.get(field)]
        hits = 0
        for pid in have:
            p = preds.get(pid, {}).get(field)
            if p and norm(p) and norm(p) == norm(gold[pid][field]):
                hits += 1
        out[field] = {"hits": hits, "pages": len(have), "rate": hits / len(have) if have else None}
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset")
    ap.add_argument("predictions")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--per-page", help="write per-page scores (JSON) here")
    args = ap.parse_args()
    gold = load_gold(args.dataset)
    preds = load_predictions(args.dataset, args.predictions)
    result = {"dataset": args.dataset, "predicted": sum(1 for k in preds if k in gold)}
    per_page = {}
    if args.dataset == "scrapinghub":
        result["body"], per_page = scrapinghub_score(gold, preds)
    elif args.dataset.startswith("wcxb"):
        result["body"], per_page = wcxb_score(gold, preds)
    if args.dataset != "scrapinghub":
        result["metadata"] = metadata_score(gold, preds)
    if args.per_page:
        json.dump(per_page, open(args.per_page, "w"), indent=1, sort_keys=True)
    if args.json:
        print(json.dumps(result))
        return
    b = result.get("body")
    if b:
        extra = f" accuracy {b['accuracy']:.3f}" if "accuracy" in b else ""
        print(f"{args.dataset}: body P {b['precision']:.3f} R {b['recall']:.3f} F1 {b['f1']:.3f}{extra} ({b['pages']} pages, {result['predicted']} predicted)")
    for field, m in result.get("metadata", {}).items():
        if m["rate"] is not None:
            print(f"{args.dataset}: {field} {m['hits']}/{m['pages']} = {m['rate']:.3f}")


if __name__ == "__main__":
    sys.exit(main())

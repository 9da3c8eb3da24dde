#!/usr/bin/env python3
"""Group the failing records of a `dateline eval suite --format json` report by category,
with each record's text, and sort each failure into a rough kind:

  nothing coded     the coder found no event where events were expected
  missed events     some expected events found, others not, nothing extra
  wrong code        an expected (source, target) pair was coded with another event code
  wrong actors      an expected event code was coded with other actors
  extra only        every expected event found, plus events the record does not expect
  expected none     the record expects no event (`NoEvents`, a discard) but some were coded
  other             anything else (several of the above at once)

Usage: failures.py RECORDS.xml REPORT.json [EXAMPLES_PER_CATEGORY] > NAME.failures.md
"""
import html
import json
import re
import sys
from collections import Counter, defaultdict

ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
PARSE = re.compile(r"<Parse>(.*?)</Parse>", re.S)


def texts(path):
    """Record id → text. Each `<Sentence` opens a record that runs to the next one (some
    records close their `<Sentence .../>` tag at once); an empty `<Text>` falls back to the
    words of a CoNLL-U `<Parse>`, as the GSR file needs."""
    raw = open(path, encoding="utf-8", errors="replace").read()
    out = {}
    for chunk in raw.split("<Sentence")[1:]:
        head, _, body = chunk.partition(">")
        attrs = dict(ATTR.findall(head))
        t = TEXT.search(body)
        text = " ".join(html.unescape(t.group(1)).split()) if t else ""
        if not text:
            p = PARSE.search(body)
            if p:
                rows = [line.split("\t") for line in p.group(1).splitlines()]
                text = " ".join(r[1] for r in rows if len(r) > 2 and r[0].isdigit())
        if "id" in attrs:
            out[attrs["id"]] = text
    return out


def triples(events):
    return {(e.get("source", ""), e.get("target", ""), e.get("code", "")) for e in events}


def kind(f):
    exp = f.get("expected") or {}
    expected = triples(exp.get("Events") or []) if isinstance(exp, dict) else set()
    got = triples(f.get("got") or [])
    if f.get("error"):
        return "coder error"
    if not isinstance(exp, dict) or not expected:
        return "expected none"
    if not got:
        return "nothing coded"
    missing = expected - got
    extra = got - expected
    if not missing and extra:
        return "extra only"
    if missing and not extra:
        return "missed events"
    pairs = {(s, t) for s, t, _ in got}
    codes = {c for _, _, c in got}
    if all((s, t) in pairs for s, t, _ in missing):
        return "wrong code"
    if all(c in codes for _, _, c in missing):
        return "wrong actors"
    return "other"


def expected_text(f):
    exp = f.get("expected")
    if isinstance(exp, dict):
        return fmt(triples(exp.get("Events") or []))
    return str(exp)


def fmt(events):
    return ", ".join(f"{s or '-'}→{t or '-'} {c}" for s, t, c in sorted(events)) or "(none)"


def main():
    records, report = sys.argv[1], sys.argv[2]
    per = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    text = texts(records)
    r = json.load(open(report))
    failures = r["score"]["failures"]
    by_cat = defaultdict(list)
    for f in failures:
        by_cat[f.get("category") or "?"].append(f)
    cats = r["score"]["per_category"]
    print(f"# Failing records: `{r['records_file']}`\n")
    print(f"{len(failures)} failing of {r['score']['evaluated']} evaluated records; dictionaries: "
          f"{r['dictionaries']}. Kinds are rough (see failures.py).\n")
    print("| category | failing / evaluated | nothing coded | missed events | wrong code | "
          "wrong actors | extra only | expected none | other |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    order = sorted(by_cat, key=lambda c: -len(by_cat[c]))
    for c in order:
        k = Counter(kind(f) for f in by_cat[c])
        ev = cats.get(c, {}).get("evaluated", "?")
        print(f"| {c} | {len(by_cat[c])} / {ev} | {k['nothing coded']} | {k['missed events']} | "
              f"{k['wrong code']} | {k['wrong actors']} | {k['extra only']} | "
              f"{k['expected none']} | {k['other'] + k['coder error']} |")
    for c in order:
        print(f"\n## {c}\n")
        for f in by_cat[c][:per]:
            print(f"- **{f['id']}** (line {f.get('line')}, {kind(f)}): {text.get(f['id'], '?')}")
            print(f"  - expected: {expected_text(f)}")
            print(f"  - coded: {fmt(triples(f.get('got') or []))}")
        if len(by_cat[c]) > per:
            print(f"- … and {len(by_cat[c]) - per} more")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Write the coder bench's inputs as `dateline code` JSONL (`{id, text, date}` per line) and
the same texts as plain text (paragraphs separated by blank lines) for `dateline parse`.

  news:  the sentence texts of the three PETRARCH record files (PETRARCH-2 unit tests,
         UniversalPetrarch validation records, GSR records), ten records to a document
  ewt:   UD English EWT test's sentence texts (`# text`), ten to a document

Usage: make_inputs.py SHARED_DATA OUT_DIR
Prints one line per set: name, documents, input sentences, words.
"""
import html
import json
import os
import re
import sys

PER_DOC = 10
ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


def record_texts(path):
    """(text, ISO date) of each record; a `<Sentence` opens a record that runs to the next
    (some records close their tag at once: `<Sentence .../>`). Records with an empty
    `<Text>` are left out."""
    raw = open(path, encoding="utf-8", errors="replace").read()
    for chunk in raw.split("<Sentence")[1:]:
        head, _, body = chunk.partition(">")
        attrs = dict(ATTR.findall(head))
        t = TEXT.search(body)
        text = " ".join(html.unescape(t.group(1)).split()) if t else ""
        d = attrs.get("date", "")
        date = f"{d[:4]}-{d[4:6]}-{d[6:8]}" if re.fullmatch(r"\d{8}", d) else None
        if text:
            yield text, date


def ewt_texts(path):
    for line in open(path, encoding="utf-8"):
        if line.startswith("# text = "):
            yield line[len("# text = "):].strip(), "2014-07-01"


def write(name, items, out):
    items = list(items)
    docs = 0
    words = 0
    with open(os.path.join(out, f"{name}.jsonl"), "w") as j, \
            open(os.path.join(out, f"{name}.txt"), "w") as t:
        for i in range(0, len(items), PER_DOC):
            chunk = items[i:i + PER_DOC]
            text = " ".join(s for s, _ in chunk)
            date = next((d for _, d in chunk if d), None)
            rec = {"id": f"{name}-{i // PER_DOC:04d}", "text": text}
            if date:
                rec["date"] = date
            j.write(json.dumps(rec) + "\n")
            t.write(text + "\n\n")
            docs += 1
            words += len(text.split())
    print(f"{name}\t{docs}\t{len(items)}\t{words}")


def main():
    data, out = sys.argv[1], sys.argv[2]
    news = []
    for f in ("petrarch2/PETR.UnitTest.records.xml",
              "universalpetrarch/PETR_Validate_records_2_02.xml",
              "universalpetrarch/PETR2_GSR_validation.xml"):
        news.extend(record_texts(os.path.join(data, f)))
    write("news", news, out)
    write("ewt", ewt_texts(os.path.join(data, "ud_english_ewt/en_ewt-ud-test.conllu")), out)


if __name__ == "__main__":
    main()

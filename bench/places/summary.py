#!/usr/bin/env python3
"""Turn bench_places' JSON into the Markdown summary: summary.py places.json COMMIT LOAD_START LOAD_END."""
import json
import sys

r = json.load(open(sys.argv[1]))
commit, load_start, load_end = sys.argv[2:5]
t, d, time = r["test_set"], r["re3d"], r["time"]
pct = lambda x: f"{100 * x:.1f} %"
print(f"# Places benchmark (commit {commit}, {time['build']} build, load average {load_start} → {load_end})\n")
print("| measure | value |\n| --- | --- |")
print(f"| test set: mentions | {t['mentions']} |")
print(f"| test set: country accuracy | {pct(t['country_accuracy'])} |")
print(f"| test set: median error | {t['median_error_km']:.1f} km |")
print(f"| test set: within 50 km | {pct(t['within_50_km'])} |")
print(f"| re3d: documents | {d['documents']} |")
print(f"| re3d: Location mentions resolved | {d['resolved']} / {d['location_mentions']} = {pct(d['resolved_share'])} |")
print(f"| re3d: capitalised Location mentions resolved | {d['named_resolved']} / {d['named_location_mentions']} = {pct(d['named_resolved_share'])} |")
print(f"| re3d: resolved to a country the document does not name | {d['resolved_outside_named_countries']} / {d['resolved']} = {pct(d['outside_share_of_resolved'])} |")
print(f"| re3d: reported places not on a gold Location (precision proxy) | {d['places_not_on_a_location']} / {d['places_reported']} = {pct(d['not_on_a_location_share'])} |")
print(f"| gazetteer load (best of 5) | {time['gazetteer_load_ms_best_of_5']:.1f} ms |")
print(f"| geocoder time / language pipeline time (re3d) | {time['geocode_seconds']:.3f} s / {time['analyse_seconds']:.2f} s = {pct(time['geocode_share_of_analysis'])} |")
print("\nBy re3d source:\n")
print("| source | documents | Location mentions | resolved |\n| --- | --- | --- | --- |")
for s in d["by_source"]:
    print(f"| {s['source']} | {s['documents']} | {s['locations']} | {s['resolved']} |")
print("\nResolved outside the document's countries (first 40):", "; ".join(d["outside_examples"]))
print("\nCapitalised Location mentions left unresolved (first 60):", "; ".join(d["unresolved_named_examples"]))
print("\nReported places other than countries on no gold Location, with the gold types there (first 40):", "; ".join(d["not_on_a_location_examples"]))

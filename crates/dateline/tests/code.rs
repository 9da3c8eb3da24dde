//! End-to-end through the binary: `dateline code` on small hand-written news texts whose
//! correct coding is known (CAMEO actor codes from the bundled Phoenix dictionaries, event
//! codes from CAMEO.2.0), its output formats and its errors; `dateline eval suite` and
//! `dateline build-dictionaries` on the shared data.

mod common;

use std::path::Path;
use std::process::Output;

use serde_json::Value;

const DATE: &str = "2014-07-10";

/// Hand-written news sentences, one document each (ingest wants at least ten words).
const NEWS: &[(&str, &str)] = &[
    // A passive: the agent is the `by`-phrase, the target the `into`-phrase.
    (
        "passive",
        "On Monday, rockets were fired by Hamas into Israel from the Gaza Strip, officials said.",
    ),
    // A possessive country with an agent: Egypt's foreign minister is EGYGOV.
    (
        "possessive",
        "Egypt's foreign minister met the Israeli prime minister in Cairo on Sunday to discuss the truce.",
    ),
    // Coordinated subjects: one event each.
    (
        "coordination",
        "France and Germany condemned Russia on Thursday over its actions in the east of Ukraine.",
    ),
    // Nationality adjectives with agents on both sides.
    (
        "agents",
        "Israeli police arrested Palestinian protesters in Jerusalem on Friday after the prayers, witnesses said.",
    ),
    // Negated: no meeting took place.
    (
        "negated",
        "Egypt did not meet Israel in Cairo on Sunday, officials in both countries said later.",
    ),
    // Its positive twin, so that the negated record can fail.
    (
        "affirmed",
        "Egypt met Israel in Cairo on Sunday, officials in both countries said later.",
    ),
];

fn jsonl_line(id: &str, text: &str, date: Option<&str>) -> String {
    let mut v = serde_json::json!({ "id": id, "text": text });
    if let Some(d) = date {
        v["date"] = Value::from(d);
    }
    v.to_string()
}

fn news_jsonl(date: Option<&str>) -> String {
    NEWS.iter()
        .map(|(id, text)| jsonl_line(id, text, date) + "\n")
        .collect()
}

/// Run `dateline code` on a file holding `input`, with more arguments.
fn code(dir: &Path, input: &str, args: &[&str]) -> Output {
    let path = dir.join("input.jsonl");
    std::fs::write(&path, input).unwrap();
    let mut all = vec!["code", path.to_str().unwrap()];
    all.extend_from_slice(args);
    common::dateline(&all)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The JSON lines of a `--format jsonl` run, by id.
fn records(out: &Output) -> Vec<Value> {
    assert!(out.status.success(), "code failed: {}", stderr(out));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn record<'a>(recs: &'a [Value], id: &str) -> &'a Value {
    recs.iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no output line with id {id}"))
}

/// (source code, target code, CAMEO code) of every event of a record.
fn triples(rec: &Value) -> Vec<(String, String, String)> {
    let code = |a: &Value| a["code"].as_str().unwrap_or_default().to_string();
    rec["events"]
        .as_array()
        .unwrap_or_else(|| panic!("no events array in {rec}"))
        .iter()
        .map(|e| {
            (
                code(&e["source"]),
                code(&e["target"]),
                e["cameo"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn has(rec: &Value, source: &str, target: &str, cameo_prefix: &str) -> bool {
    triples(rec)
        .iter()
        .any(|(s, t, c)| s == source && t == target && c.starts_with(cameo_prefix))
}

#[test]
fn jsonl_in_jsonl_out_with_ids_and_correct_events() {
    let dir = tempfile::tempdir().unwrap();
    let out = code(dir.path(), &news_jsonl(Some(DATE)), &["--format", "jsonl"]);
    let recs = records(&out);

    // One line per input line, each with its input's id, and its events come from its text.
    let mut ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    let mut want: Vec<&str> = NEWS.iter().map(|(id, _)| *id).collect();
    want.sort_unstable();
    assert_eq!(ids, want);
    for (id, text) in NEWS {
        let rec = record(&recs, id);
        let body = rec["article"]["body"].as_str().unwrap_or_default();
        assert!(body.contains(text), "{id}: body {body:?}");
        for e in rec["events"].as_array().unwrap() {
            let sentence = e["sentence"].as_str().unwrap();
            assert!(text.contains(sentence), "{id}: event from {sentence:?}");
            // Evidence: the actors' and the trigger's offsets point at their words in the
            // article body (`text` is the words joined by spaces: "Egypt 's").
            let squeeze = |s: &str| s.split_whitespace().collect::<String>();
            for part in [&e["source"], &e["target"], &e["trigger"]] {
                if part.is_null() {
                    continue;
                }
                let (s, t) = (
                    part["start"].as_u64().unwrap(),
                    part["end"].as_u64().unwrap(),
                );
                let span = body.get(s as usize..t as usize).unwrap_or_default();
                assert_eq!(
                    squeeze(span),
                    squeeze(part["text"].as_str().unwrap()),
                    "{id}: offsets of {part}"
                );
            }
        }
    }

    // Passive: Hamas (PSEREBHMS in Phoenix.MilNonState) fired into Israel; a material conflict
    // event (QuadClass 4), Hamas the source.
    let passive = record(&recs, "passive");
    let ev = passive["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"]["code"] == "PSEREBHMS" && e["target"]["code"] == "ISR")
        .unwrap_or_else(|| panic!("no Hamas → Israel event: {:?}", triples(passive)));
    assert_eq!(ev["quad_class"], 4, "{ev}");
    assert_eq!(ev["trigger"]["text"], "fired");

    // Egypt's foreign minister (EGYGOV) met the Israeli prime minister (ISRGOV): 04 (consult).
    let possessive = record(&recs, "possessive");
    assert!(
        has(possessive, "EGYGOV", "ISRGOV", "04"),
        "{:?}",
        triples(possessive)
    );

    // Coordination: France and Germany each denounce Russia (111).
    let coord = record(&recs, "coordination");
    assert!(has(coord, "FRA", "RUS", "111"), "{:?}", triples(coord));
    assert!(has(coord, "DEU", "RUS", "111"), "{:?}", triples(coord));

    // Israeli police (ISRCOP) arrested (173) Palestinian protesters.
    let agents = record(&recs, "agents");
    let t = triples(agents);
    assert!(
        t.iter()
            .any(|(s, tg, c)| s == "ISRCOP" && tg.starts_with("PSE") && c == "173"),
        "{t:?}"
    );

    // Negation: no meeting between Egypt and Israel; its affirmative twin has one.
    assert!(has(record(&recs, "affirmed"), "EGY", "ISR", "04"));
    let negated = record(&recs, "negated");
    assert!(
        !triples(negated).iter().any(|(_, _, c)| c.starts_with("04")),
        "a negated meeting was coded: {:?}",
        triples(negated)
    );
}

#[test]
fn require_dyad_keeps_only_events_with_both_sides() {
    let dir = tempfile::tempdir().unwrap();
    let run = |flag: Option<&str>| {
        let mut args = vec!["--format", "jsonl"];
        args.extend(flag);
        records(&code(dir.path(), &news_jsonl(Some(DATE)), &args))
    };
    let (one_sided, default, dyads) = (
        run(Some("--one-sided")),
        run(None),
        run(Some("--require-dyad")),
    );
    let events = |recs: &[Value]| -> Vec<Value> {
        recs.iter()
            .flat_map(|r| r["events"].as_array().unwrap().iter().cloned())
            .collect()
    };
    let both = |e: &Value| !e["source"].is_null() && !e["target"].is_null();
    let count = |recs: &[Value], dyad_only: bool| {
        events(recs)
            .iter()
            .filter(|e| !dyad_only || both(e))
            .count()
    };
    // `--one-sided` keeps events that lack a side (the possessive's "to discuss the truce").
    assert!(count(&one_sided, false) > count(&one_sided, true));
    // `--require-dyad` keeps exactly the two-sided ones.
    assert_eq!(count(&dyads, false), count(&dyads, true));
    assert_eq!(count(&dyads, false), count(&one_sided, true));
    // The default: both sides, except material conflict (QuadClass 4).
    for e in events(&default) {
        assert!(both(&e) || e["quad_class"] == 4, "{e}");
    }
    assert!(count(&default, false) >= count(&dyads, false));
}

#[test]
fn tsv_has_its_header_and_the_same_columns_on_every_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = code(dir.path(), &news_jsonl(Some(DATE)), &["--format", "tsv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header line").split('\t').collect();
    assert_eq!(header[0], "id");
    for col in [
        "source_code",
        "target_code",
        "cameo",
        "quad_class",
        "trigger",
        "location",
        "lat",
        "sentence_text",
    ] {
        assert!(header.contains(&col), "no {col} column in {header:?}");
    }
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert!(rows.len() >= 5, "too few event lines:\n{text}");
    let ids: Vec<&str> = NEWS.iter().map(|(id, _)| *id).collect();
    let src = header.iter().position(|c| *c == "source_code").unwrap();
    let cameo = header.iter().position(|c| *c == "cameo").unwrap();
    for row in &rows {
        assert_eq!(row.len(), header.len(), "{row:?}");
        assert!(ids.contains(&row[0]), "unknown id in {row:?}");
    }
    assert!(rows
        .iter()
        .any(|r| r[0] == "coordination" && r[src] == "DEU" && r[cameo] == "111"));
}

#[test]
fn date_flag_applies_only_when_the_document_has_no_date() {
    let dir = tempfile::tempdir().unwrap();
    // Each event's date: the article's, or the weekday its sentence names ("On Monday"),
    // resolved against the article's date — so within the six days before it.
    let check = |recs: &[Value], article: &str| {
        let day = chrono::NaiveDate::parse_from_str(article, "%Y-%m-%d").unwrap();
        let events: Vec<&Value> = recs
            .iter()
            .flat_map(|r| r["events"].as_array().unwrap().iter())
            .collect();
        assert!(!events.is_empty());
        for e in events {
            let date = e["date"].as_str().unwrap_or("none");
            match e["date_source"].as_str() {
                Some("article") => assert_eq!(date, article, "{e}"),
                Some("sentence") => {
                    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
                    assert!(d <= day && (day - d).num_days() < 7, "{e}");
                }
                other => panic!("date source {other:?}: {e}"),
            }
        }
    };
    let undated = records(&code(
        dir.path(),
        &news_jsonl(None),
        &["--format", "jsonl", "--date", "2015-03-04"],
    ));
    check(&undated, "2015-03-04");

    let dated = records(&code(
        dir.path(),
        &news_jsonl(Some(DATE)),
        &["--format", "jsonl", "--date", "2015-03-04"],
    ));
    check(&dated, DATE);

    // Neither the document nor the command gives a date: the events have none (a weekday
    // cannot be resolved without one).
    let none = records(&code(dir.path(), &news_jsonl(None), &["--format", "jsonl"]));
    let d: Vec<&str> = none
        .iter()
        .flat_map(|r| r["events"].as_array().unwrap().iter())
        .map(|e| e["date"].as_str().unwrap_or("none"))
        .collect();
    assert!(!d.is_empty());
    assert!(d.iter().all(|d| *d == "none"), "{d:?}");
}

#[test]
fn malformed_actor_file_is_an_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let dicts = dir.path().join("dicts");
    std::fs::create_dir(&dicts).unwrap();
    std::fs::write(
        dicts.join("mine.actors.txt"),
        "EGYPT_ [EGY]\nGONDOR_ [GON\nARNOR_ [ARN]\n",
    )
    .unwrap();
    let out = code(
        dir.path(),
        &news_jsonl(Some(DATE)),
        &["--dictionaries", dicts.to_str().unwrap()],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("mine.actors.txt:2"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.stdout.is_empty() || !String::from_utf8_lossy(&out.stdout).contains("\"events\""));
}

#[test]
fn user_dictionaries_add_actors() {
    // The control for the malformed file: the same folder, well formed, codes Gondor.
    let dir = tempfile::tempdir().unwrap();
    let dicts = dir.path().join("dicts");
    std::fs::create_dir(&dicts).unwrap();
    std::fs::write(dicts.join("mine.actors.txt"), "GONDOR_ [GON]\n").unwrap();
    let text = "France condemned Gondor on Thursday over its actions in the east of Ukraine.";
    let input = jsonl_line("g", text, Some(DATE)) + "\n";
    let without = records(&code(dir.path(), &input, &["--format", "jsonl"]));
    assert!(!has(&without[0], "FRA", "GON", "111"));
    let with = records(&code(
        dir.path(),
        &input,
        &[
            "--format",
            "jsonl",
            "--dictionaries",
            dicts.to_str().unwrap(),
        ],
    ));
    assert!(
        has(&with[0], "FRA", "GON", "111"),
        "{:?}",
        triples(&with[0])
    );
}

#[test]
fn user_actor_codes_follow_the_article_date() {
    // ARAGORN_ is GONGOV during 2014 only, GON otherwise: the article's date picks the code.
    let dir = tempfile::tempdir().unwrap();
    let dicts = dir.path().join("dicts");
    std::fs::create_dir(&dicts).unwrap();
    std::fs::write(
        dicts.join("my.actors.txt"),
        "ARAGORN_\n    [GONGOV 140101-141231]\n    [GON]\n",
    )
    .unwrap();
    let text = "Aragorn condemned Russia on Thursday over its actions in the east of Ukraine.";
    let input = format!(
        "{}\n{}\n",
        jsonl_line("in2014", text, Some("2014-07-10")),
        jsonl_line("in2016", text, Some("2016-01-01"))
    );
    let recs = records(&code(
        dir.path(),
        &input,
        &[
            "--format",
            "jsonl",
            "--dictionaries",
            dicts.to_str().unwrap(),
        ],
    ));
    let r2014 = record(&recs, "in2014");
    let r2016 = record(&recs, "in2016");
    assert!(has(r2014, "GONGOV", "RUS", "111"), "{:?}", triples(r2014));
    assert!(has(r2016, "GON", "RUS", "111"), "{:?}", triples(r2016));
}

#[test]
fn missing_dictionaries_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder");
    let out = code(
        dir.path(),
        &news_jsonl(Some(DATE)),
        &["--dictionaries", missing.to_str().unwrap()],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("no-such-folder"), "{err}");
    assert!(err.contains("cannot read"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn bad_documents_are_reported_and_the_good_ones_coded() {
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("batch");
    std::fs::create_dir(&batch).unwrap();
    std::fs::write(batch.join("a-good.txt"), format!("{}\n", NEWS[2].1)).unwrap();
    std::fs::write(batch.join("b-empty.txt"), "").unwrap();
    let mut binary = b"\x7fELF\x02\x01\x01\x00".to_vec();
    binary.extend((0..2000u32).map(|i| (i * 7 % 256) as u8));
    std::fs::write(batch.join("c-binary.txt"), binary).unwrap();
    std::fs::write(batch.join("d-good.txt"), format!("{}\n", NEWS[3].1)).unwrap();
    let errors = dir.path().join("errors.jsonl");
    let out = common::dateline(&[
        "code",
        batch.to_str().unwrap(),
        "--format",
        "jsonl",
        "--date",
        DATE,
        "--errors",
        errors.to_str().unwrap(),
    ]);
    let recs = records(&out);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(ids.iter().any(|i| i.ends_with("a-good.txt")), "{ids:?}");
    assert!(ids.iter().any(|i| i.ends_with("d-good.txt")), "{ids:?}");
    let good = recs
        .iter()
        .find(|r| r["id"].as_str().unwrap().ends_with("a-good.txt"))
        .unwrap();
    assert!(has(good, "FRA", "RUS", "111"), "{:?}", triples(good));
    let err = stderr(&out);
    assert!(
        err.contains("b-empty.txt") && err.contains("c-binary.txt"),
        "{err}"
    );
    let logged = std::fs::read_to_string(&errors).unwrap();
    let logged: Vec<Value> = logged
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(logged.len(), 2, "{logged:?}");
    assert!(logged
        .iter()
        .all(|e| e["kind"].is_string() && e["input"].is_string()));
}

#[test]
fn bad_jsonl_lines_do_not_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let input = format!(
        "{}\nnot json at all\n{}\n{}\n",
        jsonl_line("first", NEWS[2].1, Some(DATE)),
        jsonl_line("empty", "", Some(DATE)),
        jsonl_line("last", NEWS[3].1, Some(DATE)),
    );
    let out = code(dir.path(), &input, &["--format", "jsonl"]);
    let recs = records(&out);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["first", "last"]);
    let err = stderr(&out);
    assert!(
        err.contains("input.jsonl:2") && err.contains("input.jsonl:3"),
        "{err}"
    );
}

#[test]
fn eval_suite_json_on_the_gsr_records() {
    let Some(shared) = common::shared() else {
        return;
    };
    let records = shared.join("data/universalpetrarch/PETR2_GSR_validation.xml");
    let out = common::dateline(&[
        "eval",
        "suite",
        "--records",
        records.to_str().unwrap(),
        "--bundled",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let rate = v["pass_rate"].as_f64().expect("a pass_rate number");
    let score = &v["score"];
    let (passed, evaluated) = (
        score["passed"].as_u64().unwrap(),
        score["evaluated"].as_u64().unwrap(),
    );
    // The GSR file holds 78 records, all of which have expected events.
    assert_eq!(evaluated, 78);
    assert!(passed <= evaluated);
    assert!((rate - passed as f64 / evaluated as f64).abs() < 1e-9);
    assert!(v["found_rate"].as_f64().is_some() && v["extra_rate"].as_f64().is_some());
    assert!(score["per_category"].is_object());
}

#[test]
fn build_dictionaries_reproduces_the_committed_default_set() {
    let Some(shared) = common::shared() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("default.dict");
    let out = common::dateline(&[
        "build-dictionaries",
        "--data",
        shared.join("data").to_str().unwrap(),
        "--out",
        out_path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    let built = std::fs::read(&out_path).unwrap();
    assert_eq!(report["bytes"].as_u64(), Some(built.len() as u64));
    let committed = std::fs::read(common::repo_root().join("dictionaries/default.dict")).unwrap();
    assert!(
        built == committed,
        "dictionaries/default.dict is not what build-dictionaries makes from ../shared/data \
         ({} bytes built, {} committed): rebuild it",
        built.len(),
        committed.len()
    );
}

/// `--lead N` codes the first N sentences as the whole-article run codes them (the coder
/// reads sentences in order, so nothing after them changes what they give) and nothing
/// after them.
#[test]
fn lead_codes_the_first_sentences_as_the_whole_run_does() {
    let Some(shared) = common::shared() else {
        return;
    };
    let seed = shared.join("seed/kerry-ceasefire-2014.txt");
    let seed = seed.to_str().unwrap();
    let run = |extra: &[&str]| -> Value {
        let mut args = vec!["code", seed, "--format", "jsonl"];
        args.extend_from_slice(extra);
        let out = common::dateline(&args);
        records(&out).remove(0)
    };
    let keyed = |rec: &Value, below: u64| -> Vec<(u64, String, String, String)> {
        let code = |a: &Value| a["code"].as_str().unwrap_or_default().to_string();
        rec["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["sentence_index"].as_u64().unwrap() < below)
            .map(|e| {
                (
                    e["sentence_index"].as_u64().unwrap(),
                    code(&e["source"]),
                    code(&e["target"]),
                    e["cameo"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let whole = run(&[]);
    let lead = 12;
    let led = run(&["--lead", "12"]);
    let expected = keyed(&whole, lead);
    assert!(!expected.is_empty(), "the seed's lead has events");
    assert!(
        keyed(&whole, u64::MAX).len() > expected.len(),
        "the seed has events after its lead"
    );
    assert_eq!(keyed(&led, u64::MAX), expected);
    for key in ["quotes", "counts", "places", "dates"] {
        for item in led[key].as_array().unwrap() {
            assert!(
                item["sentence_index"].as_u64().unwrap() < lead,
                "{key} after the lead: {item}"
            );
        }
    }
    // Zero is refused by the argument parser, with the flag's name.
    let out = common::dateline(&["code", seed, "--lead", "0"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--lead"), "{}", stderr(&out));
}

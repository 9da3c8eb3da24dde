//! dateline's own verb additions (`dictionaries/src/dateline.verbs.txt`) read cleanly and
//! say what their header says.

use std::path::Path;

use dateline_code::dict::verbs::{detect_format, read_verbs, PatternItem, VerbFormat};

fn additions() -> (String, std::path::PathBuf) {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dictionaries/src/dateline.verbs.txt");
    let text = std::fs::read_to_string(&path).expect("the additions file is in the repository");
    (text, path)
}

#[test]
fn additions_read_as_petrarch2_with_their_synset_and_blocks() {
    let (text, path) = additions();
    assert_eq!(detect_format(&text), VerbFormat::Petrarch2);
    let dict = read_verbs(&path, &text, 0, VerbFormat::Petrarch2).expect("reads without errors");
    let idiom = dict
        .synsets
        .get("IDIOMOBJECT")
        .expect("the IDIOMOBJECT synset");
    assert!(idiom.iter().any(|p| p.words == ["STEPS"]), "{idiom:?}");
    let heads: Vec<&str> = dict.blocks.iter().map(|b| b.head.as_str()).collect();
    for head in [
        "URGE",
        "ENCOURAGE",
        "FLY",
        "GO_SOMEWHERE",
        "OVERSEE_MANAGE",
        "START",
        "APPREHEND",
        "COMPROMISE",
    ] {
        assert!(heads.contains(&head), "{head} missing from {heads:?}");
    }
    let take = dict
        .blocks
        .iter()
        .find(|b| b.head == "APPREHEND")
        .expect("APPREHEND");
    assert!(take.patterns.iter().any(|p| p.code.active.is_none()
        && matches!(p.post.first(), Some(PatternItem::Synset { name, .. }) if name == "IDIOMOBJECT")));
    assert!(dict
        .undefined_synsets()
        .iter()
        .all(|(n, _)| n != "IDIOMOBJECT"));
}

//! Tests of the file, folder, gzip and stdin readers and of every kind of bad input.

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use super::warc::tests::{gz, response, PAGE};
use super::*;

const TEXT: &str = "The central bank raised its main interest rate by half a point on Thursday, \
     the third increase this year, saying inflation remained far above its target and \
     that further tightening could not be ruled out before the end of the summer.";

fn opts() -> ReadOptions {
    ReadOptions::default()
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(rel);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&p, bytes).unwrap();
    p
}

fn all(paths: Vec<PathBuf>, o: ReadOptions) -> Vec<Item> {
    read_paths(paths, o).collect()
}

fn one(paths: Vec<PathBuf>) -> Item {
    let mut v = all(paths, opts());
    assert_eq!(v.len(), 1, "{v:?}");
    v.remove(0)
}

fn err_kind(item: &Item) -> ErrorKind {
    item.as_ref().expect_err("expected an error").kind
}

#[test]
fn html_and_text_files() {
    let dir = tempfile::tempdir().unwrap();
    let h = write(dir.path(), "a.html", PAGE.as_bytes());
    let t = write(dir.path(), "b.TXT", TEXT.as_bytes());
    let out = all(vec![h.clone(), t.clone()], opts());
    let d0 = out[0].as_ref().unwrap();
    assert_eq!(d0.content, Content::Html);
    assert_eq!(d0.id, h.display().to_string());
    assert_eq!(d0.source.path.as_deref(), Some(d0.id.as_str()));
    assert_eq!(d0.sha256, Document::hash_bytes(PAGE.as_bytes()));
    assert_eq!(d0.charset, "UTF-8");
    let d1 = out[1].as_ref().unwrap();
    assert_eq!(d1.content, Content::Text);
    assert_eq!(d1.text, TEXT);
    // `.txt` is text even when it contains markup
    let t2 = write(dir.path(), "c.txt", PAGE.as_bytes());
    assert_eq!(one(vec![t2]).unwrap().content, Content::Text);
}

#[test]
fn unknown_extension_named_explicitly_is_sniffed() {
    let dir = tempfile::tempdir().unwrap();
    let h = write(dir.path(), "page.php", PAGE.as_bytes());
    let t = write(dir.path(), "README", TEXT.as_bytes());
    let j = write(
        dir.path(),
        "dump.json",
        b"{\"id\":\"j\",\"text\":\"words\"}\n",
    );
    let w = write(
        dir.path(),
        "crawl.dat",
        &response(
            "<urn:uuid:w>",
            "http://x.example/",
            "Content-Type: text/html\r\n",
            PAGE.as_bytes(),
        ),
    );
    let g = write(dir.path(), "noext", &gz(PAGE.as_bytes()));
    let out = all(vec![h, t, j, w, g], opts());
    let got: Vec<(String, Content)> = out
        .iter()
        .map(|i| {
            let d = i.as_ref().unwrap();
            (d.id.rsplit('/').next().unwrap().to_string(), d.content)
        })
        .collect();
    assert_eq!(
        got,
        [
            ("page.php".to_string(), Content::Html),
            ("README".to_string(), Content::Text),
            ("j".to_string(), Content::Text),
            ("<urn:uuid:w>".to_string(), Content::Html),
            ("noext".to_string(), Content::Html),
        ]
    );
}

#[test]
fn gzip_files() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.html.gz", &gz(PAGE.as_bytes()));
    // multi-member gzip
    let mut two = gz(&TEXT.as_bytes()[..20]);
    two.extend(gz(&TEXT.as_bytes()[20..]));
    let b = write(dir.path(), "b.txt.gz", &two);
    // zero padding after the last member is ignored
    let mut padded = gz(TEXT.as_bytes());
    padded.extend_from_slice(&[0; 700]);
    let p = write(dir.path(), "padded.txt.gz", &padded);
    assert_eq!(one(vec![p]).unwrap().text, TEXT);
    // gzip data in a file not named .gz
    let c = write(dir.path(), "c.html", &gz(PAGE.as_bytes()));
    let out = all(vec![a, b, c], opts());
    assert_eq!(out[0].as_ref().unwrap().text, PAGE);
    assert_eq!(out[0].as_ref().unwrap().content, Content::Html);
    assert_eq!(
        out[0].as_ref().unwrap().sha256,
        Document::hash_bytes(PAGE.as_bytes())
    );
    assert_eq!(out[1].as_ref().unwrap().text, TEXT);
    assert_eq!(out[2].as_ref().unwrap().text, PAGE);
}

#[test]
fn corrupt_and_truncated_gzip() {
    let dir = tempfile::tempdir().unwrap();
    let mut z = gz(TEXT.as_bytes());
    let half = z.len() / 2;
    let trunc = write(dir.path(), "t.txt.gz", &z[..half]);
    z[12..]
        .iter_mut()
        .for_each(|b| *b = b.wrapping_mul(7).wrapping_add(3));
    let corrupt = write(dir.path(), "c.txt.gz", &z);
    let not_gz = write(dir.path(), "n.txt.gz", TEXT.as_bytes());
    for p in [trunc, corrupt, not_gz] {
        let item = one(vec![p.clone()]);
        let e = item.as_ref().unwrap_err();
        assert_eq!(e.kind, ErrorKind::Compression, "{p:?}: {e}");
        assert_eq!(e.input, p.display().to_string());
    }
}

#[test]
fn folder_recursion_filtering_and_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "b.html", PAGE.as_bytes());
    write(d, "a.txt", TEXT.as_bytes());
    write(d, "sub/z.htm", PAGE.as_bytes());
    write(d, "sub/deeper/y.txt.gz", &gz(TEXT.as_bytes()));
    write(
        d,
        "c.jsonl",
        b"{\"id\":\"j1\",\"text\":\"one\"}\n{\"id\":\"j2\",\"text\":\"two\"}\n",
    );
    write(
        d,
        "w.warc.gz",
        &gz(&response(
            "<urn:uuid:w>",
            "http://x.example/",
            "Content-Type: text/html\r\n",
            PAGE.as_bytes(),
        )),
    );
    // skipped silently
    write(d, "image.png", b"\x89PNG\r\n\x1a\n\0\0");
    write(d, "notes.md", TEXT.as_bytes());
    write(d, "archive.tar.gz", &gz(b"x"));
    write(d, ".hidden.html", PAGE.as_bytes());
    write(d, ".git/x.txt", TEXT.as_bytes());
    let out = all(vec![d.to_path_buf()], opts());
    let ids: Vec<String> = out
        .iter()
        .map(|i| {
            let id = i.as_ref().unwrap().id.clone();
            id.strip_prefix(&format!("{}/", d.display()))
                .unwrap_or(&id)
                .to_string()
        })
        .collect();
    assert_eq!(
        ids,
        [
            "a.txt",
            "b.html",
            "j1",
            "j2",
            "sub/deeper/y.txt.gz",
            "sub/z.htm",
            "<urn:uuid:w>"
        ]
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a/page.html", PAGE.as_bytes());
    std::os::unix::fs::symlink(d.join("a"), d.join("a/loop")).unwrap();
    std::os::unix::fs::symlink(d.join("nowhere"), d.join("a/dangling.html")).unwrap();
    let out = all(vec![d.to_path_buf()], opts());
    let oks = out.iter().filter(|i| i.is_ok()).count();
    assert_eq!(oks, 1, "{out:?}");
    assert!(out
        .iter()
        .all(|i| i.is_ok() || err_kind(i) == ErrorKind::Io));
    assert!(out
        .iter()
        .any(|i| i.as_ref().is_err_and(|e| e.message.contains("loop"))));
}

#[test]
fn stdin_is_sniffed() {
    let read = |bytes: Vec<u8>| -> Vec<Item> {
        read_paths_with_stdin(
            vec![PathBuf::from("-")],
            opts(),
            Box::new(Cursor::new(bytes)),
        )
        .collect()
    };
    let html = read(PAGE.as_bytes().to_vec());
    let d = html[0].as_ref().unwrap();
    assert_eq!((d.id.as_str(), d.content), ("-", Content::Html));
    assert_eq!(d.source.path.as_deref(), Some("-"));
    let text = read(TEXT.as_bytes().to_vec());
    assert_eq!(text[0].as_ref().unwrap().content, Content::Text);
    let zipped = read(gz(PAGE.as_bytes()));
    assert_eq!(zipped[0].as_ref().unwrap().text, PAGE);
    let jsonl = read(b"{\"id\":1,\"text\":\"a\"}\n{\"id\":2,\"text\":\"b\"}\n".to_vec());
    assert_eq!(jsonl.len(), 2);
    assert_eq!(jsonl[1].as_ref().unwrap().id, "2");
    let warc = read(gz(&response(
        "<urn:uuid:s>",
        "http://x.example/",
        "Content-Type: text/html\r\n",
        PAGE.as_bytes(),
    )));
    assert_eq!(warc[0].as_ref().unwrap().id, "<urn:uuid:s>");
    assert_eq!(err_kind(&read(Vec::new())[0]), ErrorKind::Empty);
    // `-` twice: the second is an error, not a hang
    let twice: Vec<Item> = read_paths_with_stdin(
        vec![PathBuf::from("-"), PathBuf::from("-")],
        opts(),
        Box::new(Cursor::new(TEXT.as_bytes().to_vec())),
    )
    .collect();
    assert!(twice[0].is_ok());
    assert_eq!(err_kind(&twice[1]), ErrorKind::Io);
    // read_stream, the same for any reader
    let s: Vec<Item> = read_stream(
        Box::new(Cursor::new(TEXT.as_bytes().to_vec())),
        "pipe",
        opts(),
    )
    .collect();
    assert_eq!(s[0].as_ref().unwrap().id, "pipe");
}

#[test]
fn stdin_too_large_reads_at_most_max_plus_one() {
    struct Endless(u64);
    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            buf.fill(b'a');
            self.0 += buf.len() as u64;
            assert!(self.0 < 10 << 20, "read far past the limit");
            Ok(buf.len())
        }
    }
    let o = ReadOptions { max_bytes: 1 << 20 };
    let out: Vec<Item> =
        read_paths_with_stdin(vec![PathBuf::from("-")], o, Box::new(Endless(0))).collect();
    assert_eq!(err_kind(&out[0]), ErrorKind::TooLarge);
}

#[test]
fn empty_and_whitespace_files() {
    let dir = tempfile::tempdir().unwrap();
    let e = write(dir.path(), "e.html", b"");
    let w = write(dir.path(), "w.txt", b" \n\t\r\n  ");
    let bom = write(dir.path(), "b.txt", b"\xef\xbb\xbf  \n");
    let gz_empty = write(dir.path(), "g.txt.gz", &gz(b""));
    for p in [e, w, bom, gz_empty] {
        let item = one(vec![p.clone()]);
        assert_eq!(err_kind(&item), ErrorKind::Empty, "{p:?}");
        assert_eq!(item.unwrap_err().input, p.display().to_string());
    }
}

#[test]
fn binary_files() {
    let dir = tempfile::tempdir().unwrap();
    let png = write(
        dir.path(),
        "img.html",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0",
    );
    let elf = write(
        dir.path(),
        "prog.txt",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0",
    );
    let junk: Vec<u8> = (0..4000u32).map(|i| (i * 7 % 32) as u8).collect();
    let ctl = write(dir.path(), "junk.txt", &junk);
    let pdf = write(
        dir.path(),
        "doc.unknown",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    );
    for p in [png, elf, ctl, pdf] {
        let item = one(vec![p.clone()]);
        let e = item.as_ref().unwrap_err();
        assert_eq!(e.kind, ErrorKind::Binary, "{p:?}");
        assert!(e.message.contains("binary"));
    }
}

#[test]
fn malformed_html_and_invalid_utf8_are_not_errors() {
    let dir = tempfile::tempdir().unwrap();
    let cut = &PAGE[..PAGE.len() - 40];
    let t = write(dir.path(), "cut.html", cut.as_bytes());
    let d = one(vec![t]).unwrap();
    assert_eq!(d.content, Content::Html);
    assert!(crate::extract(&d).is_ok());
    let mut latin = b"<html><body><article><p>".to_vec();
    latin.extend_from_slice(
        &encoding_rs::WINDOWS_1252
            .encode("Le ministre a déclaré mardi que la réforme des retraites serait présentée à l’Assemblée nationale avant l’été, malgré les grèves très suivies dans les transports publics et les écoles du pays.")
            .0,
    );
    latin.extend_from_slice(b"</p></article></body></html>");
    let l = write(dir.path(), "latin.html", &latin);
    let d = one(vec![l]).unwrap();
    assert_eq!(d.charset, "windows-1252");
    assert!(d.text.contains("déclaré"));
}

#[test]
fn too_large_is_decided_from_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.html");
    let f = fs::File::create(&p).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap(); // sparse: costs no disk
    drop(f);
    let t = std::time::Instant::now();
    let item = one(vec![p.clone()]);
    assert!(t.elapsed().as_secs() < 2);
    let e = item.unwrap_err();
    assert_eq!(e.kind, ErrorKind::TooLarge);
    assert!(e.message.contains("209715200 bytes"), "{}", e.message);
    // and gzip, decided while decompressing, at max + 1 bytes
    let z = write(dir.path(), "big.txt.gz", &gz(&vec![b'a'; 3000]));
    let item = all(vec![z], ReadOptions { max_bytes: 1000 }).remove(0);
    assert_eq!(err_kind(&item), ErrorKind::TooLarge);
    // exactly the limit is fine
    let ok = write(dir.path(), "ok.txt", &vec![b'a'; 1000]);
    assert!(all(vec![ok], ReadOptions { max_bytes: 1000 })[0].is_ok());
}

#[test]
fn missing_and_unreadable_paths() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.html");
    let item = one(vec![missing.clone()]);
    let e = item.unwrap_err();
    assert_eq!(
        (e.kind, e.input.as_str()),
        (ErrorKind::Io, missing.to_str().unwrap())
    );
    assert!(e.message.contains("no such file"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let p = write(dir.path(), "secret.html", PAGE.as_bytes());
        fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
        if fs::read(&p).is_err() {
            // (root can read it anyway; then there is nothing to test)
            let e = one(vec![p.clone()]).unwrap_err();
            assert_eq!(e.kind, ErrorKind::Io);
            assert!(e.message.contains("permission denied"));
        }
        fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
    }
    // A read error after a successful open (works as root too): /proc/self/mem at offset 0.
    #[cfg(target_os = "linux")]
    {
        let e = one(vec![PathBuf::from("/proc/self/mem")]).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Io, "{e}");
        assert_eq!(e.input, "/proc/self/mem");
    }
}

#[test]
fn bad_inputs_do_not_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "1.html", PAGE.as_bytes());
    write(d, "2.html", b"");
    write(d, "3.txt", b"\0\0\0\0");
    write(d, "4.txt.gz", b"\x1f\x8bnot really");
    write(d, "5.jsonl", b"not json\n{\"text\":\"fine\"}\n");
    write(d, "6.txt", TEXT.as_bytes());
    let out = all(vec![d.to_path_buf(), d.join("missing.txt")], opts());
    let kinds: Vec<String> = out
        .iter()
        .map(|i| match i {
            Ok(_) => "ok".to_string(),
            Err(e) => e.kind.to_string(),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "ok",
            "empty",
            "binary",
            "compression",
            "bad_jsonl",
            "ok",
            "ok",
            "io"
        ]
    );
}

#[test]
fn big_folder_streams() {
    // 2,000 files: the walk is lazy and every file comes out in order.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..2000 {
        write(
            dir.path(),
            &format!("d{}/f{i:05}.txt", i % 7),
            b"a few words",
        );
    }
    let mut n = 0;
    let mut last = String::new();
    for item in read_paths(vec![dir.path().to_path_buf()], opts()) {
        let id = item.unwrap().id;
        assert!(id > last, "{id} after {last}");
        last = id;
        n += 1;
    }
    assert_eq!(n, 2000);
}

#[test]
fn classify_names() {
    let c = |s: &str| classify(Path::new(s));
    assert_eq!(c("a.HTML"), (Kind::Html, false));
    assert_eq!(c("a.htm.gz"), (Kind::Html, true));
    assert_eq!(c("a.ndjson.GZ"), (Kind::Jsonl, true));
    assert_eq!(c("CC-MAIN-1.warc.gz"), (Kind::Warc, true));
    assert_eq!(c("x.tar.gz"), (Kind::Unknown, true));
    assert_eq!(c("Makefile"), (Kind::Unknown, false));
}

#[test]
fn jsonl_gz_with_a_damaged_member_goes_on() {
    let lines: Vec<Vec<u8>> = (1..=4)
        .map(|i| gz(format!("{{\"id\":{i},\"text\":\"{TEXT}\"}}\n").as_bytes()))
        .collect();
    let mut bad = lines[1].clone();
    let n = bad.len();
    bad[12..n - 10].iter_mut().for_each(|b| *b ^= 0x5a);
    let input = [lines[0].clone(), bad, lines[2].clone(), lines[3].clone()].concat();
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "f.jsonl.gz", &input);
    let out = all(vec![p], opts());
    let oks: Vec<String> = out
        .iter()
        .filter_map(|i| i.as_ref().ok())
        .map(|d| d.id.clone())
        .collect();
    assert_eq!(oks, ["1", "3", "4"], "{out:?}");
    assert!(out
        .iter()
        .any(|i| i.as_ref().is_err_and(|e| e.kind == ErrorKind::Compression)));
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    fn sample_warc() -> Vec<u8> {
        [
            response(
                "<urn:uuid:1>",
                "http://a.example/",
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                b"5\r\nhello\r\n0\r\n\r\n",
            ),
            response(
                "<urn:uuid:2>",
                "http://a.example/",
                "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                &gz(PAGE.as_bytes()),
            ),
        ]
        .concat()
    }

    fn drain(bytes: Vec<u8>) -> usize {
        read_stream(
            Box::new(Cursor::new(bytes)),
            "fuzz",
            ReadOptions { max_bytes: 4096 },
        )
        .count()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            drain(bytes.clone());
            let _ = crate::charset::decode(&bytes, None, true);
            let _ = crate::charset::decode(&bytes, Some("shift_jis"), false);
            let mut w = b"WARC/1.0\r\n".to_vec();
            w.extend_from_slice(&bytes);
            drain(w);
            let mut j = b"{".to_vec();
            j.extend_from_slice(&bytes);
            drain(j);
        }

        #[test]
        fn damaged_warc_never_panics(
            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
            cut in any::<prop::sample::Index>(),
            zipped in any::<bool>(),
        ) {
            let mut w = sample_warc();
            if zipped {
                w = gz(&w);
            }
            for (i, b) in flips {
                let at = i.index(w.len());
                w[at] = b;
            }
            let keep = cut.index(w.len() + 1);
            w.truncate(keep.max(1));
            drain(w);
        }
    }
}

#[test]
fn documents_is_send() {
    fn send<T: Send>(_: &T) {}
    send(&read_paths(vec![], opts()));
}

//! End-to-end tests of `DocumentReader` on real files, directories and streams.

use std::io::{Cursor, Write};
use std::path::PathBuf;

use tacitus_ingest::{sniff_jsonl, DocumentReader, IngestError, TxtOptions};

/// A fresh scratch directory under the system temp dir.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tacitus-ingest-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(path: &PathBuf, bytes: &[u8]) {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn jsonl_good_and_bad_lines() {
    let d = scratch("jsonl");
    let f = d.join("in.jsonl");
    write(
        &f,
        b"\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"one\"}\r\n\
          {bad json\n\
          \n   \n\
          {\"text\":\"no id\"}\n\
          {\"id\":\"c\"}\n\
          {\"id\":3,\"text\":\"x\"}\r\n\
          {\"id\":\"d\",\"text\":\"two\",\"published\":\"2022-02-26T10:00:00Z\",\"unknown\":1}\r\n\
          {\"id\":\"e\",\"text\":\"three\",\"published\":\"yesterday\"}",
    );
    let mut r = DocumentReader::new([&f], TxtOptions::default());
    let items: Vec<_> = r.by_ref().collect();
    let ok: Vec<_> = items.iter().filter_map(|i| i.as_ref().ok()).collect();
    assert_eq!(
        ok.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ["a", "d", "e"]
    );
    assert_eq!(ok[0].text, "one");
    assert_eq!(ok[1].published.as_deref(), Some("2022-02-26T10:00:00Z"));
    assert_eq!(ok[2].published, None);
    let errs: Vec<String> = items
        .iter()
        .filter_map(|i| i.as_ref().err())
        .map(|e| e.to_string())
        .collect();
    let name = f.display().to_string();
    assert_eq!(errs.len(), 4, "{errs:?}");
    assert!(
        errs[0].starts_with(&format!("{name}:2: not valid JSON")),
        "{}",
        errs[0]
    );
    assert!(
        errs[1].starts_with(&format!("{name}:5: missing \"id\"")),
        "{}",
        errs[1]
    );
    assert!(
        errs[2].starts_with(&format!("{name}:6: neither")),
        "{}",
        errs[2]
    );
    assert!(
        errs[3].contains(":7: \"id\" must be a string"),
        "{}",
        errs[3]
    );
    assert_eq!(r.skipped(), 4);
    assert_eq!(r.documents(), 3);
    let w = r.take_warnings();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].line, Some(9));
    assert!(w[0].to_string().contains("yesterday"));
}

#[test]
fn overlong_line_is_skipped_and_reading_goes_on() {
    let d = scratch("long");
    let f = d.join("in.jsonl");
    let long = format!("{{\"id\":\"x\",\"text\":\"{}\"}}\n", "y".repeat(500));
    write(
        &f,
        format!("{long}{{\"id\":\"b\",\"text\":\"ok\"}}\n").as_bytes(),
    );
    let items: Vec<_> = DocumentReader::new([&f], TxtOptions::default())
        .with_max_line(100)
        .collect();
    assert_eq!(items.len(), 2);
    let e = items[0].as_ref().unwrap_err();
    assert_eq!(e.line(), Some(1));
    assert!(e.to_string().contains("longer than 100 bytes"));
    assert_eq!(items[1].as_ref().unwrap().id, "b");
}

#[test]
fn txt_article_with_options_and_invalid_utf8() {
    let d = scratch("txt");
    let good = d.join("story-1.txt");
    let bad = d.join("bad.txt");
    write(
        &good,
        "\u{feff}Kazakstan denied Russia’s request.".as_bytes(),
    );
    write(&bad, b"caf\xC3\xA9 ok then \xFF\xFE broken");
    let opts = TxtOptions {
        published: Some("2022-02-26".into()),
        outlet: Some("Tipsheet".into()),
    };
    let mut r = DocumentReader::new([&good, &bad, &d.join("missing.txt")], opts);
    let doc = r.next().unwrap().unwrap();
    assert_eq!(doc.id, "story-1");
    assert_eq!(doc.text, "Kazakstan denied Russia’s request.");
    assert_eq!(doc.published.as_deref(), Some("2022-02-26"));
    assert_eq!(doc.outlet.as_deref(), Some("Tipsheet"));
    match r.next().unwrap() {
        Err(IngestError::InvalidUtf8 { path, offset }) => {
            assert_eq!(offset, 14);
            assert!(path.ends_with("bad.txt"));
        }
        other => panic!("expected invalid UTF-8, got {other:?}"),
    }
    match r.next().unwrap() {
        Err(e @ IngestError::Io { .. }) => assert!(e.path().ends_with("missing.txt")),
        other => panic!("expected I/O error, got {other:?}"),
    }
    assert!(r.next().is_none());
    assert_eq!(r.skipped(), 2);
}

#[test]
fn directory_walk_is_recursive_sorted_and_by_content() {
    let d = scratch("walk");
    write(&d.join("b.txt"), b"B");
    write(&d.join("a/z.txt"), b"Z");
    write(&d.join("a/y.jsonl"), b"{\"id\":\"y1\",\"text\":\"Y\"}\n");
    // Any name: the content decides (a Markdown note is a text article).
    write(&d.join("c.md"), b"Notes on the talks.");
    // Hidden files are passed over; binary files with a warning, not an error.
    write(&d.join(".hidden"), b"secret");
    write(&d.join("d.bin"), b"\x00\x01\x02binary\x00");
    let mut reader = DocumentReader::new([&d], TxtOptions::default());
    let ids: Vec<String> = reader.by_ref().map(|r| r.unwrap().id).collect();
    assert_eq!(ids, ["y1", "z", "b", "c"]);
    assert_eq!(reader.skipped(), 0);
    let warnings = reader.take_warnings();
    assert!(
        warnings.iter().any(|w| w.path.ends_with("d.bin")),
        "{warnings:?}"
    );
}

#[test]
fn gzipped_jsonl() {
    let d = scratch("gz");
    let f = d.join("in.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(b"{\"id\":\"g\",\"text\":\"zipped\"}\n")
        .unwrap();
    write(&f, &enc.finish().unwrap());
    let docs: Vec<_> = DocumentReader::new([&f], TxtOptions::default()).collect();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].as_ref().unwrap().text, "zipped");
}

#[test]
fn stream_sniffing() {
    let mut c = Cursor::new(&b"  \n {\"id\":1}"[..]);
    assert_eq!(sniff_jsonl(&mut c).unwrap(), (true, 4));
    let mut c = Cursor::new(&b"\xEF\xBB\xBF{}"[..]);
    assert_eq!(sniff_jsonl(&mut c).unwrap(), (true, 3));
    let mut c = Cursor::new(&b"Moscow said"[..]);
    assert_eq!(sniff_jsonl(&mut c).unwrap(), (false, 0));
    let mut c = Cursor::new(&b""[..]);
    assert_eq!(sniff_jsonl(&mut c).unwrap(), (false, 0));

    let jsonl =
        Cursor::new(b"\n{\"id\":\"s1\",\"text\":\"a\"}\n{\"id\":\"s2\",\"text\":\"b\"}\n".to_vec());
    let ids: Vec<String> = DocumentReader::from_reader("-", "stdin", jsonl, TxtOptions::default())
        .map(|r| r.unwrap().id)
        .collect();
    assert_eq!(ids, ["s1", "s2"]);

    let txt = Cursor::new(b"  Russia said.\n".to_vec());
    let docs: Vec<_> =
        DocumentReader::from_reader("-", "stdin", txt, TxtOptions::default()).collect();
    let doc = docs[0].as_ref().unwrap();
    assert_eq!(
        (doc.id.as_str(), doc.text.as_str()),
        ("stdin", "Russia said.\n")
    );

    let bad = Cursor::new(b"  ab\xC0".to_vec());
    let docs: Vec<_> =
        DocumentReader::from_reader("-", "stdin", bad, TxtOptions::default()).collect();
    assert!(matches!(
        docs[0],
        Err(IngestError::InvalidUtf8 { offset: 4, .. })
    ));
}

#[test]
fn invalid_published_option_warns() {
    let mut r = DocumentReader::new(
        Vec::<PathBuf>::new(),
        TxtOptions {
            published: Some("Friday".into()),
            outlet: None,
        },
    );
    assert!(r.next().is_none());
    assert_eq!(r.take_warnings().len(), 1);
}

#[test]
fn never_panics_on_junk_lines() {
    let junk: Vec<u8> = (0u8..=255).cycle().take(5000).collect();
    let mut input = b"{\"id\":\"a\",\"text\":\"x\"}\n".to_vec();
    input.extend_from_slice(&junk);
    input.extend_from_slice(b"\n{\"id\":\"b\",\"html\":\"<p><<\xC3\"}\n\xFF{}\n");
    let r = DocumentReader::from_reader("junk", "j", Cursor::new(input), TxtOptions::default());
    let n_ok = r.filter(|x| x.is_ok()).count();
    assert_eq!(n_ok, 1);
}

#[test]
fn empty_files_and_truncated_gzip_are_reported_and_the_rest_is_read() {
    let d = scratch("bad-inputs");
    write(&d.join("a-empty.txt"), b"");
    write(&d.join("b-blank.txt"), b"  \n\t\n");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(&b"{\"id\":\"t\",\"text\":\"truncated\"}\n".repeat(2000))
        .unwrap();
    let gz = enc.finish().unwrap();
    write(&d.join("c-cut.jsonl.gz"), &gz[..gz.len() / 2]);
    write(&d.join("d-good.txt"), b"Russia attacked Ukraine.");
    let mut reader = DocumentReader::new([&d], TxtOptions::default());
    let items: Vec<_> = reader.by_ref().collect();
    let errors: Vec<String> = items
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| e.to_string())
        .collect();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("a-empty.txt") && e.contains("empty")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("b-blank.txt") && e.contains("empty")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("c-cut.jsonl.gz")),
        "{errors:?}"
    );
    // The lines before the cut and the good file are still read.
    assert!(
        items
            .iter()
            .filter(|r| r.as_ref().is_ok_and(|d| d.id == "t"))
            .count()
            > 10
    );
    assert!(items
        .iter()
        .any(|r| r.as_ref().is_ok_and(|d| d.id == "d-good")));
}

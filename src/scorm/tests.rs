//! Pure tests of the packaging step (the xmllint and zip-reading tests live in tests/scorm.rs).

use super::*;

fn sco(id: &str, mastery: Option<f64>) -> Sco {
    Sco {
        id: id.to_string(),
        title: format!("Module {id}"),
        launch: format!("{id}/sco.html"),
        files: vec![format!("{id}/sco.html"), format!("{id}/index.html")],
        mastery,
    }
}

fn package(version: Version, scos: Vec<Sco>) -> Package {
    Package {
        identifier: "kyklos-en-course".into(),
        version,
        title: "Course & <friends>".into(),
        description: Some("About \"it\"".into()),
        lang: "en".into(),
        licence_name: "CC BY 4.0".into(),
        licence_url: "https://creativecommons.org/licenses/by/4.0/".into(),
        attribution: Some("Q-SER".into()),
        authors: vec!["Ann, B.".into()],
        scos,
        shared: vec!["static/kyklos.css".into(), "static/scorm.js".into()],
    }
}

fn content(p: &Package) -> Vec<(String, Vec<u8>)> {
    listed_files(p).into_iter().map(|f| (f.to_string(), f.as_bytes().to_vec())).collect()
}

#[test]
fn ids_are_well_formed_and_injective() {
    assert_eq!(xml_id("kyklos-en-course"), "kyklos-en-course");
    assert_eq!(xml_id("1-intro"), "K-1-intro");
    assert_eq!(xml_id("a b"), "a_20_b");
    assert_eq!(xml_id("a_b"), "a_5f_b");
    assert_ne!(xml_id("αβ"), xml_id("γδ"));
    for raw in ["ενότητα", "a:b", "x/y", "ü"] {
        let id = xml_id(raw);
        assert!(id.starts_with(|c: char| c.is_ascii_alphabetic()), "{id}");
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c)), "{id}");
    }
}

#[test]
fn hrefs_are_escaped() {
    assert_eq!(href("m/a b.html"), "m/a%20b.html");
    assert_eq!(href("m/ü.html"), "m/%C3%BC.html");
    assert_eq!(href("static/kyklos.css"), "static/kyklos.css");
}

#[test]
fn manifest_12_has_what_moodle_reads() {
    let p = package(Version::Scorm12, vec![sco("m1", Some(70.0)), sco("m2", None)]);
    let m = manifest(&p);
    assert!(m.contains("<schemaversion>1.2</schemaversion>"));
    assert!(m.contains("<title>Course &amp; &lt;friends&gt;</title>"));
    assert_eq!(m.matches("adlcp:scormtype=\"sco\"").count(), 2);
    assert!(m.contains("adlcp:scormtype=\"asset\""));
    assert_eq!(m.matches("type=\"webcontent\"").count(), 3);
    assert_eq!(m.matches("<adlcp:masteryscore>70</adlcp:masteryscore>").count(), 1);
    assert_eq!(m.matches("<dependency identifierref=\"SHARED-FILES\"/>").count(), 2);
    assert!(m.contains("<item identifier=\"ITEM-m1\" identifierref=\"RES-m1\""));
    assert!(m.contains("<resource identifier=\"RES-m2\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"m2/sco.html\">"));
    assert!(m.contains("xml:lang=\"en\">CC BY 4.0 — https://creativecommons.org/licenses/by/4.0/ — Q-SER</imsmd:langstring>"));
    assert!(m.contains("FN:Ann\\, B."));
    assert!(!m.contains("imsss:"), "no sequencing in 1.2");
}

#[test]
fn manifest_2004_has_what_moodle_reads() {
    let p = package(Version::Scorm2004, vec![sco("m1", Some(69.5))]);
    let m = manifest(&p);
    assert!(m.contains("<schemaversion>2004 4th Edition</schemaversion>"));
    assert!(m.contains("adlcp:scormType=\"sco\""));
    assert!(m.contains("<lom:string language=\"en\">About &quot;it&quot;</lom:string>"));
    assert!(m.contains("completionSetByContent=\"true\""));
    assert!(m.contains("<imsss:controlMode choice=\"true\" flow=\"true\"/>"));
    assert!(!m.contains("masteryscore"));
}

#[test]
fn manifest_is_stable() {
    let p = package(Version::Scorm2004, vec![sco("m1", Some(70.0))]);
    assert_eq!(manifest(&p), manifest(&p.clone()));
}

#[test]
fn zip_is_deterministic_and_sorted() {
    let a = vec![("b.txt".to_string(), b"bbb".to_vec()), ("a/c.txt".to_string(), b"ccc".to_vec())];
    let mut b = a.clone();
    b.reverse();
    let za = zip(&a).unwrap();
    assert_eq!(za, zip(&b).unwrap());
    assert_eq!(za, zip(&a).unwrap());
    // local headers in sorted order, each with the 1980-01-01 00:00 DOS time (0x0000) and date (0x0021)
    let names: Vec<usize> = ["a/c.txt", "b.txt"].iter().map(|n| find(&za, n.as_bytes()).unwrap()).collect();
    assert!(names[0] < names[1]);
    assert_eq!(&za[10..14], &[0x00, 0x00, 0x21, 0x00]);
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn zip_refuses_bad_paths() {
    for bad in ["/etc/passwd", "../x", "a/../x", "a\\b", "C:/x", "a//b", "a/", ".DS_Store", "m/Thumbs.db", "__MACOSX/a", "m/._a", "./a", ""] {
        assert!(path_problem(bad).is_some(), "{bad}");
        assert!(zip(&[(bad.to_string(), vec![])]).is_err(), "{bad}");
    }
    for good in ["imsmanifest.xml", "m/ü b.html", "static/kyklos.css", "common/dataTypes.xsd", ".well-known/x"] {
        assert_eq!(path_problem(good), None, "{good}");
    }
    assert!(zip(&[("a".into(), vec![]), ("a".into(), vec![])]).is_err(), "duplicate");
    assert!(zip(&[("a".into(), vec![]), ("a/b".into(), vec![])]).is_err(), "file and folder");
}

#[test]
fn package_checks_files_against_the_manifest() {
    let p = package(Version::Scorm12, vec![sco("m1", None)]);
    let ok = content(&p);
    assert!(package_files(&p, ok.clone()).is_ok());

    let mut missing = ok.clone();
    missing.retain(|(f, _)| f != "m1/index.html");
    let e = package_files(&p, missing).unwrap_err().to_string();
    assert!(e.contains("lists `m1/index.html`"), "{e}");

    let mut extra = ok.clone();
    extra.push(("m1/stray.html".into(), vec![]));
    let e = package_files(&p, extra).unwrap_err().to_string();
    assert!(e.contains("`m1/stray.html` not listed"), "{e}");

    let mut bad = p.clone();
    bad.shared.push("../escape.js".into());
    assert!(package_files(&bad, ok.clone()).is_err());

    let mut reserved = p.clone();
    reserved.shared.push("imsmanifest.xml".into());
    let mut with_manifest = ok.clone();
    with_manifest.push(("imsmanifest.xml".into(), vec![]));
    assert!(package_files(&reserved, with_manifest).unwrap_err().to_string().contains("may not contain"));

    let mut empty = p.clone();
    empty.scos.clear();
    assert!(validate(&empty).is_err());

    let mut twice = package(Version::Scorm12, vec![sco("m1", None), sco("m1", None)]);
    twice.identifier = "x".into();
    assert!(validate(&twice).unwrap_err().to_string().contains("used twice"));
}

#[test]
fn xsd_sets_hold_the_root_schemas() {
    let names = |v| xsd_files(v).iter().map(|(n, _)| *n).collect::<Vec<_>>();
    for n in ["imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"] {
        assert!(names(Version::Scorm12).contains(&n), "{n}");
    }
    for n in ["imscp_v1p1.xsd", "adlcp_v1p3.xsd", "adlseq_v1p3.xsd", "adlnav_v1p3.xsd", "imsss_v1p0.xsd", "lom.xsd", "xml.xsd", "XMLSchema.dtd"] {
        assert!(names(Version::Scorm2004).contains(&n), "{n}");
    }
    assert!(xsd_files(Version::Scorm2004).iter().all(|(_, b)| !b.is_empty()));
}

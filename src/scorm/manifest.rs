//! `imsmanifest.xml` for SCORM 1.2 and SCORM 2004 4th Edition.
//!
//! One organization; one item per SCO, each pointing at its own `sco` resource; the files every
//! SCO uses form one `asset` resource that each SCO names with `<dependency>` (the layout of
//! ADL's and Rustici's multi-SCO samples: every file is listed exactly once). Content-packaging
//! elements are unprefixed and the extensions use the literal prefixes `adlcp:`, `imsss:`,
//! `adlseq:`, `adlnav:`, because Moodle matches qualified names as text. The inline LOM uses
//! its own prefixes (`imsmd:` for 1.2, `lom:` for 2004).
//!
//! Identifiers are derived from the package and SCO ids ([`xml_id`]), so they stay the same
//! across rebuilds: Moodle re-links learners' tracking data by item identifier.

use std::fmt::Write as _;

use super::{Package, Sco, Version};
use crate::xml::escape;

/// The identifier of the asset resource that holds the shared files.
pub(super) const SHARED_ID: &str = "SHARED-FILES";

/// The organization's identifier.
pub(super) fn org_id(p: &Package) -> String {
    format!("ORG-{}", escape_id(&p.identifier))
}

pub(super) fn item_id(s: &Sco) -> String {
    format!("ITEM-{}", escape_id(&s.id))
}

pub(super) fn resource_id(s: &Sco) -> String {
    format!("RES-{}", escape_id(&s.id))
}

/// The manifest's own identifier.
pub(super) fn manifest_id(p: &Package) -> String {
    xml_id(&p.identifier)
}

/// A well-formed `xs:ID` from any text: starts with a letter and uses only `[A-Za-z0-9_.-]`.
/// Other characters (and `_` itself) become `_<hex code point>_`, so distinct inputs stay
/// distinct; a leading non-letter gets the prefix `K-`.
pub fn xml_id(raw: &str) -> String {
    let escaped = escape_id(raw);
    if escaped.starts_with(|c: char| c.is_ascii_alphabetic()) {
        escaped
    } else {
        format!("K-{escaped}")
    }
}

fn escape_id(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
            out.push(c);
        } else {
            let _ = write!(out, "_{:x}_", c as u32);
        }
    }
    out
}

/// A package path as a relative URL: every byte outside `A-Z a-z 0-9 - . _ ~ /` percent-encoded.
pub fn href(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A mastery score for the manifest: 0–100, no trailing zeros.
fn percent(n: f64) -> Option<String> {
    n.is_finite().then(|| {
        let n = (n.clamp(0.0, 100.0) * 100.0).round() / 100.0;
        format!("{n}")
    })
}

/// The rights statement: licence, its URL and the attribution.
fn rights_text(p: &Package) -> String {
    let mut text = format!("{} — {}", p.licence_name.trim(), p.licence_url.trim());
    if let Some(a) = p.attribution.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        text.push_str(" — ");
        text.push_str(a);
    }
    text
}

/// A minimal vCard 3.0 for an author's name.
fn vcard(name: &str) -> String {
    let mut v = String::new();
    for c in name.trim().chars() {
        match c {
            '\\' | ',' | ';' => {
                v.push('\\');
                v.push(c);
            }
            '\n' | '\r' => v.push(' '),
            c => v.push(c),
        }
    }
    format!("BEGIN:VCARD\nVERSION:3.0\nFN:{v}\nN:{v};;;;\nEND:VCARD")
}

/// The sorted, de-duplicated files of a SCO.
pub(super) fn sco_files(s: &Sco) -> Vec<&str> {
    let mut files: Vec<&str> = s.files.iter().map(String::as_str).collect();
    files.push(&s.launch);
    files.sort_unstable();
    files.dedup();
    files
}

fn shared_files(p: &Package) -> Vec<&str> {
    let mut files: Vec<&str> = p.shared.iter().map(String::as_str).collect();
    files.sort_unstable();
    files.dedup();
    files
}

const HEAD_12: &str = r#"<manifest identifier="{ID}" version="1"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd">
"#;

const HEAD_2004: &str = r#"<manifest identifier="{ID}" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
    xmlns:lom="http://ltsc.ieee.org/xsd/LOM"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd http://ltsc.ieee.org/xsd/LOM lom.xsd">
"#;

/// The text of `imsmanifest.xml` for a package.
pub fn manifest(p: &Package) -> String {
    let v = p.version;
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let head = if v == Version::Scorm12 { HEAD_12 } else { HEAD_2004 };
    x.push_str(&head.replace("{ID}", &escape(&manifest_id(p))));
    x.push_str("  <metadata>\n    <schema>ADL SCORM</schema>\n");
    x.push_str(if v == Version::Scorm12 { "    <schemaversion>1.2</schemaversion>\n" } else { "    <schemaversion>2004 4th Edition</schemaversion>\n" });
    if v == Version::Scorm12 {
        lom_12(&mut x, p);
    } else {
        lom_2004(&mut x, p);
    }
    x.push_str("  </metadata>\n");
    organization(&mut x, p);
    resources(&mut x, p);
    x.push_str("</manifest>\n");
    x
}

fn organization(x: &mut String, p: &Package) {
    let org = escape(&org_id(p));
    let _ = writeln!(x, "  <organizations default=\"{org}\">\n    <organization identifier=\"{org}\">");
    let _ = writeln!(x, "      <title>{}</title>", escape(&p.title));
    for s in &p.scos {
        let _ = writeln!(x, "      <item identifier=\"{}\" identifierref=\"{}\" isvisible=\"true\">", escape(&item_id(s)), escape(&resource_id(s)));
        let _ = writeln!(x, "        <title>{}</title>", escape(&s.title));
        match p.version {
            Version::Scorm12 => {
                if let Some(m) = s.mastery.and_then(percent) {
                    let _ = writeln!(x, "        <adlcp:masteryscore>{m}</adlcp:masteryscore>");
                }
            }
            // The SCO sets completion and success itself (from the same quiz scoring the learner
            // sees), so the LMS must not mark it complete or satisfied just for being launched.
            Version::Scorm2004 => x.push_str(
                "        <imsss:sequencing>\n          <imsss:deliveryControls completionSetByContent=\"true\" objectiveSetByContent=\"true\"/>\n        </imsss:sequencing>\n",
            ),
        }
        x.push_str("      </item>\n");
    }
    if p.version == Version::Scorm2004 {
        // flow: the LMS's Continue/Previous buttons move between modules; choice: its menu does.
        x.push_str("      <imsss:sequencing>\n        <imsss:controlMode choice=\"true\" flow=\"true\"/>\n      </imsss:sequencing>\n");
    }
    x.push_str("    </organization>\n  </organizations>\n");
}

fn resources(x: &mut String, p: &Package) {
    let scorm_type = if p.version == Version::Scorm12 { "adlcp:scormtype" } else { "adlcp:scormType" };
    let shared = shared_files(p);
    x.push_str("  <resources>\n");
    for s in &p.scos {
        let _ = writeln!(
            x,
            "    <resource identifier=\"{}\" type=\"webcontent\" {scorm_type}=\"sco\" href=\"{}\">",
            escape(&resource_id(s)),
            escape(&href(&s.launch))
        );
        for f in sco_files(s) {
            let _ = writeln!(x, "      <file href=\"{}\"/>", escape(&href(f)));
        }
        if !shared.is_empty() {
            let _ = writeln!(x, "      <dependency identifierref=\"{SHARED_ID}\"/>");
        }
        x.push_str("    </resource>\n");
    }
    if !shared.is_empty() {
        let _ = writeln!(x, "    <resource identifier=\"{SHARED_ID}\" type=\"webcontent\" {scorm_type}=\"asset\">");
        for f in shared {
            let _ = writeln!(x, "      <file href=\"{}\"/>", escape(&href(f)));
        }
        x.push_str("    </resource>\n");
    }
    x.push_str("  </resources>\n");
}

/// IMS Metadata 1.2.1 (the SCORM 1.2 binding of LOM), inline.
fn lom_12(x: &mut String, p: &Package) {
    let lang = escape(&p.lang);
    let ls = |text: &str| format!("<imsmd:langstring xml:lang=\"{lang}\">{}</imsmd:langstring>", escape(text));
    let vocab = |value: &str| {
        format!("<imsmd:source><imsmd:langstring xml:lang=\"x-none\">LOMv1.0</imsmd:langstring></imsmd:source><imsmd:value><imsmd:langstring xml:lang=\"x-none\">{value}</imsmd:langstring></imsmd:value>")
    };
    x.push_str("    <imsmd:lom>\n      <imsmd:general>\n");
    let _ = writeln!(x, "        <imsmd:identifier>{}</imsmd:identifier>", escape(&p.identifier));
    let _ = writeln!(x, "        <imsmd:title>{}</imsmd:title>", ls(&p.title));
    let _ = writeln!(x, "        <imsmd:language>{lang}</imsmd:language>");
    if let Some(d) = p.description.as_deref().filter(|d| !d.trim().is_empty()) {
        let _ = writeln!(x, "        <imsmd:description>{}</imsmd:description>", ls(d));
    }
    x.push_str("      </imsmd:general>\n");
    let authors: Vec<&String> = p.authors.iter().filter(|a| !a.trim().is_empty()).collect();
    if !authors.is_empty() {
        x.push_str("      <imsmd:lifecycle>\n");
        for a in authors {
            let _ = writeln!(
                x,
                "        <imsmd:contribute><imsmd:role>{}</imsmd:role><imsmd:centity><imsmd:vcard>{}</imsmd:vcard></imsmd:centity></imsmd:contribute>",
                vocab("Author"),
                escape(&vcard(a))
            );
        }
        x.push_str("      </imsmd:lifecycle>\n");
    }
    x.push_str("      <imsmd:rights>\n");
    let _ = writeln!(x, "        <imsmd:cost>{}</imsmd:cost>", vocab("no"));
    let _ = writeln!(x, "        <imsmd:copyrightandotherrestrictions>{}</imsmd:copyrightandotherrestrictions>", vocab("yes"));
    let _ = writeln!(x, "        <imsmd:description>{}</imsmd:description>", ls(&rights_text(p)));
    x.push_str("      </imsmd:rights>\n    </imsmd:lom>\n");
}

/// IEEE LOM (the SCORM 2004 binding), inline, with the LOMv1.0 vocabularies ADL's `lom.xsd` enforces.
fn lom_2004(x: &mut String, p: &Package) {
    let lang = escape(&p.lang);
    let ls = |text: &str| format!("<lom:string language=\"{lang}\">{}</lom:string>", escape(text));
    let vocab = |value: &str| format!("<lom:source>LOMv1.0</lom:source><lom:value>{value}</lom:value>");
    x.push_str("    <lom:lom>\n      <lom:general>\n");
    let _ = writeln!(x, "        <lom:identifier><lom:catalog>kyklos</lom:catalog><lom:entry>{}</lom:entry></lom:identifier>", escape(&p.identifier));
    let _ = writeln!(x, "        <lom:title>{}</lom:title>", ls(&p.title));
    let _ = writeln!(x, "        <lom:language>{lang}</lom:language>");
    if let Some(d) = p.description.as_deref().filter(|d| !d.trim().is_empty()) {
        let _ = writeln!(x, "        <lom:description>{}</lom:description>", ls(d));
    }
    x.push_str("      </lom:general>\n");
    let authors: Vec<&String> = p.authors.iter().filter(|a| !a.trim().is_empty()).collect();
    if !authors.is_empty() {
        let _ = write!(x, "      <lom:lifeCycle>\n        <lom:contribute>\n          <lom:role>{}</lom:role>\n", vocab("author"));
        for a in authors {
            let _ = writeln!(x, "          <lom:entity>{}</lom:entity>", escape(&vcard(a)));
        }
        x.push_str("        </lom:contribute>\n      </lom:lifeCycle>\n");
    }
    x.push_str("      <lom:rights>\n");
    let _ = writeln!(x, "        <lom:cost>{}</lom:cost>", vocab("no"));
    let _ = writeln!(x, "        <lom:copyrightAndOtherRestrictions>{}</lom:copyrightAndOtherRestrictions>", vocab("yes"));
    let _ = writeln!(x, "        <lom:description>{}</lom:description>", ls(&rights_text(p)));
    x.push_str("      </lom:rights>\n    </lom:lom>\n");
}

//! The official schema files that ship at the root of every package (copied unmodified from
//! `shared/scorm-xsd/`: ADL SCORM 1.2 and ADL SCORM 2004 4th Edition). Only the files a manifest
//! needs are listed: the schemas its `xsi:schemaLocation` names and everything they include or
//! import (`xml.xsd` also needs its two DTDs).

use super::Version;

macro_rules! files {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("xsd/", $dir, "/", $name)) as &[u8])),*]
    };
}

const SCORM12: &[(&str, &[u8])] = files!("1.2":
    "adlcp_rootv1p2.xsd",
    "ims_xml.xsd",
    "imscp_rootv1p1p2.xsd",
    "imsmd_rootv1p2p1.xsd",
);

const SCORM2004: &[(&str, &[u8])] = files!("2004":
    "XMLSchema.dtd",
    "adlcp_v1p3.xsd",
    "adlnav_v1p3.xsd",
    "adlseq_v1p3.xsd",
    "common/anyElement.xsd",
    "common/dataTypes.xsd",
    "common/elementNames.xsd",
    "common/elementTypes.xsd",
    "common/rootElement.xsd",
    "common/vocabTypes.xsd",
    "common/vocabValues.xsd",
    "datatypes.dtd",
    "extend/strict.xsd",
    "imscp_v1p1.xsd",
    "imsss_v1p0.xsd",
    "imsss_v1p0auxresource.xsd",
    "imsss_v1p0control.xsd",
    "imsss_v1p0delivery.xsd",
    "imsss_v1p0limit.xsd",
    "imsss_v1p0objective.xsd",
    "imsss_v1p0random.xsd",
    "imsss_v1p0rollup.xsd",
    "imsss_v1p0seqrule.xsd",
    "imsss_v1p0util.xsd",
    "lom.xsd",
    "unique/strict.xsd",
    "vocab/strict.xsd",
    "xml.xsd",
);

/// The schema files of a version: (path at the zip root, bytes), sorted by path.
pub fn xsd_files(v: Version) -> &'static [(&'static str, &'static [u8])] {
    match v {
        Version::Scorm12 => SCORM12,
        Version::Scorm2004 => SCORM2004,
    }
}

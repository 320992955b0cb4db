//! Licences by SPDX id: the name and deed URL that pages show and link with `rel="license"`,
//! the conditions each one sets (to tell when a file is under a stricter licence than the
//! page around it), and the Creative Commons badge drawn as inline SVG.

use serde::Serialize;

use crate::diagnostics::suggest;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Licence {
    pub spdx: String,
    pub name: String,
    pub url: String,
}

/// What a licence asks of a re-user. A file is under a stricter licence than a page when it
/// asks for something the page's licence does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Conditions {
    /// Credit the author.
    pub by: bool,
    /// Share adaptations under the same (or a compatible) licence.
    pub sa: bool,
    /// No commercial use.
    pub nc: bool,
    /// No adaptations.
    pub nd: bool,
}

const BY: Conditions = Conditions { by: true, sa: false, nc: false, nd: false };
const BY_SA: Conditions = Conditions { by: true, sa: true, nc: false, nd: false };
const BY_NC: Conditions = Conditions { by: true, sa: false, nc: true, nd: false };
const BY_NC_SA: Conditions = Conditions { by: true, sa: true, nc: true, nd: false };
const BY_ND: Conditions = Conditions { by: true, sa: false, nc: false, nd: true };
const BY_NC_ND: Conditions = Conditions { by: true, sa: false, nc: true, nd: true };
const FREE: Conditions = Conditions { by: false, sa: false, nc: false, nd: false };

type Known = (&'static str, &'static str, &'static str, Conditions);

const KNOWN: &[Known] = &[
    ("CC-BY-4.0", "Creative Commons Attribution 4.0 International", "https://creativecommons.org/licenses/by/4.0/", BY),
    ("CC-BY-SA-4.0", "Creative Commons Attribution-ShareAlike 4.0 International", "https://creativecommons.org/licenses/by-sa/4.0/", BY_SA),
    ("CC-BY-NC-4.0", "Creative Commons Attribution-NonCommercial 4.0 International", "https://creativecommons.org/licenses/by-nc/4.0/", BY_NC),
    (
        "CC-BY-NC-SA-4.0",
        "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International",
        "https://creativecommons.org/licenses/by-nc-sa/4.0/",
        BY_NC_SA,
    ),
    ("CC-BY-ND-4.0", "Creative Commons Attribution-NoDerivatives 4.0 International", "https://creativecommons.org/licenses/by-nd/4.0/", BY_ND),
    (
        "CC-BY-NC-ND-4.0",
        "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International",
        "https://creativecommons.org/licenses/by-nc-nd/4.0/",
        BY_NC_ND,
    ),
    ("CC-BY-3.0", "Creative Commons Attribution 3.0 Unported", "https://creativecommons.org/licenses/by/3.0/", BY),
    ("CC-BY-SA-3.0", "Creative Commons Attribution-ShareAlike 3.0 Unported", "https://creativecommons.org/licenses/by-sa/3.0/", BY_SA),
    ("CC-BY-NC-3.0", "Creative Commons Attribution-NonCommercial 3.0 Unported", "https://creativecommons.org/licenses/by-nc/3.0/", BY_NC),
    ("CC-BY-NC-SA-3.0", "Creative Commons Attribution-NonCommercial-ShareAlike 3.0 Unported", "https://creativecommons.org/licenses/by-nc-sa/3.0/", BY_NC_SA),
    ("CC-BY-ND-3.0", "Creative Commons Attribution-NoDerivs 3.0 Unported", "https://creativecommons.org/licenses/by-nd/3.0/", BY_ND),
    ("CC-BY-NC-ND-3.0", "Creative Commons Attribution-NonCommercial-NoDerivs 3.0 Unported", "https://creativecommons.org/licenses/by-nc-nd/3.0/", BY_NC_ND),
    ("CC-BY-2.0", "Creative Commons Attribution 2.0 Generic", "https://creativecommons.org/licenses/by/2.0/", BY),
    ("CC-BY-SA-2.0", "Creative Commons Attribution-ShareAlike 2.0 Generic", "https://creativecommons.org/licenses/by-sa/2.0/", BY_SA),
    ("CC0-1.0", "CC0 1.0 Universal (public domain dedication)", "https://creativecommons.org/publicdomain/zero/1.0/", FREE),
    ("MIT", "MIT License", "https://opensource.org/license/mit", BY),
    ("Apache-2.0", "Apache License 2.0", "https://www.apache.org/licenses/LICENSE-2.0", BY),
    ("BSD-3-Clause", "BSD 3-Clause License", "https://opensource.org/license/bsd-3-clause", BY),
    ("OFL-1.1", "SIL Open Font License 1.1", "https://openfontlicense.org/", BY_SA),
    ("GPL-3.0-or-later", "GNU General Public License v3.0 or later", "https://www.gnu.org/licenses/gpl-3.0.html", BY_SA),
    ("GPL-3.0-only", "GNU General Public License v3.0 only", "https://www.gnu.org/licenses/gpl-3.0.html", BY_SA),
    ("GFDL-1.3-or-later", "GNU Free Documentation License v1.3 or later", "https://www.gnu.org/licenses/fdl-1.3.html", BY_SA),
];

impl Licence {
    /// A licence from its SPDX id (case-insensitive); the error is a hint naming the nearest id.
    pub fn from_spdx(id: &str) -> Result<Licence, String> {
        match known(id) {
            Some((spdx, name, url, _)) => Ok(Licence { spdx: spdx.to_string(), name: name.to_string(), url: url.to_string() }),
            None => {
                let ids: Vec<&str> = KNOWN.iter().map(|k| k.0).collect();
                // `CC-BY-SA` without a version most likely means the current one.
                let current = known(&format!("{}-4.0", id.trim().trim_end_matches(['-', '.', '4', '0']))).map(|k| k.0);
                Err(match current.or_else(|| suggest(id, &ids)) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("use an SPDX id: {}", ids.join(", ")),
                })
            }
        }
    }

    /// "CC BY 4.0" style short label.
    pub fn short_name(&self) -> String {
        match self.spdx.as_str() {
            "CC0-1.0" => "CC0 1.0".into(),
            s if s.starts_with("CC-") => match s[3..].rsplit_once('-') {
                Some((elements, version)) => format!("CC {elements} {version}"),
                None => s.replace('-', " "),
            },
            s => s.to_string(),
        }
    }

    /// What the licence asks of a re-user.
    pub fn conditions(&self) -> Conditions {
        known(&self.spdx).map_or(BY_NC_ND, |k| k.3)
    }

    /// The licence asks for something `other` does not (a file under it cannot simply be
    /// re-used under `other`).
    pub fn stricter_than(&self, other: &Licence) -> bool {
        let (a, b) = (self.conditions(), other.conditions());
        (a.by && !b.by) || (a.sa && !b.sa) || (a.nc && !b.nc) || (a.nd && !b.nd)
    }

    /// A Creative Commons licence (it gets the CC badge).
    pub fn is_creative_commons(&self) -> bool {
        self.spdx.starts_with("CC")
    }

    /// The licence's badge: the CC mark and one icon per condition, as inline SVG with no
    /// text a screen reader would read twice (the link beside it names the licence).
    /// Empty for licences that are not Creative Commons.
    pub fn badge_svg(&self) -> String {
        if !self.is_creative_commons() {
            return String::new();
        }
        let c = self.conditions();
        let mut icons: Vec<&str> = Vec::new();
        if self.spdx == "CC0-1.0" {
            icons.push(ZERO);
        }
        if c.by {
            icons.push(PERSON);
        }
        if c.nc {
            icons.push(NON_COMMERCIAL);
        }
        if c.sa {
            icons.push(SHARE_ALIKE);
        }
        if c.nd {
            icons.push(NO_DERIVATIVES);
        }
        let width = 24 * (icons.len() + 1) + 4;
        let mut svg = format!(
            "<svg class=\"cc-badge\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"26\" viewBox=\"0 0 {width} 26\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"{width}\" height=\"26\" rx=\"4\" fill=\"#1a1a1a\"/>"
        );
        for (i, icon) in std::iter::once(CC).chain(icons).enumerate() {
            svg.push_str(&format!("<g transform=\"translate({} 2)\">{icon}</g>", 3 + 24 * i));
        }
        svg.push_str("</svg>");
        svg
    }
}

fn known(id: &str) -> Option<&'static Known> {
    KNOWN.iter().find(|k| k.0.eq_ignore_ascii_case(id.trim()))
}

// Each icon fills a 22 × 22 box: a white disc with a black symbol, as on the official badges.
const CC: &str = "<circle cx=\"11\" cy=\"11\" r=\"10\" fill=\"#fff\"/><path d=\"M9.6 8.6a3 3 0 1 0 0 4.8M15.6 8.6a3 3 0 1 0 0 4.8\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.8\"/>";
const PERSON: &str = "<circle cx=\"11\" cy=\"11\" r=\"10\" fill=\"#fff\"/><circle cx=\"11\" cy=\"5.6\" r=\"2\" fill=\"#000\"/><path d=\"M8.2 9h5.6v5h-1.6v4.4h-2.4v-4.4H8.2z\" fill=\"#000\"/>";
const SHARE_ALIKE: &str = "<circle cx=\"11\" cy=\"11\" r=\"10\" fill=\"#fff\"/><path d=\"M6.4 10a4.8 4.8 0 1 1 .9 3.6\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.9\"/><path d=\"M3.8 8.6h5.2l-2.6 3.4z\" fill=\"#000\"/>";
const NON_COMMERCIAL: &str = "<circle cx=\"11\" cy=\"11\" r=\"10\" fill=\"#fff\"/><text x=\"11\" y=\"15.5\" font-family=\"sans-serif\" font-size=\"13\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#000\">$</text><path d=\"M4.5 4.5l13 13\" stroke=\"#000\" stroke-width=\"1.8\"/>";
const NO_DERIVATIVES: &str = "<circle cx=\"11\" cy=\"11\" r=\"10\" fill=\"#fff\"/><path d=\"M6 8.4h10M6 13.6h10\" stroke=\"#000\" stroke-width=\"2.2\"/>";
const ZERO: &str =
    "<circle cx=\"11\" cy=\"11\" r=\"10\" fill=\"#fff\"/><ellipse cx=\"11\" cy=\"11\" rx=\"3.6\" ry=\"5.4\" fill=\"none\" stroke=\"#000\" stroke-width=\"2\"/>";

#[cfg(test)]
mod tests {
    use super::*;

    fn l(id: &str) -> Licence {
        Licence::from_spdx(id).unwrap()
    }

    #[test]
    fn spdx_ids() {
        assert_eq!(l("cc-by-4.0").short_name(), "CC BY 4.0");
        assert_eq!(l("CC0-1.0").short_name(), "CC0 1.0");
        assert_eq!(l("mit").short_name(), "MIT");
        assert_eq!(l("CC-BY-NC-SA-4.0").short_name(), "CC BY-NC-SA 4.0");
        assert_eq!(Licence::from_spdx("CC-BY-4").unwrap_err(), "did you mean `CC-BY-4.0`?");
        assert_eq!(Licence::from_spdx("cc-by-sa").unwrap_err(), "did you mean `CC-BY-SA-4.0`?");
        assert!(Licence::from_spdx("proprietary").unwrap_err().starts_with("use an SPDX id"));
    }

    #[test]
    fn stricter_licences() {
        assert!(l("CC-BY-NC-4.0").stricter_than(&l("CC-BY-4.0")));
        assert!(l("CC-BY-SA-4.0").stricter_than(&l("CC-BY-4.0")));
        assert!(l("CC-BY-ND-4.0").stricter_than(&l("CC-BY-SA-4.0")));
        assert!(!l("CC-BY-4.0").stricter_than(&l("CC-BY-SA-4.0")));
        assert!(!l("CC0-1.0").stricter_than(&l("CC-BY-4.0")));
        assert!(!l("MIT").stricter_than(&l("CC-BY-4.0")));
        assert!(!l("CC-BY-SA-3.0").stricter_than(&l("CC-BY-SA-4.0")));
        assert!(l("CC-BY-4.0").stricter_than(&l("CC0-1.0")));
    }

    #[test]
    fn badges_draw_one_icon_per_condition() {
        let icons = |id: &str| l(id).badge_svg().matches("<g ").count();
        assert_eq!(icons("CC-BY-4.0"), 2);
        assert_eq!(icons("CC-BY-NC-SA-4.0"), 4);
        assert_eq!(icons("CC0-1.0"), 2);
        assert!(l("MIT").badge_svg().is_empty());
        assert!(l("CC-BY-4.0").badge_svg().contains("aria-hidden=\"true\""));
    }
}

//! Licences by SPDX id, with the name and deed URL that pages show and link with `rel="license"`.

use serde::Serialize;

use crate::diagnostics::suggest;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Licence {
    pub spdx: String,
    pub name: String,
    pub url: String,
}

const KNOWN: &[(&str, &str, &str)] = &[
    ("CC-BY-4.0", "Creative Commons Attribution 4.0 International", "https://creativecommons.org/licenses/by/4.0/"),
    ("CC-BY-SA-4.0", "Creative Commons Attribution-ShareAlike 4.0 International", "https://creativecommons.org/licenses/by-sa/4.0/"),
    ("CC-BY-NC-4.0", "Creative Commons Attribution-NonCommercial 4.0 International", "https://creativecommons.org/licenses/by-nc/4.0/"),
    ("CC-BY-NC-SA-4.0", "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International", "https://creativecommons.org/licenses/by-nc-sa/4.0/"),
    ("CC-BY-ND-4.0", "Creative Commons Attribution-NoDerivatives 4.0 International", "https://creativecommons.org/licenses/by-nd/4.0/"),
    ("CC-BY-NC-ND-4.0", "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International", "https://creativecommons.org/licenses/by-nc-nd/4.0/"),
    ("CC-BY-3.0", "Creative Commons Attribution 3.0 Unported", "https://creativecommons.org/licenses/by/3.0/"),
    ("CC-BY-SA-3.0", "Creative Commons Attribution-ShareAlike 3.0 Unported", "https://creativecommons.org/licenses/by-sa/3.0/"),
    ("CC0-1.0", "CC0 1.0 Universal (public domain dedication)", "https://creativecommons.org/publicdomain/zero/1.0/"),
];

impl Licence {
    /// A licence from its SPDX id (case-insensitive); the error is a hint naming the nearest id.
    pub fn from_spdx(id: &str) -> Result<Licence, String> {
        match KNOWN.iter().find(|(spdx, _, _)| spdx.eq_ignore_ascii_case(id.trim())) {
            Some((spdx, name, url)) => Ok(Licence { spdx: spdx.to_string(), name: name.to_string(), url: url.to_string() }),
            None => {
                let ids: Vec<&str> = KNOWN.iter().map(|k| k.0).collect();
                Err(match suggest(id, &ids) {
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
            s => s.replace('-', " "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spdx_ids() {
        assert_eq!(Licence::from_spdx("cc-by-4.0").unwrap().short_name(), "CC BY 4.0");
        assert_eq!(Licence::from_spdx("CC0-1.0").unwrap().short_name(), "CC0 1.0");
        assert_eq!(Licence::from_spdx("CC-BY-4").unwrap_err(), "did you mean `CC-BY-4.0`?");
    }
}

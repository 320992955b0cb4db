//! The EU publication settings of `site.yaml`: the funding emblem and disclaimer
//! (`eu_funding`) and the accessibility statement (`accessibility`). Plain data, checked once.

use serde::{Deserialize, Serialize};

/// `eu_funding:` — shows the EU emblem and the disclaimer on every page and in packages.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, expecting = "keys with values: authority, emblem, project")]
pub struct EuFunding {
    /// `co-funded` (default) or `funded`: the words beside the flag.
    #[serde(default)]
    pub emblem: Emblem,
    /// The granting authority named in the disclaimer, e.g. "the Hellenic National Agency (IKY)".
    pub authority: String,
    /// The project's reference number, shown after the disclaimer.
    pub project: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", expecting = "`co-funded` or `funded`")]
pub enum Emblem {
    #[default]
    CoFunded,
    Funded,
}

/// `accessibility:` — what the accessibility statement says besides what the build knows.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, expecting = "keys with values: contact, status, date, enforcement")]
pub struct Accessibility {
    /// An e-mail address or a web address (https://…) for feedback.
    pub contact: Option<String>,
    /// `full`, `partial` (default) or `none`: compliance with EN 301 549 / WCAG 2.1 AA.
    #[serde(default)]
    pub status: Compliance,
    /// The date the statement was prepared (YYYY-MM-DD).
    pub date: Option<String>,
    /// The enforcement body (name and address) to turn to.
    pub enforcement: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case", expecting = "`full`, `partial` or `none`")]
pub enum Compliance {
    Full,
    #[default]
    Partial,
    None,
}

/// A feedback contact as a link: `mailto:` for an e-mail address, the address itself for a
/// web address; `Err` says what is wrong.
pub fn contact_href(contact: &str) -> Result<String, &'static str> {
    let c = contact.trim();
    if c.starts_with("https://") || c.starts_with("http://") || c.starts_with("mailto:") {
        return Ok(c.to_string());
    }
    match c.split_once('@') {
        Some((user, host)) if !user.is_empty() && host.contains('.') && !c.contains(char::is_whitespace) => Ok(format!("mailto:{c}")),
        _ => Err("give an e-mail address or a web address (https://…)"),
    }
}

/// `YYYY-MM-DD` with a real month and day.
pub fn valid_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let num = |s: &str, len: usize| (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten();
    match parts.as_slice() {
        [y, m, d] => matches!((num(y, 4), num(m, 2), num(d, 2)), (Some(_), Some(1..=12), Some(1..=31))),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_and_dates() {
        assert_eq!(contact_href("a11y@egaleo.gr").unwrap(), "mailto:a11y@egaleo.gr");
        assert_eq!(contact_href("https://x.org/form").unwrap(), "https://x.org/form");
        assert!(contact_href("call us").is_err());
        assert!(valid_date("2026-12-04"));
        assert!(!valid_date("4.12.2026"));
        assert!(!valid_date("2026-13-01"));
    }
}

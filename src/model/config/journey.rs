//! `journey:` in site.yaml → [`Journey`]: the learner's points, levels, badges and
//! certificate settings (all kept and shown in the browser; nothing here is per learner).
//! Parsed strictly with the rest of site.yaml; [`Journey::validate`] reports every wrong
//! value at once, each at its line and column.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::lang::Language;
use crate::yaml;

/// At most this many levels: each needs a name in every built-in language (`level_1` …).
pub const MAX_LEVELS: usize = 6;
/// Built-in badge ids (their names are interface strings, `badge_<id>`).
pub const BUILTIN_BADGES: [&str; 4] = ["module", "perfect", "course", "checklists"];
/// The facts a badge rule can ask for.
pub const FACTS: [&str; 8] = ["points", "lessons", "quizzes", "perfect", "first_try", "modules", "courses", "checklists"];

/// What the learner's journey looks like on this site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Journey {
    /// Points, badges, the progress page and certificates at all (`journey: off`).
    pub enabled: bool,
    pub points: Points,
    /// Level thresholds in points, strictly increasing, the first 0.
    pub levels: Vec<u32>,
    /// The site's own badges (the built-in ones always exist).
    pub badges: Vec<Badge>,
    pub certificate: Certificate,
}

/// Points per fact of the journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default, expecting = "keys with values: lesson, quiz, first_try, perfect")]
pub struct Points {
    /// For each lesson read.
    pub lesson: u32,
    /// For each quiz passed.
    pub quiz: u32,
    /// Bonus for a quiz passed at the first attempt.
    pub first_try: u32,
    /// Bonus for a quiz with 100%.
    pub perfect: u32,
}

impl Default for Points {
    fn default() -> Self {
        Points { lesson: 10, quiz: 50, first_try: 25, perfect: 25 }
    }
}

/// The default level thresholds (points).
pub const DEFAULT_LEVELS: [u32; 5] = [0, 100, 250, 500, 1000];

/// One badge defined by the site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Badge {
    pub id: String,
    pub name: LocalText,
    pub description: LocalText,
    /// Fact → what is needed; every entry must hold (AND).
    pub rule: BTreeMap<String, Need>,
    /// An SVG file of the site, relative to the site folder (else one is drawn).
    pub image: Option<String>,
}

/// The issuer of certificates.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Certificate {
    /// The organisation named as issuer (default: the site's authors).
    pub issuer: Option<LocalText>,
    /// Who signs: the text under the signature line.
    pub signatory: Option<LocalText>,
}

/// A number of things, or `all` of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Need {
    AtLeast(u32),
    #[serde(serialize_with = "all_text")]
    All,
}

fn all_text<S: serde::Serializer>(s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str("all")
}

/// A text in the default language, or one per language (`{en: …, el: …}`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum LocalText {
    One(String),
    PerLanguage(BTreeMap<String, String>),
}

impl LocalText {
    /// The text in `code`, else in the default language; `true` when it is the fallback.
    pub fn get(&self, code: &str, default: &str) -> (String, bool) {
        match self {
            LocalText::One(s) => (s.clone(), code != default),
            LocalText::PerLanguage(m) => match m.get(code).filter(|s| !s.trim().is_empty()) {
                Some(s) => (s.clone(), false),
                None => (m.get(default).or_else(|| m.values().next()).cloned().unwrap_or_default(), true),
            },
        }
    }
}

impl<'de> Deserialize<'de> for LocalText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let expecting = "a text, or one text per language (`en: …`, `el: …`)";
        yaml::text_or_record(d, expecting, |text| LocalText::One(text.to_string()), LocalText::PerLanguage)
    }
}

impl<'de> Deserialize<'de> for Need {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Need;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a whole number of at least 1, or `all`")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Need, E> {
                match u32::try_from(v) {
                    Ok(n) if n >= 1 => Ok(Need::AtLeast(n)),
                    _ => Err(E::custom(format!("`{v}` is not a number of at least 1 and at most 4294967295"))),
                }
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Need, E> {
                u64::try_from(v).map_err(|_| E::custom(format!("`{v}` is not a number of at least 1"))).and_then(|v| self.visit_u64(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Need, E> {
                if v.trim().eq_ignore_ascii_case("all") {
                    Ok(Need::All)
                } else {
                    Err(E::custom(format!("`{v}` is not a number or `all`")))
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// `journey:` as written: `off`, or a record.
#[derive(Debug)]
pub enum RawJourney {
    Switch(bool),
    Full(Box<FullJourney>),
}

impl<'de> Deserialize<'de> for RawJourney {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawJourney;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("`off`, or settings (`points:`, `levels:`, `badges:`, `certificate:`)")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<RawJourney, E> {
                Ok(RawJourney::Switch(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawJourney, E> {
                match v.trim().to_ascii_lowercase().as_str() {
                    "off" | "no" | "false" | "none" => Ok(RawJourney::Switch(false)),
                    "on" | "yes" | "true" => Ok(RawJourney::Switch(true)),
                    _ => Err(E::custom(format!("`journey: {v}` is neither `off` nor settings"))),
                }
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawJourney, A::Error> {
                FullJourney::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(|f| RawJourney::Full(Box::new(f)))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "keys with values: points, levels, badges, certificate")]
pub struct FullJourney {
    #[serde(default)]
    points: Points,
    levels: Option<Vec<u32>>,
    /// Only counted here: each badge is read on its own (see [`Journey::validate`]).
    #[serde(default)]
    badges: Vec<serde::de::IgnoredAny>,
    #[serde(default)]
    certificate: RawCertificate,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a badge: keys with values id, name, description, rule, image")]
struct RawBadge {
    id: String,
    name: LocalText,
    description: LocalText,
    rule: Rule,
    image: Option<String>,
}

/// The facts a rule may name (a misspelt one is an error with a suggestion).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "facts with numbers, e.g. `{ lessons: 5, quizzes: 2 }`")]
struct Rule {
    points: Option<Need>,
    lessons: Option<Need>,
    quizzes: Option<Need>,
    perfect: Option<Need>,
    first_try: Option<Need>,
    modules: Option<Need>,
    courses: Option<Need>,
    checklists: Option<Need>,
}

impl Rule {
    fn entries(&self) -> BTreeMap<String, Need> {
        let all = [
            ("points", self.points),
            ("lessons", self.lessons),
            ("quizzes", self.quizzes),
            ("perfect", self.perfect),
            ("first_try", self.first_try),
            ("modules", self.modules),
            ("courses", self.courses),
            ("checklists", self.checklists),
        ];
        all.into_iter().filter_map(|(k, v)| v.map(|v| (k.to_string(), v))).collect()
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "keys with values: issuer, signatory")]
struct RawCertificate {
    issuer: Option<LocalText>,
    signatory: Option<LocalText>,
}

impl Default for Journey {
    fn default() -> Self {
        Journey { enabled: true, points: Points::default(), levels: DEFAULT_LEVELS.to_vec(), badges: Vec::new(), certificate: Certificate::default() }
    }
}

impl Journey {
    /// Checks the settings as written (`raw`) against the site's `languages`; every problem
    /// goes to `diags` at its place in `doc` (site.yaml). Each badge is read on its own and
    /// checked whatever else is wrong with it, so one run names every problem of every badge.
    pub fn validate(raw: Option<RawJourney>, doc: &yaml::Doc<'_>, languages: &[Language], diags: &mut Diagnostics) -> Journey {
        let full = match raw {
            None | Some(RawJourney::Switch(true)) => return Journey::default(),
            Some(RawJourney::Switch(false)) => return Journey { enabled: false, ..Journey::default() },
            Some(RawJourney::Full(f)) => *f,
        };
        let shown = std::path::Path::new(super::FILE_NAME);
        let node = doc.root().get("journey").unwrap_or(doc.root());
        let mut err = |(l, c): (usize, usize), msg: String, hint: &str| diags.push(Diagnostic::error(shown, l, c, msg).with_hint(hint));

        let levels = full.levels.unwrap_or_else(|| DEFAULT_LEVELS.to_vec());
        let levels_hint = "list the points at which each level starts, from 0 upwards, e.g. `levels: [0, 100, 250, 500, 1000]`";
        let levels_at = node.key_at("levels");
        if levels.is_empty() || levels.len() > MAX_LEVELS {
            err(levels_at, format!("`journey.levels` lists {} levels; give 1 to {MAX_LEVELS}", levels.len()), levels_hint);
        } else if levels[0] != 0 {
            err(levels_at, format!("`journey.levels` starts at {}; the first level starts at 0 points", levels[0]), levels_hint);
        } else if levels.windows(2).any(|w| w[1] <= w[0]) {
            err(levels_at, "`journey.levels` must go up: each level needs more points than the one before".into(), levels_hint);
        }

        let codes: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
        let check_text = |t: &LocalText, key: &str, parent: &yaml::Node, report: &mut Report<'_>| {
            if let LocalText::PerLanguage(m) = t {
                if m.is_empty() {
                    report(parent.key_at(key), format!("`{key}` gives no text"), "write a text, or one per language (`en: …`)");
                }
                let own = parent.get(key).unwrap_or(parent);
                for code in m.keys().filter(|c| !codes.contains(&c.as_str())) {
                    report(own.key_at(code), format!("`{key}.{code}`: `{code}` is not one of the site's languages"), "use a code listed under `languages:`");
                }
            }
        };

        let mut seen: Vec<String> = Vec::new();
        let mut badges = Vec::new();
        let items = node.get("badges").map_or(&[][..], yaml::Node::items);
        for (i, item) in items.iter().enumerate().take(full.badges.len()) {
            let path = format!("journey.badges[{i}]");
            let mut read = doc.read::<RawBadge>(item, &path);
            for e in &read.errors {
                let fallback = if e.message.contains(".rule.") {
                    "a fact takes a whole number of at least 1, or `all`, e.g. `rule: { lessons: 5, quizzes: all }`"
                } else {
                    "see \"The learner's journey\" in the README"
                };
                err((e.line, e.col), e.message.clone(), e.hint.as_deref().unwrap_or(fallback));
            }
            let Some(b) = read.value.take() else { continue };
            let bad = |key: &str| read.reported(&format!("{path}.{key}"));
            let pos = item.key_at("id");
            let valid_id = !b.id.is_empty() && b.id.len() <= 64 && b.id.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-');
            if bad("id") {
            } else if !valid_id {
                err(pos, format!("badge id `{}` is not a short name of lower-case letters, digits and `-`", b.id), "e.g. `id: first-quiz`");
            } else if BUILTIN_BADGES.contains(&b.id.as_str()) {
                err(pos, format!("badge id `{}` is a built-in badge", b.id), "built-in badges always exist; give yours another id");
            } else if seen.contains(&b.id) {
                err(pos, format!("badge id `{}` is used twice", b.id), "give each badge its own id");
            }
            seen.push(b.id.clone());
            check_text(&b.name, "name", item, &mut err);
            check_text(&b.description, "description", item, &mut err);
            let rule = b.rule.entries();
            if rule.is_empty() && !bad("rule") {
                err(item.key_at("rule"), format!("badge `{}` has an empty rule", b.id), "name at least one fact, e.g. `rule: { lessons: 5 }`");
            }
            if rule.get("points") == Some(&Need::All) {
                err(item.key_at("rule"), "`points: all` has no meaning".into(), "give a number of points, e.g. `points: 500`");
            }
            if let Some(image) = &b.image {
                let p = item.key_at("image");
                if !image.to_ascii_lowercase().ends_with(".svg") {
                    err(
                        p,
                        format!("badge image `{image}` is not an SVG file"),
                        "give an .svg file of the site, relative to the site folder, or leave `image` out for a drawn badge",
                    );
                }
                if !crate::files::stays_inside(image) {
                    let problem = crate::files::FileProblem::Outside;
                    err(p, format!("badge image `{image}`: {}", problem.message()), problem.hint());
                }
            }
            badges.push(Badge { id: b.id, name: b.name, description: b.description, rule, image: b.image });
        }
        let cert = node.get("certificate").unwrap_or(node);
        if let Some(t) = &full.certificate.issuer {
            check_text(t, "issuer", cert, &mut err);
        }
        if let Some(t) = &full.certificate.signatory {
            check_text(t, "signatory", cert, &mut err);
        }
        Journey {
            enabled: true,
            points: full.points,
            levels,
            badges,
            certificate: Certificate { issuer: full.certificate.issuer, signatory: full.certificate.signatory },
        }
    }
}

/// Reports one problem at a (line, column) with a hint.
type Report<'a> = dyn FnMut((usize, usize), String, &str) + 'a;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::Config;
    use std::path::Path;

    fn parse(text: &str) -> (Option<Config>, Diagnostics) {
        let mut d = Diagnostics::new();
        (Config::parse(text, Path::new("site.yaml"), &mut d), d)
    }

    #[test]
    fn defaults_make_sense_without_a_journey_key() {
        let (c, d) = parse("title: T\n");
        assert!(d.is_empty());
        let j = c.expect("valid").journey;
        assert!(j.enabled);
        assert_eq!(j.points, Points { lesson: 10, quiz: 50, first_try: 25, perfect: 25 });
        assert_eq!(j.levels, DEFAULT_LEVELS.to_vec());
        assert!(j.badges.is_empty());
    }

    #[test]
    fn journey_off_turns_it_off() {
        for v in ["off", "false", "no"] {
            let (c, d) = parse(&format!("title: T\njourney: {v}\n"));
            assert!(!d.has_errors(), "{v}: {:#?}", d.sorted());
            assert!(!c.unwrap().journey.enabled, "{v}");
        }
    }

    #[test]
    fn site_badges_points_levels_and_issuer() {
        let text = "title: T\nlanguages: [en, el]\njourney:\n  points: { lesson: 5, quiz: 100 }\n  levels: [0, 50, 500]\n  badges:\n    - id: explorer\n      name: { en: Explorer, el: Εξερευνητής }\n      description: Read ten lessons.\n      rule: { lessons: 10, quizzes: all }\n      image: assets/explorer.svg\n  certificate:\n    issuer: Municipality of Egaleo\n    signatory: { en: Coordinator, el: Συντονίστρια }\n";
        let (c, d) = parse(text);
        assert!(!d.has_errors(), "{:#?}", d.sorted());
        let j = c.unwrap().journey;
        assert_eq!(j.points, Points { lesson: 5, quiz: 100, first_try: 25, perfect: 25 });
        assert_eq!(j.levels, vec![0, 50, 500]);
        let b = &j.badges[0];
        assert_eq!(b.name.get("el", "en"), ("Εξερευνητής".to_string(), false));
        assert_eq!(b.description.get("el", "en"), ("Read ten lessons.".to_string(), true));
        assert_eq!(b.rule.get("lessons"), Some(&Need::AtLeast(10)));
        assert_eq!(b.rule.get("quizzes"), Some(&Need::All));
        assert_eq!(b.image.as_deref(), Some("assets/explorer.svg"));
        assert_eq!(j.certificate.issuer, Some(LocalText::One("Municipality of Egaleo".into())));
    }

    #[test]
    fn every_bad_value_is_reported_at_once_with_its_line() {
        let text = "title: T\nlanguages: [en]\njourney:\n  levels: [0, 100, 100]\n  badges:\n    - id: module\n      name: X\n      description: Y\n      rule: { lessons: 3 }\n    - id: Big Badge\n      name: { fr: Z }\n      description: Y\n      rule: { points: all }\n      image: badge.png\n    - id: empty\n      name: E\n      description: E\n      rule: {}\n";
        let (c, d) = parse(text);
        assert!(c.is_none());
        let all = d.sorted();
        let lines: Vec<(usize, &str)> = all.iter().map(|x| (x.line, x.message.as_str())).collect();
        assert!(all.iter().any(|x| x.line == 4 && x.message.contains("must go up")), "{lines:#?}");
        assert!(all.iter().any(|x| x.line == 6 && x.message.contains("built-in")), "{lines:#?}");
        assert!(all.iter().any(|x| x.line == 10 && x.message.contains("lower-case")), "{lines:#?}");
        assert!(all.iter().any(|x| x.line == 11 && x.message.contains("`fr` is not one of the site's languages")), "{lines:#?}");
        assert!(all.iter().any(|x| x.line == 13 && x.message.contains("points: all")), "{lines:#?}");
        assert!(all.iter().any(|x| x.line == 14 && x.message.contains("not an SVG")), "{lines:#?}");
        assert!(all.iter().any(|x| x.line == 18 && x.message.contains("empty rule")), "{lines:#?}");
        assert_eq!(all.len(), 7, "{lines:#?}");
    }

    #[test]
    fn unknown_facts_keys_and_values_are_yaml_errors_with_suggestions() {
        let (c, d) =
            parse("title: T\njourney:\n  points: { lesons: 5 }\n  badges:\n    - id: a\n      name: A\n      description: A\n      rule: { quizes: 2 }\n");
        assert!(c.is_none());
        let all = d.sorted();
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!((all[0].line, all[0].hint.as_deref()), (3, Some("did you mean `lesson`?")));
        assert_eq!((all[1].line, all[1].hint.as_deref()), (8, Some("did you mean `quizzes`?")));
        let (_, d) = parse("title: T\njourney:\n  points: { quiz: -5 }\n");
        assert_eq!(d.sorted()[0].line, 3);
        let (_, d) = parse("title: T\njourney:\n  levels: [0, 100, 200, 300, 400, 500, 600]\n");
        let all = d.sorted();
        assert!(all[0].line == 3 && all[0].message.contains("give 1 to 6"), "{all:#?}");
        let (_, d) = parse("title: T\njourney:\n  badges:\n    - id: a\n      name: A\n      description: A\n      rule: { lessons: 0 }\n");
        let all = d.sorted();
        assert!(all[0].message.contains("at least 1"), "{all:#?}");
        let (_, d) = parse("title: T\njourney: maybe\n");
        assert_eq!(d.sorted()[0].line, 2);
    }
}

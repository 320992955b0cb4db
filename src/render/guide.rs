//! Guides, training units and good-practice collections: the cycle diagram, phase cards,
//! templates beside a guide, tags and related practices. Pure: model in, views or HTML out.

use std::collections::BTreeMap;
use std::f64::consts::PI;

use serde::Serialize;

use crate::markdown::escape_html;
use crate::model::url::{parent_dir, relative};
use crate::model::{Kind, LangSite, PageId};

/// One step of the cycle, as the diagram and its text equivalent show it.
pub struct CycleStep {
    pub title: String,
    /// Relative URL from the guide's page.
    pub url: String,
    /// The title's language and direction when they are not the page's (a phase not
    /// translated yet).
    pub lang: Option<(String, &'static str)>,
}

/// Splits a title into lines of about `width` columns (a Chinese, Japanese or Korean character
/// takes two, as it is about twice as wide), at most `max` lines. Lines break at spaces and,
/// in Chinese and Japanese, written without spaces, between two characters beside an ideograph or kana,
/// though not before closing punctuation or small kana (、。」ー っ) nor after an opening bracket.
fn wrap(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        for (k, piece) in unbreakable(word).into_iter().enumerate() {
            let (space, cols) = (usize::from(k == 0), piece.chars().map(columns).sum::<usize>());
            match lines.last_mut() {
                Some(line) if used + space + cols <= width => {
                    if space == 1 {
                        line.push(' ');
                    }
                    line.push_str(piece);
                    used += space + cols;
                }
                _ => {
                    lines.push(piece.to_string());
                    used = cols;
                }
            }
        }
    }
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

/// The pieces of a word between which a line may break (see [`wrap`]).
fn unbreakable(word: &str) -> Vec<&str> {
    const NO_START: &str = "、。，．・：；？！ー」』）〕］｝〉》】〙〗ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〜…),.!?:;]}";
    const NO_END: &str = "「『（〔［｛〈《【〘〖([{";
    let mut pieces = Vec::new();
    let (mut start, mut prev) = (0, None);
    for (i, c) in word.char_indices() {
        if let Some(p) = prev {
            if (breaks(p) || breaks(c)) && !NO_START.contains(c) && !NO_END.contains(p) {
                pieces.push(&word[start..i]);
                start = i;
            }
        }
        prev = Some(c);
    }
    pieces.push(&word[start..]);
    pieces
}

/// Whether a line may break beside `c`: a wide character of text written without spaces (not
/// Hangul: Korean breaks at its spaces).
fn breaks(c: char) -> bool {
    columns(c) == 2 && !matches!(c, '\u{1100}'..='\u{115F}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7A3}')
}

/// How many columns a character takes in a label: two for the wide characters of Chinese,
/// Japanese and Korean (ideographs, kana, Hangul, full-width forms), else one.
fn columns(c: char) -> usize {
    let wide = matches!(c, '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{303E}' | '\u{3041}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}' | '\u{20000}'..='\u{3FFFD}');
    if wide {
        2
    } else {
        1
    }
}

/// An inline SVG: the steps on a circle, numbered, labelled, each a link, joined by arrows
/// in reading order; `<title>` and `<desc>` give its text equivalent. `dir` is the page's
/// direction: a label beside the ring grows away from it in its own direction.
pub fn cycle_svg(steps: &[CycleStep], dir: &str, title: &str, description: &str, step_label: &dyn Fn(usize) -> String) -> String {
    let n = steps.len().max(1) as f64;
    let (cx, cy, r, node) = (480.0, 360.0, 220.0, 42.0);
    let angle = |i: usize| -PI / 2.0 + 2.0 * PI * (i as f64) / n;
    let at = |a: f64, radius: f64| (cx + radius * a.cos(), cy + radius * a.sin());
    let mut s = String::new();
    s.push_str("<svg class=\"cycle-diagram\" viewBox=\"0 0 960 720\" role=\"group\" aria-labelledby=\"cycle-svg-title cycle-svg-desc\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    s.push_str(&format!("<title id=\"cycle-svg-title\">{}</title>\n<desc id=\"cycle-svg-desc\">{}</desc>\n", escape_html(title), escape_html(description)));
    s.push_str("<defs><marker id=\"cycle-arrow\" viewBox=\"0 0 10 10\" refX=\"8\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"cycle-arrowhead\"/></marker></defs>\n");
    s.push_str(&format!("<circle class=\"cycle-ring\" cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\" aria-hidden=\"true\"/>\n"));
    if steps.len() > 1 {
        let gap = (node + 10.0) / r;
        for i in 0..steps.len() {
            let (a0, a1) = (angle(i) + gap, angle(i + 1) - gap);
            let ((x0, y0), (x1, y1)) = (at(a0, r), at(a1, r));
            s.push_str(&format!(
                "<path class=\"cycle-arc\" d=\"M{x0:.1},{y0:.1} A{r},{r} 0 0 1 {x1:.1},{y1:.1}\" marker-end=\"url(#cycle-arrow)\" aria-hidden=\"true\"/>\n"
            ));
        }
    }
    for (i, step) in steps.iter().enumerate() {
        let a = angle(i);
        let (x, y) = at(a, r);
        let (lx, ly) = at(a, r + node + 18.0);
        // Right of the ring a label starts at the node and runs right; right-to-left text
        // starts at its right end, so there it is anchored at its end (and the other way round).
        let rtl = step.lang.as_ref().map_or(dir, |l| l.1) == "rtl";
        let anchor = match (a.cos() > 0.3, a.cos() < -0.3) {
            (true, _) if rtl => "end",
            (true, _) => "start",
            (_, true) if rtl => "start",
            (_, true) => "end",
            _ => "middle",
        };
        // SVG has `direction` where HTML has `dir`.
        let lang = step.lang.as_ref().map(|(code, d)| format!(" lang=\"{}\" direction=\"{d}\"", escape_html(code))).unwrap_or_default();
        let lines = wrap(&step.title, 16, 3);
        let line_h = 26.0;
        // Labels above the ring grow upwards, below it downwards, beside it centred.
        let first_y = if a.sin() < -0.7 {
            ly - line_h * (lines.len() as f64 - 1.0)
        } else if a.sin() > 0.7 {
            ly + 16.0
        } else {
            ly - line_h * (lines.len() as f64 - 1.0) / 2.0 + 6.0
        };
        s.push_str(&format!(
            "<a href=\"{}\" class=\"cycle-step\">\n<title>{}</title>\n",
            escape_html(&step.url),
            escape_html(&format!("{}: {}", step_label(i + 1), step.title))
        ));
        s.push_str(&format!("<circle class=\"cycle-node\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{node}\"/>\n"));
        s.push_str(&format!("<text class=\"cycle-number\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"30\">{}</text>\n", y + 11.0, i + 1));
        s.push_str(&format!("<text class=\"cycle-label\" x=\"{lx:.1}\" y=\"{first_y:.1}\" text-anchor=\"{anchor}\" font-size=\"22\"{lang}>"));
        for (k, line) in lines.iter().enumerate() {
            let dy = if k == 0 { 0.0 } else { line_h };
            s.push_str(&format!("<tspan x=\"{lx:.1}\" dy=\"{dy}\">{}</tspan>", escape_html(line)));
        }
        s.push_str("</text>\n</a>\n");
    }
    s.push_str("</svg>\n");
    s
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct PhaseView {
    pub responsible: Option<String>,
    pub outputs: Vec<String>,
    pub activities: Vec<String>,
}

/// A file offered for download beside a guide, or a printable template page.
#[derive(Debug, Clone, Serialize)]
pub struct FileView {
    pub title: String,
    pub url: String,
    /// "PDF", "DOCX", … or "page" for a printable template page.
    pub format: String,
    pub size: Option<String>,
    pub printable: bool,
    /// A template page not translated yet: its title is in the default language.
    pub fallback: bool,
}

/// Files that are offered as templates (documents, not pictures).
const TEMPLATE_EXTENSIONS: &[&str] = &["pdf", "docx", "doc", "odt", "rtf", "xlsx", "xls", "ods", "pptx", "odp", "txt", "md", "csv", "zip", "epub"];

/// Templates of a guide: its template pages and the document files in its folder.
pub fn templates(site: &LangSite, guide: PageId) -> Vec<FileView> {
    let here = &site.pages[guide].url;
    let dir = format!("{}/", parent_dir(here));
    let mut out: Vec<FileView> = site.pages[guide]
        .children
        .iter()
        .copied()
        .filter(|&c| site.effective_kind(c) == Kind::Template)
        .map(|c| FileView {
            title: site.pages[c].front.title.clone(),
            url: relative(here, &site.pages[c].url),
            format: "page".into(),
            size: None,
            printable: true,
            fallback: site.pages[c].text == crate::model::TextStatus::Fallback,
        })
        .collect();
    for asset in &site.assets {
        let Some(name) = asset.url.strip_prefix(&dir) else { continue };
        let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        if name.contains('/') || !TEMPLATE_EXTENSIONS.contains(&ext.as_str()) {
            continue;
        }
        let title = crate::model::url::split_prefix(name).1.rsplit_once('.').map_or(name, |p| p.0).replace(['-', '_'], " ");
        out.push(FileView {
            title,
            url: relative(here, &asset.url),
            format: ext.to_uppercase(),
            size: Some(crate::numbers::file_size(asset.size, &site.lang.code)),
            printable: false,
            fallback: false,
        });
    }
    out
}

#[derive(Debug, Clone, Serialize)]
pub struct TagLink {
    pub group: String,
    pub label: String,
    pub value: String,
    pub url: String,
    /// `group:value-slug`, for filtering in the browser.
    pub key: String,
    pub count: usize,
    /// The tag page being viewed.
    pub current: bool,
    /// Every practice with this value shows the default language's text: the value is in that language.
    pub fallback: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagGroup {
    pub group: String,
    pub label: String,
    /// ` lang dir` of `label` when it is another language's (an interface string the page's
    /// language lacks), else empty.
    pub label_lang: String,
    pub tags: Vec<TagLink>,
}

/// `Early childhood education` → `early-childhood-education` (letters of any script kept).
pub fn tag_slug(value: &str) -> String {
    crate::markdown::slugify(&value.replace('_', " "))
}

/// The output path of a tag page of a collection.
pub fn tag_url(site: &LangSite, collection: PageId, group: &str, value: &str) -> String {
    format!("{}/tags/{}-{}.html", parent_dir(&site.pages[collection].url), tag_slug(group), tag_slug(value))
}

/// Every (group, value) of a collection with the practices that carry it, sorted.
pub fn tag_index(site: &LangSite, collection: PageId) -> BTreeMap<(String, String), Vec<PageId>> {
    let mut index: BTreeMap<(String, String), Vec<PageId>> = BTreeMap::new();
    for p in site.practices(collection) {
        for (group, values) in &site.pages[p].front.tags {
            for v in values.values() {
                index.entry((group.clone(), v.to_string())).or_default().push(p);
            }
        }
    }
    index
}

/// The `data-tags` value of a practice: its tag keys separated by spaces.
pub fn tag_keys(site: &LangSite, id: PageId) -> String {
    let mut keys: Vec<String> =
        site.pages[id].front.tags.iter().flat_map(|(g, vs)| vs.values().into_iter().map(move |v| format!("{}:{}", tag_slug(g), tag_slug(v)))).collect();
    keys.sort();
    keys.join(" ")
}

/// Tag groups with links from the page at `here`, labelled with `group_label` (the label and
/// its ` lang dir` where it is another language's).
pub fn tag_groups(site: &LangSite, collection: PageId, here: &str, only: Option<PageId>, group_label: &dyn Fn(&str) -> (String, String)) -> Vec<TagGroup> {
    let index = tag_index(site, collection);
    let mut groups: Vec<TagGroup> = Vec::new();
    for ((group, value), ids) in &index {
        if only.is_some_and(|p| !ids.contains(&p)) {
            continue;
        }
        let link = TagLink {
            group: group.clone(),
            label: group_label(group).0,
            value: value.clone(),
            url: relative(here, &tag_url(site, collection, group, value)),
            key: format!("{}:{}", tag_slug(group), tag_slug(value)),
            count: ids.len(),
            current: relative(here, &tag_url(site, collection, group, value)) == relative(here, here),
            fallback: ids.iter().all(|&p| site.pages[p].text == crate::model::TextStatus::Fallback),
        };
        match groups.iter_mut().find(|g| g.group == *group) {
            Some(g) => g.tags.push(link),
            None => {
                let (label, label_lang) = group_label(group);
                groups.push(TagGroup { group: group.clone(), label, label_lang, tags: vec![link] });
            }
        }
    }
    groups
}

/// Other practices of the collection that share tags with `id`, most shared first (max 5).
pub fn related(site: &LangSite, collection: PageId, id: PageId) -> Vec<PageId> {
    let mine = tag_keys(site, id);
    let mine: Vec<&str> = mine.split(' ').filter(|s| !s.is_empty()).collect();
    let mut scored: Vec<(usize, usize, PageId)> = site
        .practices(collection)
        .into_iter()
        .enumerate()
        .filter(|&(_, p)| p != id)
        .map(|(pos, p)| {
            let theirs = tag_keys(site, p);
            (theirs.split(' ').filter(|k| mine.contains(k)).count(), pos, p)
        })
        .filter(|&(shared, _, _)| shared > 0)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(5).map(|s| s.2).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycle_has_one_link_per_step_in_order_and_a_text_alternative() {
        let steps: Vec<CycleStep> =
            (1..=5).map(|i| CycleStep { title: format!("Phase number {i} with a long title"), url: format!("p{i}.html"), lang: None }).collect();
        let svg = cycle_svg(&steps, "ltr", "The cycle", "Five steps", &|i| format!("Step {i}"));
        let hrefs: Vec<&str> = svg.match_indices("<a href=\"").map(|(i, _)| svg[i + 9..].split('"').next().unwrap()).collect();
        assert_eq!(hrefs, ["p1.html", "p2.html", "p3.html", "p4.html", "p5.html"]);
        assert!(svg.contains("<title id=\"cycle-svg-title\">The cycle</title>") && svg.contains("<desc id=\"cycle-svg-desc\">Five steps</desc>"));
        assert_eq!(svg.matches("class=\"cycle-arc\"").count(), 5);
        assert!(svg.contains("<title>Step 2: Phase number 2 with a long title</title>"));
    }

    #[test]
    fn labels_beside_the_ring_grow_away_from_it_in_either_direction() {
        // Three steps: the first above the ring, the second right of it, the third left.
        let step = |title: &str, lang: Option<(String, &'static str)>| CycleStep { title: title.into(), url: "p.html".into(), lang };
        let anchors = |svg: &str| -> Vec<String> {
            svg.match_indices("<text class=\"cycle-label\"")
                .map(|(i, _)| svg[i..].split("text-anchor=\"").nth(1).unwrap().split('"').next().unwrap().to_string())
                .collect()
        };
        let ltr = [step("One", None), step("Two", None), step("Three", None)];
        assert_eq!(anchors(&cycle_svg(&ltr, "ltr", "C", "D", &|i| i.to_string())), ["middle", "start", "end"]);
        let rtl = [step("واحد", None), step("اثنان", None), step("ثلاثة", None)];
        assert_eq!(anchors(&cycle_svg(&rtl, "rtl", "C", "D", &|i| i.to_string())), ["middle", "end", "start"]);
        // An English label on an Arabic page runs left-to-right and says so.
        let mixed = [step("واحد", None), step("Two", Some(("en".into(), "ltr"))), step("Three", Some(("en".into(), "ltr")))];
        let svg = cycle_svg(&mixed, "rtl", "C", "D", &|i| i.to_string());
        assert_eq!(anchors(&svg), ["middle", "start", "end"]);
        assert_eq!(svg.matches(" lang=\"en\" direction=\"ltr\">").count(), 2, "{svg}");
    }

    #[test]
    fn titles_wrap() {
        assert_eq!(wrap("Access to the learning platform", 18, 3), ["Access to the", "learning platform"]);
        assert_eq!(wrap("a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg", 6, 2).len(), 2);
    }

    #[test]
    fn titles_without_spaces_wrap_between_characters() {
        // A Japanese or Chinese title has no spaces: it was one word, one line of any length,
        // which ran out of the diagram beside the ring.
        assert_eq!(wrap("外国人住民との意見交換会を開き、課題を整理する", 16, 3), ["外国人住民との意", "見交換会を開き、", "課題を整理する"]);
        assert_eq!(wrap("評價與改善（第二輪）", 16, 3), ["評價與改善（第二", "輪）"]);
        assert_eq!(wrap("メンタリングを実施する", 16, 3), ["メンタリングを実", "施する"]);
        assert_eq!(wrap("멘토링 실시와 평가", 16, 3), ["멘토링 실시와", "평가"]);
        for line in wrap("「やさしい日本語」で、外国人住民に分かりやすく伝える。", 16, 3) {
            assert!(line.chars().map(columns).sum::<usize>() <= 17, "{line}");
            assert!(!line.starts_with(['、', '。', '」']), "{line}");
        }
    }
}

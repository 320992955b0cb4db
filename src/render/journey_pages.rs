//! The pages of the learner's journey, per language: "My progress" (`progress.html`) and
//! the certificates of completion (`certificate.html`), plus the badges' drawn SVG images.
//! The build writes what is the same for every learner (courses, modules, badges, labels);
//! `static/journey.js` fills in this learner's results from the browser's storage. Without
//! JavaScript each page says that it needs it; the certificate page still says what each
//! course's certificate needs.

use super::journey::{CourseData, JourneyData};
use super::views::ExtraSteps;
use super::LangContext;
use crate::markdown::escape_html;

pub const PROGRESS_PAGE: &str = "progress.html";
pub const CERTIFICATE_PAGE: &str = "certificate.html";
/// Output paths (under `<lang>/`) that the journey writes, so no page may have them.
pub const RESERVED: [&str; 3] = [PROGRESS_PAGE, CERTIFICATE_PAGE, "journey-data.js"];

fn e(s: &str) -> String {
    escape_html(s)
}

/// The `lang`/`dir` attributes of a text in the default language on another language's page.
fn fallback_attrs(cx: &LangContext<'_>, fallback: bool) -> String {
    cx.fallback_attrs(fallback)
}

/// An interface text around a course title, the title marked with its language.
fn with_title(cx: &LangContext<'_>, key: &str, c: &CourseData) -> String {
    with_course_text(cx, key, "course", &c.title, c.fallback)
}

/// An interface text around a text of a course (its title, its duration) in the slot `slot`,
/// that text marked with its language. The interface text is `key`'s, marked when it is
/// another language's; then the course's text, when it is in the page's language, is marked
/// with it; a course not translated yet (`fallback`) gives its text the default language's
/// mark, so "3 ώρες" in a Persian sentence keeps its order and voice.
fn with_course_text(cx: &LangContext<'_>, key: &str, slot: &str, text: &str, fallback: bool) -> String {
    let t = cx.strings;
    let mark = if fallback {
        fallback_attrs(cx, true)
    } else if !t.mark(key).is_empty() {
        crate::markdown::lang_attrs(&cx.lang.lang.code, cx.lang.lang.direction.as_str())
    } else {
        String::new()
    };
    let text = if mark.is_empty() { e(text) } else { format!("<span{mark}>{}</span>", e(text)) };
    t.wrap(key, e(&t.format(key, &[(slot, "\u{1}")])).replace('\u{1}', &text))
}

/// `html`: an interface text already escaped (and marked).
fn nojs(html: &str) -> String {
    format!("<p class=\"journey-nojs\" role=\"note\">{html}</p>\n")
}

/// The body of `<lang>/progress.html`.
pub fn progress_html(cx: &LangContext<'_>, data: &JourneyData) -> String {
    let t = cx.strings;
    let mut h = String::from("<div class=\"journey\" data-journey-page=\"progress\">\n");
    h.push_str(&nojs(&t.html("progress_nojs")));
    h.push_str(&format!(
        "<section class=\"journey-summary\" aria-labelledby=\"journey-summary-title\">\n<h2 id=\"journey-summary-title\">{}</h2>\n<p class=\"journey-total\"></p>\n<p class=\"journey-level\"></p>\n<p class=\"journey-next\"></p>\n</section>\n",
        t.html("journey_summary")
    ));
    h.push_str(&format!(
        "<section class=\"journey-courses\" aria-labelledby=\"journey-courses-title\">\n<h2 id=\"journey-courses-title\">{}</h2>\n",
        t.html("progress_courses")
    ));
    if data.courses.is_empty() {
        h.push_str(&format!("<p>{}</p>\n", t.html("progress_no_courses")));
    }
    for (i, c) in data.courses.iter().enumerate() {
        h.push_str(&course_section(cx, c, i));
    }
    h.push_str("</section>\n");
    h.push_str(&format!(
        "<section class=\"journey-badges\" aria-labelledby=\"journey-badges-title\">\n<h2 id=\"journey-badges-title\">{}</h2>\n<ul class=\"badge-list\">\n",
        t.html("badges")
    ));
    for b in &data.badges {
        // Name and description each in their own language: either may be the default's, and a
        // built-in badge's are interface strings, perhaps another language's.
        let mark = |fallback: bool, text: &str, key: String| {
            if fallback {
                fallback_attrs(cx, true)
            } else if t.get(&key) == text {
                t.mark(&key)
            } else {
                String::new()
            }
        };
        let name_attrs = mark(b.name_fallback, &b.name, format!("badge_{}", b.id));
        let description_attrs = mark(b.description_fallback, &b.description, format!("badge_{}_description", b.id));
        h.push_str(&format!(
            "<li class=\"jbadge\" data-badge=\"{}\"><img class=\"jbadge-image\" src=\"{}\" alt=\"\" width=\"64\" height=\"64\"><div class=\"jbadge-text\"><h3 class=\"jbadge-name\"{name_attrs}>{}</h3><p class=\"jbadge-description\"{description_attrs}>{}</p><p class=\"jbadge-state\"></p></div></li>\n",
            e(&b.id),
            e(&b.image),
            e(&b.name),
            e(&b.description)
        ));
    }
    h.push_str("</ul>\n</section>\n");
    h.push_str(&format!(
        "<section class=\"journey-transfer\" aria-labelledby=\"journey-transfer-title\" hidden>\n<h2 id=\"journey-transfer-title\">{}</h2>\n<p>{}</p>\n<p class=\"journey-actions\"><button type=\"button\" class=\"button button-secondary journey-export-json\">{}</button> <button type=\"button\" class=\"button button-secondary journey-export-csv\">{}</button></p>\n<p class=\"journey-import\"><label for=\"journey-import-file\">{}</label> <input id=\"journey-import-file\" class=\"journey-import-file\" type=\"file\" accept=\".json,application/json\"></p>\n<p class=\"journey-transfer-status\" role=\"status\"></p>\n</section>\n",
        t.html("export_title"),
        t.html("export_intro"),
        t.html("export_json"),
        t.html("export_csv"),
        t.html("import_label"),
    ));
    h.push_str(&format!(
        "<section class=\"progress-tools journey-reset\" aria-labelledby=\"journey-reset-title\" hidden>\n<h2 id=\"journey-reset-title\">{}</h2>\n<button type=\"button\" class=\"button button-secondary journey-reset-open\" aria-expanded=\"false\" aria-controls=\"journey-reset-confirm\">{}</button>\n<div id=\"journey-reset-confirm\" class=\"reset-confirm\" hidden>\n<p>{}</p>\n<p class=\"reset-actions\"><button type=\"button\" class=\"button button-warning journey-reset-yes\">{}</button> <button type=\"button\" class=\"button button-secondary journey-reset-cancel\">{}</button></p>\n</div>\n<p class=\"journey-reset-status\" role=\"status\"></p>\n</section>\n",
        t.html("reset_all_title"),
        t.html("reset_all"),
        t.html("reset_all_confirm"),
        t.html("reset_yes"),
        t.html("reset_cancel"),
    ));
    h.push_str(&format!(
        "<section class=\"journey-privacy\" aria-labelledby=\"journey-privacy-title\">\n<h2 id=\"journey-privacy-title\">{}</h2>\n<p>{}</p>\n</section>\n</div>\n",
        t.html("privacy_title"),
        t.html("privacy_note")
    ));
    h
}

fn course_section(cx: &LangContext<'_>, c: &CourseData, i: usize) -> String {
    let t = cx.strings;
    let mut h = format!(
        "<section class=\"journey-course\" data-course=\"{}\" aria-labelledby=\"course-{i}-title\">\n<h3 id=\"course-{i}-title\"><a href=\"{}\"{}>{}</a></h3>\n",
        e(&c.key),
        e(&c.url),
        fallback_attrs(cx, c.fallback),
        e(&c.title)
    );
    h.push_str(&format!(
        "<figure class=\"journey-chart\" hidden><div class=\"chart-box\"></div><figcaption>{}</figcaption></figure>\n",
        with_title(cx, "progress_chart_caption", c)
    ));
    h.push_str(&format!(
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"course-{i}-caption\"><table class=\"journey-table card-table\">\n<caption id=\"course-{i}-caption\">{}</caption>\n<thead><tr>",
        with_title(cx, "progress_table_caption", c)
    ));
    let keys = ["progress_module", "progress_lessons", "progress_best", "progress_quiz", "progress_last", "progress_points"];
    for key in keys {
        h.push_str(&format!("<th scope=\"col\">{}</th>", t.html(key)));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    // Each cell carries its column's name: on a phone the rows are cards with labelled lines
    // (written out, marked, where the language lacks it: see `card_table`).
    let [_, lessons, best, state, last, points] = &keys.map(|key| super::card_table::cell_label(t, key));
    for m in &c.modules {
        h.push_str(&format!(
            "<tr data-module=\"{}\"><th scope=\"row\"><a href=\"{}\"{}>{}</a></th><td class=\"j-lessons\"{}>{}{}</td><td class=\"j-best\"{}>{}–</td><td class=\"j-state\"{}>{}–</td><td class=\"j-last\"{}>{}–</td><td class=\"j-points\"{}>{}–</td></tr>\n",
            e(&m.key),
            e(&m.url),
            fallback_attrs(cx, m.fallback),
            e(&m.title),
            lessons.attr,
            lessons.lead,
            t.format_html("progress_lessons_of", &[("read", "–"), ("total", &m.lessons.len().to_string())]),
            best.attr,
            best.lead,
            state.attr,
            state.lead,
            last.attr,
            last.lead,
            points.attr,
            points.lead
        ));
    }
    h.push_str("</tbody></table></div>\n");
    h.push_str(&format!(
        "<p class=\"journey-cert-state\"></p>\n<p class=\"journey-cert-link\" hidden><a class=\"button\" href=\"{}#c{i}\">{}</a></p>\n</section>\n",
        CERTIFICATE_PAGE,
        t.html("certificate_get")
    ));
    h
}

/// What the certificate of course `c` (the `i`th) needs, module by module: shown, and printed,
/// until it is earned (without JavaScript, for every course). journey-ui.js fills in the last
/// column with what this learner has done; without JavaScript that column is not shown.
fn needs_section(cx: &LangContext<'_>, c: &CourseData, i: usize) -> String {
    let t = cx.strings;
    let mut h = format!(
        "<section class=\"cert-needs\" id=\"c{i}-needs\" data-course=\"{}\" aria-labelledby=\"c{i}-needs-title\">\n<h2 id=\"c{i}-needs-title\">{}</h2>\n<p>{}</p>\n",
        e(&c.key),
        with_title(cx, "certificate_needs_title", c),
        t.html("certificate_needs_intro")
    );
    let keys = ["progress_module", "certificate_needed", "certificate_so_far"];
    let [module, needed_th, so_far_th] = keys.map(|key| t.html(key));
    h.push_str(&format!(
        "<table class=\"cert-needs-table card-table\">\n<thead><tr><th scope=\"col\">{module}</th><th scope=\"col\">{needed_th}</th><th scope=\"col\" class=\"j-done\">{so_far_th}</th></tr></thead>\n<tbody>\n"
    ));
    let [_, needed, so_far] = keys.map(|key| super::card_table::cell_label(t, key));
    for m in &c.modules {
        let need = if m.quizzes.is_empty() {
            t.format_html("certificate_need_lessons", &[("n", &m.lessons.len().to_string())])
        } else {
            t.html("certificate_need_quiz")
        };
        h.push_str(&format!(
            "<tr data-module=\"{}\"><th scope=\"row\"><a href=\"{}\"{}>{}</a></th><td{}>{}{}</td><td class=\"j-done\"{}>{}</td></tr>\n",
            e(&m.key),
            e(&m.url),
            fallback_attrs(cx, m.fallback),
            e(&m.title),
            needed.attr,
            needed.lead,
            need,
            so_far.attr,
            so_far.lead
        ));
    }
    h.push_str("</tbody></table>\n</section>\n");
    h
}

/// The body of `<lang>/certificate.html`: the controls, then one certificate per course
/// (hidden until the learner's results show it is earned).
pub fn certificate_html(cx: &LangContext<'_>, data: &JourneyData) -> String {
    let t = cx.strings;
    let config = &cx.site.config;
    let mut h = String::from("<div class=\"journey\" data-journey-page=\"certificate\">\n");
    // Printed before a certificate is earned, the page is what the certificate needs and what
    // is done: this heading stands for the page's title then (journey.css), not on screen.
    h.push_str(&format!("<p class=\"cert-progress-heading\">{}</p>\n", t.html("certificate_progress")));
    h.push_str(&nojs(&t.html("certificate_nojs")));
    h.push_str("<div class=\"cert-controls\" hidden>\n");
    h.push_str(&format!("<p><a href=\"{PROGRESS_PAGE}\">{}</a></p>\n", t.html("my_progress")));
    if data.courses.len() > 1 {
        // A choice of radio buttons, not a drop-down: a long course name wraps on a phone
        // where a closed <select> cuts it.
        h.push_str(&format!("<fieldset id=\"cert-course\" class=\"field cert-course\"><legend>{}</legend>\n", t.html("certificate_course")));
        for (i, c) in data.courses.iter().enumerate() {
            h.push_str(&format!(
                "<label class=\"cert-course-choice\"><input type=\"radio\" name=\"cert-course\" value=\"c{i}\"> <span{}>{}</span></label>\n",
                fallback_attrs(cx, c.fallback),
                e(&c.title)
            ));
        }
        h.push_str("</fieldset>\n");
    }
    h.push_str("<p class=\"cert-status\" role=\"status\"></p>\n");
    h.push_str(&format!(
        "<div class=\"cert-form\" hidden><p class=\"field\"><label for=\"cert-name\">{}</label> <input id=\"cert-name\" class=\"cert-name-input\" type=\"text\" autocomplete=\"name\" maxlength=\"120\" spellcheck=\"false\"></p>\n",
        t.html("certificate_name_label")
    ));
    h.push_str(&format!(
        "<p class=\"field\"><label for=\"cert-paper\">{}</label> <select id=\"cert-paper\" class=\"cert-paper\"><option value=\"a4\">A4</option><option value=\"letter\">Letter</option></select></p>\n",
        t.html("certificate_paper")
    ));
    h.push_str(&format!("<p><button type=\"button\" class=\"button cert-print\">{}</button></p></div>\n</div>\n", t.html("certificate_print")));
    for (i, c) in data.courses.iter().enumerate() {
        h.push_str(&needs_section(cx, c, i));
    }
    let issuer = super::journey::local(&config.journey.certificate.issuer, cx)
        .or_else(|| (!config.authors.is_empty()).then(|| (config.authors.join(&cx.strings.get("list_separator")), false)));
    let signatory = super::journey::local(&config.journey.certificate.signatory, cx);
    let logo = config.logo.as_ref().map(|l| format!("../static/{}", super::logo_file_name(l)));
    let licence = crate::model::licence::Licence::from_spdx(&config.licence.spdx).unwrap_or_else(|_| config.licence.clone());
    for (i, c) in data.courses.iter().enumerate() {
        h.push_str(&format!(
            "<article class=\"certificate\" id=\"c{i}\" data-course=\"{}\" aria-labelledby=\"c{i}-title\" hidden>\n<header class=\"cert-head\">",
            e(&c.key)
        ));
        if let Some(logo) = &logo {
            let alt = cx.texts.logo_alt.as_ref().map(|l| l.text.clone()).unwrap_or_default();
            h.push_str(&format!("<img class=\"cert-logo\" src=\"{}\" alt=\"{}\">", e(logo), e(&alt)));
        }
        if let Some((issuer, fb)) = &issuer {
            h.push_str(&format!("<p class=\"cert-issuer\"{}>{}</p>", fallback_attrs(cx, *fb), e(issuer)));
        }
        h.push_str("</header>\n");
        h.push_str(&format!("<h2 class=\"cert-title\" id=\"c{i}-title\">{}</h2>\n", t.html("certificate")));
        h.push_str(&format!("<p class=\"cert-certifies\">{}</p>\n<p class=\"cert-name\"></p>\n", t.html("certificate_certifies")));
        h.push_str(&format!(
            "<p class=\"cert-completed\">{}</p>\n<p class=\"cert-course-title\"{}>{}</p>\n",
            t.html("certificate_completed"),
            fallback_attrs(cx, c.fallback),
            e(&c.title)
        ));
        h.push_str("<p class=\"cert-meta\"><span class=\"cert-date\"></span>");
        if let Some(d) = &c.duration {
            h.push_str(&format!(" · <span class=\"cert-hours\">{}</span>", with_course_text(cx, "certificate_hours", "duration", d, c.fallback)));
        }
        h.push_str("</p>\n");
        h.push_str(&format!(
            "<table class=\"cert-modules\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>\n",
            t.html("certificate_scores"),
            t.html("progress_module"),
            t.html("progress_best")
        ));
        for m in &c.modules {
            h.push_str(&format!(
                "<tr data-module=\"{}\"><th scope=\"row\"><span{}>{}</span></th><td class=\"j-best\">–</td></tr>\n",
                e(&m.key),
                fallback_attrs(cx, m.fallback),
                e(&m.title)
            ));
        }
        h.push_str("</tbody></table>\n");
        h.push_str(&format!(
            "<div class=\"cert-sign\"><div class=\"cert-line\" aria-hidden=\"true\"></div><p{}>{}</p></div>\n",
            signatory.as_ref().map_or_else(|| t.mark("certificate_signature"), |(_, fb)| fallback_attrs(cx, *fb)),
            e(&signatory.as_ref().map_or_else(|| t.get("certificate_signature"), |(s, _)| s.clone()))
        ));
        h.push_str("<footer class=\"cert-foot\">");
        if let Some(f) = &cx.texts.funding {
            h.push_str(&format!("<p class=\"cert-funding\"{}>{}</p>", fallback_attrs(cx, f.fallback), e(&f.text)));
        }
        h.push_str(&format!(
            "<p class=\"cert-licence\">{}</p><p class=\"cert-honest\">{}</p>",
            t.format_html("certificate_licence", &[("licence", &licence.name)]),
            t.html("certificate_self_issued")
        ));
        h.push_str("</footer>\n</article>\n");
    }
    h.push_str("</div>\n");
    h
}

fn render_journey_page(
    cx: &LangContext<'_>,
    theme: &super::theme::Theme,
    extra: ExtraSteps<'_>,
    here: &str,
    kind: &'static str,
    content: &str,
) -> Result<String, String> {
    let home = cx.lang.home.ok_or("no home page")?;
    let keys = match kind {
        "progress" => ("my_progress", "my_progress_description"),
        _ => ("certificate", "certificate_description"),
    };
    super::render_site_view(cx, theme, extra, (home, here, kind), keys, content)
}

/// `<lang>/progress.html`.
pub fn render_progress(cx: &LangContext<'_>, theme: &super::theme::Theme, extra: ExtraSteps<'_>, data: &JourneyData) -> Result<String, String> {
    render_journey_page(cx, theme, extra, PROGRESS_PAGE, "progress", &progress_html(cx, data))
}

/// `<lang>/certificate.html`.
pub fn render_certificate(cx: &LangContext<'_>, theme: &super::theme::Theme, extra: ExtraSteps<'_>, data: &JourneyData) -> Result<String, String> {
    render_journey_page(cx, theme, extra, CERTIFICATE_PAGE, "certificate", &certificate_html(cx, data))
}

/// The journey files of one language, paths relative to `dist/`: its data script, the
/// progress page and the certificate page.
pub fn language_files(
    cx: &LangContext<'_>,
    theme: &super::theme::Theme,
    extra: ExtraSteps<'_>,
    has_checklist: &dyn Fn(crate::model::PageId) -> bool,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let code = &cx.lang.lang.code;
    let data = super::journey::data(cx, extra, has_checklist);
    let mut files = vec![(format!("{code}/journey-data.js"), super::journey::data_script(&data).into_bytes())];
    if cx.lang.home.is_some() {
        files.push((format!("{code}/{PROGRESS_PAGE}"), render_progress(cx, theme, extra, &data)?.into_bytes()));
        files.push((format!("{code}/{CERTIFICATE_PAGE}"), render_certificate(cx, theme, extra, &data)?.into_bytes()));
    }
    Ok(files)
}

/// A drawn badge: a rosette in a colour of its own with a sign for the built-in ones.
pub fn badge_svg(id: &str) -> String {
    const COLOURS: [&str; 6] = ["#1d4f91", "#7a3e00", "#1b6b3a", "#6a2c8f", "#9b1c31", "#00606b"];
    let mut hash: u32 = 0x811c_9dc5;
    for b in id.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    let (colour, sign) = match id {
        "module" => (COLOURS[2], "<path d=\"M20 33l8 8 17-18\" fill=\"none\" stroke=\"#fff\" stroke-width=\"5\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>"),
        "perfect" => (COLOURS[1], "<path d=\"M32 15l5 11 12 1-9 8 3 12-11-6-11 6 3-12-9-8 12-1z\" fill=\"#fff\"/>"),
        "course" => (COLOURS[0], "<path d=\"M12 27l20-9 20 9-20 9z\" fill=\"#fff\"/><path d=\"M20 31v9c6 5 18 5 24 0v-9l-12 6z\" fill=\"#fff\"/>"),
        "checklists" => (
            COLOURS[5],
            "<path d=\"M18 22l3 3 5-6M18 33l3 3 5-6M18 44l3 3 5-6\" fill=\"none\" stroke=\"#fff\" stroke-width=\"3\" stroke-linecap=\"round\"/><path d=\"M31 22h15M31 33h15M31 44h15\" stroke=\"#fff\" stroke-width=\"3\" stroke-linecap=\"round\"/>",
        ),
        _ => (COLOURS[(hash % 6) as usize], "<circle cx=\"32\" cy=\"32\" r=\"9\" fill=\"none\" stroke=\"#fff\" stroke-width=\"4\"/><path d=\"M32 14v6M32 44v6M14 32h6M44 32h6\" stroke=\"#fff\" stroke-width=\"4\" stroke-linecap=\"round\"/>"),
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\" width=\"64\" height=\"64\"><circle cx=\"32\" cy=\"32\" r=\"30\" fill=\"{colour}\"/><circle cx=\"32\" cy=\"32\" r=\"25\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2\" stroke-dasharray=\"3 3\"/>{sign}</svg>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::badge_svg;

    #[test]
    fn drawn_badges_are_deterministic_svg() {
        assert_eq!(badge_svg("explorer"), badge_svg("explorer"));
        assert!(badge_svg("course").starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert_ne!(badge_svg("module"), badge_svg("course"));
    }
}

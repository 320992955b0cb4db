//! Question banks: every quiz of a language that has its own texts, as Moodle XML, GIFT and a
//! QTI 2.1 zip ([`crate::export`] makes the bytes), each with its Downloads entry.

use super::{listed, slug, Download};
use crate::export::{gift, moodle_xml, qti, Bank, Labels};
use crate::model::url::parent_dir;
use crate::model::{PageId, TextStatus};
use crate::render::LangContext;

/// Every quiz of one language that has its own texts (a fallback quiz would be a bank in the
/// wrong language) as Moodle XML, GIFT and a QTI 2.1 zip: (output path relative to
/// `dist/<lang>/`, bytes, entry). Files are named `<quiz>-<lang>-moodle.xml`, `-gift.txt` and
/// `-qti21.zip`, where `<quiz>` is the quiz's folder (and file stem for `name.quiz.yaml`).
pub fn question_banks(cx: &LangContext<'_>) -> Result<Vec<(String, Vec<u8>, Download)>, String> {
    let lang = cx.lang;
    let code = &lang.lang.code;
    let t = cx.strings;
    let labels = Labels {
        correct: t.get("quiz_correct"),
        partly: t.get("quiz_partly"),
        incorrect: t.get("quiz_incorrect"),
        answer_true: t.get("answer_true"),
        answer_false: t.get("answer_false"),
        // The verdicts and true/false fall back together (a site's strings file has them or not).
        lang: t.lang_of("quiz_correct").map(|(c, d)| (c.to_string(), d)),
    };
    let default = cx.site.config.default_language();
    let original = (default.code != *code).then(|| (default.code.clone(), default.direction.as_str()));
    let mut sections: Vec<(PageId, &Vec<usize>)> = lang.quizzes_of.iter().map(|(&s, qs)| (s, qs)).collect();
    sections.sort_by_key(|&(s, _)| s);
    let mut out = Vec::new();
    for (section, quizzes) in sections {
        for &qi in quizzes {
            let quiz = &lang.quizzes[qi];
            if quiz.text == TextStatus::Fallback {
                continue;
            }
            let mut category: Vec<String> = lang
                .ancestors(section)
                .into_iter()
                .chain(std::iter::once(section))
                .filter(|&id| Some(id) != lang.home)
                .map(|id| lang.pages[id].front.title.clone())
                .collect();
            if quizzes.len() > 1 || category.is_empty() {
                category.push(quiz.title.clone());
            }
            let name = quiz_slug(&quiz.url);
            let bank =
                Bank { quiz, category, lang: code.clone(), id: format!("kyklos-{}-{name}", slug(code)), labels: labels.clone(), original: original.clone() };
            // The quiz's title, with its section's where two quizzes share a title.
            let shared = lang.quizzes.iter().filter(|q| q.title == quiz.title).count() > 1;
            let (title, title_fallback) = match lang.pages.get(section) {
                Some(p) if shared && p.front.title != quiz.title => {
                    (format!("{} — {}", p.front.title, quiz.title), quiz.title_fallback() && p.text == TextStatus::Fallback)
                }
                _ => (quiz.title.clone(), quiz.title_fallback()),
            };
            let qti = qti::qti_package(&bank).map_err(|e| format!("exporting {}: {e}", quiz.source.display()))?;
            let files: [(&str, &'static str, Vec<u8>); 3] =
                [("moodle.xml", "Moodle XML", moodle_xml::moodle_xml(&bank)), ("gift.txt", "GIFT", gift::gift(&bank)), ("qti21.zip", "QTI 2.1", qti)];
            for (suffix, format, bytes) in files {
                let path = format!("downloads/{name}-{}-{suffix}", slug(code));
                let mut download = listed(title.clone(), "quiz", format, code, &path, &bytes);
                download.title_lang = title_fallback.then(|| original.clone()).flatten();
                out.push((path, bytes, download));
            }
        }
    }
    Ok(out)
}

/// `course/mod/quiz.html` → `course-mod`; `course/final.quiz.html` → `course-final`.
fn quiz_slug(url: &str) -> String {
    let dir = parent_dir(url);
    let file = url.rsplit('/').next().unwrap_or("");
    match file.strip_suffix(".quiz.html") {
        Some(stem) if dir.is_empty() => slug(stem),
        Some(stem) => slug(&format!("{dir}/{stem}")),
        None => slug(if dir.is_empty() { "quiz" } else { dir }),
    }
}

#[cfg(test)]
mod tests {
    use super::quiz_slug;

    #[test]
    fn a_bank_is_named_after_its_quiz_folder_and_file() {
        assert_eq!(quiz_slug("course/mod/quiz.html"), "course-mod");
        assert_eq!(quiz_slug("course/final.quiz.html"), "course-final");
        assert_eq!(quiz_slug("final.quiz.html"), "final");
        assert_eq!(quiz_slug("quiz.html"), "quiz");
    }
}

//! `kyklos new DIR [--lang en,el,…]`: a starter site that builds at once and shows every part
//! of the content contract: a course with a module, two lessons and a quiz, a guide with two
//! phases, a collection with one practice, an About page, a home page in every language, and
//! AUTHORS.md, which explains the folder to people who do not program.

use std::path::Path;

use crate::model::lang::Language;

/// (path inside the new site, contents) in the default language's folder `content/{L}/`.
const STARTER: &[(&str, &str)] = &[
    ("index.md", "---\ntitle: Welcome\ndescription: What this site offers and who it is for.\n---\nThis site holds [a short course](01-course/index.md), [a guide](02-guide/index.md) and [good practices](03-practices/index.md). Read [about the project](90-about.md).\n"),
    ("01-course/index.md", "---\ntitle: My course\ndescription: What learners will be able to do after the course.\nkind: course\n---\nThe course has one module. Start with [the first module](01-first-module/index.md).\n"),
    ("01-course/01-first-module/index.md", "---\ntitle: The first module\ndescription: One sentence about this module.\nkind: module\nobjectives:\n  - Explain the first idea\n  - Apply it in a real situation\nduration: 1 hour\nformat: Self-paced online lessons with a quiz\nassessment: 3-question quiz, pass mark 70%\n---\nThis module has two lessons and a quiz.\n"),
    ("01-course/01-first-module/01-first-lesson.md", "---\ntitle: The first lesson\ndescription: One sentence about this lesson.\n---\n## What you will learn\n\nWrite your lesson in Markdown. Link to other lessons by their file: [the second lesson](02-second-lesson.md).\n\n| Term | Meaning |\n|------|---------|\n| Lesson | A page of the module |\n"),
    ("01-course/01-first-module/02-second-lesson.md", "---\ntitle: The second lesson\n---\n## In practice\n\n- [ ] Read the lesson\n- [ ] Take the quiz\n\nGo back to [what you will learn](01-first-lesson.md#what-you-will-learn).\n"),
    ("01-course/01-first-module/quiz.yaml", "title: Quiz of the first module\npass_mark: 70\nquestions:\n  - id: q1\n    type: single\n    prompt: Where do lessons live?\n    options:\n      - text: In Markdown files under content/\n        correct: true\n        feedback: Right, one file per lesson.\n      - text: In the site.yaml file\n        feedback: No, site.yaml holds the site's settings.\n  - id: q2\n    type: true_false\n    prompt: The numeric prefix of a file name is part of the page's address.\n    answer: false\n    feedback_true: \"No: the prefix only orders the pages.\"\n    feedback_false: \"Right: the prefix only orders the pages.\"\n  - id: q3\n    type: fill_in\n    prompt: Which command builds the site? `kyklos ___`\n    answers: [build]\n"),
    ("02-guide/index.md", "---\ntitle: How we run a workshop\ndescription: A guide in two phases that a team can follow at work or print.\nkind: guide\n---\n## What this guide is for\n\nA guide is a folder of numbered phases. Each phase says who is responsible, what it produces and what to do, and ends with a checklist that readers can tick.\n"),
    ("02-guide/01-prepare.md", "---\ntitle: Prepare the workshop\ndescription: Agree the aims, invite people and book a room.\nresponsible: The workshop lead\noutputs:\n  - A programme\n  - A list of participants\nactivities:\n  - A short planning meeting\n---\n## What to do\n\n- [ ] Agree the aims with your manager\n- [ ] Invite the participants\n- [ ] Book the room\n"),
    ("02-guide/02-run.md", "---\ntitle: Run and review the workshop\ndescription: Hold the workshop, then ask what worked.\nresponsible: The workshop lead and the participants\noutputs:\n  - Notes of what worked and what to change\n---\n## What to do\n\n- [ ] Hold the workshop\n- [ ] Ask each participant one thing to keep and one to change\n"),
    ("03-practices/index.md", "---\ntitle: Good practices\ndescription: Practices from other organisations that you can learn from, filtered by tags.\nkind: collection\n---\nEach practice is one page with tags. Readers can filter the practices by their tags.\n"),
    ("03-practices/01-example-practice.md", "---\ntitle: An example practice\ndescription: What the practice is, in one sentence.\ntags:\n  country: [Your country]\n  sector: [Social services]\n  target_group: [Newly arrived migrants]\n---\n## What they did\n\nDescribe the practice: who did it, for whom, and what changed.\n\n## What others can learn\n\nWrite what another organisation could reuse.\n"),
    ("90-about.md", "---\ntitle: About\ndescription: Who made this course, its licence and funding.\n---\nThis course is published under the Creative Commons Attribution 4.0 licence.\n"),
];

/// The home page in the built-in interface languages: (code, title, sentence).
const WELCOME: &[(&str, &str, &str)] = &[
    ("ar", "مرحبًا", "يحتوي هذا الموقع على دورة قصيرة ودليل وممارسات جيدة."),
    ("cs", "Vítejte", "Tento web obsahuje krátký kurz, průvodce a příklady dobré praxe."),
    ("de", "Willkommen", "Diese Website enthält einen kurzen Kurs, einen Leitfaden und gute Praxisbeispiele."),
    ("el", "Καλώς ήρθατε", "Αυτός ο ιστότοπος περιέχει ένα σύντομο μάθημα, έναν οδηγό και καλές πρακτικές."),
    ("en", "Welcome", "This site holds a short course, a guide and good practices."),
    ("es", "Bienvenida", "Este sitio contiene un curso breve, una guía y buenas prácticas."),
    ("fa", "خوش آمدید", "این وب‌سایت یک دوره کوتاه، یک راهنما و تجربه‌های خوب دارد."),
    ("fr", "Bienvenue", "Ce site contient un cours court, un guide et de bonnes pratiques."),
    ("it", "Benvenuti", "Questo sito contiene un breve corso, una guida e buone pratiche."),
    ("pt", "Bem-vindo", "Este site contém um curso breve, um guia e boas práticas."),
    ("uk", "Ласкаво просимо", "Цей сайт містить короткий курс, посібник і приклади доброї практики."),
];

const AUTHORS: &str = include_str!("new_authors.md");

/// The languages of a new site from `--lang`: known codes, no repeats; the first is the default.
pub fn languages(codes: &[String]) -> Result<Vec<Language>, String> {
    let mut out: Vec<Language> = Vec::new();
    for code in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        let lang = Language::new(code, None, None).map_err(|e| format!("--lang: {e}"))?;
        if out.iter().any(|l| l.code.eq_ignore_ascii_case(code)) {
            return Err(format!("--lang: `{code}` is listed twice"));
        }
        out.push(lang);
    }
    if out.is_empty() {
        out.push(Language::new("en", None, None)?);
    }
    Ok(out)
}

/// site.yaml for the languages (the first is the default).
fn site_yaml(langs: &[Language]) -> String {
    let mut y =
        String::from("# Your site: see the README for every setting.\ntitle: My open course\ndescription: A short sentence about the course.\nlanguages:\n");
    for l in langs {
        y.push_str(&format!("  - code: {}\n    name: {}\n", l.code, l.name));
    }
    y.push_str("license: CC-BY-4.0\nauthors:\n  - Your organisation\nattribution: \"Written by Your organisation.\"\n# funding: \"Co-funded by the Erasmus+ Programme of the European Union.\"\n# colors:\n#   primary: \"#1d4f91\"\n# scorm: both   # both | \"1.2\" | \"2004\" | off\n");
    y
}

/// Every file of the starter site: (path inside the site, contents). Pure.
pub fn files(langs: &[Language]) -> Vec<(String, String)> {
    let default = &langs[0].code;
    let mut out = vec![("site.yaml".to_string(), site_yaml(langs)), ("AUTHORS.md".to_string(), AUTHORS.replace("{L}", default))];
    out.extend(STARTER.iter().map(|(rel, text)| (format!("content/{default}/{rel}"), text.to_string())));
    for l in &langs[1..] {
        let primary = l.code.split('-').next().unwrap_or(&l.code).to_ascii_lowercase();
        let home = match WELCOME.iter().find(|w| w.0 == primary) {
            Some((_, title, sentence)) => format!("---\ntitle: {title}\n---\n{sentence}\n"),
            None => format!(
                "---\ntitle: Welcome\n---\n<!-- Translate this page into {}: the title above and this text. -->\nThis site holds a short course, a guide and good practices.\n",
                l.name
            ),
        };
        out.push((format!("content/{}/index.md", l.code), home));
    }
    out
}

/// Writes the starter site into `dir`, which must not exist or be empty.
pub fn create(dir: &Path, codes: &[String]) -> Result<usize, String> {
    let langs = languages(codes)?;
    if dir.exists() && std::fs::read_dir(dir).map_err(|e| e.to_string())?.next().is_some() {
        return Err(format!("{} is not empty; choose a new folder", dir.display()));
    }
    let files = files(&langs);
    for (rel, text) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(files.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_checked_and_the_first_is_the_default() {
        let langs = languages(&["en".into(), "el".into(), "ar".into()]).unwrap();
        assert_eq!(langs.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), ["English", "Ελληνικά", "العربية"]);
        assert_eq!(languages(&[]).unwrap()[0].code, "en");
        assert!(languages(&["en".into(), "EN".into()]).unwrap_err().contains("twice"));
        assert!(languages(&["english".into()]).is_err());
        let files = files(&langs);
        let home = |code: &str| files.iter().find(|f| f.0 == format!("content/{code}/index.md")).unwrap().1.clone();
        assert!(home("el").contains("Καλώς ήρθατε"));
        assert!(home("ar").contains("مرحبًا"));
        let yaml = &files[0].1;
        assert!(yaml.contains("  - code: el\n    name: Ελληνικά\n"));
        assert!(files.iter().any(|f| f.0 == "content/en/02-guide/01-prepare.md"));
        assert!(files.iter().any(|f| f.0 == "AUTHORS.md" && f.1.contains("content/en/")));
    }
}

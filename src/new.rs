//! `kyklos new DIR`: a starter site that builds at once and shows every part of the content
//! contract (a course with a module, two lessons and a quiz, and an About page).

use std::path::Path;

/// (path inside the new site, contents).
const STARTER: &[(&str, &str)] = &[
    ("site.yaml", "# Your site: see the README for every setting.\ntitle: My open course\ndescription: A short sentence about the course.\nlanguages:\n  - code: en\n    name: English\nlicense: CC-BY-4.0\nauthors:\n  - Your organisation\nattribution: \"Written by Your organisation.\"\n# funding: \"Co-funded by the Erasmus+ Programme of the European Union.\"\n# colors:\n#   primary: \"#1d4f91\"\n# scorm: both   # both | \"1.2\" | \"2004\" | off\n"),
    ("content/en/index.md", "---\ntitle: Welcome\ndescription: What this site offers and who it is for.\n---\nThis site holds [a short course](01-course/index.md). Read [about the project](90-about.md).\n"),
    ("content/en/01-course/index.md", "---\ntitle: My course\ndescription: What learners will be able to do after the course.\nkind: course\n---\nThe course has one module. Start with [the first module](01-first-module/index.md).\n"),
    ("content/en/01-course/01-first-module/index.md", "---\ntitle: The first module\ndescription: One sentence about this module.\nkind: module\nobjectives:\n  - Explain the first idea\n  - Apply it in a real situation\nduration: 1 hour\nformat: Self-paced online lessons with a quiz\nassessment: 3-question quiz, pass mark 70%\n---\nThis module has two lessons and a quiz.\n"),
    ("content/en/01-course/01-first-module/01-first-lesson.md", "---\ntitle: The first lesson\ndescription: One sentence about this lesson.\n---\n## What you will learn\n\nWrite your lesson in Markdown. Link to other lessons by their file: [the second lesson](02-second-lesson.md).\n\n| Term | Meaning |\n|------|---------|\n| Lesson | A page of the module |\n"),
    ("content/en/01-course/01-first-module/02-second-lesson.md", "---\ntitle: The second lesson\n---\n## In practice\n\n- [ ] Read the lesson\n- [ ] Take the quiz\n\nGo back to [what you will learn](01-first-lesson.md#what-you-will-learn).\n"),
    ("content/en/01-course/01-first-module/quiz.yaml", "title: Quiz of the first module\npass_mark: 70\nquestions:\n  - id: q1\n    type: single\n    prompt: Where do lessons live?\n    options:\n      - text: In Markdown files under content/\n        correct: true\n        feedback: Right, one file per lesson.\n      - text: In the site.yaml file\n        feedback: No, site.yaml holds the site's settings.\n  - id: q2\n    type: true_false\n    prompt: The numeric prefix of a file name is part of the page's address.\n    answer: false\n    feedback_true: \"No: the prefix only orders the pages.\"\n    feedback_false: \"Right: the prefix only orders the pages.\"\n  - id: q3\n    type: fill_in\n    prompt: Which command builds the site? `kyklos ___`\n    answers: [build]\n"),
    ("content/en/90-about.md", "---\ntitle: About\ndescription: Who made this course, its licence and funding.\n---\nThis course is published under the Creative Commons Attribution 4.0 licence.\n"),
];

/// Writes the starter site into `dir`, which must not exist or be empty.
pub fn create(dir: &Path) -> Result<usize, String> {
    if dir.exists() && std::fs::read_dir(dir).map_err(|e| e.to_string())?.next().is_some() {
        return Err(format!("{} is not empty; choose a new folder", dir.display()));
    }
    for (rel, text) in STARTER {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(STARTER.len())
}

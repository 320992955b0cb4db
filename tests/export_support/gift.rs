//! A GIFT reader written from Moodle's GIFT documentation and its importer
//! (`question/format/gift/format.php`, `readquestions` and `readquestion`), step for step, so
//! a test sees a file the way Moodle's importer does: blank lines separate questions, `//`
//! lines are comments, escapes are replaced by placeholders before any parsing and restored
//! after, the answers are between the first `{` and the first `}`, and the type follows from
//! what the answers contain.

#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub text: String,
    pub fraction: f64,
    pub feedback: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Question {
    pub name: String,
    /// From a `// [id:…]` comment.
    pub idnumber: Option<String>,
    /// multichoice, truefalse, shortanswer, match, numerical, essay, description.
    pub qtype: String,
    pub format: String,
    pub text: String,
    pub general_feedback: String,
    /// multichoice: false when no answer is marked with `=`.
    pub single: bool,
    pub answers: Vec<Answer>,
    /// match: (subquestion, answer).
    pub pairs: Vec<(String, String)>,
    /// truefalse: (right answer, feedback when true is chosen, feedback when false is chosen).
    pub truefalse: Option<(bool, String, String)>,
}

#[derive(Debug, Default)]
pub struct File {
    pub categories: Vec<String>,
    pub questions: Vec<Question>,
    pub comments: Vec<String>,
}

const ESCAPES: [(&str, &str, &str); 7] = [
    ("\\:", "&&058;", ":"),
    ("\\#", "&&035;", "#"),
    ("\\=", "&&061;", "="),
    ("\\{", "&&123;", "{"),
    ("\\}", "&&125;", "}"),
    ("\\~", "&&126;", "~"),
    ("\\n", "&&010", "\n"),
];

fn pre(s: &str) -> String {
    let mut s = s.replace("\\\\", "&&092;");
    for (escaped, placeholder, _) in ESCAPES {
        s = s.replace(escaped, placeholder);
    }
    s.replace("&&092;", "\\")
}

fn post(s: &str) -> String {
    let mut s = s.to_string();
    for (_, placeholder, c) in ESCAPES {
        s = s.replace(placeholder, c);
    }
    s
}

/// `[html]text` → ("html", text), placeholders restored, trimmed.
fn with_format(text: &str, default: &str) -> (String, String) {
    let mut format = default.to_string();
    let mut body = text;
    if text.starts_with('[') {
        if let Some(end) = text.find(']') {
            let name = &text[1..end];
            if ["moodle", "html", "plain", "markdown"].contains(&name) {
                format = name.to_string();
                body = &text[end + 1..];
            }
        }
    }
    (format, post(body).trim().to_string())
}

fn comment_split(answer: &str, format: &str) -> (String, String) {
    let mut bits = answer.splitn(2, '#');
    let a = with_format(bits.next().unwrap_or("").trim(), format).1;
    let f = bits.next().map(|b| with_format(b.trim(), format).1).unwrap_or_default();
    (a, f)
}

fn weight(answer: &str) -> Option<(f64, String)> {
    // Moodle: /^%\-*([0-9]{1,2})\.?([0-9]*)%/
    let rest = answer.strip_prefix('%')?;
    let end = rest.find('%')?;
    let w = &rest[..end];
    let digits = w.trim_start_matches('-');
    let matches = (1..=2).any(|k| {
        digits.len() >= k && digits.as_bytes()[..k].iter().all(u8::is_ascii_digit) && {
            let rest = &digits[k..];
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            rest.chars().all(|c| c.is_ascii_digit())
        }
    });
    if !matches {
        return None;
    }
    Some((w.parse::<f64>().ok()? / 100.0, rest[end + 1..].to_string()))
}

pub fn parse(file: &str) -> Result<File, String> {
    let mut out = File::default();
    let mut block: Vec<&str> = Vec::new();
    let lines: Vec<&str> = file.lines().chain(std::iter::once("")).collect();
    for l in lines {
        if l.trim().is_empty() {
            if !block.is_empty() {
                read(&block, &mut out)?;
                block.clear();
            }
        } else {
            block.push(l);
        }
    }
    Ok(out)
}

fn read(lines: &[&str], out: &mut File) -> Result<(), String> {
    let mut comments = Vec::new();
    let mut kept = Vec::new();
    for l in lines {
        let t = l.trim();
        if t.starts_with("//") {
            comments.push(t.to_string());
            kept.push(" ");
        } else {
            kept.push(t);
        }
    }
    let text = kept.join("\n").trim().to_string();
    if text.is_empty() {
        out.comments.extend(comments);
        return Ok(());
    }
    let mut text = pre(&text);
    if let Some(cat) = text.strip_prefix("$CATEGORY:") {
        out.categories.push(cat.trim().to_string());
        return Ok(());
    }
    let mut q = Question::default();
    if let Some(rest) = text.strip_prefix("::") {
        let end = rest.find("::").ok_or("a question name without its closing ::")?;
        q.name = post(&rest[..end]).trim().to_string();
        text = rest[end + 2..].trim().to_string();
    }
    q.idnumber = comments.iter().find_map(|c| c.split_once("[id:").map(|(_, r)| r.split(']').next().unwrap_or("").trim().to_string()));
    let (start, finish) = (text.find('{'), text.find('}'));
    let (answertext, questiontext) = match (start, finish) {
        (None, None) => (String::new(), text.clone()),
        (Some(s), Some(f)) if f > s => {
            let answers = text[s + 1..f].trim().to_string();
            let question = if text.ends_with('}') { format!("{}{}", &text[..s], &text[f + 1..]) } else { format!("{}_____{}", &text[..s], &text[f + 1..]) };
            (answers, question)
        }
        _ => return Err(format!("Could not find {{...}} around answers: {text}")),
    };
    let (answertext, general) = match answertext.rfind("####") {
        Some(i) => (answertext[..i].trim().to_string(), answertext[i + 4..].to_string()),
        None => (answertext, String::new()),
    };
    let (format, qtext) = with_format(&questiontext, "moodle");
    q.format = format.clone();
    q.text = qtext;
    q.general_feedback = with_format(&general, &format).1;
    q.qtype = if start.is_none() {
        "description"
    } else if answertext.is_empty() {
        "essay"
    } else if answertext.starts_with('#') {
        "numerical"
    } else if answertext.contains('~') {
        "multichoice"
    } else if answertext.contains('=') && answertext.contains("->") {
        "match"
    } else {
        let check = match answertext.find('#') {
            Some(i) if i > 0 => answertext[..i].trim(),
            _ => answertext.as_str(),
        };
        if ["T", "TRUE", "F", "FALSE"].contains(&check) {
            "truefalse"
        } else {
            "shortanswer"
        }
    }
    .to_string();
    match q.qtype.as_str() {
        "multichoice" => {
            q.single = answertext.contains('=');
            let replaced = answertext.replace('=', "~=");
            let mut parts: Vec<&str> = replaced.split('~').collect();
            if parts.first().is_some_and(|p| p.trim().is_empty()) {
                parts.remove(0);
            }
            if parts.len() < 2 {
                return Err(format!("fewer than two answers: {answertext}"));
            }
            for p in parts {
                let p = p.trim();
                let (fraction, rest) = if let Some(r) = p.strip_prefix('=') {
                    (1.0, r.to_string())
                } else if let Some((w, r)) = weight(p) {
                    (w, r)
                } else {
                    (0.0, p.to_string())
                };
                let (text, feedback) = comment_split(&rest, &format);
                q.answers.push(Answer { text, fraction, feedback });
            }
        }
        "match" => {
            let mut parts: Vec<&str> = answertext.split('=').collect();
            if parts.first().is_some_and(|p| p.trim().is_empty()) {
                parts.remove(0);
            }
            if parts.len() < 2 {
                return Err(format!("fewer than two pairs: {answertext}"));
            }
            for p in parts {
                let p = p.trim();
                let m = p.find("->").ok_or_else(|| format!("a matching answer without ->: {p}"))?;
                q.pairs.push((with_format(&p[..m], &format).1, post(&p[m + 2..]).trim().to_string()));
            }
        }
        "truefalse" => {
            let mut bits = answertext.splitn(3, '#');
            let word = with_format(bits.next().unwrap_or("").trim(), &format).1;
            let wrong = bits.next().map(|b| with_format(b.trim(), &format).1).unwrap_or_default();
            let right = bits.next().map(|b| with_format(b.trim(), &format).1).unwrap_or_default();
            let answer = word == "T" || word == "TRUE";
            q.truefalse = Some(if answer { (true, right, wrong) } else { (false, wrong, right) });
        }
        "shortanswer" => {
            let mut parts: Vec<&str> = answertext.split('=').collect();
            if parts.first().is_some_and(|p| p.trim().is_empty()) {
                parts.remove(0);
            }
            for p in parts {
                let p = p.trim();
                let (fraction, rest) = weight(p).unwrap_or((1.0, p.to_string()));
                let (text, feedback) = comment_split(&rest, &format);
                q.answers.push(Answer { text, fraction, feedback });
            }
        }
        _ => {}
    }
    out.questions.push(q);
    Ok(())
}

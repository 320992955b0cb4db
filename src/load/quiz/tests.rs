use super::*;

fn parse(text: &str) -> (Option<Quiz>, Vec<Diagnostic>) {
    let mut d = Diagnostics::new();
    let q = parse_quiz(text, "01-m/quiz.yaml", "content/en/01-m/quiz.yaml".into(), &mut d);
    (q, d.sorted())
}

const GOOD: &str = r#"title: Q
pass_mark: 80
shuffle: options
questions:
  - id: q1
    type: single
    prompt: Pick *one*
    options:
      - text: A
        correct: true
        feedback: Yes
      - text: B
  - id: q2
    type: multiple
    partial_credit: true
    prompt: Pick two
    options:
      - {text: A, correct: true}
      - {text: B, correct: true}
      - {text: C}
  - id: q3
    type: true_false
    prompt: Sky is blue
    answer: true
  - id: q4
    type: fill_in
    prompt: Hours?
    answers: [6, six]
  - id: q5
    type: matching
    prompt: Match
    pairs:
      - {left: a, right: "1"}
      - {left: b, right: "2"}
  - id: q6
    type: ordering
    prompt: Order
    points: 2
    items: [first, second, third]
"#;

#[test]
fn an_answer_number_in_a_single_question_says_to_mark_the_option() {
    let (q, d) =
        parse("title: Q\nquestions:\n  - id: q1\n    type: single\n    prompt: P\n    options:\n      - {text: A}\n      - {text: B}\n    answer: 2\n");
    assert!(q.is_none());
    let shown: Vec<String> = d.iter().map(|x| format!("{}:{} {} / {}", x.line, x.col, x.message, x.hint.clone().unwrap_or_default())).collect();
    assert_eq!(
        shown,
        ["9:13 questions[0].answer: `answer` does not apply to a single question / mark each right option with `correct: true` under `options:` (`answer:` is for true_false questions)"]
    );
}

#[test]
fn all_types_parse() {
    let (q, d) = parse(GOOD);
    assert!(d.is_empty(), "{d:#?}");
    let q = q.unwrap();
    assert_eq!(q.url, "m/quiz.html");
    assert_eq!(q.questions.len(), 6);
    assert_eq!(q.max_points(), 7.0);
    assert_eq!(q.questions[3].body, Body::FillIn { answers: vec!["6".into(), "six".into()], case_sensitive: false });
}

#[test]
fn every_problem_is_reported_with_its_line() {
    let text = r#"title: Q
pass_mark: 120
questions:
  - id: q1
    type: single
    prompt: P
    options:
      - text: A
      - text: B
  - id: q1
    type: matching
    prompt: M
    pairs:
      - {left: a, right: b}
      - {left: c}
  - id: q3
    type: fill_in
    prompt: F
    options:
      - text: A
    answers: [x]
"#;
    let (q, d) = parse(text);
    assert!(q.is_none());
    let lines: Vec<(usize, &str)> = d.iter().map(|d| (d.line, d.message.as_str())).collect();
    assert!(lines.contains(&(2, "the pass mark 120 is outside 0–100")), "{lines:#?}");
    assert!(lines.contains(&(7, "question `q1` has no correct option")), "{lines:#?}");
    assert!(lines.contains(&(10, "the question id `q1` is used twice")), "{lines:#?}");
    assert!(lines.contains(&(13, "pair 2 of question `q1` has no partner")), "{lines:#?}");
    assert!(lines.contains(&(19, "`options` does not apply to a fill_in question")), "{lines:#?}");
}

#[test]
fn a_misspelt_key_does_not_hide_the_other_problems_of_the_quiz() {
    // One run names all four: the key, the value and the two problems the rest of the file has.
    let text = r#"title: Q
shufle: options
questions:
  - id: q1
    type: single
    prompt: P
    feedbak: F
    options:
      - {text: A, correct: true}
      - text: B
  - id: q1
    type: ordering
    prompt: O
    items: [a, b, a]
  - id: q3
    type: true_false
    prompt: T
    answer: maybe
"#;
    let (q, d) = parse(text);
    assert!(q.is_none());
    let lines: Vec<(usize, &str)> = d.iter().map(|d| (d.line, d.message.as_str())).collect();
    assert_eq!(d.len(), 5, "{lines:#?}");
    assert!(d.iter().any(|d| d.line == 2 && d.message.contains("shufle") && d.hint.as_deref() == Some("did you mean `shuffle`?")), "{lines:#?}");
    assert!(d.iter().any(|d| d.line == 7 && d.message.contains("feedbak")), "{lines:#?}");
    assert!(d.iter().any(|d| d.line == 18 && d.message.contains("maybe")), "{lines:#?}");
    assert!(lines.contains(&(11, "the question id `q1` is used twice")), "{lines:#?}");
    assert!(
        lines.contains(&(11, "ordering question `q1` lists the same item twice"))
            || d.iter().any(|d| d.message == "ordering question `q1` lists the same item twice"),
        "{lines:#?}"
    );
    // Fixing the keys leaves exactly the two problems already reported.
    let fixed = text.replace("shufle", "shuffle").replace("    feedbak: F\n", "").replace("answer: maybe", "answer: true");
    let (_, d) = parse(&fixed);
    assert_eq!(d.len(), 2, "{:#?}", d.iter().map(|d| &d.message).collect::<Vec<_>>());
}

#[test]
fn unknown_type_or_key_suggests() {
    let (_, d) = parse("title: Q\nquestions:\n  - id: q1\n    type: singel\n    prompt: P\n");
    assert_eq!(d[0].hint.as_deref(), Some("did you mean `single`?"));
    let (_, d) = parse("title: Q\nquestions:\n  - id: q1\n    type: single\n    promt: P\n");
    assert_eq!(d[0].line, 5);
    assert_eq!(d[0].hint.as_deref(), Some("did you mean `prompt`?"));
}

#[test]
fn empty_quiz_is_an_error() {
    let (_, d) = parse("title: Q\nquestions: []\n");
    assert_eq!(d[0].message, "this quiz has no questions");
    let (_, d) = parse("");
    assert!(!d.is_empty());
}

/// The place, message and hint of every diagnostic, for assertions that name all of them.
fn all(d: &[Diagnostic]) -> Vec<(usize, usize, &str, &str)> {
    d.iter().map(|d| (d.line, d.col, d.message.as_str(), d.hint.as_deref().unwrap_or(""))).collect()
}

#[test]
fn each_question_is_read_on_its_own_also_in_flow_style() {
    let text = "title: Q\nquestions:\n  - {id: q1, type: single, prompt: P, options: [{text: a, correct: yes}, {text: b, correct: maybe}]}\n  - {id: q2, type: single, points: lots, prompt: P, options: [{text: a, correct: true}, {text: b}]}\n";
    let (q, d) = parse(text);
    assert!(q.is_none());
    let found = all(&d);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(
        found[0],
        (3, 68, "questions[0].options[0].correct: wrong kind of value: the text \"yes\", expected a boolean", "write `correct: true` or `correct: false`")
    );
    assert_eq!((found[1].0, found[1].1), (3, 93));
    assert!(found[1].2.starts_with("questions[0].options[1].correct:"), "{found:#?}");
    assert_eq!(
        found[2],
        (4, 36, "questions[1].points: wrong kind of value: the text \"lots\", expected a number", "write a number, e.g. `points: 2` or `points: 1.5`")
    );
}

#[test]
fn an_unknown_type_hides_no_other_question_and_no_check_of_the_quiz() {
    let text = r#"title: Q
pass_mark: 150
questions:
  - id: q1
    type: essay
    prompt: P
  - id: q1
    typ: single
    prompt: P
  - {id: q3, type: single, points: 0, prompt: P, options: [{text: a, correct: true}, {text: b}]}
  - id: q4
    type: single
    prompt: P
  - id: q5
    type: matching
    prompt: M
    pairs:
      - {left: a, right: b}
      - {left: c}
"#;
    let (q, d) = parse(text);
    assert!(q.is_none());
    let found = all(&d);
    let expect = [
        (2, 1, "the pass mark 150 is outside 0–100"),
        (5, 11, "questions[0].type: unknown value `essay`, expected one of `single`, `multiple`, `true_false`, `fill_in`, `matching`, `ordering`"),
        (7, 5, "the question id `q1` is used twice"),
        (8, 5, "questions[1]: unknown field `typ`, expected one of `id`, `type`, `prompt`, `points`, `explanation`, `partial_credit`, `options`, `answer`, `feedback_true`, `feedback_false`, `answers`, `case_sensitive`, `pairs`, `items`"),
        (10, 28, "question `q3` has 0 points"),
        (11, 5, "question `q4` needs at least two options"),
        (17, 5, "pair 2 of question `q5` has no partner"),
        (17, 5, "matching question `q5` needs at least two pairs"),
    ];
    for (l, c, m) in expect {
        assert!(found.iter().any(|f| (f.0, f.1, f.2) == (l, c, m)), "missing {l}:{c}: {m} in {found:#?}");
    }
    assert_eq!(found.len(), expect.len(), "{found:#?}");
    assert!(found.iter().any(|f| f.0 == 8 && f.3 == "did you mean `type`?"));
    // q1 and q2 could not be read: what is missing from them is what was written wrongly.
    assert!(!found.iter().any(|f| f.2.contains("missing field")), "{found:#?}");
}

#[test]
fn points_are_above_0_and_at_most_1000() {
    let q = |points: &str| {
        format!("title: Q\nquestions:\n  - {{id: a, type: true_false, prompt: P, answer: true, points: {points}}}\n  - {{id: b, type: true_false, prompt: P, answer: true, points: {points}}}\n")
    };
    for bad in ["1e307", "1001", "0", "-1", ".nan", ".inf"] {
        let (quiz, d) = parse(&q(bad));
        assert!(quiz.is_none(), "{bad}");
        assert_eq!(d.len(), 2, "{bad}: {d:#?}");
        assert_eq!((d[0].line, d[0].col, d[1].line), (3, 56, 4), "{bad}: {d:#?}");
        assert!(d[0].hint.as_deref().unwrap().contains("at most 1000"), "{d:#?}");
    }
    let (_, d) = parse(&q("1e307"));
    assert_eq!(d[0].message, "question `a` has 1e307 points, more than the 1000 a question may give");
    let (quiz, d) = parse(&q("1000"));
    assert!(d.is_empty(), "{d:#?}");
    assert_eq!(quiz.unwrap().max_points(), 2000.0);
}

#[test]
fn a_key_given_twice_in_a_quiz_is_shown_where_it_repeats() {
    let text = "title: Q\ntitle: R\nquestions:\n  - id: q1\n    type: true_false\n    prompt: P\n    answer: true\n    answer: false\n  - {id: q2, type: true_false, prompt: P, answer: maybe}\n";
    let (q, d) = parse(text);
    assert!(q.is_none());
    let found = all(&d);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(found[0], (2, 1, "`title` is given twice", "remove one of the two `title:` lines (line 1 and 2)"));
    assert_eq!(found[1], (8, 5, "`questions[0].answer` is given twice", "remove one of the two `answer:` lines (line 7 and 8)"));
    assert_eq!((found[2].0, found[2].1), (9, 51));
}

#[test]
fn a_quiz_that_is_not_a_mapping_says_what_it_should_be() {
    let (_, d) = parse("- a\n- b\n");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(d[0].message.contains("expected keys with values: title, questions"), "{d:#?}");
    let (_, d) = parse("title: Q\nquestions: 5\n");
    assert_eq!(
        all(&d),
        [(
            2,
            12,
            "questions: wrong kind of value: the number 5, expected a list",
            "write a list, e.g. `questions: [a, b]`, or one `- item` per line below `questions:`"
        )]
    );
    let (_, d) = parse("title: Q\nquestions:\n  - just text\n");
    assert_eq!((d[0].line, d[0].col), (3, 5));
    assert!(d[0].message.starts_with("questions[0]: wrong kind of value: the text \"just text\", expected a question"), "{d:#?}");
}

#[test]
fn a_matching_or_ordering_question_has_at_most_fifty_pairs_or_items() {
    let matching = |n: usize| {
        format!(
            "title: Q\nquestions:\n  - id: q1\n    type: matching\n    prompt: P\n    pairs:\n{}",
            (0..n).map(|i| format!("      - {{left: l{i}, right: r{i}}}\n")).collect::<String>()
        )
    };
    let ordering = |n: usize| {
        format!(
            "title: Q\nquestions:\n  - id: q1\n    type: ordering\n    prompt: P\n    items:\n{}",
            (0..n).map(|i| format!("      - i{i}\n")).collect::<String>()
        )
    };
    for (text, key) in [(matching(51), "pairs"), (ordering(3000), "items")] {
        let (_, d) = parse(&text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, 6, "{d:?}");
        assert!(d[0].message.ends_with(&format!("{key}; the limit is 50")), "{}", d[0].message);
        assert!(d[0].hint.as_deref().is_some_and(|h| h.starts_with("split it into several questions")));
    }
    for text in [matching(50), ordering(50)] {
        let (q, d) = parse(&text);
        assert!(d.is_empty() && q.is_some(), "{d:?}");
    }
}

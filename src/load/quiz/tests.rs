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

#[test]
fn points_are_positive_and_at_most_a_thousand_so_a_quiz_always_adds_up() {
    let quiz = |points: &str| format!("title: Q\nquestions:\n  - id: q1\n    type: true_false\n    prompt: P\n    answer: true\n    points: {points}\n");
    for (points, shown) in [("1e308", "1e308"), ("1001", "1001"), ("0", "0"), ("-2", "-2"), (".inf", "inf")] {
        let (_, d) = parse(&quiz(points));
        assert_eq!(d.len(), 1, "{points}: {d:?}");
        assert_eq!((d[0].line, d[0].message.as_str()), (7, format!("question `q1` has {shown} points").as_str()), "{points}");
        assert_eq!(d[0].hint.as_deref(), Some("points must be a positive number up to 1000 (default 1)"));
    }
    for points in ["1000", "0.5", "7"] {
        let (q, d) = parse(&quiz(points));
        assert!(d.is_empty() && q.is_some(), "{points}: {d:?}");
    }
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

use super::*;
use crate::yaml::tree;

fn deepest(text: &str) -> usize {
    Scanner::new(text.as_bytes()).run(usize::MAX).0
}

#[test]
fn brackets_nested_too_deep_are_found_where_they_pass_the_limit() {
    let deep = format!("title: T\nx: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let e = too_deep(&deep, 1).expect("too deep");
    assert_eq!((e.line, e.col), (2, 68), "{e:?}");
    assert_eq!(e.message, "brackets are nested more than 64 deep here");
    let e = too_deep(&format!("a: 1\n\nb: {}", "{c: ".repeat(65)), 5).expect("too deep");
    assert_eq!((e.line, e.col), (7, 260), "{e:?}");
    // `]` inside quotes closes nothing: counted as YAML reads it.
    assert!(too_deep(&format!("x: {}\n", "[\"]\", ".repeat(70)), 1).is_some());
    assert!(too_deep(&format!("x: {}\n", "['a'']', ".repeat(70)), 1).is_some());
    // 64 levels are fine, and so are a few brackets in plain text and comments.
    assert!(too_deep(&format!("x: {}{}\n", "[".repeat(64), "]".repeat(64)), 1).is_none());
    assert!(too_deep(&format!("title: {}\n# {}\n", "a[".repeat(10), "[".repeat(20)), 1).is_none());
}

#[test]
fn brackets_in_prose_comments_quotes_and_block_scalars_open_nothing() {
    let many = "[".repeat(100);
    for text in [
        format!("title: Arrays {many} and more\n"),
        format!("title: {}\n", "a[".repeat(100)),
        format!("- a {many}x\n- y\n"),
        format!("description: \"{many}\"\nother: '{many}'\n"),
        format!("# {many}\ntitle: T # {many}\n"),
        format!("prompt: |\n  {many}\n  and {many}\nnext: x\n"),
        format!("prompt: >-\n    text\n    {many}\n"),
        format!("- id: q1\n  prompt: |2\n     {many}\n"),
        format!("text: a long line\n  {many} continued\n"),
        format!("options: [\"{many}\", '{many}', plain]\n"),
        format!("x: [a, b] # {many}\n"),
        format!("\u{feff}title: a {many}\n"),
    ] {
        assert_eq!(deepest(&text), tree::flow_level_reached(&text), "{text}");
        assert!(too_deep(&text, 1).is_none(), "{text}");
    }
}

#[test]
fn brackets_where_a_node_starts_are_counted_wherever_it_is() {
    let many = "[".repeat(70);
    for text in [
        format!("x: {many}"),
        format!("- {many}"),
        format!("key:\n  {many}"),
        format!("--- {many}"),
        many.clone(),
        format!("a: !t {many}"),
        format!("a: &x {many}"),
        format!("? {many}"),
        format!("a: |\n  text\nb: {many}"),
        // The block scalar's lines must be indented more than its mapping (`b` at column 2).
        format!("- b: |\n  {many}"),
        // A line less indented than the block scalar's first line ends it.
        format!("key: |\n    first\n  {many}"),
        // libyaml reads `#` where a token may start as a comment, even without a space.
        "x: ".to_string() + &"[#]\n".repeat(70),
        // A line break that is not LF, then a node.
        format!("a: b\u{2028}{many}"),
        format!("a: b\r{many}"),
        format!("\"key\": {many}"),
        format!("x: [a, {many}"),
        format!("x: {{a: {many}"),
    ] {
        assert!(too_deep(&text, 1).is_some(), "{text:?}");
    }
}

/// Generated texts of YAML's indicators: the depth counted is never below the depth libyaml
/// reaches, whatever the text (a lower count would let a deep text through to libyaml).
#[test]
fn the_depth_counted_is_never_below_what_libyaml_reaches() {
    const PIECES: &[&str] = &[
        "[", "]", "{", "}", ", ", ",", ": ", ":", "- ", "-", "? ", "\n", "\n  ", "\n    ", "  ", " ", "a", "b c", "\"", "'", "''", "\\", "\\\"", "# ", "#",
        "|", "|\n", ">-\n", "|2\n", "!t ", "!<x> ", "&a ", "*a", "---\n", "--- ", "...\n", "\t", "\r", "\u{2028}", "%Y\n", "é", "@", "k: ", "[[", "]]",
        "- b: |\n", "\n- ", "  - ", "k:\n  ", ">\n   ", "{a: ", "\u{feff}",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut compared = 0;
    for _ in 0..100_000 {
        let len = 1 + next() % 40;
        let text: String = (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        let reached = tree::flow_level_reached(&text);
        assert!(deepest(&text) >= reached, "{text:?}: {} < {reached}", deepest(&text));
        compared += usize::from(reached > 1);
    }
    assert!(compared > 2000, "{compared} texts nested brackets");
}

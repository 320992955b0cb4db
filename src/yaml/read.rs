//! Reading one value of a [`Doc`] as a Rust type, reporting every problem in it: after a
//! problem, the key or list item it is in is left out (shown to serde as spaces, so lines and
//! columns stay the file's) and the value is read again. A required key that is missing gets
//! a stand-in (`""`, `[]`, `{}`, `0`, `false`) once reported, so the rest can still be checked.

use serde::de::DeserializeOwned;

use crate::diagnostics::suggest;

use super::tree::{child_path, item_path, Kind, Mark, Node};
use super::words;
use super::{Doc, YamlError};

/// At most this many problems are looked for in one value (each one is a new read of it),
/// and no more than this many bytes are read again for them (a huge file stops earlier).
const MAX_ROUNDS: usize = 100;
const MAX_REREAD_BYTES: usize = 32 * 1024 * 1024;

/// Stand-ins for a missing required key, tried in turn until the value reads.
const STAND_INS: [&str; 6] = ["\"\"", "[]", "{}", "0", "false", "~"];

/// A value as read: what could be read, every problem, and the paths left out.
#[derive(Debug)]
pub struct Read<T> {
    /// `None` when the value itself has the wrong shape (a list where keys are expected) or a
    /// missing key has no stand-in (a type that must be one of a few words).
    pub value: Option<T>,
    pub errors: Vec<YamlError>,
    /// The paths (`title`, `options[1].correct`) that were reported and left out or stood in for.
    left_out: Vec<String>,
}

impl<T> Read<T> {
    /// Whether `path`, or anything under it, was reported: checks of the value that look at it
    /// would only repeat the problem in other words.
    pub fn reported(&self, path: &str) -> bool {
        self.left_out.iter().any(|p| p == path || p.strip_prefix(path).is_some_and(|r| r.starts_with('.') || r.starts_with('[')))
    }

    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }
}

/// A key or item left out: where (byte range), in which mapping, which key.
struct Gap {
    range: (usize, usize),
    map: Option<Mark>,
    key: Option<String>,
}

/// What to do after a problem: read again without a key or item, with one more stand-in, or
/// not at all (the value read is itself wrong, or nothing more can be left out).
enum Step {
    LeaveOut(Gap),
    StandIn,
    Stop,
}

/// One step down from a collection to a key's value or an item.
struct Slot<'n> {
    node: &'n Node,
    key: Option<&'n Node>,
    parent: &'n Node,
    /// Paths relative to the value read.
    path: String,
    parent_path: String,
}

impl Doc<'_> {
    /// Reads `node` as a `T`, every problem at its line and column; `path` is the node's place
    /// in the document (`questions[2]`, or empty for the whole), put before the messages.
    pub fn read<T: DeserializeOwned>(&self, node: &Node, path: &str) -> Read<T> {
        let mut read = self.read_inner::<T>(node, path);
        // A key given twice or a tag is one of the document's problems already.
        let mut seen = std::collections::HashSet::new();
        read.errors.retain(|e| !self.problems.iter().any(|p| (p.line, p.col) == (e.line, e.col)) && seen.insert((e.line, e.col, e.message.clone())));
        read
    }

    fn read_inner<T: DeserializeOwned>(&self, node: &Node, path: &str) -> Read<T> {
        let text = self.text;
        let start = node.start.index.min(self.end);
        let base = text[..start].rfind(is_break).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
        let end = node.end.index.clamp(start, self.end);
        let mut gaps: Vec<Gap> = vec![Gap { range: (base, start), map: None, key: None }];
        for s in self.skip.iter().filter(|s| s.range.0 >= start && s.range.1 <= end) {
            gaps.push(Gap { range: s.range, map: s.map, key: s.key.clone() });
        }
        let mut read = Read { value: None, errors: Vec::new(), left_out: Vec::new() };
        // Stand-ins for missing keys of `node` itself: key and which stand-in.
        let mut stand_ins: Vec<(String, usize)> = Vec::new();
        let lines_before = node.start.line;
        for round in 0..MAX_ROUNDS {
            if round * (end - base) > MAX_REREAD_BYTES {
                break;
            }
            let (src, tail_line) = self.render(node, base, end, &gaps, &stand_ins);
            let err = match serde_yaml_ng::from_str::<T>(&src) {
                Ok(value) => {
                    read.value = Some(value);
                    return read;
                }
                Err(err) => err,
            };
            let Some(loc) = err.location() else {
                self.give_up(&mut read, node, &err);
                return read;
            };
            let pos = (loc.line() + lines_before - 1, loc.column());
            // A stand-in that does not fit (each is on a line of its own): try the next one.
            if let Some(first) = tail_line.filter(|&t| pos.0 >= t) {
                let Some(which) = stand_ins.get_mut(pos.0 - first) else { return read };
                which.1 += 1;
                if which.1 == STAND_INS.len() {
                    return read;
                }
                continue;
            }
            let raw = words::strip_location(&err.to_string()).to_string();
            if words::is_syntax(&raw) {
                self.give_up(&mut read, node, &err);
                return read;
            }
            let chain = descend(node, pos);
            let step = if raw.contains("unknown field `") || raw.contains("duplicate field `") {
                self.on_key(node, &chain, pos, &raw, path, &mut read)
            } else if let Some(key) = field(&raw, "missing field `") {
                self.on_missing(node, &chain, pos, &raw, &key, path, &gaps, &mut read, &mut stand_ins)
            } else {
                self.on_value(&chain, pos, &raw, path, &mut read)
            };
            match step {
                Step::LeaveOut(gap) if !gaps.iter().any(|g| g.range.0 <= gap.range.0 && gap.range.1 <= g.range.1) => gaps.push(gap),
                Step::StandIn => {}
                Step::LeaveOut(_) | Step::Stop => return read,
            }
        }
        read.errors.push(YamlError {
            line: node.start.line,
            col: node.start.col,
            message: format!("more problems here than one run looks for; the first {} are listed", read.errors.len()),
            hint: Some("fix these and run `kyklos check` again".into()),
        });
        read
    }

    /// The text serde reads: `node`'s lines with the gaps as spaces, then the stand-ins. Also
    /// the file line from which on the stand-ins are (errors there are theirs).
    fn render(&self, node: &Node, base: usize, end: usize, gaps: &[Gap], stand_ins: &[(String, usize)]) -> (String, Option<usize>) {
        let slice = &self.text[base..end];
        let mut ranges: Vec<(usize, usize)> = gaps.iter().map(|g| (g.range.0.clamp(base, end), g.range.1.clamp(base, end))).collect();
        ranges.sort_unstable();
        let mut out = String::with_capacity(slice.len() + 32);
        let mut at = base;
        for (a, b) in ranges {
            let a = a.max(at);
            if a >= b {
                continue;
            }
            out.push_str(&self.text[at..a]);
            out.extend(self.text[a..b].chars().map(|c| if is_break(c) { c } else { ' ' }));
            at = b;
        }
        out.push_str(&self.text[at..end]);
        if stand_ins.is_empty() {
            return (out, None);
        }
        let breaks = slice.chars().filter(|&c| is_break(c)).count() - slice.matches("\r\n").count();
        let tail_line = node.start.line + breaks + 1;
        if out.ends_with('\r') {
            // CR and the tail's LF would read as one line break.
            out.push('\n');
        }
        if node.is_flow() {
            // `{…}`: the stand-ins go on lines of their own before the closing brace.
            let close = out.pop();
            let empty = out.trim_end().ends_with('{');
            for (i, (key, which)) in stand_ins.iter().enumerate() {
                out.push_str(if i == 0 && empty { "\n" } else { "\n, " });
                out.push_str(&format!("{key}: {}", STAND_INS[*which]));
            }
            out.push('\n');
            out.extend(close);
        } else {
            let indent = " ".repeat(node.start.col.saturating_sub(1));
            for (key, which) in stand_ins {
                out.push_str(&format!("\n{indent}{key}: {}", STAND_INS[*which]));
            }
            out.push('\n');
        }
        (out, Some(tail_line))
    }

    /// Says the reader's own message once, when nothing better was found.
    fn give_up<T>(&self, read: &mut Read<T>, node: &Node, err: &serde_yaml_ng::Error) {
        if read.errors.is_empty() {
            let mut e = words::syntax_error(err, "", node.start.line);
            if err.location().is_none() {
                (e.line, e.col) = node.at();
            }
            read.errors.push(e);
        }
    }

    /// An unknown key, reported at the key; or a setting serde saw twice under two spellings
    /// (`licence` and `license`), reported at the second.
    fn on_key<T>(&self, root: &Node, chain: &[Slot<'_>], pos: (usize, usize), raw: &str, path: &str, read: &mut Read<T>) -> Step {
        self.key_gap(root, chain, pos, raw, path, read).map_or(Step::Stop, Step::LeaveOut)
    }

    fn key_gap<T>(&self, root: &Node, chain: &[Slot<'_>], pos: (usize, usize), raw: &str, path: &str, read: &mut Read<T>) -> Option<Gap> {
        let (map, map_path, entry) = match field(raw, "duplicate field `") {
            Some(key) => {
                let (map, map_path) = map_at(root, chain, pos)?;
                let Kind::Map { entries, .. } = &map.kind else { return None };
                let same: Vec<&(Node, Node)> =
                    entries.iter().filter(|(k, _)| k.scalar().is_some_and(|s| s == key || suggest(s, &[key.as_str()]).is_some())).collect();
                let [first, second] = same[..] else {
                    let (message, hint) = words::value_error(&strip_path(raw, map_path), "");
                    read.errors.push(YamlError { line: pos.0, col: pos.1, message: join_message(path, map_path, &message), hint });
                    return None;
                };
                let (a, b) = (first.0.scalar().unwrap_or(""), second.0.scalar().unwrap_or(""));
                read.errors.push(YamlError {
                    line: second.0.start.line,
                    col: second.0.start.col,
                    message: join_message(path, map_path, &format!("`{a}` and `{b}` are the same setting, given twice")),
                    hint: Some(format!("remove one of the two lines (line {} and {})", first.0.start.line, second.0.start.line)),
                });
                (map, map_path, second)
            }
            None => {
                let slot = chain.iter().find(|s| s.key.is_some_and(|k| k.at() == pos))?;
                let (message, hint) = words::value_error(&strip_path(raw, &slot.parent_path), "");
                read.errors.push(YamlError { line: pos.0, col: pos.1, message: join_message(path, &slot.parent_path, &message), hint });
                let Kind::Map { entries, .. } = &slot.parent.kind else { return None };
                let entry = entries.iter().find(|(k, _)| k.at() == pos)?;
                (slot.parent, slot.parent_path.as_str(), entry)
            }
        };
        let (k, v) = entry;
        let key = k.scalar().map(str::to_string);
        read.left_out.push(super::join(path, &child_path(map_path, key.as_deref().unwrap_or(""))));
        Some(Gap { range: self.entry_range(map, k, v), map: Some(map.start), key })
    }

    /// A required key that is missing: reported at the start of its mapping (unless a key left
    /// out there was meant: `promt` reported, `prompt` missing). The mapping read gets a
    /// stand-in; a mapping inside it is left out.
    #[allow(clippy::too_many_arguments)]
    fn on_missing<T>(
        &self,
        root: &Node,
        chain: &[Slot<'_>],
        pos: (usize, usize),
        raw: &str,
        key: &str,
        path: &str,
        gaps: &[Gap],
        read: &mut Read<T>,
        stand_ins: &mut Vec<(String, usize)>,
    ) -> Step {
        let Some((map, map_path)) = map_at(root, chain, pos) else { return Step::Stop };
        let slot = chain.iter().find(|s| std::ptr::eq(s.node, map));
        let gone: Vec<&str> = gaps.iter().filter(|g| g.map == Some(map.start)).filter_map(|g| g.key.as_deref()).collect();
        if !gone.contains(&key) && suggest(key, &gone).is_none() {
            let (message, hint) = words::value_error(&strip_path(raw, map_path), "");
            read.errors.push(YamlError { line: pos.0, col: pos.1, message: join_message(path, map_path, &message), hint });
        }
        read.left_out.push(super::join(path, &child_path(map_path, key)));
        match slot {
            Some(s) => Step::LeaveOut(Gap { range: self.slot_range(s), map: Some(s.parent.start), key: s.key.and_then(Node::scalar).map(str::to_string) }),
            None if stand_ins.iter().any(|(k, _)| k == key) => Step::Stop,
            None => {
                stand_ins.push((key.to_string(), 0));
                Step::StandIn
            }
        }
    }

    /// A wrong value: reported where it starts; its key or list item is left out.
    fn on_value<T>(&self, chain: &[Slot<'_>], pos: (usize, usize), raw: &str, path: &str, read: &mut Read<T>) -> Step {
        // A key that is not a plain word (`[a]: b`: its mapping may start at the same place),
        // else the value that starts here.
        let odd_key = chain.iter().find(|s| s.key.is_some_and(|k| k.at() == pos && k.scalar().is_none()));
        let (slot, rel, key) = match (odd_key, chain.iter().find(|s| s.node.at() == pos)) {
            (None, Some(s)) => (Some(s), s.path.as_str(), s.key.and_then(Node::scalar).unwrap_or("")),
            (odd, _) => match odd.or_else(|| chain.last()) {
                Some(s) => (Some(s), s.parent_path.as_str(), ""),
                None => (None, "", ""),
            },
        };
        let (message, hint) = words::value_error(&strip_path(raw, rel), key);
        read.errors.push(YamlError { line: pos.0, col: pos.1, message: join_message(path, rel, &message), hint });
        let Some(slot) = slot else { return Step::Stop };
        read.left_out.push(super::join(path, rel));
        Step::LeaveOut(Gap { range: self.slot_range(slot), map: Some(slot.parent.start), key: slot.key.and_then(Node::scalar).map(str::to_string) })
    }

    /// The bytes to leave out for a key with its value, or a list item with its dash.
    fn slot_range(&self, slot: &Slot<'_>) -> (usize, usize) {
        match slot.key {
            Some(k) => self.entry_range(slot.parent, k, slot.node),
            None => self.item_range(slot.parent, slot.node),
        }
    }

    fn entry_range(&self, map: &Node, key: &Node, value: &Node) -> (usize, usize) {
        self.entry_range_of(map, key.start.index, value.end.index.max(key.end.index))
    }

    /// The bytes `from..to` of an entry of `map`, with its comma in a `{…}` mapping.
    pub(super) fn entry_range_of(&self, map: &Node, from: usize, to: usize) -> (usize, usize) {
        if map.is_flow() {
            self.with_comma((from, to))
        } else {
            (from, to)
        }
    }

    fn item_range(&self, seq: &Node, item: &Node) -> (usize, usize) {
        let range = (item.start.index, item.end.index);
        if seq.is_flow() {
            return self.with_comma(range);
        }
        let before = self.text[..range.0].trim_end_matches([' ', '\t']);
        match before.strip_suffix('-') {
            Some(rest) => (rest.len(), range.1),
            None => range,
        }
    }

    /// A flow item's range with the comma after it (or, for the last, the one before it).
    fn with_comma(&self, (a, b): (usize, usize)) -> (usize, usize) {
        let t = self.text.as_bytes();
        let after = b + t[b..].iter().take_while(|c| c.is_ascii_whitespace()).count();
        if t.get(after) == Some(&b',') {
            return (a, after + 1);
        }
        let before = a - t[..a].iter().rev().take_while(|c| c.is_ascii_whitespace()).count();
        if before > 0 && t[before - 1] == b',' {
            return (before - 1, b);
        }
        (a, b)
    }
}

/// The slots from `node` down to the deepest key or item whose text holds `pos`.
fn descend(node: &Node, pos: (usize, usize)) -> Vec<Slot<'_>> {
    let mut chain: Vec<Slot<'_>> = Vec::new();
    let mut here = node;
    let mut path = String::new();
    loop {
        let next = match &here.kind {
            Kind::Map { entries, .. } => {
                entries.iter().find(|(k, v)| k.at() <= pos && (pos < (v.end.line, v.end.col) || v.at() == pos || k.at() == pos)).map(|(k, v)| {
                    let p = child_path(&path, k.scalar().unwrap_or("?"));
                    Slot { node: v, key: Some(k), parent: here, path: p, parent_path: path.clone() }
                })
            }
            Kind::Seq { items, .. } => items.iter().enumerate().find(|(_, n)| contains(n, pos)).map(|(i, n)| Slot {
                node: n,
                key: None,
                parent: here,
                path: item_path(&path, i),
                parent_path: path.clone(),
            }),
            _ => None,
        };
        let Some(slot) = next else { return chain };
        path = slot.path.clone();
        here = slot.node;
        chain.push(slot);
    }
}

/// The mapping serde reports a missing or doubled key of at `pos`, with its path: where it
/// starts, or (its first keys left out) where its first key still read is.
fn map_at<'n>(root: &'n Node, chain: &'n [Slot<'n>], pos: (usize, usize)) -> Option<(&'n Node, &'n str)> {
    if root.at() == pos || chain.is_empty() {
        return Some((root, ""));
    }
    if let Some(s) = chain.iter().find(|s| s.node.at() == pos && matches!(s.node.kind, Kind::Map { .. })) {
        return Some((s.node, s.path.as_str()));
    }
    let s = chain.iter().find(|s| s.key.is_some_and(|k| k.at() == pos))?;
    Some((s.parent, s.parent_path.as_str()))
}

/// A line break as libyaml counts lines (CR LF counts once).
fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn contains(n: &Node, pos: (usize, usize)) -> bool {
    n.at() <= pos && (pos < (n.end.line, n.end.col) || n.at() == pos)
}

/// `field` in `missing field `field``.
fn field(raw: &str, marker: &str) -> Option<String> {
    raw.split(marker).nth(1).and_then(|r| r.split('`').next()).map(str::to_string)
}

/// The message without serde's own path (`options[1].correct: `), which is relative to the
/// value read; [`join_message`] puts the path in the document back. Indices may differ from
/// the tree's (serde counts the items left in), so paths are compared without them.
fn strip_path(raw: &str, rel: &str) -> String {
    let shape = |p: &str| -> String {
        let mut out = String::new();
        let mut in_index = false;
        for c in p.trim_start_matches('.').chars() {
            match c {
                '[' => in_index = true,
                ']' => in_index = false,
                _ if in_index => continue,
                _ => {}
            }
            out.push(c);
        }
        out
    };
    match raw.split_once(": ") {
        Some((prefix, rest)) if !rel.is_empty() && shape(prefix) == shape(rel) => rest.to_string(),
        _ => raw.to_string(),
    }
}

/// `path.rel: message`, or the message alone at the top of the document.
fn join_message(path: &str, rel: &str, message: &str) -> String {
    let full = super::join(path, rel);
    if full.is_empty() {
        message.to_string()
    } else {
        format!("{full}: {message}")
    }
}

//! Fuzz target: a lesson: front matter, Markdown, raw HTML, link resolution.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kyklos::fuzzing::page(data));

//! Fuzz target: a quiz and its translation (separated by kyklos::fuzzing::SEPARATOR): parse, validate, merge.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kyklos::fuzzing::quiz(data));

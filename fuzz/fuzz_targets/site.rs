//! Fuzz target: site.yaml and an i18n file (separated by kyklos::fuzzing::SEPARATOR).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kyklos::fuzzing::site(data));

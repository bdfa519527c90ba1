//! The question script loader on any text: refused with file:line:column, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let _ = sparring::script::Script::parse(&text, "fuzz.toml");
});

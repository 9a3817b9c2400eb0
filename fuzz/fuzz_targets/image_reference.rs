#![no_main]
//! Docker reference parsing.
use libfuzzer_sys::fuzz_target;
use tallyman::oci::ImageReference;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(reference) = ImageReference::parse(text) {
            let _ = (
                reference.to_string(),
                reference.api_host(),
                reference.is_loopback(),
            );
        }
    }
});

#![no_main]
//! The RPM cataloger over any bytes at `var/lib/rpm/Packages` (the backend
//! is told by the content: SQLite, ndb or Berkeley DB, whose values go to
//! the header parser), and, after a leading `H`, the header parser alone
//! with every tag read in every way.
use libfuzzer_sys::fuzz_target;
use tallyman_catalogers::rpm::header::Header;
use tallyman_catalogers::rpm::RpmCataloger;
use tallyman_catalogers::{Cataloger, Environment, ImageFiles};

fuzz_target!(|data: &[u8]| {
    if let Some((b'H', blob)) = data.split_first() {
        if let Ok(header) = Header::parse(blob) {
            for tag in (1000..1200).chain(5000..5100) {
                let _ = header.string(tag);
                let _ = header.strings(tag).map(Iterator::count);
                let _ = header.numbers(tag);
            }
        }
        return;
    }
    let mut files = ImageFiles::new();
    files.insert_file("var/lib/rpm/Packages", data.to_vec().into(), 0);
    files.insert_file(
        "var/lib/rpmmanifest/container-manifest-2",
        data.to_vec().into(),
        0,
    );
    let _ = RpmCataloger.catalog(&files, &Environment::default());
});

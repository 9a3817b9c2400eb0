//! rpm's own "ndb" `Packages.db` (SUSE): a 32-byte header (`RpmP`, version
//! 0, the number of 4 KiB slot pages), then slots (`Slot`, package index,
//! block offset, block count; the header takes the first two), each used
//! slot pointing at a blob (`BlbS`, package index, checksum, length) whose
//! bytes are the package header. Little-endian throughout; every offset and
//! length is checked against the file. (rpm's `lib/backend/ndb/rpmpkg.c`
//! defines the format; knqyf263/go-rpmdb was the reference.)

const HEADER_MAGIC: &[u8] = b"RpmP";
const SLOT_MAGIC: &[u8] = b"Slot";
const BLOB_MAGIC: &[u8] = b"BlbS";
const SLOT_PAGE: usize = 4096;
const SLOT: usize = 16;
const BLOCK: usize = 16;
/// rpm refuses more slot pages than this as well.
const MAX_SLOT_PAGES: usize = 2048;

/// Whether `data` starts like an ndb `Packages.db`.
pub fn is_ndb(data: &[u8]) -> bool {
    data.starts_with(HEADER_MAGIC)
}

fn le32(data: &[u8], at: usize) -> Option<usize> {
    let b = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

/// Every package header blob of the database.
pub fn blobs(data: &[u8]) -> Result<Vec<&[u8]>, String> {
    if !is_ndb(data) || le32(data, 4) != Some(0) {
        return Err("no ndb header of version 0".into());
    }
    let pages = le32(data, 12).unwrap_or(0);
    if pages == 0 || pages > MAX_SLOT_PAGES {
        return Err(format!("an impossible number of slot pages ({pages})"));
    }
    let slots_end = pages * SLOT_PAGE;
    if data.len() < slots_end {
        return Err("shorter than its slot pages".into());
    }
    let mut blobs = Vec::new();
    for at in (32..slots_end).step_by(SLOT) {
        if &data[at..at + 4] != SLOT_MAGIC {
            return Err(format!("a bad slot at byte {at}"));
        }
        let index = le32(data, at + 4).unwrap_or(0);
        if index == 0 {
            continue; // a free slot
        }
        let start = le32(data, at + 8).unwrap_or(0) * BLOCK;
        let header = data
            .get(start..start + 16)
            .ok_or_else(|| format!("package {index}'s blob is past the end"))?;
        if &header[..4] != BLOB_MAGIC || le32(header, 4) != Some(index) {
            return Err(format!("package {index}'s blob has a bad header"));
        }
        let length = le32(header, 12).unwrap_or(0);
        let blob = start
            .checked_add(16 + length)
            .and_then(|end| data.get(start + 16..end))
            .ok_or_else(|| format!("package {index}'s blob runs past the end"))?;
        blobs.push(blob);
    }
    Ok(blobs)
}
